import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { expectAccessible, uniqueEmail } from './helpers';
import { storageStateOf } from './users';

const SMTP_USER = 'shop-relay';
const SMTP_PASS = 'relay-secret-42';

/** A real SMTP server in the test process: plain (no TLS), AUTH required, one user. */
async function startSmtp() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) callback(null, { user: auth.username });
      else callback(new Error('Invalid user name or password'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// the admin, signed in by its storage state (global-setup.ts)
test.use({ storageState: storageStateOf('admin') });

test('an admin configures SMTP in the UI, tests the connection and sends a test e-mail', async ({ page }) => {
  test.slow(); // two SMTP round trips and three axe runs on a busy machine
  const smtp = await startSmtp();
  try {
    await page.goto('/admin/email-setup');
    await expect(page).toHaveURL(/\/admin\/email-setup/);
    await expect(page.getByRole('heading', { name: 'E-mail set-up' })).toBeVisible();

    await page.getByLabel('Provider').selectOption('custom');
    await page.getByLabel('SMTP server').fill('127.0.0.1');
    await page.getByLabel('Port').fill(String(smtp.port));
    await page.getByLabel('Security').selectOption('none');
    await page.getByLabel('User name').fill(SMTP_USER);
    await page.getByLabel('Sender name').fill('RevivaTech E2E');
    await page.getByLabel('Sender address').fill('repairs@e2e.test');

    // a wrong password: the check fails and says the server refused the sign-in
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByRole('status').filter({ hasText: 'Server answer' });
    await expect(result).toContainText('Failed');
    await expect(result).toContainText('Sign-in was refused. The server answered: 535');
    // (one axe run for the page with a check's answer: the later success shows the same parts)
    await expectAccessible(page, 'e-mail set-up (failed check)');

    // the right password: save, then test the saved settings
    await page.getByLabel('Password', { exact: true }).fill(SMTP_PASS);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.locator('form').getByRole('alert')).toHaveText('Settings saved.');
    await expect(page.getByText('SMTP is configured.')).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await expect(page.getByText('A password is saved. Leave this empty to keep it.')).toBeVisible();

    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(result).toContainText('Success');
    await expect(result).toContainText(`Connected to 127.0.0.1:${smtp.port} and signed in as ${SMTP_USER}.`);

    const to = uniqueEmail('smtp-test');
    await page.getByLabel('Send the test to').fill(to);
    await page.getByRole('button', { name: 'Send test e-mail' }).click();
    await expect(result).toContainText('Success');
    await expect(result).toContainText('The server accepted the message: 250');

    await expect
      .poll(() => smtp.received.filter((m) => m.to && JSON.stringify(m.to).includes(to)).length)
      .toBe(1);
    const mail = smtp.received.find((m) => JSON.stringify(m.to).includes(to))!;
    expect(mail.from?.value[0]).toMatchObject({ name: 'RevivaTech E2E', address: 'repairs@e2e.test' });
    expect(mail.subject).toBeTruthy();
    expect(mail.text?.trim()).toBeTruthy();
    expect(mail.html).toBeTruthy();

    // the attempt is listed in the outbox, sent through SMTP
    await page.getByRole('link', { name: 'Open the outbox' }).click();
    await expect(page).toHaveURL(/\/admin\/email\/outbox/);
    await page.getByLabel('Search recipient or subject').fill(to);
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/q=/);
    const item = page.getByRole('listitem').filter({ hasText: to });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(mail.subject!);
    await expect(item).toContainText('Sent');
    await expect(item).toContainText('SMTP');
    await expectAccessible(page, 'outbox filtered');
    // (axe runs before the preview: it cannot enter the script-less sandboxed iframe and hangs)
    await item.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByTitle(`Preview of ${mail.subject}`)).toBeVisible();
    await expect(page.frameLocator('iframe[title^="Preview of"]').locator('body')).not.toBeEmpty();
  } finally {
    await smtp.close();
  }
});
