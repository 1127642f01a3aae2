import { describe, expect, it } from 'vitest';
import {
  cacheRuleFor,
  isSignOut,
  isWorthKeepingOffline,
  isValidScope,
  privateCacheName,
  staleScopeCaches,
} from './cache-rules';

const ORIGIN = 'https://shop.example';
const rule = (path: string, extra: { method?: string; mode?: string; accept?: string; rsc?: string } = {}) =>
  cacheRuleFor({
    method: extra.method ?? 'GET',
    url: new URL(path, ORIGIN),
    origin: ORIGIN,
    mode: extra.mode,
    accept: extra.accept ?? null,
    rsc: extra.rsc ?? null,
  });

describe('service worker caching rules', () => {
  it('never caches writes, whatever the path', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(rule('/api/bookings', { method })).toBe('network-only');
      expect(rule('/api/catalog/models', { method })).toBe('network-only');
      expect(rule('/book-repair', { method, mode: 'navigate' })).toBe('network-only');
    }
  });

  it('never caches sign-in and sessions, live streams, push, app events or the worker itself', () => {
    expect(rule('/api/auth/get-session')).toBe('network-only');
    expect(rule('/api/auth')).toBe('network-only');
    expect(rule('/api/track/RT-123456/live?token=x')).toBe('network-only');
    expect(rule('/api/staff/live')).toBe('network-only');
    expect(rule('/api/anything', { accept: 'text/event-stream' })).toBe('network-only');
    expect(rule('/api/notifications/push/key')).toBe('network-only');
    expect(rule('/api/ready')).toBe('network-only');
    expect(rule('/sw.js')).toBe('network-only');
  });

  it('leaves other origins alone', () => {
    expect(
      cacheRuleFor({ method: 'GET', url: new URL('https://js.stripe.com/v3'), origin: ORIGIN, mode: 'cors' }),
    ).toBe('network-only');
  });

  it('serves the catalogue, prices and shop hours stale-while-revalidate from one shared cache', () => {
    expect(rule('/api/catalog/models?brand=apple')).toBe('public-swr');
    expect(rule('/api/catalog/models/iphone-15')).toBe('public-swr');
    expect(rule('/api/catalog/brands')).toBe('public-swr');
    expect(rule('/api/shops')).toBe('public-swr');
  });

  it('keeps every other API answer per session (network first)', () => {
    expect(rule('/api/account/repairs')).toBe('private-api');
    expect(rule('/api/staff/orders/abc')).toBe('private-api');
    expect(rule('/api/track/RT-123456?token=x')).toBe('private-api');
    // slots change by the minute: fresh first, the last answer only offline
    expect(rule('/api/shops/london/slots')).toBe('private-api');
  });

  it('treats page loads as pages (per session, offline fallback), not Next RSC fetches', () => {
    expect(rule('/track/RT-123456?token=x', { mode: 'navigate' })).toBe('page');
    expect(rule('/', { accept: 'text/html,application/xhtml+xml' })).toBe('page');
    expect(rule('/book-repair', { rsc: '1' })).toBe('network-only');
    expect(rule('/book-repair?_rsc=abc')).toBe('network-only');
  });

  it('caches build assets and icons first', () => {
    expect(rule('/_next/static/chunks/app.js')).toBe('static');
    expect(rule('/icons/icon-192.png')).toBe('static');
    // the scanner's decoder: offline scanning needs it, and its URL changes with its version
    expect(rule('/scanner/3.1.8/zxing_reader.wasm')).toBe('static');
    expect(rule('/_next/image?url=%2Fx.png&w=64&q=75')).toBe('static');
  });

  it('names per-session caches by scope and finds the ones of other sessions', () => {
    expect(privateCacheName('page', 'anon')).toBe('rt-pages-anon');
    expect(privateCacheName('private-api', 'abc0123456789def')).toBe('rt-api-abc0123456789def');
    const names = [
      'rt-pages-anon',
      'rt-api-anon',
      'rt-pages-abc0123456789def',
      'rt-api-abc0123456789def',
      'rt-public',
      'rt-meta',
      'serwist-precache-v2-https://shop.example/',
    ];
    expect(staleScopeCaches(names, 'abc0123456789def')).toEqual(['rt-pages-anon', 'rt-api-anon']);
    expect(staleScopeCaches(names, 'anon')).toEqual(['rt-pages-abc0123456789def', 'rt-api-abc0123456789def']);
  });

  it('recognises sign-out and valid scopes', () => {
    expect(isSignOut('POST', new URL('/api/auth/sign-out', ORIGIN))).toBe(true);
    expect(isSignOut('GET', new URL('/api/auth/sign-out', ORIGIN))).toBe(false);
    expect(isValidScope('anon')).toBe(true);
    expect(isValidScope('0123456789abcdef01234567')).toBe(true);
    expect(isValidScope('../../etc')).toBe(false);
    expect(isValidScope(null)).toBe(false);
  });

  it('keeps the pages people come back to offline, not every page', () => {
    for (const path of [
      '/',
      '/book-repair',
      '/track/RT-4K7Q2Z',
      '/account/repairs/RT-4K7Q2Z',
      '/staff',
      '/staff/orders/abc',
    ]) {
      expect(isWorthKeepingOffline(path), path).toBe(true);
    }
    for (const path of ['/shops', '/sign-in', '/admin/users', '/staff/orders/abc/ticket', '/track']) {
      expect(isWorthKeepingOffline(path), path).toBe(false);
    }
  });
});
