/**
 * How the customer feels, from their words: VADER (Hutto & Gilbert 2014, the `vader-sentiment`
 * port): a valence lexicon of ~7,500 rated words and emoticons with rules for negation ("not
 * happy"), boosters ("very"), capitals, exclamation marks and "but". Its compound score is
 * already normalised to [-1, 1].
 *
 * Two adaptations for a repair shop, applied to the text before VADER reads it:
 * - a device's state is not the customer's mood: "my screen is broken", "the phone is dead",
 *   "a fault" describe why they write, so those words are neutralised;
 * - British complaint words VADER does not know (or reads the wrong way: a "joke" of a service)
 *   are swapped for a lexicon word of the same strength, so negation still applies to them.
 */
import vader from 'vader-sentiment';

export interface Sentiment {
  score: number;
  label: 'negative' | 'neutral' | 'positive';
}

/** VADER's own thresholds for its compound score. */
const NEUTRAL_BAND = 0.05;
/** At or below this the assistant hands the conversation to a person (see answer-message.ts). */
export const NEGATIVE_HANDOVER_SCORE = -0.5;
/** VADER's tokenising is quadratic in the number of words: mood is clear long before this. */
const MAX_CHARS = 2000;

/** Words that describe the device, not the customer's mood. */
const DEVICE_STATE = new Set([
  'broken',
  'broke',
  'dead',
  'died',
  'damaged',
  'damage',
  'faulty',
  'fault',
  'faults',
  'problem',
  'problems',
  'error',
  'errors',
  'stuck',
  'stopped',
  'fire',
  'wrong',
  'emergency',
]);

/** Words (or phrases) VADER lacks or misreads here -> a lexicon word of about the same valence. */
const SHOP_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:rubbish|shambles|shambolic|cowboys?)\b/gi, 'terrible'],
  [/\bjoke\b/gi, 'ridiculous'],
  [/\b(?:gutted|fed up)\b/gi, 'upset'],
  [/\bstill waiting\b/gi, 'annoyed waiting'],
  [/\b(?:sorted|spot on|cracking job)\b/gi, 'great'],
];

function adapt(text: string): string {
  let out = text.slice(0, MAX_CHARS);
  for (const [pattern, replacement] of SHOP_WORDS) out = out.replace(pattern, replacement);
  return out
    .split(/(\s+)/)
    .map((token) => (DEVICE_STATE.has(token.toLowerCase().replace(/[^a-z]/g, '')) ? 'device' : token))
    .join('');
}

export function scoreSentiment(text: string): Sentiment {
  const { compound } = vader.SentimentIntensityAnalyzer.polarity_scores(adapt(text));
  const score = Number.isFinite(compound) ? Math.max(-1, Math.min(1, compound)) : 0;
  const rounded = Math.round(score * 1000) / 1000;
  return {
    score: rounded,
    label: rounded >= NEUTRAL_BAND ? 'positive' : rounded <= -NEUTRAL_BAND ? 'negative' : 'neutral',
  };
}
