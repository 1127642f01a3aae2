import { describe, expect, it } from 'vitest';
import type { IntentScore } from './classify-intent';
import type { SupportEntities } from './extract-entities';
import { LOW_CONFIDENCE, resolveIntent } from './resolve-intent';
import type { AssistantContext } from './types';

const none: SupportEntities = { references: [], emails: [], phones: [], devices: [], shops: [], dates: [] };
const anonymous: AssistantContext = { userId: null, trackingToken: null, history: [] };
const unsure: IntentScore[] = [
  { intent: 'greeting', probability: LOW_CONFIDENCE - 0.1 },
  { intent: 'pricing', probability: 0.2 },
  { intent: 'status', probability: 0.15 },
];
const afterAssistant = (intent: string): AssistantContext => ({
  ...anonymous,
  history: [
    { author: 'customer', body: 'how much is a screen', intent },
    { author: 'assistant', body: 'Which device is it?', intent },
  ],
});

describe('resolveIntent', () => {
  it("takes the model's intent when it is sure", () => {
    const scores: IntentScore[] = [{ intent: 'booking', probability: 0.9 }];
    expect(resolveIntent(scores, none, 'book me in', anonymous)).toEqual({
      intent: 'booking',
      confidence: 0.9,
      fromContext: false,
      unsure: false,
    });
  });

  it('is unsure below the bar, with nothing in the conversation to go on', () => {
    expect(resolveIntent(unsure, none, 'blue', anonymous)).toMatchObject({
      intent: 'greeting',
      unsure: true,
    });
  });

  it("keeps the conversation's intent for a device after the assistant asked for one", () => {
    const device = { ...none, devices: [{ slug: 'iphone-15', name: 'iPhone 15' }] };
    expect(resolveIntent(unsure, device, 'iphone 15', afterAssistant('pricing'))).toEqual({
      intent: 'pricing',
      confidence: 0.2,
      fromContext: true,
      unsure: false,
    });
    // not after a greeting, and not for a long message
    expect(resolveIntent(unsure, device, 'iphone 15', afterAssistant('greeting')).unsure).toBe(true);
    const long = 'well I was thinking about my old iphone 15 and whether it is worth it at all';
    expect(resolveIntent(unsure, device, long, afterAssistant('pricing')).unsure).toBe(true);
  });

  it('reads a bare reference as a status question', () => {
    const ref = { ...none, references: ['RT-4K7Q2Z'] };
    expect(resolveIntent(unsure, ref, 'rt-4k7q2z', anonymous)).toMatchObject({
      intent: 'status',
      unsure: false,
    });
  });

  it('copes with no scores at all', () => {
    expect(resolveIntent([], none, '', anonymous)).toMatchObject({ unsure: true, confidence: 0 });
  });
});
