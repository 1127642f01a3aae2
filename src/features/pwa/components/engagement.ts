'use client';
import { STORAGE_KEY, parseState, recordEngagement, type EngagementTrigger } from './install-rules';

export const ENGAGED_EVENT = 'revivatech:engaged';

/**
 * Tells the install prompt that the person did something that makes the app worth having (a
 * finished booking, a tracked repair). Safe to call anywhere on the client; does nothing when
 * storage is unavailable.
 */
export function markInstallEngagement(trigger: EngagementTrigger): void {
  try {
    const state = recordEngagement(parseState(localStorage.getItem(STORAGE_KEY)), trigger);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    window.dispatchEvent(new CustomEvent(ENGAGED_EVENT, { detail: trigger }));
  } catch {
    // private mode or storage full: the prompt simply waits for another signal
  }
}
