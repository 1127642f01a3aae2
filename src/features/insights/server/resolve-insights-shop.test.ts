import { describe, expect, it } from 'vitest';
import { DomainError } from '@/server/domain-error';
import { insightsShopForOrder, resolveInsightsShop } from './resolve-insights-shop';
import type { Db } from '@/server/db/runtime';

// staff tied to a shop never reach the database: their scope is decided before any lookup
const noDb = {} as Db;

describe('resolveInsightsShop', () => {
  it("keeps staff of a shop to that shop's history", async () => {
    const tech = { role: 'technician' as const, shopSlug: 'london' };
    expect(await resolveInsightsShop(noDb, tech, undefined)).toBe('london');
    expect(await resolveInsightsShop(noDb, tech, 'london')).toBe('london');
    const refused = await resolveInsightsShop(noDb, tech, 'manchester').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('FORBIDDEN');
    expect(await resolveInsightsShop(noDb, { role: 'manager', shopSlug: 'manchester' }, undefined)).toBe(
      'manchester',
    );
  });

  it('gives admins and staff of no one shop every shop when they name none', async () => {
    expect(await resolveInsightsShop(noDb, { role: 'admin', shopSlug: 'london' }, undefined)).toBeNull();
    expect(await resolveInsightsShop(noDb, { role: 'manager', shopSlug: null }, undefined)).toBeNull();
  });
});

describe('insightsShopForOrder', () => {
  it("shows the order's shop, except to staff of another shop, who see their own", () => {
    expect(insightsShopForOrder({ role: 'technician', shopSlug: 'london' }, 'manchester')).toBe('london');
    expect(insightsShopForOrder({ role: 'admin', shopSlug: null }, 'manchester')).toBe('manchester');
    expect(insightsShopForOrder({ role: 'manager', shopSlug: null }, null)).toBeNull();
  });
});
