/**
 * Loads the offline AI models at start so the first customer does not wait for them. The full
 * server (main.ts) starts it once it listens and its queue is up, off the path to the first
 * answer; the API-only server's bootstrap() runs it beside the database and awaits it. Both models share one sentence encoder (loaded once
 * per process). A model that fails to load is logged, not fatal: its route answers a problem
 * then, the rest of the app serves.
 */
import { logger } from '@/server/logger';
import { warmUpDiagnostics } from '@/features/diagnostics/server';
import { warmUpSupport } from '@/features/support/server';

/** `ms`: how long the warm-up itself took, from its start. */
export async function warmUpAiModels(): Promise<{ ms: number }> {
  const started = performance.now();
  const warm = async (name: string, warmUp: () => Promise<void>) => {
    try {
      await warmUp();
    } catch (error) {
      logger.error({ err: error, model: name }, 'an AI model did not load; run npm run train:ai');
    }
  };
  await warm('diagnostics', warmUpDiagnostics);
  await warm('intents', warmUpSupport);
  return { ms: Math.round(performance.now() - started) };
}
