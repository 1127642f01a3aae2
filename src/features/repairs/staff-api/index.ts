/**
 * The staff console's API (technician and above): the queue, one order's staff view, status
 * changes, assignment, intake, passcode reveal, notes, messages and walk-ins.
 * Parts/labour lines, revised quotes and photos live in their own routers.
 */
import { createRouter } from '@/server/http/app';
import { staffReadApi } from './read';
import { staffChangeApi } from './change';
import { staffTimelineApi } from './timeline';
import { staffWalkInApi } from './walk-ins';

export const staffOrdersApi = createRouter()
  .route('/', staffReadApi)
  .route('/', staffChangeApi)
  .route('/', staffTimelineApi)
  .route('/', staffWalkInApi);
