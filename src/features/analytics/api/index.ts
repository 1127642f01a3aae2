/** The analytics domain's API: metrics and the saved dashboard (managers and admins). */
import { createRouter } from '@/server/http/app';
import { analyticsDashboardApi } from './dashboard';
import { analyticsMetricsApi } from './metrics';

export const analyticsApi = createRouter().route('/', analyticsMetricsApi).route('/', analyticsDashboardApi);
