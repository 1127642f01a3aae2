/**
 * The full server's work after src/server/main.ts started opening the database: Next and the
 * API in one Node server, /api/* to Hono, everything else to Next.
 *
 * It listens as soon as its code is loaded (README, "Start-up time"): /api/health (liveness)
 * answers at once; every other request waits until the app is up: pages until the database,
 * auth and Next are ready, API requests until the queue is too (src/server/http/start-gate.ts),
 * and /api/ready answers 503 with the reason until then.
 */
import http from 'node:http';
import { getRequestListener } from '@hono/node-server';
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
import { bootstrap, startJobs } from '@/server/entry/bootstrap';
import { warmUpAiModels } from '@/server/entry/ai-warm-up';
import { prepareNext, type NextHandler } from '@/server/http/next-app';
import type { DatabaseHandle } from '@/server/db/runtime';
import { createStartGate } from '@/server/http/start-gate';
import { isShuttingDown } from '@/server/readiness';
import { configureServer, exitOnKnownStartupError, isApiPath, stopOnSignals } from '@/server/lifecycle';

export interface ServeOptions {
  /** the start-up's phases so far (main.ts's); the ready line logs them */
  phases: Record<string, number>;
  /** the database, when main.ts started opening it before loading this code */
  database?: Promise<DatabaseHandle>;
}

export async function serve({ phases, database }: ServeOptions): Promise<void> {
  const dev = env.NODE_ENV !== 'production';
  // where the start-up goes (README, "Start-up time"): `load` is the process up to here (Node,
  // importing the server, or tsx compiling its sources), then bootstrap's steps, then Next
  phases.load = Math.round(performance.now());

  // side by side (README, "Start-up time"): the database opens off this thread (the image copy
  // in libuv's pool, PGlite in its worker thread; started by main.ts before this code loaded)
  // while Next's prepare(), which needs no database, runs here; the queue and the AI warm-up
  // wait until the app is up (below)
  const booting = bootstrap(phases, { deferJobs: true, database });
  const preparing = Date.now();
  const nextReady = prepareNext({ dev, dir: process.cwd(), port: env.PORT }).then((handler) => {
    phases.next = Date.now() - preparing;
    return handler;
  });
  const appReady = Promise.all([booting, nextReady]);
  // a failed start ends the process (below); a request waiting for it is not answered
  appReady.catch(() => undefined);
  let nextHandler: NextHandler | undefined;

  const api = getApi();
  const apiListener = getRequestListener(api.fetch);
  // API requests other than the probes wait for the queue (src/server/http/start-gate.ts)
  const gate = createStartGate();

  const servePage = (req: http.IncomingMessage, res: http.ServerResponse, handler: NextHandler) => {
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
    void handler(req, res);
  };

  const server = http.createServer((req, res) => {
    // which signed-in session this answer is for: the service worker caches per session
    res.setHeader(CACHE_SCOPE_HEADER, cacheScopeOf(req.headers.cookie));
    if (isApiPath(req.url ?? '/')) {
      const held = gate.wait(req.url ?? '/');
      if (held) void held.then(() => apiListener(req, res));
      else void apiListener(req, res);
    } else if (nextHandler) {
      servePage(req, res, nextHandler);
    } else {
      // still starting: the page is served once the database, auth and Next are up
      void appReady.then(([, handler]) => servePage(req, res, handler));
    }
  });
  configureServer(server);
  stopOnSignals(server);
  const url = `http://localhost:${env.PORT}`;
  server.listen(env.PORT, env.HOST, () => {
    phases.listen = Math.round(performance.now());
    logger.debug(
      { url, ms: phases.listen },
      'listening; /api/health answers, other requests wait for the start',
    );
  });

  let handle: DatabaseHandle;
  try {
    [handle, nextHandler] = await appReady;
  } catch (err) {
    exitOnKnownStartupError(err);
    throw err;
  }
  logger.info({ url, ms: Math.round(performance.now()), phases, dev }, 'RevivaTech is ready');
  console.log(`\n  RevivaTech is running at ${url}\n`);
  // off the path to the first answer: the queue (until it is up /api/ready answers 503 and API
  // requests wait at the gate), then the AI models (their routes load them on first use too)
  const queueing = Date.now();
  startJobs(handle)
    .then(() => {
      gate.open();
      logger.info({ ms: Date.now() - queueing }, 'queue and workers started');
      return warmUpAiModels();
    })
    .then(({ ms }) => logger.info({ ms }, 'AI models warmed up'))
    .catch((err: unknown) => {
      // a stop during the start closes the database under the queue: not a failure
      if (isShuttingDown()) return logger.debug({ err }, 'the queue start ended by the shutdown');
      // as when the queue started before listening: a start that cannot run jobs fails
      logger.fatal({ err }, 'failed to start the job queue');
      console.error(err);
      process.exit(1);
    });
}
