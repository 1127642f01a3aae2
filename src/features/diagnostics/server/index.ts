/** The diagnostics domain's public surface, server side. */
export { classifyFault, isNotSure, notSureThreshold, warmUpDiagnostics } from './classify-fault';
export { FAULT_HELDOUT_PATH, FAULT_MODEL_PATH, FAULT_TRAINING_PATH } from './model-file';
