/**
 * Strings the database cannot store, refused at the door for every route in one place.
 *
 * - U+0000 (NUL): PostgreSQL text cannot hold it ("invalid byte sequence"), so it reached the
 *   database as a 500.
 * - An unpaired UTF-16 surrogate (`"\ud800"` in JSON): not a character at all; it cannot be
 *   encoded as UTF-8.
 *
 * Both are refused with 422 and the field's path, in JSON bodies (json-body.ts), path params
 * and query strings (`refuseUnsafeUrl`). Bidirectional override and isolate characters
 * (U+202A-U+202E, U+2066-U+2069) are stripped from names (any key ending in "name"): in a name
 * they only serve to make "Bob \u202Eevil" render as "Bob live".
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { FieldError } from '@/server/domain-error';

// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;
const NAME_KEY = /name$/i;
/** A cheap look at the raw JSON text: can it hold anything this module changes or refuses? */
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const MAYBE_UNSAFE_JSON = /\\u(?:0000|d[89a-f]|202[a-e]|206[6-9])|[\u0000\u202A-\u202E\u2066-\u2069]/i;

export const NUL_MESSAGE = 'must not contain a NUL character (U+0000).';
export const SURROGATE_MESSAGE = 'must not contain an unpaired surrogate (text that is not valid Unicode).';

/** Why a string cannot be stored, or null when it can. */
export function unsafeStringReason(value: string): string | null {
  const found = UNSAFE.exec(value);
  if (!found) return null;
  return found[0] === '\u0000' ? NUL_MESSAGE : SURROGATE_MESSAGE;
}

function fieldPath(parent: string, key: string | number): string {
  const shown = typeof key === 'number' ? String(key) : key.replace(UNSAFE, '\uFFFD');
  return parent ? `${parent}.${shown}` : shown;
}

/**
 * Walks a parsed JSON value: returns the field errors (unstorable strings or keys) and the value
 * with bidirectional controls stripped from names (`changed` says whether anything was).
 */
export function inspectJson(value: unknown): { errors: FieldError[]; value: unknown; changed: boolean } {
  const errors: FieldError[] = [];
  let changed = false;
  const walk = (v: unknown, path: string, key: string): unknown => {
    if (typeof v === 'string') {
      const reason = unsafeStringReason(v);
      if (reason) {
        errors.push({ path: path || '(root)', message: reason });
        return v;
      }
      if (NAME_KEY.test(key) && BIDI_CONTROL.test(v)) {
        BIDI_CONTROL.lastIndex = 0;
        changed = true;
        return v.replace(BIDI_CONTROL, '');
      }
      BIDI_CONTROL.lastIndex = 0;
      return v;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, fieldPath(path, i), key));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const reason = unsafeStringReason(k);
        if (reason) errors.push({ path: fieldPath(path, k), message: `Field name ${reason}` });
        out[k] = walk(item, fieldPath(path, k), k);
      }
      return out;
    }
    return v;
  };
  const cleaned = walk(value, '', '');
  return { errors, value: cleaned, changed };
}

/**
 * The JSON text as it should reach the route: unchanged, cleaned (names without bidirectional
 * controls), or refused with field errors. Text that is not JSON is passed on for the route's
 * own parser to refuse (400).
 */
export function checkJsonText(text: string): { text: string } | { errors: FieldError[] } {
  if (!MAYBE_UNSAFE_JSON.test(text)) return { text };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { text };
  }
  const result = inspectJson(parsed);
  if (result.errors.length > 0) return { errors: result.errors };
  return { text: result.changed ? JSON.stringify(result.value) : text };
}

/**
 * The field errors of a request's path params (`where: 'path'`), else of its query string. A
 * param is named after the route it reaches (`id` of `/staff/orders/:id`), otherwise after its
 * position in the path.
 */
export function unsafeUrlErrors(c: Context): { where: 'path' | 'query'; errors: FieldError[] } {
  const url = c.req.url;
  const q = url.indexOf('?');
  const errors: FieldError[] = [];
  const path = c.req.path;
  if (path.includes('%00') || UNSAFE.test(path)) {
    const pattern = routePattern(c)?.split('/');
    path.split('/').forEach((segment, i) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // Hono leaves a segment it cannot decode as it came; so does this
      }
      const reason = unsafeStringReason(decoded);
      if (!reason) return;
      const param = pattern?.[i];
      const name = param?.startsWith(':') ? param.slice(1).replace(/\{.*$/, '') : `path[${i}]`;
      errors.push({ path: name, message: reason });
    });
    if (errors.length > 0) return { where: 'path', errors };
  }
  if (q !== -1 && /%00/.test(url.slice(q))) {
    for (const [key, values] of Object.entries(c.req.queries())) {
      const reason = unsafeStringReason(key) ?? values.map(unsafeStringReason).find(Boolean);
      if (reason) errors.push({ path: key.replace(UNSAFE, '\uFFFD'), message: reason });
    }
  }
  return { where: 'query', errors };
}

/** The path pattern of the route a request reaches (not a middleware's `*`). */
function routePattern(c: Context): string | undefined {
  const routes = c.req.matchedRoutes;
  for (let i = routes.length - 1; i >= 0; i -= 1) {
    const route = routes[i]!;
    if (route.method !== 'ALL' && route.path.includes(':')) return route.path;
  }
  return undefined;
}

/** Middleware: a path param or query value holding NUL or a lone surrogate is a 422. */
export function refuseUnsafeUrl(
  refuse: (c: Context, where: 'path' | 'query', errors: FieldError[]) => Response,
): MiddlewareHandler {
  return async (c, next) => {
    const { where, errors } = unsafeUrlErrors(c);
    if (errors.length > 0) {
      c.res = refuse(c, where, errors);
      return;
    }
    await next();
  };
}
