import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { errorResponses } from '@/server/http/errors';
import { getDb } from '@/server/db/runtime';
import { jsonResponse as json } from '@/server/http/openapi';
import {
  BrandSchema,
  CategorySchema,
  ModelDetailSchema,
  ModelSearchQuerySchema,
  ModelSummarySchema,
} from './schemas';
import { loadCatalog } from './server/load-catalog';
import { getModelDetail, listBrands, listCategories, searchModels } from './server/search-models';

const listCategoriesRoute = createRoute({
  method: 'get',
  path: '/catalog/categories',
  tags: ['Catalogue'],
  summary: 'Device categories with model counts',
  responses: { 200: json(z.object({ items: z.array(CategorySchema) }), 'Categories') },
});

const listBrandsRoute = createRoute({
  method: 'get',
  path: '/catalog/brands',
  tags: ['Catalogue'],
  summary: 'Brands that have models, optionally within one category',
  request: { query: z.object({ category: z.string().trim().max(40).optional() }) },
  responses: {
    200: json(z.object({ items: z.array(BrandSchema) }), 'Brands'),
    422: errorResponses[422],
  },
});

const searchModelsRoute = createRoute({
  method: 'get',
  path: '/catalog/models',
  tags: ['Catalogue'],
  summary: 'Search device models by name, category and brand',
  request: { query: ModelSearchQuerySchema },
  responses: {
    200: json(z.object({ items: z.array(ModelSummarySchema), total: z.number().int() }), 'Matching models'),
    422: errorResponses[422],
  },
});

const getModelRoute = createRoute({
  method: 'get',
  path: '/catalog/models/{slug}',
  tags: ['Catalogue'],
  summary: 'One model with its repairs and prices',
  request: { params: z.object({ slug: z.string().min(1).max(100) }) },
  responses: {
    200: json(ModelDetailSchema, 'The model'),
    404: errorResponses[404],
    422: errorResponses[422],
  },
});

export const catalogApi = createRouter()
  .openapi(listCategoriesRoute, async (c) => {
    const snapshot = await loadCatalog(await getDb());
    return c.json({ items: listCategories(snapshot) }, 200);
  })
  .openapi(listBrandsRoute, async (c) => {
    const snapshot = await loadCatalog(await getDb());
    return c.json({ items: listBrands(snapshot, c.req.valid('query').category) }, 200);
  })
  .openapi(searchModelsRoute, async (c) => {
    const snapshot = await loadCatalog(await getDb());
    return c.json(searchModels(snapshot, c.req.valid('query')), 200);
  })
  .openapi(getModelRoute, async (c) => {
    const snapshot = await loadCatalog(await getDb());
    const detail = getModelDetail(snapshot, c.req.valid('param').slug);
    if (!detail) throw new DomainError('NOT_FOUND', 'No device model with that slug.');
    return c.json(detail, 200);
  });
