'use client';
/**
 * The booking funnel's steps for the tracker: the form says which steps its state has reached,
 * and each is recorded once per form (in the funnel's order, so a restored draft that reaches
 * several at once records them in order).
 */
import { useEffect, useRef } from 'react';
import { FUNNEL_STEPS, type FunnelStep } from '../tracking';
import { track } from './tracker';

/** Records each funnel step the first time `reached[step]` is true while the form is mounted. */
export function useFunnelSteps(reached: Partial<Record<FunnelStep, boolean>>): (step: FunnelStep) => void {
  const sent = useRef(new Set<FunnelStep>());
  const key = FUNNEL_STEPS.map((s) => (reached[s] ? '1' : '0')).join('');
  useEffect(() => {
    for (const step of FUNNEL_STEPS) {
      if (key[FUNNEL_STEPS.indexOf(step)] === '1' && !sent.current.has(step)) {
        sent.current.add(step);
        track('funnel_step', { step });
      }
    }
  }, [key]);
  // a step that is an action (submit pressed) is recorded through this, once per form too
  return (step) => {
    if (sent.current.has(step)) return;
    sent.current.add(step);
    track('funnel_step', { step });
  };
}
