/** The support assistant's intents (issue 16: exactly these names). Shared by server and UI. */
export const SUPPORT_INTENTS = [
  'status',
  'booking',
  'pricing',
  'technical',
  'complaint',
  'hours_location',
  'human',
  'greeting',
] as const;

export type SupportIntent = (typeof SUPPORT_INTENTS)[number];

export function isSupportIntent(value: string | null | undefined): value is SupportIntent {
  return !!value && (SUPPORT_INTENTS as readonly string[]).includes(value);
}
