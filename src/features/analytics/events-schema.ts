/**
 * The body of `POST /api/analytics/events` (contracts.md, "Event tracking"): 1-50 events, each
 * one of the closed list of names with that name's own properties. Everything is short and
 * printable; the path is a pathname only (a query or fragment is cut off, an absolute URL is
 * refused); `occurredAt` is at most a day old (later than now is clamped to now on storing).
 */
import { z } from '@hono/zod-openapi';
import { FUNNEL_STEPS, INSTALL_OUTCOMES, MAX_EVENTS_PER_BATCH } from './tracking';

/** How far back an event's time may be (a day: a batch kept by a tab that slept). */
export const MAX_EVENT_AGE_MS = 24 * 60 * 60 * 1000;
/** Control, format, surrogate and private-use characters: never in a path. */
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/u;

const token = z
  .string()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may contain letters, digits and _ . : - only');

const visitId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, _ or -')
  .openapi({ description: 'random id of the visit (cookie-free mode: of the page load)' });

const path = z
  .string()
  .max(300, 'must be at most 300 characters')
  .refine((p) => !CONTROL.test(p) && !/\s/.test(p), 'must not contain spaces or control characters')
  .refine((p) => p.startsWith('/') && !p.startsWith('//'), 'must be a path starting with / (not a URL)')
  .transform((p) => p.replace(/[?#].*$/s, '') || '/')
  .openapi({ description: 'pathname only; a query string or fragment is dropped' });

const occurredAt = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .refine((v) => Date.parse(v) >= Date.now() - MAX_EVENT_AGE_MS, 'must be within the last 24 hours');

const emptyProps = z.object({}).strict().default({});

function eventOf<N extends string, P extends z.ZodType>(name: N, props: P) {
  return z.object({ name: z.literal(name), visitId, path: path.optional(), occurredAt, props }).strict();
}

export const AnalyticsEventSchema = z
  .discriminatedUnion(
    'name',
    [
      eventOf('page_view', emptyProps),
      eventOf('funnel_step', z.object({ step: z.enum(FUNNEL_STEPS) }).strict()),
      eventOf(
        'install_prompt',
        z
          .object({
            outcome: z.enum(INSTALL_OUTCOMES),
            trigger: token.nullable().optional(),
            platform: token.nullable().optional(),
            via: token.optional(),
          })
          .strict(),
      ),
      eventOf('app_installed', emptyProps),
      eventOf('push_click', z.object({ kind: token }).strict()),
      eventOf('assistant_handover', z.object({ reason: token }).strict()),
    ],
    {
      error:
        'must be one of page_view, funnel_step, install_prompt, app_installed, push_click, assistant_handover',
    },
  )
  .openapi('AnalyticsEvent');
export type AnalyticsEventInput = z.infer<typeof AnalyticsEventSchema>;

export const AnalyticsEventBatchSchema = z
  .object({
    events: z
      .array(AnalyticsEventSchema)
      .min(1, 'must hold at least one event')
      .max(MAX_EVENTS_PER_BATCH, `must hold at most ${MAX_EVENTS_PER_BATCH} events`),
  })
  .strict()
  .openapi('AnalyticsEventBatch');
export type AnalyticsEventBatch = z.infer<typeof AnalyticsEventBatchSchema>;

export const AcceptedEventsSchema = z.object({ accepted: z.number().int() }).openapi('AcceptedEvents');
