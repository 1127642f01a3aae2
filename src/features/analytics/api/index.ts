/** The analytics domain's API: the tracker's events (anyone), metrics, the saved dashboard, exports and the accounting export (managers and admins). */
import { createRouter } from '@/server/http/app';
import { analyticsDashboardApi } from './dashboard';
import { analyticsEventsApi } from './events';
import { exportsApi } from './exports';
import { accountingApi } from './accounting';
import { analyticsMetricsApi } from './metrics';

export const analyticsApi = createRouter()
  .route('/', analyticsEventsApi)
  .route('/', analyticsMetricsApi)
  .route('/', analyticsDashboardApi)
  .route('/', exportsApi)
  .route('/', accountingApi);
