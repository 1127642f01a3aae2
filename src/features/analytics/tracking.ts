/**
 * The tracker's closed list of event names and their properties (contracts.md, "Event
 * tracking"), shared by the browser tracker, the service worker and the API. Plain constants
 * only: client code imports this file, so it holds no zod (the customer pages' CSP has no eval).
 */

/** The booking funnel's steps, in their order. */
export const FUNNEL_STEPS = ['start', 'device', 'repairs', 'service', 'details', 'submit', 'booked'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export const INSTALL_OUTCOMES = ['shown', 'accepted', 'dismissed'] as const;
export type InstallOutcome = (typeof INSTALL_OUTCOMES)[number];

export const EVENT_NAMES = [
  'page_view',
  'funnel_step',
  'install_prompt',
  'app_installed',
  'push_click',
  'assistant_handover',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** The properties of each event (short strings only: no personal data). */
export interface EventProps {
  page_view: Record<string, never>;
  funnel_step: { step: FunnelStep };
  install_prompt: {
    outcome: InstallOutcome;
    trigger?: string | null;
    platform?: string | null;
    via?: string;
  };
  app_installed: Record<string, never>;
  push_click: { kind: string };
  assistant_handover: { reason: string };
}

/** One event as the browser sends it (`POST /api/analytics/events`). */
export interface TrackedEvent {
  name: EventName;
  visitId: string;
  path?: string;
  /** ISO 8601 */
  occurredAt: string;
  props?: Record<string, string | null>;
}

/** `ANALYTICS_MODE`: `on` (a visit id in sessionStorage), `cookieless` (in memory), `off`. */
export const ANALYTICS_MODES = ['on', 'cookieless', 'off'] as const;
export type AnalyticsMode = (typeof ANALYTICS_MODES)[number];

export const EVENTS_PATH = '/api/analytics/events';
/** Limits of one batch (the API refuses more). */
export const MAX_EVENTS_PER_BATCH = 50;
export const MAX_BATCH_BYTES = 16 * 1024;
