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
/** After this long without an answer, a cached copy (when there is one) is shown instead. */
const NETWORK_TIMEOUT_MS = 4000;
const MAX_ENTRIES = 60;

export interface PrivateCacheOptions {
  /** The offline page, for a navigation with neither network nor a cached copy. */
  offlineFallback: () => Promise<Response | undefined>;
}

export function createPrivateCache({ offlineFallback }: PrivateCacheOptions) {
  let scope: string | null = null;

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
    scope = 'anon';
    await (await caches.open(META_CACHE)).put(SCOPE_KEY, new Response('anon'));
    const names = await caches.keys();
    await Promise.all(
      names
        .filter((name) => PRIVATE_CACHE_PREFIXES.some((p) => name.startsWith(p)))
        .map((name) => caches.delete(name)),
    );
  }

  async function store(kind: 'page' | 'private-api', request: Request, response: Response) {
    const answerScope = response.headers.get(CACHE_SCOPE_HEADER);
    if (!isValidScope(answerScope)) return;
    await setScope(answerScope);
    if (response.status !== 200 || response.type !== 'basic') return;
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
    const network = fetch(request).then((response) => {
      event.waitUntil(store(kind, request, response.clone()).catch(() => undefined));
      return response;
    });
    network.catch(() => undefined); // when a cached copy was shown, a late failure is nobody's
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), NETWORK_TIMEOUT_MS);
    });
    try {
      const first = await Promise.race([network, slow]);
      if (first !== 'slow') return first;
      const copy = await cached(kind, request);
      return copy ?? (await network);
    } catch (err) {
      const copy = await cached(kind, request);
      if (copy) return copy;
      if (kind === 'page') {
        const offline = await offlineFallback();
        if (offline) return offline;
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  return { handle, forgetSession, dropOtherScopes };
}
