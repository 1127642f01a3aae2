'use client';

export interface AuthResult<T = unknown> {
  ok: boolean;
  status: number;
  data: T | null;
  /** better-auth's error code, e.g. INVALID_EMAIL_OR_PASSWORD */
  code: string | null;
  message: string | null;
}

/** Calls better-auth's endpoints under /api/auth (same origin; cookies set by the browser). */
export async function authFetch<T = unknown>(
  path: string,
  body?: unknown,
  method = 'POST',
): Promise<AuthResult<T>> {
  try {
    const res = await fetch(`/api/auth${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const json = (await res.json().catch(() => null)) as (T & { code?: string; message?: string }) | null;
    return {
      ok: res.ok,
      status: res.status,
      data: res.ok ? json : null,
      code: res.ok ? null : (json?.code ?? `HTTP_${res.status}`),
      message: res.ok ? null : (json?.message ?? null),
    };
  } catch {
    return { ok: false, status: 0, data: null, code: 'NETWORK', message: null };
  }
}
