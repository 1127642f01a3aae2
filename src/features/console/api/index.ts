/** The staff console's reads (the queue, one order's staff view, technicians) and walk-ins. */
import { createRouter } from '@/server/http/app';
import { staffReadApi } from './read';
import { staffWalkInApi } from './walk-ins';

export const consoleApi = createRouter().route('/', staffReadApi).route('/', staffWalkInApi);
