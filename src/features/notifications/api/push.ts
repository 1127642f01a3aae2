/**
 * Web Push under /api/notifications/push: the VAPID public key, subscribe and unsubscribe (any
 * signed-in user, their own browsers only), sends by managers and admins (to a user or a role,
 * now or scheduled; cancellable), per-notification stats, and the service worker's receipts.
 */
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { requireUser } from '@/server/http/guard';
import { requestHeader } from '@/server/http/api-app';
import { getDb } from '@/server/db/runtime';
import { getSecrets } from '@/server/secrets';
import { authorize } from '@/features/access/server';
import {
  PushCancelledSchema,
  PushIdParamSchema,
  PushKeySchema,
  PushReceiptInputSchema,
  PushScheduledListSchema,
  PushSendInputSchema,
  PushSendResultSchema,
  PushStatsSchema,
  PushSubscribedSchema,
  PushSubscriptionInputSchema,
  PushUnsubscribedSchema,
  PushUnsubscribeInputSchema,
} from '../push-schemas';
import { saveSubscription } from '../server/push/save-subscription';
import { removeSubscription } from '../server/push/remove-subscription';
import { sendPush } from '../server/push/send-push';
import { listScheduledPushes } from '../server/push/list-scheduled';
import { cancelScheduledPush } from '../server/push/cancel-scheduled';
import { getPushStats } from '../server/push/get-push-stats';
import { recordPushReceipt } from '../server/push/record-receipt';

const tags = ['Push'];
const base = '/notifications/push';
const staffGuard = [authorize('manage', 'PushNotification')];
const invalid = { 400: errorResponses[400], 422: errorResponses[422] };
const tooLarge = {
  description: 'The notification is larger than 3 KB once encoded',
  content: errorResponses[422].content,
};

const keyRoute = createRoute({
  method: 'get',
  path: `${base}/key`,
  tags,
  summary: 'The VAPID public key (base64url), the applicationServerKey for PushManager.subscribe',
  responses: { 200: jsonResponse(PushKeySchema, 'The key') },
});

const subscribeRoute = createRoute({
  method: 'post',
  path: `${base}/subscribe`,
  tags,
  summary: "Store this browser's push subscription for me (an endpoint already stored becomes mine: 200)",
  middleware: [requireUser] as const,
  request: { body: jsonBody(PushSubscriptionInputSchema) },
  responses: {
    201: jsonResponse(PushSubscribedSchema, 'Stored'),
    200: jsonResponse(PushSubscribedSchema, 'Already stored; now mine'),
    ...invalid,
    401: accessErrorResponses[401],
  },
});

const unsubscribeRoute = createRoute({
  method: 'post',
  path: `${base}/unsubscribe`,
  tags,
  summary: 'Remove my subscription with this endpoint (404 when I have none)',
  middleware: [requireUser] as const,
  request: { body: jsonBody(PushUnsubscribeInputSchema) },
  responses: {
    200: jsonResponse(PushUnsubscribedSchema, 'Removed'),
    404: errorResponses[404],
    ...invalid,
    401: accessErrorResponses[401],
  },
});

const sendRoute = createRoute({
  method: 'post',
  path: `${base}/send`,
  tags,
  summary: 'Send a notification to one user or everyone with a role, now or at `sendAt`',
  middleware: staffGuard,
  request: { body: jsonBody(PushSendInputSchema) },
  responses: {
    202: jsonResponse(PushSendResultSchema, 'Queued or scheduled'),
    413: tooLarge,
    ...invalid,
    ...accessErrorResponses,
  },
});

const scheduledRoute = createRoute({
  method: 'get',
  path: `${base}/scheduled`,
  tags,
  summary: 'Sends waiting for their time, soonest first',
  middleware: staffGuard,
  responses: { 200: jsonResponse(PushScheduledListSchema, 'Scheduled sends'), ...accessErrorResponses },
});

const cancelRoute = createRoute({
  method: 'delete',
  path: `${base}/scheduled/{id}`,
  tags,
  summary: 'Cancel a scheduled send (409 once it is being sent or was sent)',
  middleware: staffGuard,
  request: { params: PushIdParamSchema },
  responses: {
    200: jsonResponse(PushCancelledSchema, 'Cancelled'),
    404: errorResponses[404],
    409: errorResponses[409],
    422: errorResponses[422],
    ...accessErrorResponses,
  },
});

const statsRoute = createRoute({
  method: 'get',
  path: `${base}/{id}/stats`,
  tags,
  summary: 'Delivery counts of one notification (per recipient role for a send to a role)',
  middleware: staffGuard,
  request: { params: PushIdParamSchema },
  responses: {
    200: jsonResponse(PushStatsSchema, 'Counts'),
    404: errorResponses[404],
    422: errorResponses[422],
    ...accessErrorResponses,
  },
});

const receiptRoute = createRoute({
  method: 'post',
  path: `${base}/receipts`,
  tags,
  summary: "The service worker's report that a push arrived (delivered) or was clicked",
  request: { body: jsonBody(PushReceiptInputSchema) },
  responses: { 204: { description: 'Recorded' }, 404: errorResponses[404], ...invalid },
});

export const pushApi = createRouter()
  .openapi(keyRoute, (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json({ publicKey: getSecrets().vapid.publicKey }, 200);
  })
  .openapi(subscribeRoute, async (c) => {
    const user = c.get('user')!;
    const saved = await saveSubscription(
      await getDb(),
      user.id,
      c.req.valid('json'),
      requestHeader(c, 'user-agent') ?? null,
    );
    return saved.created ? c.json({ id: saved.id }, 201) : c.json({ id: saved.id }, 200);
  })
  .openapi(unsubscribeRoute, async (c) => {
    const user = c.get('user')!;
    return c.json(await removeSubscription(await getDb(), user.id, c.req.valid('json').endpoint), 200);
  })
  .openapi(sendRoute, async (c) => {
    const user = c.get('user')!;
    return c.json(await sendPush(await getDb(), user.id, c.req.valid('json')), 202);
  })
  .openapi(scheduledRoute, async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await listScheduledPushes(await getDb()), 200);
  })
  .openapi(cancelRoute, async (c) =>
    c.json(await cancelScheduledPush(await getDb(), c.req.valid('param').id), 200),
  )
  .openapi(statsRoute, async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await getPushStats(await getDb(), c.req.valid('param').id), 200);
  })
  .openapi(receiptRoute, async (c) => {
    await recordPushReceipt(await getDb(), c.req.valid('json'));
    return c.body(null, 204);
  });
