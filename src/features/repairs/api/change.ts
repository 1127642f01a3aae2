import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { getDb } from '@/server/db/runtime';
import {
  AssignBodySchema,
  ChangeStatusBodySchema,
  IdParamSchema,
  IntakeBodySchema,
  PasscodeRevealSchema,
  StaffOrderStateSchema,
  StaffStatusChangeSchema,
  UndoStatusBodySchema,
} from '../schemas';
import { changeOrderStatus } from '../server/change-status';
import { assignOrder } from '../server/assign-order';
import { recordIntake } from '../server/record-intake';
import { revealPasscode } from '../server/reveal-passcode';
import { toOrderState } from '../server/order-state';
import { undoStatusChange } from '../server/undo-status-change';
import { callerOf, staffErrors, staffOnly } from '../server/staff-caller';

const stateResponses = {
  200: jsonResponse(StaffOrderStateSchema, "The order's new state"),
  400: errorResponses[400],
  409: errorResponses[409],
  ...staffErrors,
};

const statusRoute = createRoute({
  method: 'post',
  path: '/staff/orders/{id}/status',
  tags: ['Staff'],
  summary:
    'Move the order along the state machine (409 illegal move or VERSION_CONFLICT with `current`, 403 not yours, 422 missing reason or QC note)',
  middleware: [staffOnly] as const,
  request: { params: IdParamSchema, body: jsonBody(ChangeStatusBodySchema) },
  responses: {
    ...stateResponses,
    200: jsonResponse(StaffStatusChangeSchema, "The order's new state, and its undo (for a short while)"),
  },
});

const undoRoute = createRoute({
  method: 'post',
  path: '/staff/orders/{id}/status/undo',
  tags: ['Staff'],
  summary:
    'Take back your own status move within its undo window (403 not yours, 409 too late, already undone or the order changed since: VERSION_CONFLICT with `current`)',
  middleware: [staffOnly] as const,
  request: { params: IdParamSchema, body: jsonBody(UndoStatusBodySchema) },
  responses: stateResponses,
});

const assignRoute = createRoute({
  method: 'post',
  path: '/staff/orders/{id}/assign',
  tags: ['Staff'],
  summary:
    'Assign a technician (managers: anyone technician+; technicians: themselves on an unassigned order)',
  middleware: [staffOnly] as const,
  request: { params: IdParamSchema, body: jsonBody(AssignBodySchema) },
  responses: stateResponses,
});

const intakeRoute = createRoute({
  method: 'post',
  path: '/staff/orders/{id}/intake',
  tags: ['Staff'],
  summary:
    'Receive a booked device: condition, accessories, passcode policy, IMEI/serial; booked -> received',
  middleware: [staffOnly] as const,
  request: { params: IdParamSchema, body: jsonBody(IntakeBodySchema) },
  responses: stateResponses,
});

const revealRoute = createRoute({
  method: 'post',
  path: '/staff/orders/{id}/passcode/reveal',
  tags: ['Staff'],
  summary: 'Show the stored device passcode (assigned technician or manager); the view is recorded',
  middleware: [staffOnly] as const,
  request: { params: IdParamSchema },
  responses: {
    200: jsonResponse(PasscodeRevealSchema, 'The passcode'),
    409: errorResponses[409],
    ...staffErrors,
  },
});

export const staffChangeApi = createRouter()
  .openapi(statusRoute, async (c) => {
    const { order, undo } = await changeOrderStatus(
      await getDb(),
      c.req.valid('param').id,
      c.req.valid('json'),
      callerOf(c),
    );
    return c.json({ ...toOrderState(order), undo }, 200);
  })
  .openapi(undoRoute, async (c) => {
    const { order } = await undoStatusChange(
      await getDb(),
      c.req.valid('param').id,
      c.req.valid('json').eventId,
      callerOf(c),
    );
    return c.json(toOrderState(order), 200);
  })
  .openapi(assignRoute, async (c) => {
    const { technicianId, expectedVersion } = c.req.valid('json');
    const { order } = await assignOrder(
      await getDb(),
      c.req.valid('param').id,
      technicianId,
      callerOf(c),
      new Date(),
      expectedVersion,
    );
    return c.json(toOrderState(order), 200);
  })
  .openapi(intakeRoute, async (c) => {
    const { order } = await recordIntake(
      await getDb(),
      c.req.valid('param').id,
      c.req.valid('json'),
      callerOf(c),
    );
    return c.json(toOrderState(order), 200);
  })
  .openapi(revealRoute, async (c) => {
    const passcode = await revealPasscode(await getDb(), c.req.valid('param').id, callerOf(c));
    c.header('cache-control', 'no-store');
    return c.json({ passcode }, 200);
  });
