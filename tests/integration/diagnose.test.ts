/**
 * POST /api/ai/diagnose through the real API on a real database: the local model's ranking, the
 * catalogue's repairs priced exactly as the pricing engine quotes them, notSure for texts that
 * are not about a device fault, the safety rules' urgency, photo checks, and every kind of bad
 * input answered 4xx with field messages (never a 500). No provider is configured here.
 */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.PUBLIC_RATE_LIMIT = 'on';
  process.env.TRUST_PROXY = 'true';
  process.env.RATE_LIMIT_AI_DIAGNOSE_IP = '3/1h';
});

import { setChatProviderConfig } from '@/server/ai/chat-completions';
import type { Diagnosis } from '@/features/diagnostics/schemas';
import { BACKENDS, startApp, type TestApp } from './harness';

let ipCounter = 0;
/** A client address of its own per request (the limit is per address). */
function newIp(): string {
  ipCounter += 1;
  const r = randomBytes(2);
  return `10.${r[0]}.${r[1]}.${ipCounter % 250}`;
}

async function photoDataUrl(brightness: number, size = 800): Promise<string> {
  // a gradient with some texture, at the given overall brightness
  const raw = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = Math.min(255, Math.round(brightness * (0.6 + 0.4 * (((x >> 3) + (y >> 3)) % 2))));
      raw.fill(v, (y * size + x) * 3, (y * size + x) * 3 + 3);
    }
  }
  const jpeg = await sharp(raw, { raw: { width: size, height: size, channels: 3 } })
    .jpeg()
    .toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}

describe.each(BACKENDS)('POST /api/ai/diagnose on $name', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    setChatProviderConfig(null);
    app = await startApp(backend);
  });
  afterAll(async () => {
    setChatProviderConfig(undefined);
    await app.close();
  });

  const post = (body: unknown, init: RequestInit = {}) =>
    app.request('/api/ai/diagnose', {
      method: 'POST',
      ...init,
      headers: { 'x-forwarded-for': newIp(), ...(init.headers as Record<string, string>) },
      ...(init.body === undefined ? { json: body } : {}),
    });

  async function diagnosis(body: unknown): Promise<Diagnosis> {
    const res = await post(body);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Diagnosis;
  }

  it('"iPhone 15 screen smashed" for the iPhone 15: screen first, priced as the pricing engine quotes it', async () => {
    const d = await diagnosis({ description: 'iPhone 15 screen smashed', modelSlug: 'iphone-15' });
    const top = d.candidates[0]!;
    expect(top.category).toBe('screen');
    expect(d.notSure).toBe(false);
    expect(d.advice).toBeNull();
    expect(d.source).toBe('local');
    expect(d.secondOpinion).toBeNull();
    expect(top.repairs.map((r) => r.slug)).toEqual(['screen-crack']);

    const quoteRes = await app.request('/api/pricing/quote', {
      method: 'POST',
      json: { modelSlug: 'iphone-15', repairSlugs: ['screen-crack'] },
    });
    expect(quoteRes.status).toBe(200);
    const quote = (await quoteRes.json()) as { totalMinor: number; currency: string };
    expect(top.repairs[0]!.price).toEqual({ amount: quote.totalMinor, currency: quote.currency });
    expect(quote.totalMinor).toBeGreaterThan(0);
  });

  it('ranks by calibrated probability: descending, within 0..1, alternatives below the candidates', async () => {
    const d = await diagnosis({
      description: 'battery drains really fast and the phone gets hot when charging',
      modelSlug: 'iphone-15',
    });
    const all = [...d.candidates, ...d.alternatives].map((c) => c.probability);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    for (const p of all) expect(p >= 0 && p <= 1).toBe(true);
    expect(d.candidates.reduce((s, c) => s + c.probability, 0)).toBeLessThanOrEqual(1.0001);
    expect(d.candidates.map((c) => c.category)).toContain('battery');
  });

  it('without a model: the same repairs, unpriced', async () => {
    const d = await diagnosis({ description: 'my laptop keyboard has keys that do not work' });
    expect(d.candidates[0]!.category).toBe('keyboard');
    expect(d.candidates[0]!.repairs).toEqual([{ slug: 'keyboard', name: expect.any(String), price: null }]);
  });

  it('a model that does not offer the repair lists none for that category', async () => {
    // the iPhone 15 has no keyboard repair in the catalogue
    const d = await diagnosis({ description: 'keyboard keys are stuck and sticky', modelSlug: 'iphone-15' });
    const keyboard = d.candidates.find((c) => c.category === 'keyboard');
    expect(keyboard?.repairs).toEqual([]);
  });

  it.each([
    'washing machine makes a loud banging noise on spin',
    'the washing machine will not drain',
    'my washing machine is broken, can you fix it?',
    'my washing machine is leaking water all over the kitchen floor and makes a banging noise',
  ])(
    'a text about a washing machine is not sure, with the advice to book a diagnostic check: %j',
    async (text) => {
      const d = await diagnosis({ description: text });
      expect(d.notSure).toBe(true);
      expect(d.advice).toMatch(/diagnostic check/);
    },
  );

  it('not sure for a known model: the advice names the diagnostic check and its price from the engine', async () => {
    const d = await diagnosis({ description: 'what time do you close on saturday?', modelSlug: 'iphone-15' });
    expect(d.notSure).toBe(true);
    const quoteRes = await app.request('/api/pricing/quote', {
      method: 'POST',
      json: { modelSlug: 'iphone-15', repairSlugs: ['diagnostic'] },
    });
    const quote = (await quoteRes.json()) as { totalMinor: number };
    expect(d.advice).toMatch(quote.totalMinor === 0 ? /free diagnostic check/ : /diagnostic check \(/);
  });

  it('liquid: urgent, with the reason and what to do meanwhile', async () => {
    const d = await diagnosis({ description: 'dropped my phone in the bath, now it keeps restarting' });
    expect(d.urgency.level).toBe('urgent');
    expect(d.urgency.reasons.map((r) => r.code)).toContain('liquid');
    expect(d.urgency.reasons.find((r) => r.code === 'liquid')!.message).toMatch(/switch it off/);
  });

  it('a swollen battery and a burning smell are urgent too; a plain crack is not', async () => {
    const swollen = await diagnosis({ description: 'battery has swollen and is pushing the screen up' });
    expect(swollen.urgency.reasons.map((r) => r.code)).toContain('swelling-battery');
    const burning = await diagnosis({ description: 'smells of burning when I plug the charger in' });
    expect(burning.urgency.reasons.map((r) => r.code)).toContain('burning-smell');
    const crack = await diagnosis({ description: 'small crack in the corner of the screen' });
    expect(crack.urgency).toEqual({ level: 'normal', reasons: [] });
  });

  it('typos, slang and several problems in one long message still answer', async () => {
    const d = await diagnosis({
      description:
        'hiya so basically me phone fell off the bus seat and the screen is proper smashed lol, cant ' +
        'see nothing on the bottom half. ALSO the battery has been rubbish for months, dies at 40% ' +
        'every time its cold. can u sort both?? '.repeat(3),
      modelSlug: 'iphone-15',
    });
    const categories = [...d.candidates, ...d.alternatives].map((c) => c.category);
    expect(categories).toContain('screen');
    expect(categories).toContain('battery');
  });

  it('photos: each gets its check (a dark one says so), and the description still decides', async () => {
    const d = await diagnosis({
      description: 'screen cracked',
      photos: [await photoDataUrl(180), await photoDataUrl(6)],
    });
    expect(d.photoChecks).toHaveLength(2);
    expect(d.photoChecks[0]).toMatchObject({ index: 0, ok: true, problems: [] });
    expect(d.photoChecks[1]!.ok).toBe(false);
    expect(d.photoChecks[1]!.problems.map((p) => p.code)).toContain('too-dark');
    expect(d.candidates[0]!.category).toBe('screen');
  });

  it.each([
    ['an empty description', { description: '' }, 'description'],
    ['only spaces', { description: '   \n\t ' }, 'description'],
    ['no description', { modelSlug: 'iphone-15' }, 'description'],
    ['a number', { description: 42 }, 'description'],
    ['over 5,000 characters', { description: 'screen broken '.repeat(400) }, 'description'],
    ['a control character', { description: 'screen \u0007 broken' }, 'description'],
    ['a NUL', { description: 'screen\u0000broken' }, 'description'],
    ['an unknown model', { description: 'screen broken', modelSlug: 'nokia-3310-gold' }, 'modelSlug'],
    ['four photos', { description: 'x', photos: ['a', 'b', 'c', 'd'] }, 'photos'],
    [
      'a photo that is not a data URL',
      { description: 'x', photos: ['https://example.com/a.jpg'] },
      'photos.0',
    ],
    [
      'a photo that is not an image',
      { description: 'x', photos: ['data:image/png;base64,AAAAAAAA'] },
      'photos.0',
    ],
  ])('%s: 422 with the field', async (_, body, field) => {
    const res = await post(body);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await res.json()) as { errors?: Array<{ path: string; message: string }> };
    const paths = (problem.errors ?? []).map((e) => e.path);
    expect(paths.some((p) => p === field || p.startsWith(`${field}.`))).toBe(true);
  });

  it('exactly 5,000 characters is accepted', async () => {
    const text = 'the screen is cracked. '.repeat(218).slice(0, 5000);
    expect(text).toHaveLength(5000);
    const d = await diagnosis({ description: text });
    expect(d.candidates[0]!.category).toBe('screen');
  });

  it('malformed JSON is a 4xx, a body past the cap a 413', async () => {
    const bad = await post(undefined, {
      body: '{"description": "scr',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    const huge = await post(undefined, {
      body: JSON.stringify({ description: 'x', photos: ['data:image/png;base64,' + 'A'.repeat(5_000_000)] }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
  });

  it('is limited per address (RATE_LIMIT_AI_DIAGNOSE_IP)', async () => {
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await post({ description: 'screen cracked' }, { headers: { 'x-forwarded-for': ip } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
