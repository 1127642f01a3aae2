/**
 * "Describe the problem" in the booking form (issue 16): the customer's words give the likely
 * faults in words with prices (the pricing engine's), the likely repairs are preselected and
 * can be changed, urgency is shown, "not sure" offers the diagnostic check, and the text goes
 * with the booking as its problem text. Loading and error states too. Desktop and phone.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, reviewShot, uniqueEmail } from './helpers';

const shotPath = (name: string) => `test-results/shots/${name}-${test.info().project.name}.png`;

async function openIphone15(page: Page) {
  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await expect(page.getByTestId('describe-problem')).toBeVisible();
}

async function describe(page: Page, text: string) {
  await page.getByTestId('diagnose-description').fill(text);
  await page.getByTestId('diagnose-submit').click();
  await expect(page.getByTestId('diagnosis')).toBeVisible();
}

const gbp = (minor: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(minor / 100);

test('describe the problem: likely repairs priced and preselected, changeable, and booked with the text', async ({
  page,
  request,
}) => {
  // a diagnosis, an accessibility check and a whole booking: more than the default minute on a loaded machine
  test.slow();
  const text = 'Dropped my phone on the pavement, the screen is smashed and the bottom half does not respond';
  await openIphone15(page);
  await describe(page, text);

  const screen = page.getByTestId('candidate-screen');
  await expect(screen).toContainText(/Very likely|Likely/);
  const quote = await request.post('/api/pricing/quote', {
    data: { modelSlug: 'iphone-15', repairSlugs: ['screen-crack'] },
  });
  const { totalMinor } = (await quote.json()) as { totalMinor: number };
  await expect(screen).toContainText(gbp(totalMinor));
  await expect(page.getByTestId('issue-screen-crack')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('diagnosis-selected')).toContainText('Cracked or broken screen');
  await expect(page.getByTestId('price-estimate')).toContainText(gbp(totalMinor));
  await reviewShot(page, shotPath('diagnose-result'), { fullPage: true });
  await expectAccessible(page, 'booking form with a diagnosis');

  // the customer changes the preselection
  await page.getByTestId('issue-battery').click();
  await expect(page.getByTestId('issue-battery')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('issue-screen-crack')).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('issue-screen-crack').click();
  await expect(page.getByTestId('issue-screen-crack')).toHaveAttribute('aria-checked', 'false');

  // the description is the booking's problem text
  await page.getByTestId('service-mail_in').click();
  await expect(page.getByTestId('fault-description')).toHaveValue(text);
  await page.getByTestId('customer-name').fill('Dee Scribe');
  await page.getByTestId('customer-email').fill(uniqueEmail('diagnose'));
  await page.getByTestId('payment-collection').click();
  const booking = page.waitForRequest((r) => r.url().endsWith('/api/bookings') && r.method() === 'POST');
  await page.getByTestId('submit-payment').click();
  const sent = (await booking).postDataJSON() as { faultDescription?: string; repairSlugs: string[] };
  expect(sent.faultDescription).toBe(text);
  expect(sent.repairSlugs).toEqual(['battery']);
  await expect(page.getByTestId('booking-success')).toBeVisible();
});

test('not sure: the diagnostic check is offered, and one tap chooses it', async ({ page }) => {
  await openIphone15(page);
  await describe(page, 'my washing machine is leaking all over the kitchen floor');
  await expect(page.getByTestId('diagnosis-not-sure')).toBeVisible();
  await expect(page.getByTestId('issue-diagnostic')).toHaveAttribute('aria-checked', 'false');
  await page.getByTestId('diagnosis-choose-diagnostic').click();
  await expect(page.getByTestId('issue-diagnostic')).toHaveAttribute('aria-checked', 'true');
  await reviewShot(page, shotPath('diagnose-not-sure'), { fullPage: true });
});

test('liquid damage is shown as urgent with what to do meanwhile', async ({ page }) => {
  await openIphone15(page);
  await describe(page, 'phone fell in the bath last night and now it keeps restarting');
  const urgency = page.getByTestId('diagnosis-urgency');
  await expect(urgency).toHaveAttribute('data-level', 'urgent');
  await expect(page.getByTestId('urgency-reason-liquid')).toContainText("don't charge it");
  await reviewShot(page, shotPath('diagnose-urgent'), { fullPage: true });
  await expectAccessible(page, 'urgent diagnosis');
});

test('loading, then an error leaves the repairs to choose by hand; an empty text asks for one', async ({
  page,
}) => {
  await openIphone15(page);
  await page.getByTestId('diagnose-submit').click();
  await expect(page.getByText('Describe the problem in a few words first.')).toBeVisible();
  await expect(page.getByTestId('diagnose-description')).toHaveAttribute('aria-invalid', 'true');

  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/ai/diagnose', async (route) => {
    await held;
    await route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({ status: 503, code: 'UNAVAILABLE', detail: 'down' }),
    });
  });
  await page.getByTestId('diagnose-description').fill('screen cracked');
  await page.getByTestId('diagnose-submit').click();
  await expect(page.getByTestId('diagnose-submit')).toHaveText(/Looking at your description/);
  await expect(page.getByTestId('diagnose-submit')).toBeDisabled();
  release();
  await expect(page.getByTestId('diagnose-error')).toContainText("couldn't suggest repairs");
  await expect(page.getByTestId('diagnose-submit')).toBeEnabled();
  await page.getByTestId('issue-screen-crack').click();
  await expect(page.getByTestId('issue-screen-crack')).toHaveAttribute('aria-checked', 'true');
});
