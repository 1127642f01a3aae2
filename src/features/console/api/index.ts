/** The staff console's reads: the queue, one order's staff view, technicians. */
import { createRouter } from '@/server/http/app';
import { staffReadApi } from './read';

export const consoleApi = createRouter().route('/', staffReadApi);
