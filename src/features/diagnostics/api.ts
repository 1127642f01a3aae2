/**
 * POST /api/ai/diagnose: the likely faults of a device from the customer's description, with
 * the catalogue's repairs (priced when the model is known), urgency, photo checks and, when a
 * provider is configured, its second opinion. Public (the booking form asks before sign-in),
 * limited per address. Its body may carry up to three photos as data: URLs, so it reads the
 * body itself under its own cap (src/server/entry/api.ts exempts it from the 64 KB default).
 */
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { errorResponses, problemContentOf } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { jsonBodyUpTo, sizeText } from '@/server/http/json-body';
import { perIp, rateLimit, rateLimitedResponse } from '@/server/http/rate-limit';
import { env } from '@/env';
import { getDb } from '@/server/db/runtime';
import { DiagnoseRequestSchema, DiagnosisSchema, MAX_DIAGNOSE_BODY_BYTES } from './schemas';
import { diagnose } from './server/diagnose';

/** This route reads its own (larger) JSON body: see src/server/entry/api.ts. */
export function isDiagnoseRequest(method: string, path: string): boolean {
  return method === 'POST' && /^\/api\/ai\/diagnose\/?$/.test(path);
}

const limits = rateLimit(
  perIp('ai-diagnose', env.RATE_LIMIT_AI_DIAGNOSE_IP, 'Too many diagnoses from this address.'),
);

const diagnoseRoute = createRoute({
  method: 'post',
  path: '/ai/diagnose',
  tags: ['Diagnostics'],
  summary: 'Likely faults and repairs from a description of the problem (and optional photos)',
  description:
    'Ranked by the local model’s calibrated probability; repairs priced by the pricing engine when ' +
    '`modelSlug` is given. `notSure` (with advice to book a diagnostic check) when the text is not ' +
    'about a device fault or the top probability is low. `urgency` comes from a fixed safety rule ' +
    'list, not the model. With AI_BASE_URL set, a provider’s second opinion is blended in ' +
    '(`source: provider`); the local answer stands when it fails or times out. ' +
    `Body at most ${sizeText(MAX_DIAGNOSE_BODY_BYTES)}.`,
  middleware: [limits, jsonBodyUpTo(MAX_DIAGNOSE_BODY_BYTES)] as const,
  request: { body: jsonBody(DiagnoseRequestSchema) },
  responses: {
    200: jsonResponse(DiagnosisSchema, 'The diagnosis'),
    400: errorResponses[400],
    413: { description: 'The body is too large', content: problemContentOf() },
    422: errorResponses[422],
    ...rateLimitedResponse,
  },
});

export const diagnosticsApi = createRouter().openapi(diagnoseRoute, async (c) => {
  return c.json(await diagnose(await getDb(), c.req.valid('json')), 200);
});
