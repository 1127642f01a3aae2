/// <reference lib="webworker" />
/**
 * Network-first caching per signed-in session, for pages and private API answers. The server
 * labels every answer with `x-cache-scope` (src/server/http/cache-scope.ts); an answer is filed in
 * `rt-pages-<scope>` / `rt-api-<scope>`, reads come only from the current scope's cache, and
 * when the scope changes (sign-in, sign-out, another person) every other scope's cache is
 * deleted. The current scope survives worker restarts in a small meta cache, so offline the
 * last person's pages still load, and only theirs.
 */
import {
  CACHE_SCOPE_HEADER,
  PRIVATE_CACHE_PREFIXES,
  isValidScope,
  privateCacheName,
  staleScopeCaches,
} from './cache-rules';

const META_CACHE = 'rt-meta';
const SCOPE_KEY = '/__rt/cache-scope';
const MAX_ENTRIES = 60;

export interface PrivateCacheOptions {
  /** The offline page, for a navigation with neither network nor a cached copy. */
  offlineFallback: () => Promise<Response | undefined>;
}

export function createPrivateCache({ offlineFallback }: PrivateCacheOptions) {
  let scope: string | null = null;
  // moves on at every sign-out: an answer to a request sent before it (with the old session's
  // cookie) that arrives after it is neither cached nor allowed to bring the old scope back
  let signOuts = 0;

  async function currentScope(): Promise<string> {
    if (scope) return scope;
    const stored = await (await caches.open(META_CACHE)).match(SCOPE_KEY);
    const text = stored ? await stored.text() : 'anon';
    scope = isValidScope(text) ? text : 'anon';
    return scope;
  }

  async function dropOtherScopes(): Promise<void> {
    const keep = await currentScope();
    const names = await caches.keys();
    await Promise.all(staleScopeCaches(names, keep).map((name) => caches.delete(name)));
  }

  async function setScope(next: string): Promise<void> {
    if (next === (await currentScope())) return;
    scope = next;
    await (await caches.open(META_CACHE)).put(SCOPE_KEY, new Response(next));
    await dropOtherScopes();
  }

  async function forgetSession(): Promise<void> {
    signOuts += 1;
    scope = 'anon';
    await (await caches.open(META_CACHE)).put(SCOPE_KEY, new Response('anon'));
    const names = await caches.keys();
    await Promise.all(
      names
        .filter((name) => PRIVATE_CACHE_PREFIXES.some((p) => name.startsWith(p)))
        .map((name) => caches.delete(name)),
    );
  }

  async function store(kind: 'page' | 'private-api', request: Request, response: Response, sentAt: number) {
    if (sentAt !== signOuts) return;
    const answerScope = response.headers.get(CACHE_SCOPE_HEADER);
    if (!isValidScope(answerScope)) return;
    await setScope(answerScope);
    if (response.status !== 200 || response.type !== 'basic') return;
    if (sentAt !== signOuts) return;
    const cache = await caches.open(privateCacheName(kind, answerScope));
    await cache.put(request, response);
    const keys = await cache.keys();
    // oldest first: drop the surplus
    await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES)).map((k) => cache.delete(k)));
  }

  async function cached(kind: 'page' | 'private-api', request: Request): Promise<Response | undefined> {
    const cache = await caches.open(privateCacheName(kind, await currentScope()));
    return cache.match(request);
  }

  async function handle(
    request: Request,
    event: FetchEvent,
    kind: 'page' | 'private-api',
  ): Promise<Response> {
    // no network timeout: a slow answer is still the fresh one, and a page shown from the cache
    // after a change the person just made would look as if the change was lost
    const sentAt = signOuts;
    try {
      const response = await fetch(request);
      event.waitUntil(store(kind, request, response.clone(), sentAt).catch(() => undefined));
      return response;
    } catch (err) {
      const copy = await cached(kind, request);
      if (copy) return copy;
      if (kind === 'page') {
        const offline = await offlineFallback();
        if (offline) return offline;
      }
      throw err;
    }
  }

  return { handle, forgetSession, dropOtherScopes };
}
