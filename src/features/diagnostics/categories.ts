/**
 * The fault categories of the diagnostics model (slugs, exactly as the catalogue's repair
 * types map them), and `unknown`: a text that is not about a device fault or too vague to say.
 */
export const FAULT_CATEGORIES = [
  'screen',
  'battery',
  'charging-port',
  'water-damage',
  'camera',
  'audio',
  'buttons',
  'software',
  'data-recovery',
  'back-glass',
  'keyboard',
  'overheating',
  'no-power',
  'hdmi-port',
  'storage-upgrade',
] as const;

export type FaultCategory = (typeof FAULT_CATEGORIES)[number];

export const UNKNOWN_FAULT = 'unknown' as const;

/** Every label the model answers: the 15 categories and `unknown`. */
export const FAULT_LABELS = [...FAULT_CATEGORIES, UNKNOWN_FAULT] as const;

export type FaultLabel = (typeof FAULT_LABELS)[number];

export function isFaultCategory(value: string): value is FaultCategory {
  return (FAULT_CATEGORIES as readonly string[]).includes(value);
}
