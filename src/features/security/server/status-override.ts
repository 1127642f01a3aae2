/**
 * better-auth answers with the status of the endpoint's own error even when an after-hook
 * replaces that error (better-call's toResponse prefers the handler's status). The lockout
 * replaces "wrong password" (401) with "locked" (429) in an after-hook, so it records the
 * status it meant here and the API's auth route (betterAuthApi in auth/api.ts) applies it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<{ status?: number }>();

export async function withStatusOverride(run: () => Promise<Response>): Promise<Response> {
  const box: { status?: number } = {};
  const res = await store.run(box, run);
  if (!box.status || box.status === res.status) return res;
  return new Response(res.body, { status: box.status, headers: res.headers });
}

export function overrideStatus(status: number): void {
  const box = store.getStore();
  if (box) box.status = status;
}
