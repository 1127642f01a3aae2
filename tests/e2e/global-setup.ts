/**
 * Once per run, after the server is up on its fresh database (scripts/e2e-server.mjs): the
 * fixture users of tests/e2e/users.ts, one per role, made and signed in through the API, their
 * sessions saved as storage states for the workers. The admin (created by the server's first
 * start) and the staff set up two-factor through the API, as staff must
 * (STAFF_TWO_FACTOR=required); the secrets go to a file in the test output folder.
 */
import { type FullConfig } from '@playwright/test';
import {
  apiContext,
  createUser,
  enrolTwoFactor,
  FIXTURE_USERS,
  saveFixtureUsers,
  storageStateOf,
  type FixtureName,
  type User,
} from './users';

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('no baseURL in playwright.config.ts');
  const users = {} as Record<FixtureName, User>;

  const admin = await apiContext(baseURL);
  try {
    const spec = FIXTURE_USERS.admin;
    const signIn = await admin.post('/api/auth/sign-in/email', {
      data: { email: spec.email, password: spec.password },
    });
    if (!signIn.ok()) throw new Error(`admin sign-in: ${signIn.status()} ${await signIn.text()}`);
    const answer = (await signIn.json()) as { twoFactorRedirect?: boolean; user?: { id: string } };
    if (answer.twoFactorRedirect) {
      throw new Error(
        'the admin already has two-factor on this database: the e2e server must start on an empty database',
      );
    }
    const { secret } = await enrolTwoFactor(admin, spec.email, spec.password);
    const me = await admin.get('/api/account');
    if (!me.ok()) throw new Error(`admin account: ${me.status()} ${await me.text()}`);
    const { id } = (await me.json()) as { id: string };
    users.admin = { ...spec, id, totpSecret: secret };
    await admin.storageState({ path: storageStateOf('admin') });

    // the others one after another (each is a few password hashes on the server)
    for (const name of ['technician', 'manager', 'regionalManager', 'customer'] as const) {
      const fixture = FIXTURE_USERS[name];
      const { user, api } = await createUser(
        baseURL,
        {
          email: fixture.email,
          password: fixture.password,
          name: fixture.name,
          role: fixture.role,
          shopSlug: fixture.shopSlug ?? undefined,
          twoFactor: fixture.role !== 'customer',
        },
        admin,
      );
      await api.storageState({ path: storageStateOf(name) });
      await api.dispose();
      users[name] = user;
    }
    saveFixtureUsers(users);
  } finally {
    await admin.dispose();
  }
}
