/**
 * Issue 15 (M11): "Find my nearest shop". The device's position is asked for only on a tap; the
 * shops come back nearest first with miles (km beside) and travel estimates, the nearest marked,
 * and the choice carries into booking. With location refused, a town typed in is looked up in
 * the data the app ships. Phone-only file (390 px); 320 and 768 px are set where looked at.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, reviewShot } from './helpers';

/** Review screenshots with E2E_SHOTS (never asserted): test-results/<test>/<name>.png */
async function shots(page: Page, name: string, target = page.getByTestId('nearest-shop')) {
  for (const width of [320, 390, 768]) {
    await page.setViewportSize({ width, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `no horizontal scroll at ${width} px`).toBeLessThanOrEqual(0);
    // the finder itself (the rest of the page is other journeys' to look at)
    await reviewShot(target, test.info().outputPath(`${name}-${width}.png`));
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

/**
 * Counts the page's requests for the device's position (none may happen before the tap), and
 * holds the answer until `releaseGeolocation` (a real fix takes a moment).
 */
async function countGeolocationCalls(page: Page) {
  await page.addInitScript(() => {
    const geo = navigator.geolocation;
    const w = window as unknown as { __geoCalls: number };
    w.__geoCalls = 0;
    const get = geo.getCurrentPosition.bind(geo);
    const watch = geo.watchPosition.bind(geo);
    geo.getCurrentPosition = (...args: Parameters<Geolocation['getCurrentPosition']>) => {
      w.__geoCalls++;
      // a real fix takes a moment: held until the journey has seen the loading state
      (window as unknown as { __releaseGeo: () => void }).__releaseGeo = () => get(...args);
    };
    geo.watchPosition = (...args: Parameters<Geolocation['watchPosition']>) => {
      w.__geoCalls++;
      return watch(...args);
    };
  });
}
const releaseGeolocation = (page: Page) =>
  page.evaluate(() => (window as unknown as { __releaseGeo: () => void }).__releaseGeo());
const geoCalls = (page: Page) =>
  page.evaluate(() => (window as unknown as { __geoCalls: number }).__geoCalls);

/** On /book-repair: a device and a repair, after which the service step (and its shop) shows. */
async function chooseRepair(page: Page) {
  await page.getByTestId('device-google').click();
  await page.getByTestId('model-pixel-8').click();
  await page.getByTestId('issue-screen-crack').click();
}

const NEAR = {
  // Euston Square, ~400 m from the London shop
  london: { latitude: 51.5246, longitude: -0.134 },
  // Piccadilly Gardens, ~800 m from the Manchester shop
  manchester: { latitude: 53.4809, longitude: -2.2374 },
} as const;

for (const slug of ['london', 'manchester'] as const) {
  test(`near the ${slug} shop, the location picks it as nearest and booking starts there`, async ({
    page,
    context,
  }) => {
    test.slow(); // screenshots at three widths on a shared machine
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation(NEAR[slug]);
    await countGeolocationCalls(page);
    await page.goto('/shops');
    const find = page.getByTestId('find-nearest');
    await expect(find).toHaveText('Find my nearest shop');
    expect(await geoCalls(page), 'no location asked for on load').toBe(0);
    await find.click();
    // while the device looks: a loading state, and no second request from another tap
    await expect(find).toHaveText('Finding your location…');
    await expect(find).toBeDisabled();
    await expect(find).toHaveAttribute('aria-busy', 'true');
    expect(await geoCalls(page)).toBe(1);
    await releaseGeolocation(page);

    const other = slug === 'london' ? 'manchester' : 'london';
    const results = page.getByTestId('nearest-results');
    await expect(results).toBeVisible();
    await expect(find).toHaveText('Find my nearest shop');
    await expect(find).toBeEnabled();
    await expect(results.getByTestId('nearest-from')).toContainText('your location');
    const items = results.locator('ol > li');
    await expect(items).toHaveCount(2);
    await expect(items.first()).toHaveAttribute('data-testid', `nearest-${slug}`);
    await expect(items.first().getByTestId('nearest-badge')).toHaveText('Nearest');
    await expect(results.getByTestId(`nearest-${other}`).getByTestId('nearest-badge')).toHaveCount(0);
    // under a mile: miles first, km beside, a walk and a drive estimated
    await expect(results.getByTestId(`nearest-distance-${slug}`)).toHaveText(/^0\.\d miles \(\d\.\d km\)$/);
    await expect(items.first().getByTestId('hint-walk')).toHaveText(/^about \d+ min walk$/);
    await expect(items.first().getByTestId('hint-drive')).toHaveText(/^about \d+ min by car$/);
    // ~160 miles to the other shop: no walk, a drive of hours
    await expect(results.getByTestId(`nearest-distance-${other}`)).toHaveText(/^16\d miles \(26\d km\)$/);
    await expect(results.getByTestId(`nearest-${other}`).getByTestId('hint-walk')).toHaveCount(0);
    await expect(results.getByTestId(`nearest-${other}`).getByTestId('hint-drive')).toHaveText(
      /^about \d hr( \d+ min)? by car$/,
    );
    await expect(results).toContainText('rough estimates');
    await expect(page.getByTestId('nearest-status')).toHaveText(
      new RegExp(`^Nearest shop to your location: RevivaTech`),
    );
    await expectAccessible(page, '/shops nearest results');
    await shots(page, `shops-nearest-${slug}`);

    await results.getByTestId(`nearest-book-${slug}`).click();
    await expect(page).toHaveURL(new RegExp(`/book-repair\\?shop=${slug}$`));
    await chooseRepair(page);
    await expect(page.getByTestId('shop-select')).toHaveValue(slug);
  });
}

test('in booking, the nearest shop by location is chosen in the form', async ({ page, context }) => {
  test.slow();
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation(NEAR.manchester);
  await countGeolocationCalls(page);
  await page.goto('/book-repair');
  await chooseRepair(page);
  const select = page.getByTestId('shop-select');
  await expect(select).toHaveValue('london'); // the form starts on the first shop
  expect(await geoCalls(page)).toBe(0);
  await page.getByTestId('find-nearest').click();
  await expect(page.getByTestId('find-nearest')).toHaveText('Finding your location…');
  expect(await geoCalls(page)).toBe(1);
  await releaseGeolocation(page);
  const results = page.getByTestId('nearest-results');
  await expect(results.locator('ol > li').first()).toHaveAttribute('data-testid', 'nearest-manchester');
  const choose = results.getByTestId('nearest-choose-manchester');
  await expect(choose).toHaveAttribute('aria-pressed', 'false');
  await choose.click();
  await expect(select).toHaveValue('manchester');
  await expect(choose).toHaveAttribute('aria-pressed', 'true');
  await expect(choose).toContainText('Chosen');
  await expect(page.getByTestId('slot-chosen')).toContainText('RevivaTech Manchester');
  await expectAccessible(page, '/book-repair nearest shop chosen');
  await shots(page, 'booking-nearest', page.getByRole('region', { name: 'How will you get it to us?' }));
});

test('with location refused, a town or a postcode district typed in finds the nearest shop; unknown places say so', async ({
  page,
}) => {
  test.slow();
  // no permission granted: the browser refuses the position
  await page.goto('/shops');
  await page.getByTestId('find-nearest').click();
  await expect(page.getByTestId('nearest-failure')).toContainText('Location access is turned off');
  const field = page.getByLabel('Town or postcode');
  await expect(field).toBeFocused();
  await shots(page, 'shops-refused');

  const search = async (text: string) => {
    await field.fill(text);
    await page.getByTestId('nearest-search').click();
  };
  const results = page.getByTestId('nearest-results');

  // postcode districts near each shop
  await search('M1');
  await expect(results.getByTestId('nearest-from')).toHaveText(
    /^Distances from M1, Manchester postcode area/,
  );
  await expect(results.locator('ol > li').first()).toHaveAttribute('data-testid', 'nearest-manchester');
  await search('wc1e 6bt');
  await expect(results.getByTestId('nearest-from')).toHaveText(/^Distances from WC1E, London postcode area/);
  await expect(results.locator('ol > li').first()).toHaveAttribute('data-testid', 'nearest-london');
  await shots(page, 'shops-postcode');

  await search('Salford');
  await expect(results.getByTestId('nearest-from')).toHaveText(/^Distances from Salford, /);
  await expect(results.locator('ol > li').first()).toHaveAttribute('data-testid', 'nearest-manchester');
  await expect(results.getByTestId('nearest-manchester').getByTestId('nearest-badge')).toBeVisible();

  await search('camden town');
  await expect(results.getByTestId('nearest-from')).toHaveText(/^Distances from Camden Town, /);
  await expect(results.locator('ol > li').first()).toHaveAttribute('data-testid', 'nearest-london');
  await expectAccessible(page, '/shops nearest from a town');
  await shots(page, 'shops-town');

  // a name shared by several places: the others are offered
  await search('Newport');
  await expect(results.getByTestId('nearest-from')).toHaveText(/^Distances from Newport, Wales/);
  await page.getByRole('button', { name: 'Newport, Essex' }).click();
  await expect(results.getByTestId('nearest-from')).toHaveText(/^Distances from Newport, Essex/);
  await expect(results.locator('ol > li').first()).toHaveAttribute('data-testid', 'nearest-london');

  await search('XYZ');
  const error = page.locator(`[id="${await field.getAttribute('id')}-error"]`);
  await expect(error).toHaveText("We don't know “XYZ”. Try a nearby town, or a postcode district like M1.");
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // Newport's results are gone: they must not read as the unknown place's
  await expect(results).toHaveCount(0);
  await expectAccessible(page, '/shops nearest unknown place');
  await shots(page, 'shops-unknown');

  // a well-formed postcode of no known area is not guessed at
  await search('QQ1 1AA');
  await expect(error).toContainText("We can't place the postcode “QQ1 1AA”");

  await search('');
  await expect(error).toHaveText('Enter a town or a postcode.');

  // the town's nearest shop carries into booking
  await search('Salford');
  await results.getByTestId('nearest-book-manchester').click();
  await expect(page).toHaveURL(/\/book-repair\?shop=manchester$/);
  await chooseRepair(page);
  await expect(page.getByTestId('shop-select')).toHaveValue('manchester');
});

test('in booking with location refused, a typed town chooses the shop in the form', async ({ page }) => {
  await page.goto('/book-repair');
  await chooseRepair(page);
  await page.getByTestId('find-nearest').click();
  await expect(page.getByTestId('nearest-failure')).toBeVisible();
  await page.getByLabel('Town or postcode').fill('Stockport');
  await page.getByLabel('Town or postcode').press('Enter');
  const results = page.getByTestId('nearest-results');
  await expect(results.locator('ol > li').first()).toHaveAttribute('data-testid', 'nearest-manchester');
  await results.getByTestId('nearest-choose-manchester').click();
  await expect(page.getByTestId('shop-select')).toHaveValue('manchester');
});
