/**
 * The support chat in the browser: a visitor asks a price in the widget and gets the answer
 * with its links, the conversation survives a page load; a complaint shows up live in a staff
 * member's open console (a second browser context), the staff reply appears live in the
 * visitor's widget. At 1280 px and at 390 px (full-screen chat, clear of the bottom bar).
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, reviewShot } from './helpers';
import { storageStateOf } from './users';

const PRICE = 'How much is an iPhone 15 screen?';
const COMPLAINT =
  'This is a disgrace. I want to make a formal complaint: you broke my phone and nobody answers my calls.';

async function openChat(page: Page) {
  await page.getByTestId('support-launcher').click();
  await expect(page.getByTestId('support-dialog')).toBeVisible();
  // focus goes to the message box
  await expect(page.getByTestId('support-input')).toBeFocused();
}

async function ask(page: Page, text: string) {
  const before = await page.getByTestId('support-message').count();
  await page.getByTestId('support-input').fill(text);
  await page.getByTestId('support-input').press('Enter');
  // the first answer of a fresh server may wait for the intent model to load
  await expect(page.getByTestId('support-message')).toHaveCount(before + 2, { timeout: 30_000 });
  await expect(page.getByTestId('support-input')).toHaveValue('');
}

test('a visitor asks a price in the chat and keeps the conversation across pages', async ({ page }, info) => {
  await page.goto('/');
  await openChat(page);
  await expect(page.getByTestId('support-empty')).toBeVisible();
  await ask(page, PRICE);
  const reply = page.locator('[data-testid="support-message"][data-author="assistant"]').last();
  await expect(reply).toContainText(/£\d/);
  // the transcript is a live region that screen readers follow
  await expect(page.getByTestId('support-log')).toHaveAttribute('aria-live', 'polite');

  const dialog = await page.getByTestId('support-dialog').boundingBox();
  const viewport = page.viewportSize()!;
  if (viewport.width < 640) {
    // full screen on a phone, ending above the bottom navigation
    const nav = await page.getByTestId('bottom-nav').boundingBox();
    expect(dialog!.width).toBe(viewport.width);
    expect(dialog!.y + dialog!.height).toBeLessThanOrEqual(nav!.y + 1);
  } else {
    expect(dialog!.width).toBeLessThan(450);
  }
  await expectAccessible(page, 'the support chat');
  await reviewShot(page, info.outputPath(`support-chat-${info.project.name}.png`));

  // Escape closes it and gives focus back to the launcher
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('support-dialog')).toBeHidden();
  await expect(page.getByTestId('support-launcher')).toBeFocused();

  // another page: the same conversation
  await page.goto('/shops');
  await openChat(page);
  // the visitor's own message (its "You" label is for screen readers), then the answer
  await expect(page.getByTestId('support-message-body').first()).toHaveText(PRICE);
  await expect(page.getByTestId('support-message')).toHaveCount(2);
});

test('a complaint appears live in the console; the staff reply appears live in the chat', async ({
  browser,
}, info) => {
  test.slow(); // two browser contexts and a live round trip each way on a busy machine

  // staff: the inbox open (a manager of every shop)
  const staffContext = await browser.newContext({ storageState: storageStateOf('regionalManager') });
  const staff = await staffContext.newPage();
  await staff.goto('/staff/support');
  await expect(staff.getByRole('heading', { level: 1, name: 'Support' })).toBeVisible();
  await expect(staff.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
  await staff.evaluate(() => ((window as unknown as { __mark: string }).__mark = 'same-page'));

  // a visitor complains in the chat
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto('/');
  await openChat(visitor);
  await ask(visitor, COMPLAINT);
  await expect(visitor.getByTestId('support-dialog')).toContainText('A member of our team will answer here');
  const id = await visitor.evaluate(() => sessionStorage.getItem('rt-support-conversation'));
  expect(id).toMatch(/^[0-9a-f-]{36}$/);

  // it shows up in the open console without a reload
  const item = staff.locator(`[data-testid="staff-support-item"][data-conversation="${id}"]`);
  await expect(item).toBeVisible({ timeout: 20_000 });
  expect(await staff.evaluate(() => (window as unknown as { __mark?: string }).__mark)).toBe('same-page');
  await expect(item).toContainText('Complaint');
  await reviewShot(staff, info.outputPath(`support-inbox-${info.project.name}.png`));
  await item.click();
  const conversation = staff.getByTestId('staff-support-conversation');
  await expect(conversation).toHaveAttribute('data-conversation', id!);
  await expect(conversation).toContainText(COMPLAINT);
  await expectAccessible(staff, 'the support inbox');

  // the staff reply reaches the visitor's open chat live
  const reply = 'I am so sorry. Please bring it in tomorrow and we will look at it first thing.';
  await conversation.getByLabel('Reply to the customer').fill(reply);
  await conversation.getByRole('button', { name: 'Send reply' }).click();
  await expect(conversation.getByRole('status')).toHaveText('Reply sent.');
  const staffMessage = visitor.locator('[data-testid="support-message"][data-author="staff"]');
  await expect(staffMessage).toContainText(reply, { timeout: 20_000 });
  await expect(staffMessage).toContainText('Morgan from our team');
  await reviewShot(visitor, info.outputPath(`support-reply-${info.project.name}.png`));
  await reviewShot(staff, info.outputPath(`support-conversation-${info.project.name}.png`));

  await staffContext.close();
  await visitorContext.close();
});
