/** Where the trained fault model lives (committed; rebuilt by `npm run train:ai`). */
import path from 'node:path';

export const FAULT_MODEL_PATH = path.join(process.cwd(), 'src/features/diagnostics/model/fault-model.json');
export const FAULT_TRAINING_PATH = path.join(process.cwd(), 'src/features/diagnostics/training/train.jsonl');
export const FAULT_HELDOUT_PATH = path.join(process.cwd(), 'src/features/diagnostics/training/heldout.jsonl');
