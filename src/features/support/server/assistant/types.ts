import type { SupportIntent } from '../../intents';
import type { SupportEntities } from './extract-entities';
import type { Sentiment } from './sentiment';

export type { SupportIntent } from '../../intents';
export type { SupportEntities } from './extract-entities';

export interface AssistantContext {
  /** the signed-in customer, or null */
  userId: string | null;
  /** a tracking token the customer holds (from a tracking link), or null */
  trackingToken: string | null;
  /** the conversation so far, oldest first */
  history: { author: 'customer' | 'assistant' | 'staff'; body: string; intent: string | null }[];
}

export type HandoverReason = 'complaint' | 'requested' | 'negative-sentiment' | 'low-confidence';

export interface AssistantLink {
  label: string;
  href: string;
}

export interface AssistantAnswer {
  intent: SupportIntent;
  /** the intent model's calibrated probability for `intent` */
  confidence: number;
  entities: SupportEntities;
  sentiment: Sentiment;
  reply: string;
  links: AssistantLink[];
  handover: boolean;
  handoverReason: HandoverReason | null;
}

export interface Reply {
  reply: string;
  links: AssistantLink[];
  /** the reply could not answer (e.g. no knowledge-base article fits): hand over */
  unsure?: boolean;
}
