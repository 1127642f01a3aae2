/** The notifications domain's routes: the in-app notification centre and Web Push. */
import { createRouter } from '@/server/http/app';
import { inAppNotificationsApi } from './in-app';
import { pushApi } from './push';
import { preferencesApi } from './preferences';

export const notificationsApi = createRouter()
  .route('/', inAppNotificationsApi)
  .route('/', pushApi)
  .route('/', preferencesApi);
