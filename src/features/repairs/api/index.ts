/**
 * The order workflow's API: status changes, assignment, intake, the passcode, notes and
 * messages (staff), and the live streams of orders. The console's reads, lines and quotes,
 * photos and the customer's views live in their own domains.
 */
import { createRouter } from '@/server/http/app';
import { staffChangeApi } from './change';
import { staffTimelineApi } from './timeline';
import { orderLiveApi } from './live';

export const repairsApi = createRouter()
  .route('/', staffChangeApi)
  .route('/', staffTimelineApi)
  .route('/', orderLiveApi);
