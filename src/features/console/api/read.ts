import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { jsonResponse } from '@/server/http/openapi';
import { getDb } from '@/server/db/runtime';
import { IdParamSchema, TechnicianSchema } from '@/features/repairs/schemas';
import {
  StaffOrderDetailSchema,
  StaffOrderListSchema,
  StaffOrderQuerySchema,
} from '@/features/console/schemas';
import { listStaffOrders } from '../server/list-staff-orders';
import { getStaffOrder } from '../server/get-staff-order';
import { listTechnicians, callerOf, orderNotFound, staffErrors, staffOnly } from '@/features/repairs/server';

const listRoute = createRoute({
  method: 'get',
  path: '/staff/orders',
  tags: ['Staff'],
  summary: 'The repair queue: filter by status, shop, technician, urgency, overdue; search',
  middleware: [staffOnly] as const,
  request: { query: StaffOrderQuerySchema },
  responses: { 200: jsonResponse(StaffOrderListSchema, 'Orders, newest first'), ...staffErrors },
});

const getRoute = createRoute({
  method: 'get',
  path: '/staff/orders/{id}',
  tags: ['Staff'],
  summary: 'One order as staff see it: intake, lines, quote, the whole timeline, allowed changes',
  middleware: [staffOnly] as const,
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(StaffOrderDetailSchema, 'The order'), ...staffErrors },
});

const techniciansRoute = createRoute({
  method: 'get',
  path: '/staff/technicians',
  tags: ['Staff'],
  summary: 'Staff who can be assigned orders (technician and above)',
  middleware: [staffOnly] as const,
  responses: {
    200: jsonResponse(z.object({ items: z.array(TechnicianSchema) }), 'Technicians'),
    ...staffErrors,
  },
});

export const staffReadApi = createRouter()
  .openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const me = c.get('user')!;
    const list = await listStaffOrders(await getDb(), {
      statuses: q.status,
      shop: q.shop,
      technician: q.technician === 'me' ? me.id : q.technician,
      urgency: q.urgency,
      overdue: q.overdue,
      q: q.q,
      sort: q.sort,
      limit: q.limit,
      offset: q.offset,
    });
    c.header('cache-control', 'no-store');
    return c.json(list, 200);
  })
  .openapi(getRoute, async (c) => {
    const order = await getStaffOrder(await getDb(), c.req.valid('param').id, callerOf(c));
    if (!order) throw orderNotFound();
    c.header('cache-control', 'no-store');
    return c.json(order, 200);
  })
  .openapi(techniciansRoute, async (c) => {
    return c.json({ items: await listTechnicians(await getDb()) }, 200);
  });
