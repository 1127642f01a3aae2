/**
 * Loads the offline AI models at start so the first customer does not wait for them. Started
 * by bootstrap() beside the database (so it costs the start little: it overlaps the migrations)
 * and awaited before the server listens. A model that fails to load is logged, not fatal: the
 * diagnose route answers a problem then, the rest of the app serves.
 */
import { logger } from '@/server/logger';
import { warmUpDiagnostics } from '@/features/diagnostics/server';

/** `ms`: how long the warm-up itself took, from its start. */
export async function warmUpAiModels(): Promise<{ ms: number }> {
  const started = performance.now();
  try {
    await warmUpDiagnostics();
  } catch (error) {
    logger.error({ err: error }, 'the diagnostics model did not load; run npm run train:ai');
  }
  return { ms: Math.round(performance.now() - started) };
}
