/**
 * An API-only app instance: the same start-up as the full server (database, queue workers,
 * auth, event bus), serving only /api/* through the same Hono listener; no pages, no Next
 * build needed. Run extra instances of it behind the load balancer for API traffic and live
 * streams, or as queue workers, next to `npm start`:
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… PORT=3001 npm run start:api
 *
 * Several instances need PostgreSQL (DATABASE_URL) and, for live updates to reach clients of
 * every instance, Redis (REDIS_URL).
 */
import http from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { CACHE_SCOPE_HEADER, cacheScopeOf } from '@/server/http/cache-scope';
import { env } from '@/env';
import { logger } from '@/server/logger';
import { getApi } from '@/server/entry/api';
import { API_CSP, commonSecurityHeaders, isHttps } from '@/server/http/security-headers';
import { bootstrap } from '@/server/entry/bootstrap';
import { configureServer, exitOnKnownStartupError, isApiPath, stopOnSignals } from '@/server/lifecycle';

async function main() {
  const started = Date.now();
  const phases: Record<string, number> = {};
  try {
    await bootstrap(phases);
  } catch (err) {
    exitOnKnownStartupError(err);
    throw err;
  }

  const apiListener = getRequestListener(getApi().fetch);
  const server = http.createServer((req, res) => {
    if (isApiPath(req.url ?? '/')) {
      // which signed-in session this answer is for: the service worker caches per session
      res.setHeader(CACHE_SCOPE_HEADER, cacheScopeOf(req.headers.cookie));
      void apiListener(req, res);
      return;
    }
    const https = isHttps({
      appUrl: env.APP_URL,
      trustProxy: env.TRUST_PROXY,
      forwardedProto: req.headers['x-forwarded-proto'],
    });
    res.writeHead(404, {
      ...commonSecurityHeaders(https),
      'content-security-policy': API_CSP,
      'content-type': 'text/plain; charset=utf-8',
    });
    res.end('This instance serves only the API (/api).\n');
  });
  configureServer(server);

  server.listen(env.PORT, env.HOST, () => {
    logger.info({ port: env.PORT, ms: Date.now() - started, phases }, 'RevivaTech API instance is ready');
    console.log(`\n  RevivaTech API is running at http://localhost:${env.PORT}/api\n`);
  });
  stopOnSignals(server);
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'failed to start');
  console.error(err);
  process.exit(1);
});
