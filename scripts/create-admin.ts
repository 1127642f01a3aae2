/**
 * `npm run create-admin`: create an admin account, or promote an existing one.
 * Asks for the e-mail and password (typed hidden); ADMIN_EMAIL / ADMIN_PASSWORD skip the
 * questions. Stop the app first when using the embedded database (it is locked while running).
 */
import readline from 'node:readline';
import { env } from '@/env';
import { openDatabase } from '@/server/db/client';
import { setDatabase, closeDatabase } from '@/server/db/runtime';
import { createAdmin, CreateAdminError } from '@/features/auth/server/ensure-admin';
import { DataDirLockedError } from '@/server/db/lock';

function ask(question: string, hidden = false): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) =>
      write.call(rl, s.startsWith(question) ? s : '*'.repeat(s.length ? 1 : 0));
  }
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stdout.write('\n');
      resolve(answer.trim());
    }),
  );
}

async function main() {
  const email = env.ADMIN_EMAIL ?? (await ask('Admin e-mail: '));
  let password = env.ADMIN_PASSWORD;
  if (!password) {
    password = await ask('Password (12+ characters): ', true);
    if ((await ask('Repeat the password: ', true)) !== password)
      throw new CreateAdminError('The passwords do not match.');
  }
  const handle = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  setDatabase(handle);
  try {
    const outcome = await createAdmin(handle.db, { email, password });
    console.log(outcome === 'created' ? `Created the admin account ${email}.` : `${email} is now an admin.`);
  } finally {
    await closeDatabase();
  }
}

main().catch((err: unknown) => {
  if (err instanceof CreateAdminError || err instanceof DataDirLockedError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
