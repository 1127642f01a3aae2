/** The analytics domain's API: the tracker's events (anyone), metrics and the saved dashboard (managers and admins). */
import { createRouter } from '@/server/http/app';
import { analyticsDashboardApi } from './dashboard';
import { analyticsEventsApi } from './events';
import { analyticsMetricsApi } from './metrics';

export const analyticsApi = createRouter()
  .route('/', analyticsEventsApi)
  .route('/', analyticsMetricsApi)
  .route('/', analyticsDashboardApi);
