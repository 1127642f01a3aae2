/**
 * Strings the database cannot hold (U+0000, an unpaired surrogate) are refused with 422 and the
 * field's path on EVERY route: the test walks the OpenAPI document, poisons each string field
 * of each body, each path param and each query string in turn, and sends them signed in as an
 * admin (any role's routes open to it); then better-auth's endpoints the app uses. Names lose
 * bidirectional override characters. A failed query's parameters never reach the log.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings } from '@/server/db/schema';
import { eq } from 'drizzle-orm';
import { logger, loggerOptions } from '@/server/logger';
import { BACKENDS, bookingBody, freeSlot, startApp, type TestApp } from './harness';
import { createUser, type TestUser } from './fixtures';

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  additionalProperties?: Schema | boolean;
};
interface Operation {
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const POISONS = [
  { label: 'NUL', value: 'ab\u0000cd', message: /NUL/ },
  { label: 'lone surrogate', value: 'ab\ud800cd', message: /surrogate/ },
];

/** A value the schema accepts, as far as a generic walk can tell, with the paths of its strings. */
function sample(doc: Doc, schema: Schema | undefined, path: string, strings: string[], depth = 0): unknown {
  if (!schema || depth > 8) return 'x';
  if (schema.$ref)
    return sample(doc, doc.components?.schemas?.[schema.$ref.split('/').pop()!], path, strings, depth + 1);
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) {
    const usable = choice.find((s) => s.type !== 'null') ?? choice[0];
    return sample(doc, usable, path, strings, depth + 1);
  }
  if (schema.allOf)
    return sample(doc, Object.assign({}, ...schema.allOf) as Schema, path, strings, depth + 1);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries(schema.properties ?? {})) {
      out[key] = sample(doc, prop, path ? `${path}.${key}` : key, strings, depth + 1);
    }
    return out;
  }
  if (type === 'array') return [sample(doc, schema.items, `${path}.0`, strings, depth + 1)];
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  strings.push(path);
  if (schema.format === 'email') return 'fuzz@example.com';
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'date-time') return '2030-01-01T10:00:00.000Z';
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

function withValue(body: unknown, path: string, value: string): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return copy;
}

interface Problem {
  status: number;
  errors?: Array<{ path: string; message: string }>;
}

describe.each(BACKENDS)('unstorable strings are refused on every route, on $name', (backend) => {
  let app: TestApp;
  let admin: TestUser;
  let doc: Doc;

  beforeAll(async () => {
    app = await startApp(backend);
    admin = await createUser(app, 'admin', { shopSlug: 'london' });
    doc = (await (await app.request('/api/openapi.json')).json()) as Doc;
  });
  afterAll(() => app.close());

  async function expectRefused(
    method: string,
    url: string,
    body: unknown,
    field: string,
    message: RegExp,
  ): Promise<void> {
    const res = await app.request(url, {
      method: method.toUpperCase(),
      headers: { cookie: admin.cookie, origin: app.origin },
      ...(body !== undefined ? { json: body } : {}),
    });
    const what = `${method.toUpperCase()} ${url} (${field})`;
    expect(res.status, what).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.errors, what).toContainEqual({ path: field, message: expect.stringMatching(message) });
  }

  it('walks every route of the OpenAPI document: body strings, path params and query strings', async () => {
    let checked = 0;
    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const params = op.parameters ?? [];
        const pathParams = params.filter((p) => p.in === 'path').map((p) => p.name);
        const url = (poisoned?: string) =>
          template.replace(/\{(\w+)\}/g, (_, name: string) => (name === poisoned ? 'ab%00cd' : 'x1'));

        const jsonSchema = op.requestBody?.content?.['application/json']?.schema;
        if (jsonSchema) {
          const strings: string[] = [];
          const body = sample(doc, jsonSchema, '', strings);
          for (const field of strings) {
            for (const poison of POISONS) {
              await expectRefused(method, url(), withValue(body, field, poison.value), field, poison.message);
              checked += 1;
            }
          }
        }
        for (const name of pathParams) {
          await expectRefused(method, url(name), undefined, name, /NUL/);
          checked += 1;
        }
        for (const query of params.filter((p) => p.in === 'query')) {
          await expectRefused(method, `${url()}?${query.name}=ab%00cd`, undefined, query.name, /NUL/);
          checked += 1;
        }
      }
    }
    // the document is not empty: the walk reached the booking, message and refund routes
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/bookings',
        '/api/track/{reference}/messages',
        '/api/staff/payments/{paymentId}/refunds',
      ]),
    );
    expect(checked).toBeGreaterThan(200);
  });

  it("walks better-auth's endpoints the app uses", async () => {
    const routes: Array<[string, Record<string, string>]> = [
      [
        '/sign-up/email',
        { email: 'fuzz-signup@example.com', password: 'correct-horse-battery', name: 'Fuzz' },
      ],
      ['/sign-in/email', { email: 'fuzz-signin@example.com', password: 'correct-horse-battery' }],
      ['/request-password-reset', { email: 'fuzz-reset@example.com', redirectTo: '/reset-password' }],
      ['/reset-password', { newPassword: 'correct-horse-battery', token: 'abcdef' }],
      [
        '/change-password',
        { currentPassword: 'correct-horse-battery', newPassword: 'another-horse-battery' },
      ],
      ['/two-factor/enable', { password: 'correct-horse-battery' }],
      ['/two-factor/disable', { password: 'correct-horse-battery' }],
      ['/two-factor/verify-totp', { code: '123456' }],
      ['/two-factor/verify-backup-code', { code: 'abcde-fghij' }],
      ['/two-factor/generate-backup-codes', { password: 'correct-horse-battery' }],
      ['/security/step-up', { code: '123456' }],
    ];
    for (const [route, body] of routes) {
      for (const field of Object.keys(body)) {
        for (const poison of POISONS) {
          await expectRefused(
            'post',
            `/api/auth${route}`,
            { ...body, [field]: poison.value },
            field,
            poison.message,
          );
        }
      }
    }
    await expectRefused('get', '/api/auth/verify-email?token=ab%00cd', undefined, 'token', /NUL/);
  });

  it('strips bidirectional overrides from names (a booking, a sign-up)', async () => {
    const slot = await freeSlot(app, 'london');
    const res = await app.request('/api/bookings', {
      method: 'POST',
      json: bookingBody({
        service: { type: 'drop_off', shopSlug: 'london', slotStartsAt: slot },
        customer: { name: 'Bob \u202eevil\u202c \u2066x\u2069', email: 'bidi@example.com' },
      }),
    });
    expect(res.status).toBe(201);
    const { reference } = (await res.json()) as { reference: string };
    const [row] = await app.handle.db
      .select({ name: bookings.customerName })
      .from(bookings)
      .where(eq(bookings.reference, reference));
    expect(row?.name).toBe('Bob evil x');

    const signUp = await app.request('/api/auth/sign-up/email', {
      method: 'POST',
      json: { email: 'bidi-user@example.com', password: 'correct-horse-battery', name: '\u202eAlice' },
    });
    expect(signUp.status).toBe(200);
    expect(((await signUp.json()) as { user: { name: string } }).user.name).toBe('Alice');
  });

  it("logs a failed query's code and message, never its parameters or the input", async () => {
    const customer = 'jane.private@example.com';
    const failed = await app.handle.db
      .execute(sql`select ${customer}::uuid as id`)
      .then(() => null)
      .catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(Error);

    // the app's own logger, its output caught at its stream
    const stream = (logger as unknown as Record<symbol, { write(s: string): boolean }>)[
      pino.symbols.streamSym
    ]!;
    const lines: string[] = [];
    const write = stream.write;
    stream.write = (s: string) => {
      lines.push(s);
      return true;
    };
    try {
      logger.error({ err: failed, requestId: 'test' }, 'unhandled API error');
    } finally {
      stream.write = write;
    }
    const logged = lines.join('');
    expect(logged).toContain('unhandled API error');
    expect(logged).toContain('22P02'); // the SQLSTATE: invalid text representation
    expect(logged).toContain('Failed query');
    expect(logged).not.toContain('jane.private');

    // and a logger made with the same options, as a second witness
    const own: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        own.push(chunk.toString());
        done();
      },
    });
    pino({ ...loggerOptions(), level: 'error' }, sink).error({ err: failed }, 'unhandled API error');
    expect(own.join('')).toContain('22P02');
    expect(own.join('')).not.toContain(customer);
  });
});
