/** The notifications domain's routes: the in-app notification centre and Web Push. */
import { createRouter } from '@/server/http/app';
import { inAppNotificationsApi } from './in-app';
import { pushApi } from './push';

export const notificationsApi = createRouter().route('/', inAppNotificationsApi).route('/', pushApi);
