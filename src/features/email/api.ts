/**
 * E-mail set-up and outbox API, admin-only (`manage EmailSettings`). SMTP checks answer 200 with
 * `{ ok, message }` whatever the mail server said (the server's answer is the result); bad input
 * is a 422 with field messages and saves nothing; checks before anything is saved are a 409.
 */
import { auditRequestFrom } from '@/features/audit/server';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { authorize } from '@/features/access/server';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { getDb } from '@/server/db/runtime';
import {
  MessageDetailSchema,
  MessageListQuerySchema,
  MessageListSchema,
  SendTestInputSchema,
  SmtpCheckResultSchema,
  SmtpSettingsInputSchema,
  SmtpSettingsSchema,
} from './schemas';
import { getSmtpSettings } from './server/get-smtp-settings';
import { configureSmtp } from './server/configure-smtp';
import { SmtpNotConfiguredError, testSmtpConnection } from './server/test-smtp-connection';
import { sendTestEmail } from './server/send-test-email';
import { listMessages } from './server/list-messages';
import { getMessage } from './server/get-message';
import { resendMessage } from './server/resend-message';

const guard = [authorize('manage', 'EmailSettings')];
const denied = accessErrorResponses;
const tags = ['E-mail'];

const notConfigured = (err: unknown): never => {
  if (err instanceof SmtpNotConfiguredError) {
    throw new DomainError('CONFLICT', 'Save the SMTP settings first, then test them.');
  }
  throw err;
};

const settingsRoute = createRoute({
  method: 'get',
  path: '/email/settings',
  tags,
  summary: 'The SMTP settings (never the password: only whether one is saved)',
  middleware: guard,
  responses: { 200: jsonResponse(SmtpSettingsSchema, 'Settings'), ...denied },
});

const configureRoute = createRoute({
  method: 'post',
  path: '/email/configure',
  tags,
  summary:
    'Save the SMTP settings (preset gmail/outlook/sendgrid/custom); an empty password keeps the saved one',
  middleware: guard,
  request: { body: jsonBody(SmtpSettingsInputSchema) },
  responses: {
    200: jsonResponse(SmtpSettingsSchema, 'Saved'),
    400: errorResponses[400],
    422: errorResponses[422],
    ...denied,
  },
});

const TestConnectionInput = z.object({ settings: SmtpSettingsInputSchema.optional() });

const testConnectionRoute = createRoute({
  method: 'post',
  path: '/email/test-connection',
  tags,
  summary: 'Real SMTP handshake and sign-in with the given (or saved) settings; reports the server answer',
  middleware: guard,
  request: { body: jsonBody(TestConnectionInput) },
  responses: {
    200: jsonResponse(SmtpCheckResultSchema, 'The outcome, with the server answer'),
    409: errorResponses[409],
    422: errorResponses[422],
    ...denied,
  },
});

const sendTestRoute = createRoute({
  method: 'post',
  path: '/email/send-test',
  tags,
  summary: 'Send a test e-mail through the saved SMTP settings now; reports the server answer',
  middleware: guard,
  request: { body: jsonBody(SendTestInputSchema) },
  responses: {
    200: jsonResponse(SmtpCheckResultSchema, 'The outcome, with the server answer'),
    409: errorResponses[409],
    422: errorResponses[422],
    ...denied,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/email/messages',
  tags,
  summary: 'The outbox: every e-mail, newest first',
  middleware: guard,
  request: { query: MessageListQuerySchema },
  responses: {
    200: jsonResponse(MessageListSchema, 'A page of messages'),
    422: errorResponses[422],
    ...denied,
  },
});

const IdParam = z.object({ id: z.string().min(1).max(64) });

const getRoute = createRoute({
  method: 'get',
  path: '/email/messages/{id}',
  tags,
  summary: 'One e-mail with its HTML and text',
  middleware: guard,
  request: { params: IdParam },
  responses: { 200: jsonResponse(MessageDetailSchema, 'The message'), 404: errorResponses[404], ...denied },
});

const resendRoute = createRoute({
  method: 'post',
  path: '/email/messages/{id}/resend',
  tags,
  summary: 'Queue a failed, dead or sent e-mail again',
  middleware: guard,
  request: { params: IdParam },
  responses: {
    200: jsonResponse(MessageDetailSchema, 'Queued again'),
    404: errorResponses[404],
    409: errorResponses[409],
    ...denied,
  },
});

export const emailApi = createRouter()
  .openapi(settingsRoute, async (c) => c.json(await getSmtpSettings(await getDb()), 200))
  .openapi(configureRoute, async (c) => {
    const me = c.get('user')!;
    const saved = await configureSmtp(await getDb(), c.req.valid('json'), {
      updatedBy: me.id,
      actor: { id: me.id, email: me.email, role: me.role },
      request: auditRequestFrom(c),
    });
    return c.json(saved, 200);
  })
  .openapi(testConnectionRoute, async (c) => {
    const result = await testSmtpConnection(await getDb(), c.req.valid('json').settings).catch(notConfigured);
    return c.json(result, 200);
  })
  .openapi(sendTestRoute, async (c) => {
    const result = await sendTestEmail(await getDb(), c.req.valid('json').to).catch(notConfigured);
    return c.json(result, 200);
  })
  .openapi(listRoute, async (c) => c.json(await listMessages(await getDb(), c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => {
    const message = await getMessage(await getDb(), c.req.valid('param').id);
    if (!message) throw new DomainError('NOT_FOUND', 'No e-mail with that id.');
    return c.json(message, 200);
  })
  .openapi(resendRoute, async (c) =>
    c.json(await resendMessage(await getDb(), c.req.valid('param').id), 200),
  );
