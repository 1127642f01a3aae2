/**
 * A second opinion from the optional language-model provider (AI_BASE_URL): the same fixed
 * label list the local model uses, one label and a short reason, as JSON. The customer's text
 * is stripped of e-mail addresses and phone numbers before it leaves the machine. Null when no
 * provider is configured or it fails in any way (the local answer stands alone then).
 */
import { z } from 'zod';
import { completeChatJson, type ChatMessage } from '@/server/ai/chat-completions';
import { redactContactDetails } from '@/server/ai/redact';
import { FAULT_CATEGORIES, FAULT_LABELS } from '../categories';

const SecondOpinionSchema = z.object({
  category: z.enum(FAULT_LABELS),
  reason: z
    .string()
    .trim()
    .min(1)
    .max(300)
    // eslint-disable-next-line no-control-regex -- control characters from a remote model are dropped
    .transform((s) => s.replace(/[\u0000-\u001F\u007F]+/g, ' ')),
});
export type SecondOpinion = z.infer<typeof SecondOpinionSchema>;

const SYSTEM_PROMPT = [
  'You help a device repair shop triage customer messages.',
  'Classify the customer’s description of their device fault into exactly one category from this list:',
  FAULT_CATEGORIES.join(', ') + '.',
  'Use "no-power" for a device that shows no sign of life, "screen" for any display or touch fault,',
  'and "unknown" when the text is not about a fault of a phone, tablet, computer or games console, or is too vague to tell.',
  'Answer with one JSON object only, no other text: {"category": "<one category from the list>", "reason": "<at most 20 words>"}.',
].join(' ');

/** The messages sent to the provider (exported for the record of what leaves the machine). */
export function secondOpinionMessages(description: string, modelName: string | null): ChatMessage[] {
  const text = redactContactDetails(description);
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    {
      role: 'user',
      content: modelName ? `Device: ${modelName}\nDescription: ${text}` : `Description: ${text}`,
    },
  ];
}

export function askSecondOpinion(
  description: string,
  modelName: string | null,
): Promise<SecondOpinion | null> {
  return completeChatJson('diagnose', secondOpinionMessages(description, modelName), SecondOpinionSchema, {
    maxTokens: 120,
  });
}
