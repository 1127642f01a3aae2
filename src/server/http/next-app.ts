/**
 * Next's request handler for the app's own server (src/server/main.ts). In production it starts
 * from the configuration the build resolved (.next/required-server-files.json) instead of
 * loading next.config.ts: that load compiles the file with SWC and runs its plugins (next-intl,
 * Serwist), about two thirds of Next's `prepare()` CPU (README, "Start-up time"). `next` itself
 * is imported here, lazily, so the server can open the database before it loads Next.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handNextItsBuiltConfig } from '@/env';

export type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The `config` the build wrote for Next's server, as JSON; null when there is none to read. */
export function builtNextConfigJson(dir: string): string | null {
  try {
    const files = JSON.parse(
      fs.readFileSync(path.join(dir, '.next', 'required-server-files.json'), 'utf8'),
    ) as { config?: unknown };
    return files.config && typeof files.config === 'object' ? JSON.stringify(files.config) : null;
  } catch {
    return null;
  }
}

export async function prepareNext(opts: { dev: boolean; dir: string; port: number }): Promise<NextHandler> {
  if (!opts.dev) {
    const config = builtNextConfigJson(opts.dir);
    if (config) handNextItsBuiltConfig(config);
  }
  const { default: next } = await import('next');
  const app = next({ dev: opts.dev, dir: opts.dir, hostname: 'localhost', port: opts.port });
  await app.prepare();
  return app.getRequestHandler();
}
