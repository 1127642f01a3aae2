/**
 * The HTTP API as served: the frame of src/server/http/api-app.ts (one middleware chain, one
 * error handler) with every domain's routes mounted under /api. This is part of the entry, the
 * composition root: it alone knows all the domains.
 */
import { createApiApp, finishApiApp } from '@/server/http/api-app';
import { catalogApi } from '@/features/catalog/api';
import { shopsApi } from '@/features/shops/api';
import { shopsAdminApi } from '@/features/shops/api-admin';
import { catalogAdminApi } from '@/features/catalog/api-admin';
import { pricingApi } from '@/features/pricing/api';
import { bookingApi, isBookingPhotoUploadRequest } from '@/features/booking/api';
import { repairsApi } from '@/features/repairs/api';
import { consoleApi } from '@/features/console/api';
import { portalApi } from '@/features/portal/api';
import { quotesApi } from '@/features/quotes/api';
import { isPhotoUploadRequest, photosApi } from '@/features/photos/api';
import { systemApi } from '@/features/system/api';
import { authApi, betterAuthApi, sessionUserOfRequest } from '@/features/auth/api';
import { emailApi } from '@/features/email/api';
import { notificationsApi } from '@/features/notifications/api';
import { paymentsApi } from '@/features/payments/api';
import { auditApi } from '@/features/audit/api';
import { securityApi } from '@/features/security/api';
import { insightsApi } from '@/features/insights/api';
import { diagnosticsApi, isDiagnoseRequest } from '@/features/diagnostics/api';
import { supportApi } from '@/features/support/api';
import { analyticsApi } from '@/features/analytics/api';
import { ratingsApi } from '@/features/ratings/api';
import { wireDomainHooks } from './hooks';

function buildApi() {
  wireDomainHooks();
  const app = createApiApp({
    resolveUser: sessionUserOfRequest,
    bodyMode: (method, path) =>
      // signed webhooks are checked byte for byte; photo uploads stream their own, larger body
      path.startsWith('/api/payments/webhooks/')
        ? 'verbatim'
        : isPhotoUploadRequest(method, path) ||
            isBookingPhotoUploadRequest(method, path) ||
            isDiagnoseRequest(method, path)
          ? 'own'
          : 'json',
  });

  // better-auth's untyped catch-all stays out of the typed route chain below
  app.route('/', betterAuthApi);
  const routes = app
    .route('/', systemApi)
    .route('/', catalogApi)
    .route('/', shopsApi)
    .route('/', pricingApi)
    .route('/', bookingApi)
    .route('/', repairsApi)
    .route('/', consoleApi)
    .route('/', portalApi)
    .route('/', quotesApi)
    .route('/', photosApi)
    .route('/', authApi)
    .route('/', emailApi)
    .route('/', notificationsApi)
    .route('/', paymentsApi)
    .route('/', auditApi)
    .route('/', securityApi)
    .route('/', insightsApi)
    .route('/', diagnosticsApi)
    .route('/', supportApi)
    .route('/', analyticsApi)
    .route('/', ratingsApi)
    .route('/', catalogAdminApi)
    .route('/', shopsAdminApi);

  finishApiApp(app);
  return routes;
}

/** The API's type; client components use each domain's own typed client (components/api-client.ts). */
type Api = ReturnType<typeof buildApi>;

declare global {
  var __rtApi: Api | undefined;
}

/** The API of this process (one per process: Next's bundle and the server share it). */
export function getApi(): Api {
  return (globalThis.__rtApi ??= buildApi());
}
