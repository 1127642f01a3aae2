/**
 * The audit log for admins: a filtered, paginated list and a CSV export (which is itself
 * audited). There is deliberately no route that changes or removes a row.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { jsonResponse } from '@/server/http/openapi';
import { authorize } from '@/features/access/server';
import { getDb } from '@/server/db/runtime';
import { AuditEventSchema, AuditFilterSchema, AuditListQuerySchema } from './schemas';
import { exportAuditEvents, listAuditEvents } from './server/list-audit';
import { auditRequestFrom, recordAudit } from './server/record-audit';
import { csvLine } from './csv';

const adminOnly = authorize('manage', 'all');

const authErrors = { ...accessErrorResponses, 422: errorResponses[422] };

const listRoute = createRoute({
  method: 'get',
  path: '/admin/audit',
  tags: ['Admin'],
  summary: 'The audit log, newest first, with filters and cursor pagination (admin)',
  middleware: [adminOnly] as const,
  request: { query: AuditListQuerySchema },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(AuditEventSchema), nextCursor: z.number().int().nullable() }),
      'Audit events',
    ),
    ...authErrors,
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/admin/audit/export.csv',
  tags: ['Admin'],
  summary: 'The filtered audit log as CSV (admin); the export itself is audited',
  middleware: [adminOnly] as const,
  request: { query: AuditFilterSchema },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...authErrors,
  },
});

const CSV_COLUMNS = [
  'id',
  'occurred_at',
  'type',
  'actor_user_id',
  'actor_email',
  'actor_role',
  'target_type',
  'target_id',
  'ip',
  'user_agent',
  'details',
] as const;

export const auditApi = createRouter()
  .openapi(listRoute, async (c) => c.json(await listAuditEvents(await getDb(), c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const filter = c.req.valid('query');
    const db = await getDb();
    const rows = await exportAuditEvents(db, filter);
    const me = c.get('user')!;
    await recordAudit(db, {
      type: 'data_exported',
      actor: { id: me.id, email: me.email, role: me.role },
      request: auditRequestFrom(c),
      target: { type: 'audit_log', id: 'csv' },
      details: { filter, rows: rows.length },
    });
    let body = csvLine(CSV_COLUMNS);
    for (const r of rows) {
      body += csvLine([
        r.id,
        r.occurredAt,
        r.type,
        r.actorUserId,
        r.actorEmail,
        r.actorRole,
        r.targetType,
        r.targetId,
        r.ip,
        r.userAgent,
        r.details,
      ]);
    }
    const stamp = new Date().toISOString().slice(0, 10);
    return c.body(body, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${stamp}.csv"`,
      'cache-control': 'no-store',
    });
  });
