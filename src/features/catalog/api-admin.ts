/**
 * The admin's catalogue and price-list edits (`manage Catalog`: admins). Each answers the
 * model as the public catalogue now serves it, read back through the cache; each writes one
 * audit row in the change's own transaction.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createRouter, type AppEnv } from '@/server/http/app';
import { authorize } from '@/features/access/server';
import { auditRequestFrom, type AuditedBy } from '@/features/audit/server';
import { DomainError } from '@/server/domain-error';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { getDb } from '@/server/db/runtime';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { ModelDetailSchema } from './schemas';
import { loadCatalog } from './server/load-catalog';
import { getModelDetail } from './server/search-models';
import { updateModel, updatePrice } from './server/update-catalog';

const guard = [authorize('manage', 'Catalog')];
const tags = ['Catalogue'];
const Slug = z.string().trim().min(1).max(100);
const Minor = z.number().int().min(0).max(10_000_000);

const ModelChangeSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    aliases: z.array(z.string().trim().min(1).max(60)).max(30).optional(),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.aliases !== undefined, 'Give a name or aliases to change.');

const PriceChangeSchema = z
  .object({
    partsMinor: Minor,
    labourMinor: Minor,
    warrantyDays: z.number().int().min(0).max(3650).optional(),
    turnaroundHours: z.number().int().min(1).max(2000).optional(),
  })
  .strict();

const responses = {
  200: jsonResponse(ModelDetailSchema, 'The model as the catalogue now serves it'),
  404: errorResponses[404],
  422: errorResponses[422],
  ...accessErrorResponses,
};

const updateModelRoute = createRoute({
  method: 'patch',
  path: '/admin/catalog/models/{slug}',
  tags,
  summary: "Rename a device model or change its search aliases (every instance's cache follows)",
  middleware: guard,
  request: { params: z.object({ slug: Slug }), body: jsonBody(ModelChangeSchema) },
  responses,
});

const updatePriceRoute = createRoute({
  method: 'put',
  path: '/admin/catalog/models/{slug}/repairs/{repair}/price',
  tags,
  summary:
    "Change a repair's price (VAT-inclusive minor units) for one model (every instance's cache follows)",
  middleware: guard,
  request: { params: z.object({ slug: Slug, repair: Slug }), body: jsonBody(PriceChangeSchema) },
  responses,
});

async function modelNow(slug: string) {
  const detail = getModelDetail(await loadCatalog(await getDb()), slug);
  if (!detail) throw new DomainError('NOT_FOUND', 'No device model with that slug.');
  return detail;
}

function auditedBy(c: Context<AppEnv>): AuditedBy {
  const me = c.get('user')!;
  return { actor: { id: me.id, email: me.email, role: me.role }, request: auditRequestFrom(c) };
}

export const catalogAdminApi = createRouter()
  .openapi(updateModelRoute, async (c) => {
    const { slug } = c.req.valid('param');
    await updateModel(await getDb(), slug, c.req.valid('json'), auditedBy(c));
    return c.json(await modelNow(slug), 200);
  })
  .openapi(updatePriceRoute, async (c) => {
    const { slug, repair } = c.req.valid('param');
    await updatePrice(await getDb(), slug, repair, c.req.valid('json'), auditedBy(c));
    return c.json(await modelNow(slug), 200);
  });
