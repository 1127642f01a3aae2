import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  applicableRepairSlugs,
  buildSeedPrices,
  CATEGORY_SLUGS,
  deviceKind,
  FOLDABLE_PHONE_SLUGS,
  NON_GLASS_BACK_PHONE_SLUGS,
  SEED_BRANDS,
  SEED_CATEGORIES,
  SEED_MODELS,
  SEED_REPAIR_TYPES,
  STORAGE_UPGRADEABLE_CONSOLE_SLUGS,
  APPLE_UPGRADEABLE_STORAGE_SLUGS,
  toRetailPence,
  type SeedModel,
  type SeedPrice,
} from './index';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const prices = buildSeedPrices();
const total = (p: SeedPrice): number => p.partsPence + p.labourPence;

function model(slug: string): SeedModel {
  const found = SEED_MODELS.find((m) => m.slug === slug);
  if (!found) throw new Error(`missing model ${slug}`);
  return found;
}

function price(modelSlug: string, repair: string): SeedPrice | undefined {
  return prices.find((p) => p.model === modelSlug && p.repair === repair);
}

function priceOf(modelSlug: string, repair: string): number {
  const p = price(modelSlug, repair);
  if (!p) throw new Error(`missing price ${modelSlug} × ${repair}`);
  return total(p);
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

describe('categories', () => {
  it('are exactly the six shop categories', () => {
    expect(SEED_CATEGORIES.map((c) => c.slug)).toEqual([
      'phone',
      'tablet',
      'laptop',
      'desktop',
      'console',
      'other',
    ]);
    expect([...CATEGORY_SLUGS]).toEqual(SEED_CATEGORIES.map((c) => c.slug));
  });

  it('have names, descriptions and unique sort orders', () => {
    for (const c of SEED_CATEGORIES) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.description.length).toBeGreaterThan(0);
    }
    expect(new Set(SEED_CATEGORIES.map((c) => c.sortOrder)).size).toBe(SEED_CATEGORIES.length);
  });
});

describe('brands', () => {
  const brandSlugs = SEED_BRANDS.map((b) => b.slug);

  it('include the required brands', () => {
    for (const slug of [
      'apple',
      'samsung',
      'google',
      'oneplus',
      'xiaomi',
      'motorola',
      'sony',
      'microsoft',
      'nintendo',
      'dell',
      'hp',
      'lenovo',
      'asus',
      'acer',
      'valve',
    ]) {
      expect(brandSlugs, slug).toContain(slug);
    }
  });

  it('have unique kebab-case slugs and names', () => {
    expect(duplicates(brandSlugs)).toEqual([]);
    expect(duplicates(SEED_BRANDS.map((b) => b.name))).toEqual([]);
    for (const slug of brandSlugs) expect(slug).toMatch(KEBAB);
  });

  it('each have at least one model, and every model brand exists', () => {
    const used = new Set(SEED_MODELS.map((m) => m.brand));
    for (const slug of brandSlugs) expect(used.has(slug), `brand ${slug} has no models`).toBe(true);
    for (const m of SEED_MODELS) expect(brandSlugs, m.slug).toContain(m.brand);
  });
});

describe('models', () => {
  it('has at least 130 models covering every category', () => {
    expect(SEED_MODELS.length).toBeGreaterThanOrEqual(130);
    for (const c of CATEGORY_SLUGS) {
      expect(
        SEED_MODELS.some((m) => m.category === c),
        c,
      ).toBe(true);
    }
  });

  it('has unique kebab-case slugs and unique names', () => {
    const slugs = SEED_MODELS.map((m) => m.slug);
    expect(duplicates(slugs)).toEqual([]);
    expect(duplicates(SEED_MODELS.map((m) => m.name))).toEqual([]);
    for (const slug of slugs) expect(slug).toMatch(KEBAB);
  });

  it('has valid fields', () => {
    for (const m of SEED_MODELS) {
      expect(m.name.trim(), m.slug).toBe(m.name);
      expect(m.name.length, m.slug).toBeGreaterThan(0);
      expect(CATEGORY_SLUGS, m.slug).toContain(m.category);
      expect(['budget', 'mid', 'flagship', 'premium'], m.slug).toContain(m.tier);
      expect(Number.isInteger(m.releaseYear), m.slug).toBe(true);
      expect(m.releaseYear, m.slug).toBeGreaterThanOrEqual(2013);
      expect(m.releaseYear, m.slug).toBeLessThanOrEqual(2025);
      if (m.aliases) {
        expect(m.aliases.length, m.slug).toBeGreaterThan(0);
        for (const a of m.aliases) expect(a.trim().length, m.slug).toBeGreaterThan(0);
      }
    }
  });

  it('includes iPhone 15 as an Apple phone', () => {
    expect(model('iphone-15')).toMatchObject({
      slug: 'iphone-15',
      name: 'iPhone 15',
      brand: 'apple',
      category: 'phone',
      releaseYear: 2023,
    });
  });

  it('has correct release years for well-known devices', () => {
    const years: Record<string, number> = {
      'iphone-8': 2017,
      'iphone-x': 2017,
      'iphone-xr': 2018,
      'iphone-11': 2019,
      'iphone-se-2nd-gen': 2020,
      'iphone-12': 2020,
      'iphone-13': 2021,
      'iphone-se-3rd-gen': 2022,
      'iphone-14': 2022,
      'iphone-15': 2023,
      'iphone-16': 2024,
      'iphone-16e': 2025,
      'iphone-17': 2025,
      'iphone-air': 2025,
      'galaxy-s20': 2020,
      'galaxy-s21-fe': 2022,
      'galaxy-s23': 2023,
      'galaxy-s24': 2024,
      'galaxy-s25-ultra': 2025,
      'galaxy-z-fold5': 2023,
      'pixel-6': 2021,
      'pixel-8': 2023,
      'pixel-9': 2024,
      'macbook-air-13-m1': 2020,
      'macbook-air-13-m2': 2022,
      'macbook-pro-14-m3': 2023,
      'ipad-10th-gen': 2022,
      ps4: 2013,
      ps5: 2020,
      'ps5-slim': 2023,
      'ps5-pro': 2024,
      'xbox-series-x': 2020,
      switch: 2017,
      'switch-lite': 2019,
      'switch-oled': 2021,
      'switch-2': 2025,
      'steam-deck': 2022,
      'steam-deck-oled': 2023,
      'apple-watch-ultra': 2022,
    };
    for (const [slug, year] of Object.entries(years)) {
      expect(model(slug).releaseYear, slug).toBe(year);
    }
  });

  it('covers the main device families', () => {
    const required = [
      'iphone-8',
      'iphone-x',
      'iphone-12-mini',
      'iphone-13-pro-max',
      'iphone-14-plus',
      'iphone-16-pro-max',
      'iphone-17-pro-max',
      'galaxy-s20',
      'galaxy-s24-ultra',
      'galaxy-s25',
      'galaxy-a55-5g',
      'galaxy-z-fold6',
      'galaxy-z-flip6',
      'pixel-7',
      'pixel-9-pro-xl',
      'ipad-pro-13-m4',
      'ipad-air-11-m2',
      'ipad-mini-6th-gen',
      'ipad-9th-gen',
      'galaxy-tab-s9',
      'macbook-air-13-m2',
      'macbook-pro-14-m3',
      'macbook-pro-16-m4-pro',
      'imac-24-m1',
      'mac-mini-m2',
      'dell-xps-13-9310',
      'hp-spectre-x360-14-2021',
      'thinkpad-x1-carbon-gen-11',
      'surface-pro-9',
      'surface-laptop-5',
      'ps4',
      'ps4-pro',
      'ps5',
      'ps5-slim',
      'ps5-pro',
      'xbox-one',
      'xbox-series-x',
      'xbox-series-s',
      'switch',
      'switch-lite',
      'switch-oled',
      'switch-2',
      'steam-deck',
      'apple-watch-series-9',
    ];
    for (const slug of required) expect(model(slug).slug).toBe(slug);
  });

  it('puts devices in the right categories', () => {
    expect(model('ipad-10th-gen').category).toBe('tablet');
    expect(model('macbook-air-13-m2').category).toBe('laptop');
    expect(model('mac-mini-m2').category).toBe('desktop');
    expect(model('imac-24-m3').category).toBe('desktop');
    expect(model('ps5').category).toBe('console');
    expect(model('steam-deck').category).toBe('console');
    expect(model('apple-watch-series-9').category).toBe('other');
  });

  it('every model has a device kind', () => {
    for (const m of SEED_MODELS) expect(() => deviceKind(m), m.slug).not.toThrow();
  });

  it('per-model rule sets only reference existing models', () => {
    const slugs = new Set(SEED_MODELS.map((m) => m.slug));
    const sets = [
      FOLDABLE_PHONE_SLUGS,
      NON_GLASS_BACK_PHONE_SLUGS,
      STORAGE_UPGRADEABLE_CONSOLE_SLUGS,
      APPLE_UPGRADEABLE_STORAGE_SLUGS,
    ];
    for (const set of sets) for (const slug of set) expect(slugs.has(slug), slug).toBe(true);
    for (const slug of [...FOLDABLE_PHONE_SLUGS, ...NON_GLASS_BACK_PHONE_SLUGS]) {
      expect(model(slug).category, slug).toBe('phone');
    }
    for (const slug of STORAGE_UPGRADEABLE_CONSOLE_SLUGS) expect(model(slug).category).toBe('console');
    for (const slug of APPLE_UPGRADEABLE_STORAGE_SLUGS) expect(model(slug).brand).toBe('apple');
  });
});

describe('repair types', () => {
  const bySlug = new Map(SEED_REPAIR_TYPES.map((r) => [r.slug, r]));

  it('are exactly the 16 supported repairs', () => {
    expect(SEED_REPAIR_TYPES.map((r) => r.slug).sort()).toEqual(
      [
        'screen-crack',
        'battery',
        'charging-port',
        'camera',
        'back-glass',
        'water-damage',
        'audio',
        'buttons',
        'software',
        'data-recovery',
        'keyboard',
        'logic-board',
        'overheating',
        'storage-upgrade',
        'hdmi-port',
        'diagnostic',
      ].sort(),
    );
  });

  it('have the expected display names', () => {
    expect(bySlug.get('screen-crack')?.name).toBe('Cracked or broken screen');
    expect(bySlug.get('logic-board')?.name).toMatch(/no power/i);
    expect(bySlug.get('logic-board')?.name).toMatch(/logic board/i);
  });

  it('have unique sort orders, descriptions and valid, non-empty categories', () => {
    expect(new Set(SEED_REPAIR_TYPES.map((r) => r.sortOrder)).size).toBe(SEED_REPAIR_TYPES.length);
    for (const r of SEED_REPAIR_TYPES) {
      expect(r.slug).toMatch(KEBAB);
      expect(r.name.length).toBeGreaterThan(0);
      expect(r.description.length).toBeGreaterThan(0);
      expect(r.categories.length, r.slug).toBeGreaterThan(0);
      expect(duplicates(r.categories), r.slug).toEqual([]);
      for (const c of r.categories) expect(CATEGORY_SLUGS, r.slug).toContain(c);
    }
  });

  it('restrict category-specific repairs sensibly', () => {
    expect(bySlug.get('keyboard')?.categories).toEqual(['laptop']);
    expect(bySlug.get('hdmi-port')?.categories).toEqual(['console']);
    expect(bySlug.get('back-glass')?.categories).toEqual(['phone']);
    expect([...(bySlug.get('storage-upgrade')?.categories ?? [])].sort()).toEqual(
      ['console', 'desktop', 'laptop'].sort(),
    );
    expect(bySlug.get('diagnostic')?.categories.length).toBe(CATEGORY_SLUGS.length);
  });
});

describe('buildSeedPrices', () => {
  it('is deterministic', () => {
    expect(buildSeedPrices()).toEqual(buildSeedPrices());
    expect(buildSeedPrices()).toEqual(prices);
  });

  it('has exactly one price per (model, repair) pair', () => {
    expect(duplicates(prices.map((p) => `${p.model}|${p.repair}`))).toEqual([]);
  });

  it('only prices existing models with repairs valid for their category', () => {
    const models = new Map(SEED_MODELS.map((m) => [m.slug, m]));
    const repairs = new Map(SEED_REPAIR_TYPES.map((r) => [r.slug, r]));
    for (const p of prices) {
      const m = models.get(p.model);
      const r = repairs.get(p.repair);
      expect(m, p.model).toBeDefined();
      expect(r, p.repair).toBeDefined();
      if (m && r) expect(r.categories, `${p.model} × ${p.repair}`).toContain(m.category);
    }
  });

  it('prices every applicable repair of every model', () => {
    for (const m of SEED_MODELS) {
      const priced = prices.filter((p) => p.model === m.slug).map((p) => p.repair);
      expect(priced, m.slug).toEqual(applicableRepairSlugs(m));
    }
  });

  it('gives every model at least 4 repairs including a diagnostic', () => {
    for (const m of SEED_MODELS) {
      const repairs = prices.filter((p) => p.model === m.slug).map((p) => p.repair);
      expect(repairs.length, m.slug).toBeGreaterThanOrEqual(4);
      expect(repairs, m.slug).toContain('diagnostic');
    }
  });

  it('uses integer pence within sane bounds', () => {
    for (const p of prices) {
      const label = `${p.model} × ${p.repair}`;
      expect(Number.isInteger(p.partsPence), label).toBe(true);
      expect(Number.isInteger(p.labourPence), label).toBe(true);
      expect(p.partsPence, label).toBeGreaterThanOrEqual(0);
      expect(p.labourPence, label).toBeGreaterThanOrEqual(0);
      if (p.repair === 'diagnostic') {
        expect(total(p), label).toBeGreaterThanOrEqual(0);
        expect(total(p), label).toBeLessThanOrEqual(2900);
      } else {
        expect(total(p), label).toBeGreaterThan(0);
      }
      expect(total(p), label).toBeLessThanOrEqual(120_000);
    }
  });

  it('rounds totals to retail figures ending in 9 pounds', () => {
    for (const p of prices) {
      const t = total(p);
      expect(t === 0 || t % 1000 === 900, `${p.model} × ${p.repair} = ${t}`).toBe(true);
    }
    expect(toRetailPence(187.4)).toBe(18900);
    expect(toRetailPence(73)).toBe(6900);
    expect(toRetailPence(0)).toBe(0);
  });

  it('uses sensible warranties and turnaround times', () => {
    for (const p of prices) {
      const label = `${p.model} × ${p.repair}`;
      expect(Number.isInteger(p.warrantyDays), label).toBe(true);
      expect(Number.isInteger(p.turnaroundHours), label).toBe(true);
      expect(p.turnaroundHours, label).toBeGreaterThan(0);
      expect(p.turnaroundHours, label).toBeLessThanOrEqual(168);
      if (p.repair === 'screen-crack' || p.repair === 'battery') {
        expect(p.warrantyDays, label).toBe(180);
      } else if (['water-damage', 'data-recovery', 'software'].includes(p.repair)) {
        expect(p.warrantyDays, label).toBe(30);
      } else if (p.repair === 'diagnostic') {
        expect(p.warrantyDays, label).toBe(0);
      } else {
        expect(p.warrantyDays, label).toBe(90);
      }
      if (p.repair === 'logic-board' || p.repair === 'data-recovery') {
        expect(p.turnaroundHours, label).toBeGreaterThanOrEqual(48);
      }
    }
    for (const repair of ['screen-crack', 'battery']) {
      const p = price('iphone-15', repair);
      expect(p?.turnaroundHours).toBeGreaterThanOrEqual(1);
      expect(p?.turnaroundHours).toBeLessThanOrEqual(4);
    }
  });

  it('prices iPhone 15 repairs realistically', () => {
    for (const r of ['screen-crack', 'battery', 'charging-port', 'camera', 'back-glass']) {
      expect(price('iphone-15', r), r).toBeDefined();
    }
    expect(priceOf('iphone-15', 'screen-crack')).toBeGreaterThanOrEqual(18900);
    expect(priceOf('iphone-15', 'screen-crack')).toBeLessThanOrEqual(24900);
    expect(priceOf('iphone-15', 'battery')).toBeGreaterThanOrEqual(6900);
    expect(priceOf('iphone-15', 'battery')).toBeLessThanOrEqual(9900);
    expect(priceOf('iphone-15', 'diagnostic')).toBeLessThanOrEqual(2900);
  });

  it('prices MacBook screens between £299 and £599', () => {
    const macbooks = SEED_MODELS.filter((m) => m.brand === 'apple' && m.category === 'laptop');
    expect(macbooks.length).toBeGreaterThan(10);
    for (const m of macbooks) {
      const t = priceOf(m.slug, 'screen-crack');
      expect(t, m.slug).toBeGreaterThanOrEqual(29900);
      expect(t, m.slug).toBeLessThanOrEqual(59900);
    }
  });

  it('prices console HDMI ports between £89 and £119', () => {
    const withHdmi = prices.filter((p) => p.repair === 'hdmi-port');
    expect(withHdmi.map((p) => p.model)).toEqual(expect.arrayContaining(['ps4', 'ps5', 'xbox-series-x']));
    for (const p of withHdmi) {
      expect(total(p), p.model).toBeGreaterThanOrEqual(8900);
      expect(total(p), p.model).toBeLessThanOrEqual(11900);
    }
  });

  it('charges more for newer and higher-tier devices', () => {
    expect(priceOf('iphone-15', 'screen-crack')).toBeGreaterThan(priceOf('iphone-12', 'screen-crack'));
    expect(priceOf('iphone-12', 'screen-crack')).toBeGreaterThan(priceOf('iphone-8', 'screen-crack'));
    expect(priceOf('iphone-15-pro-max', 'screen-crack')).toBeGreaterThan(
      priceOf('iphone-15', 'screen-crack'),
    );
    expect(priceOf('galaxy-s24-ultra', 'screen-crack')).toBeGreaterThan(
      priceOf('galaxy-a15-5g', 'screen-crack'),
    );
    expect(priceOf('galaxy-z-fold6', 'screen-crack')).toBeGreaterThan(
      priceOf('galaxy-s24-ultra', 'screen-crack'),
    );
    expect(priceOf('macbook-pro-16-m4-pro', 'screen-crack')).toBeGreaterThan(
      priceOf('macbook-air-13-m1', 'screen-crack'),
    );
  });

  it('keeps phone screen and battery prices in retail ranges', () => {
    for (const m of SEED_MODELS.filter((x) => x.category === 'phone')) {
      const screen = priceOf(m.slug, 'screen-crack');
      expect(screen, m.slug).toBeGreaterThanOrEqual(4900);
      expect(screen, m.slug).toBeLessThanOrEqual(69900);
      const battery = priceOf(m.slug, 'battery');
      expect(battery, m.slug).toBeGreaterThanOrEqual(3900);
      expect(battery, m.slug).toBeLessThanOrEqual(14900);
    }
  });
});

describe('per-model repair rules', () => {
  const repairsOf = (slug: string): string[] => applicableRepairSlugs(model(slug));

  it('offers no screen repair on devices without a screen', () => {
    for (const slug of [
      'ps4',
      'ps5',
      'ps5-pro',
      'xbox-series-x',
      'xbox-one',
      'mac-mini-m1',
      'mac-mini-m4',
      'mac-studio-m2',
      'dualsense',
    ]) {
      expect(repairsOf(slug), slug).not.toContain('screen-crack');
    }
    for (const slug of ['imac-24-m3', 'switch-oled', 'steam-deck', 'apple-watch-series-9']) {
      expect(repairsOf(slug), slug).toContain('screen-crack');
    }
  });

  it('offers rear glass only on glass-backed phones', () => {
    for (const slug of ['iphone-8', 'iphone-15', 'galaxy-s24', 'pixel-8', 'galaxy-a55-5g']) {
      expect(repairsOf(slug), slug).toContain('back-glass');
    }
    for (const slug of ['galaxy-a15-5g', 'galaxy-a12', 'pixel-8a', 'galaxy-s21-fe', 'moto-g54-5g']) {
      expect(repairsOf(slug), slug).not.toContain('back-glass');
    }
    for (const p of prices.filter((x) => x.repair === 'back-glass')) {
      expect(model(p.model).category).toBe('phone');
    }
  });

  it('offers keyboards only on laptops and HDMI only on home consoles', () => {
    for (const p of prices.filter((x) => x.repair === 'keyboard')) {
      expect(model(p.model).category, p.model).toBe('laptop');
    }
    for (const m of SEED_MODELS.filter((x) => x.category === 'laptop')) {
      expect(repairsOf(m.slug), m.slug).toContain('keyboard');
    }
    for (const p of prices.filter((x) => x.repair === 'hdmi-port')) {
      expect(deviceKind(model(p.model)), p.model).toBe('home-console');
    }
    for (const slug of ['switch', 'switch-oled', 'steam-deck']) {
      expect(repairsOf(slug), slug).not.toContain('hdmi-port');
    }
  });

  it('offers storage upgrades only where storage is replaceable', () => {
    for (const p of prices.filter((x) => x.repair === 'storage-upgrade')) {
      expect(['laptop', 'desktop', 'console'], p.model).toContain(model(p.model).category);
    }
    for (const slug of ['ps5', 'ps4', 'steam-deck', 'dell-xps-13-9310', 'thinkpad-t14-gen-3']) {
      expect(repairsOf(slug), slug).toContain('storage-upgrade');
    }
    for (const slug of ['macbook-air-13-m2', 'macbook-pro-14-m3', 'mac-mini-m2', 'switch']) {
      expect(repairsOf(slug), slug).not.toContain('storage-upgrade');
    }
    expect(repairsOf('xbox-series-s')).not.toContain('storage-upgrade');
  });

  it('offers no battery or charging-port repair on mains-powered devices', () => {
    for (const slug of ['ps5', 'xbox-series-x', 'imac-24-m1', 'mac-mini-m2']) {
      expect(repairsOf(slug), slug).not.toContain('battery');
      expect(repairsOf(slug), slug).not.toContain('charging-port');
    }
  });
});

describe('purity', () => {
  const seedDir = dirname(fileURLToPath(import.meta.url));

  function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
    });
  }

  it('data modules import only from within the seed folder', () => {
    const files = sourceFiles(seedDir);
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1] ?? '');
      for (const spec of specifiers) {
        const label = `${relative(seedDir, file)} imports '${spec}'`;
        expect(spec.startsWith('.'), label).toBe(true);
        const target = resolve(dirname(file), spec);
        expect(relative(seedDir, target).startsWith('..'), label).toBe(false);
      }
      expect(source, file).not.toMatch(/Math\.random|Date\.now|new Date\(/);
    }
  });
});
