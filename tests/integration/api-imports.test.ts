/**
 * The API loads without the libraries only a few requests need: every integration suite (and
 * every server start) imports the whole API, and these cost about 1.2-1.5 s of CPU a time on 2
 * cores. Each loads with the first request that uses it (payments/server/gateway.ts, the Stripe
 * webhook route, the XLSX and PDF exports, the support assistant's first message or warm-up);
 * that they work there is checked by the payments-providers, analytics-exports, access,
 * security-headers and support-assistant suites.
 */
import { describe, expect, it, vi } from 'vitest';

// vi.mock calls are hoisted above the imports; the factory they share must be too
const { refuse } = vi.hoisted(() => ({
  refuse: (name: string) => () => {
    throw new Error(`${name} was loaded with the API`);
  },
}));
vi.mock('stripe', refuse('stripe'));
vi.mock('@paypal/paypal-server-sdk', refuse('@paypal/paypal-server-sdk'));
vi.mock('exceljs', refuse('exceljs'));
vi.mock('pdfkit', refuse('pdfkit'));
vi.mock('chrono-node', refuse('chrono-node'));
vi.mock('vader-sentiment', refuse('vader-sentiment'));

describe('the composed API', () => {
  it('builds without loading the payment SDKs, exceljs, pdfkit, chrono-node or VADER', async () => {
    const { getApi } = await import('@/server/entry/api');
    expect(typeof getApi().fetch).toBe('function');
    // the whole API: several seconds to import on a busy 2-core machine
  }, 60_000);
});
