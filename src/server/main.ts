/**
 * The app's own Node server: /api/* goes to Hono, everything else to Next.
 * Run with `npm start` (production: migrates, seeds, builds if needed) or `npm run dev`.
 * Extra instances that serve only the API (and work the queue) run src/server/api-server.ts.
 */
import http from 'node:http';
import { getRequestListener } from '@hono/node-server';
import next from 'next';
import { env } from '@/env';
import { logger } from '@/server/logger';
import { getApi } from '@/server/entry/api';
import {
  SERVICE_WORKER_CSP,
  commonSecurityHeaders,
  isHttps,
  newNonce,
  pageCsp,
  pageRunsWasm,
} from '@/server/http/security-headers';
import { CACHE_SCOPE_HEADER, cacheScopeOf } from '@/server/http/cache-scope';
import { assetOrigin } from '@/server/http/asset-url';
import { paymentConfig } from '@/features/payments/server';
import { bootstrap } from '@/server/entry/bootstrap';
import { configureServer, exitOnKnownStartupError, isApiPath, stopOnSignals } from '@/server/lifecycle';

async function main() {
  const dev = env.NODE_ENV !== 'production';
  // where the start-up goes (README, "Start-up time"): `load` is the process up to here (Node,
  // tsx compiling the server's sources, importing them), then bootstrap's steps, then Next
  const phases: Record<string, number> = { load: Math.round(performance.now()) };

  try {
    await bootstrap(phases);
  } catch (err) {
    exitOnKnownStartupError(err);
    throw err;
  }

  const nextApp = next({ dev, dir: process.cwd(), hostname: 'localhost', port: env.PORT });
  const nextHandler = nextApp.getRequestHandler();
  const preparing = Date.now();
  await nextApp.prepare();
  phases.next = Date.now() - preparing;

  const api = getApi();
  const apiListener = getRequestListener(api.fetch);

  const server = http.createServer((req, res) => {
    // which signed-in session this answer is for: the service worker caches per session
    res.setHeader(CACHE_SCOPE_HEADER, cacheScopeOf(req.headers.cookie));
    if (isApiPath(req.url ?? '/')) {
      void apiListener(req, res);
    } else {
      // Next puts the nonce of the request's CSP header on every script it renders
      // (getScriptNonceFromHeaders); pages render per request, so each answer has its own
      const nonce = newNonce();
      const https = isHttps({
        appUrl: env.APP_URL,
        trustProxy: env.TRUST_PROXY,
        forwardedProto: req.headers['x-forwarded-proto'],
      });
      const csp = pageCsp({
        nonce,
        https,
        stripe: !!paymentConfig().stripe?.publishableKey,
        wasm: pageRunsWasm(req.url ?? '/'),
        assetOrigin: assetOrigin(),
      });
      req.headers['content-security-policy'] = csp;
      req.headers['x-nonce'] = nonce;
      for (const [k, v] of Object.entries(commonSecurityHeaders(https))) res.setHeader(k, v);
      if (req.url === '/sw.js' || req.url?.startsWith('/sw.js?')) {
        // the service worker: its own policy, and always revalidated so a new version is found
        res.setHeader('content-security-policy', SERVICE_WORKER_CSP);
        res.setHeader('cache-control', 'no-cache');
      } else {
        res.setHeader('content-security-policy', csp);
      }
      void nextHandler(req, res);
    }
  });
  configureServer(server);

  server.listen(env.PORT, env.HOST, () => {
    const url = `http://localhost:${env.PORT}`;
    logger.info({ url, ms: Math.round(performance.now()), phases, dev }, 'RevivaTech is ready');
    console.log(`\n  RevivaTech is running at ${url}\n`);
  });
  stopOnSignals(server);
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'failed to start');
  console.error(err);
  process.exit(1);
});
