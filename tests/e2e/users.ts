/**
 * The one place the journeys get their users from.
 *
 * - Fixture users, one per role, are made once per run by global-setup.ts through the API
 *   (sign-up, the role from the admin, two-factor for staff as STAFF_TWO_FACTOR requires) and
 *   saved as a Playwright storage state each: a journey that is not about signing in starts
 *   signed in with `test.use({ storageState: storageStateOf('technician') })`, or opens an
 *   API client with `apiAs(baseURL, 'manager')`.
 * - A journey that needs a user of its own (its own repairs, notifications, sessions, two-factor)
 *   makes one with `createUser` and signs it in with `signInContext` (the API's answer writes
 *   the session cookies into the browser context, no sign-in form) or `signInApi`.
 *
 * Only the journeys about signing in (accounts, two-factor, the lockout and step-up) use the
 * sign-in form (helpers.ts `signIn`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, request, type APIRequestContext, type BrowserContext } from '@playwright/test';
import { secretOf, totp } from '../totp';
import { ADMIN_CREDENTIALS } from './admin-credentials';

export type Role = 'customer' | 'technician' | 'manager' | 'admin';

export interface User {
  id: string;
  email: string;
  password: string;
  name: string;
  role: Role;
  /** the shop a technician or manager belongs to; null: a manager of every shop */
  shopSlug: string | null;
  /** the authenticator secret, when two-factor is on */
  totpSecret: string | null;
}

/** The users every run starts with (global-setup.ts), by the name tests ask for them. */
export const FIXTURE_USERS = {
  admin: { ...ADMIN_CREDENTIALS, name: 'Admin', role: 'admin', shopSlug: null },
  technician: {
    email: 'technician@e2e.test',
    password: 'e2e-technician-password',
    name: 'Tia Technician',
    role: 'technician',
    shopSlug: 'london',
  },
  /** a manager of the London shop (refunds, counter payments: the shop's managers) */
  manager: {
    email: 'manager@e2e.test',
    password: 'e2e-manager-password',
    name: 'Mia Manager',
    role: 'manager',
    shopSlug: 'london',
  },
  /** a manager tied to no shop, who manages every shop's orders (mail-in ones too) */
  regionalManager: {
    email: 'regional-manager@e2e.test',
    password: 'e2e-regional-manager-password',
    name: 'Morgan Manager',
    role: 'manager',
    shopSlug: null,
  },
  customer: {
    email: 'customer@e2e.test',
    password: 'e2e-customer-password',
    name: 'Cara Customer',
    role: 'customer',
    shopSlug: null,
  },
} as const satisfies Record<string, Omit<User, 'id' | 'totpSecret'>>;

export type FixtureName = keyof typeof FIXTURE_USERS;

/** test-results/ is emptied at the start of every run, before the server starts */
const AUTH_DIR = fileURLToPath(new URL('../../test-results/e2e-auth/', import.meta.url));
const USERS_FILE = path.join(AUTH_DIR, 'users.json');

/** The storage state (cookies) of a fixture user, signed in by global-setup.ts. */
export function storageStateOf(name: FixtureName): string {
  return path.join(AUTH_DIR, `${name}.json`);
}

/** Written by global-setup.ts: the fixture users with their ids and authenticator secrets. */
export function saveFixtureUsers(users: Record<FixtureName, User>) {
  mkdirSync(AUTH_DIR, { recursive: true });
  writeFileSync(USERS_FILE, JSON.stringify(users, null, 2), { mode: 0o600 });
  fixtures = users;
}

let fixtures: Record<FixtureName, User> | undefined;

/** A fixture user as global-setup.ts made it (id, name, authenticator secret). */
export function fixtureUser(name: FixtureName): User {
  if (!fixtures) {
    if (!existsSync(USERS_FILE)) throw new Error(`${USERS_FILE} is missing: global-setup.ts did not run`);
    fixtures = JSON.parse(readFileSync(USERS_FILE, 'utf8')) as Record<FixtureName, User>;
  }
  return fixtures[name];
}

/** Authenticator secrets of users made in this worker, by e-mail (fixtures: users.json). */
const totpSecrets = new Map<string, string>();

export function rememberTotpSecret(email: string, secret: string) {
  totpSecrets.set(email.toLowerCase(), secret);
}

/** The authenticator secret of this user: a fixture user's, or one set up in this worker. */
export function totpSecretOf(email: string): string {
  const key = email.toLowerCase();
  const fixture = (Object.keys(FIXTURE_USERS) as FixtureName[]).find((n) => FIXTURE_USERS[n].email === key);
  const known = totpSecrets.get(key) ?? (fixture ? fixtureUser(fixture).totpSecret : null);
  if (!known) throw new Error(`no authenticator secret known for ${email} in this worker`);
  return known;
}

/** The code the user's authenticator app would show now. */
export function totpCodeFor(email: string): string {
  return totp(totpSecretOf(email));
}

/**
 * An API client of its own (own cookie jar), signed in as the fixture user when one is named.
 * The Origin header is what a browser would send; better-auth checks it on sign-in.
 */
export async function apiContext(baseURL: string, storageState?: string): Promise<APIRequestContext> {
  return request.newContext({ baseURL, storageState, extraHTTPHeaders: { origin: baseURL } });
}

/** An API client signed in as this fixture user (from its storage state: no sign-in). */
export function apiAs(baseURL: string, name: FixtureName): Promise<APIRequestContext> {
  return apiContext(baseURL, storageStateOf(name));
}

/** An API client signed in as the admin. */
export function adminApi(baseURL: string): Promise<APIRequestContext> {
  return apiAs(baseURL, 'admin');
}

/**
 * Signs in through better-auth's API with this client (an API context, or a browser context's
 * `request`, whose cookies are the browser's), answering the two-factor challenge with the
 * user's authenticator code when the account has one.
 */
export async function apiSignIn(
  api: APIRequestContext,
  email: string,
  password: string,
  headers: Record<string, string> = {},
) {
  const res = await api.post('/api/auth/sign-in/email', { data: { email, password }, headers });
  expect(res.ok(), `sign-in of ${email}: ${res.status()} ${await res.text()}`).toBe(true);
  const answer = (await res.json()) as { twoFactorRedirect?: boolean };
  if (answer.twoFactorRedirect) {
    const verify = await api.post('/api/auth/two-factor/verify-totp', {
      data: { code: totpCodeFor(email) },
      headers,
    });
    expect(verify.ok(), `two-factor of ${email}: ${verify.status()} ${await verify.text()}`).toBe(true);
  }
}

/** Turns two-factor on for the signed-in user of `api`, as the set-up page does it. */
export async function enrolTwoFactor(api: APIRequestContext, email: string, password: string) {
  const enable = await api.post('/api/auth/two-factor/enable', { data: { password } });
  expect(enable.ok(), `two-factor enable of ${email}: ${enable.status()} ${await enable.text()}`).toBe(true);
  const { totpURI, backupCodes } = (await enable.json()) as { totpURI: string; backupCodes: string[] };
  const secret = secretOf(totpURI);
  const verify = await api.post('/api/auth/two-factor/verify-totp', { data: { code: totp(secret) } });
  expect(verify.ok(), `two-factor verify of ${email}: ${verify.status()} ${await verify.text()}`).toBe(true);
  rememberTotpSecret(email, secret);
  return { secret, backupCodes };
}

export interface NewUser {
  email: string;
  password: string;
  name: string;
  role?: Role;
  /** for staff: their shop; leave out for a manager of every shop */
  shopSlug?: string;
  /** turn two-factor on (staff need it for the console: STAFF_TWO_FACTOR=required) */
  twoFactor?: boolean;
}

/**
 * A user made through the API as a person and the admin would: sign-up, then the role from the
 * admin (`admin`: an API client signed in as the admin; needed for any role but customer), then
 * two-factor when asked for. Returns the user and an API client signed in as them (with the
 * role; dispose it).
 */
export async function createUser(
  baseURL: string,
  spec: NewUser,
  admin?: APIRequestContext,
): Promise<{ user: User; api: APIRequestContext }> {
  const api = await apiContext(baseURL);
  const signUp = await api.post('/api/auth/sign-up/email', {
    data: { email: spec.email, password: spec.password, name: spec.name },
  });
  expect(signUp.ok(), `sign-up of ${spec.email}: ${signUp.status()} ${await signUp.text()}`).toBe(true);
  const id = ((await signUp.json()) as { user: { id: string } }).user.id;
  const role = spec.role ?? 'customer';
  // sign-up starts no session (it answers a registered address the same way): sign in
  if (role === 'customer') await apiSignIn(api, spec.email, spec.password);
  else {
    if (!admin) throw new Error(`createUser: a ${role} needs the admin's API client`);
    const patched = await admin.patch(`/api/admin/users/${id}`, {
      data: spec.shopSlug ? { role, shopSlug: spec.shopSlug } : { role },
    });
    expect(patched.ok(), `role of ${spec.email}: ${patched.status()} ${await patched.text()}`).toBe(true);
    // a fresh session, so it carries the new role
    await api.post('/api/auth/sign-out', { data: {} });
    await apiSignIn(api, spec.email, spec.password);
  }
  const totpSecret = spec.twoFactor ? (await enrolTwoFactor(api, spec.email, spec.password)).secret : null;
  return {
    user: {
      id,
      email: spec.email,
      password: spec.password,
      name: spec.name,
      role,
      shopSlug: spec.shopSlug ?? null,
      totpSecret,
    },
    api,
  };
}

/** A new API client signed in as this user (with their authenticator code when they have one). */
export async function signInApi(baseURL: string, user: Pick<User, 'email' | 'password'>) {
  const api = await apiContext(baseURL);
  await apiSignIn(api, user.email, user.password);
  return api;
}

/**
 * Signs this browser context in as the user through the API: the answer's session cookies land
 * in the context, so its pages open signed in, with no trip through the sign-in form.
 */
export async function signInContext(
  context: BrowserContext,
  baseURL: string,
  user: Pick<User, 'email' | 'password'>,
) {
  await apiSignIn(context.request, user.email, user.password, { origin: baseURL });
}

/**
 * A new customer account made through the API from this browser context, then signed in (as
 * the sign-up form does): the context's pages are then signed in as them.
 */
export async function signUpContext(
  context: BrowserContext,
  baseURL: string,
  customer: { name: string; email: string; password: string },
): Promise<string> {
  const res = await context.request.post('/api/auth/sign-up/email', {
    data: customer,
    headers: { origin: baseURL },
  });
  expect(res.ok(), `sign-up of ${customer.email}: ${res.status()} ${await res.text()}`).toBe(true);
  const id = ((await res.json()) as { user: { id: string } }).user.id;
  await apiSignIn(context.request, customer.email, customer.password, { origin: baseURL });
  return id;
}
