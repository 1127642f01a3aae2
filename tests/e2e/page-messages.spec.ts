import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

/**
 * Less to download: a page's HTML carries only the message namespaces its client components use
 * (src/i18n/client-messages.ts), never the staff or admin texts. The browser journeys
 * (booking-journey, site-polish…) check that every page still shows its texts.
 */
const messages = JSON.parse(readFileSync(new URL('../../messages/en-GB.json', import.meta.url), 'utf8'));

/** Texts only the staff console and the administration show (plain ones: as they appear in HTML). */
const STAFF_AND_ADMIN = [
  messages.audit.lead,
  messages.audit.loadError,
  messages.staff.consoleLead,
  messages.securityEvents.title,
  messages.analytics.dashboard.addLead,
].filter((text): text is string => typeof text === 'string' && /^[\w ,.-]+$/.test(text));

for (const path of ['/', '/book-repair']) {
  test(`${path} carries no staff or admin message`, async ({ request }) => {
    const html = await (await request.get(path)).text();
    expect(STAFF_AND_ADMIN.length, 'the messages the test looks for').toBeGreaterThanOrEqual(4);
    for (const text of STAFF_AND_ADMIN) {
      expect(html, `"${text}" in ${path}`).not.toContain(text);
    }
  });
}

test('/book-repair carries the booking form messages its browser needs', async ({ request }) => {
  const html = await (await request.get('/book-repair')).text();
  // rendered only in the browser (the later steps), so present only as a client message
  expect(html).toContain(messages.booking.serviceTitle);
  // and the home page does not carry them
  expect(await (await request.get('/')).text()).not.toContain(messages.booking.serviceTitle);
});
