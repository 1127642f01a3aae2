/** The long-lived device cookie the monitor recognises devices by (random, HttpOnly). */
import { generateRandomString } from 'better-auth/crypto';
import type { GenericEndpointContext } from '@better-auth/core';

const DEVICE_COOKIE_DAYS = 400;
const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;

function deviceCookie(ctx: GenericEndpointContext) {
  return ctx.context.createAuthCookie('device', { maxAge: DEVICE_COOKIE_DAYS * 24 * 3600 });
}

export function readDeviceId(ctx: GenericEndpointContext): string | null {
  const value = ctx.getCookie(deviceCookie(ctx).name);
  return value && DEVICE_ID.test(value) ? value : null;
}

/** The browser's device id, giving it one (and the cookie) when it has none. */
export function ensureDeviceId(ctx: GenericEndpointContext): string {
  const existing = readDeviceId(ctx);
  if (existing) return existing;
  const id = generateRandomString(32);
  const cookie = deviceCookie(ctx);
  ctx.setCookie(cookie.name, id, cookie.attributes);
  return id;
}
