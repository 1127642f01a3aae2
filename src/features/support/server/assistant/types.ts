/**
 * The assistant's contract (issue 16, contracts.md): what `answerMessage` reads and answers.
 * The conversations code is written against these types; the assistant itself lives beside
 * them (answer-message.ts).
 */
export type SupportIntent =
  'status' | 'booking' | 'pricing' | 'technical' | 'complaint' | 'hours_location' | 'human' | 'greeting';

export interface SupportEntities {
  references: string[];
  emails: string[];
  phones: string[];
  devices: { slug: string; name: string }[];
  shops: { slug: string; name: string }[];
  dates: string[];
}

export interface AssistantContext {
  userId: string | null;
  trackingToken: string | null;
  history: { author: 'customer' | 'assistant' | 'staff'; body: string; intent: string | null }[];
}

export interface AssistantAnswer {
  intent: SupportIntent;
  confidence: number;
  entities: SupportEntities;
  sentiment: { score: number; label: 'negative' | 'neutral' | 'positive' };
  reply: string;
  links: { label: string; href: string }[];
  handover: boolean;
  handoverReason: 'complaint' | 'requested' | 'negative-sentiment' | 'low-confidence' | null;
}
