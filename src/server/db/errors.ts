/** Recognising database errors (PostgreSQL error codes, the same on PGlite). */

/** PostgreSQL unique_violation on the named constraint (drizzle wraps driver errors in `cause`). */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: c } = e as { code?: string; constraint?: string };
    if (code === '23505' && c === constraint) return true;
  }
  return false;
}
