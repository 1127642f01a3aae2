/**
 * How soon a device should be looked at: a SAFETY RULE LIST, written by hand and kept here on
 * purpose, not the model. A swollen battery or a burning smell must never depend on a
 * classifier's mood; each rule is a phrase list (what customers actually write) or a category
 * the classifier is fairly sure of, and each reason says what to do meanwhile.
 *
 * - liquid (urgent): water, a spill, rain, a drop in the loo; or `water-damage` at >= 0.3.
 *   Corrosion keeps spreading while the board is wet and powered.
 * - swelling-battery (urgent): a swollen, bulging or puffy battery, a screen or back lifting.
 * - burning-smell (urgent): a burning smell, smoke, melting, sparks (not OLED "burn-in").
 * - data-at-risk (soon): photos or files not backed up, a wish to recover them; or
 *   `data-recovery` at >= 0.3. Resets and repeated power cycles make recovery harder.
 *
 * A phrase right after a plain negation ("no water", "never been wet") does not count; anything
 * else errs on the side of warning.
 */
import type { UrgencyReason } from '../schemas';

export type UrgencyLevel = 'urgent' | 'soon' | 'normal';
type Code = UrgencyReason['code'];

export const URGENCY_MESSAGES: Readonly<Record<Code, string>> = {
  liquid:
    'Liquid keeps corroding the board while the device is on: switch it off, do not charge it, and bring it in as soon as you can.',
  'swelling-battery':
    'A swollen battery can catch fire: stop using and charging the device, keep it away from heat, and bring it in now.',
  'burning-smell':
    'A burning smell or smoke means a short circuit: unplug the device, switch it off, and do not use it until it is checked.',
  'data-at-risk':
    'Your data may be at risk: stop using the device and do not reset or update it until a technician has looked at it.',
};

const LEVEL_OF: Readonly<Record<Code, UrgencyLevel>> = {
  liquid: 'urgent',
  'swelling-battery': 'urgent',
  'burning-smell': 'urgent',
  'data-at-risk': 'soon',
};

/** How sure the classifier must be of a category for it alone to raise a reason. */
export const CATEGORY_URGENCY_MIN = 0.3;

const PHRASES: ReadonlyArray<{ code: Code; pattern: RegExp }> = [
  {
    code: 'liquid',
    pattern:
      /\b(?:water(?:[- ]?damaged?)?|liquid|wet|damp|soak(?:ed|ing)?|spill(?:ed|t|age)?|splash(?:ed)?|submerged|drenched|rain(?:ed)?|puddle|toilet|loo|bath(?:tub)?|sink|pool|sea|coffee|tea|juice|beer|wine|cola|coke|moisture|condensation|fogged up)\b/giu,
  },
  {
    code: 'swelling-battery',
    pattern:
      /\b(?:swell(?:s|ing|ed)?|swollen|bulg(?:e|es|ed|ing)|puff(?:y|ed|ing)(?: up)?|pillow(?:ed|ing)?|expand(?:ed|ing))\b|\b(?:screen|display|back|case|trackpad|touchpad)\s+(?:is\s+|has\s+)?(?:lifting|popping|pushed|pushing|coming)\s+(?:up|out|off|away)\b/giu,
  },
  {
    code: 'burning-smell',
    pattern:
      /\b(?:burn(?:ing|t|ed)?(?!\s*-?\s*in\b)|smok(?:e|ed|es|ing|y)|scorch(?:ed|ing)?|melt(?:ed|ing)?|(?<!(?:kindle|amazon)\s)fire(?!\s*(?:tv|stick|tablet|hd|os)\b)|flames?|spark(?:s|ed|ing)?|fumes|electrical smell|smells? (?:like )?(?:plastic|electrical))\b/giu,
  },
];

/** Data the customer fears losing: an object and a loss in the same message. */
const DATA_OBJECT =
  /\b(?:photos?|pictures?|pics|videos?|data|files?|documents?|docs|contacts|messages|whatsapp|notes|thesis|dissertation|memories|backups?)\b/iu;
const DATA_LOSS =
  /\b(?:los(?:e|t|ing)|recover(?:y|ed|ing)?|retriev(?:e|al|ing)|get (?:them|it|my \w+) back|save (?:them|my)|not backed up|no backup|never backed up|without (?:a )?backup|wiped|deleted|erased)\b/iu;

const NEGATED_BEFORE =
  /\b(?:no|not|never|without|isn't|wasn't|hasn't|hadn't|didn't|n't)\s+(?:(?:been|got|get|gotten|any|had|it|was|in|into|near|dropped|exposed|to|a|the|smell|of)\s+){0,3}$/iu;

function phraseHit(text: string, pattern: RegExp): boolean {
  for (const match of text.matchAll(pattern)) {
    const before = text.slice(Math.max(0, match.index - 40), match.index);
    if (!NEGATED_BEFORE.test(before)) return true;
  }
  return false;
}

/**
 * The urgency of a description, from the safety phrases and the classifier's ranked labels.
 * Reasons are in a fixed order (urgent ones first).
 */
export function assessUrgency(
  description: string,
  ranked: ReadonlyArray<{ label: string; probability: number }>,
): { level: UrgencyLevel; reasons: UrgencyReason[] } {
  const sure = (label: string) =>
    ranked.some((r) => r.label === label && r.probability >= CATEGORY_URGENCY_MIN);
  const codes = new Set<Code>();
  for (const { code, pattern } of PHRASES) if (phraseHit(description, pattern)) codes.add(code);
  if (sure('water-damage')) codes.add('liquid');
  if (sure('data-recovery') || (DATA_OBJECT.test(description) && DATA_LOSS.test(description))) {
    codes.add('data-at-risk');
  }
  const order: Code[] = ['swelling-battery', 'burning-smell', 'liquid', 'data-at-risk'];
  const reasons = order
    .filter((c) => codes.has(c))
    .map((code) => ({ code, message: URGENCY_MESSAGES[code] }));
  const level: UrgencyLevel = reasons.some((r) => LEVEL_OF[r.code] === 'urgent')
    ? 'urgent'
    : reasons.length > 0
      ? 'soon'
      : 'normal';
  return { level, reasons };
}
