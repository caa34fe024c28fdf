// Long pages list their sections beside them on wide screens: the one
// being read is marked (aria-current), a link takes you (and focus) to its
// section, and a section with an unsaved change or an error has a dot.
// Phones keep one column without the list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageFor, signIn, APP_URL, OUT_DIR } from './browser.mjs';

const browser = await launch();
test.after(() => browser.close());

const current = (page) => page.locator('[data-testid=section-nav] a[aria-current=true]');
const link = (page, name) => page.getByTestId('section-nav').getByRole('link', { name });

test('profile: the list marks the section being read, goes to one, and flags unsaved changes', async () => {
  const page = await pageFor(browser, 'aisquare-profile', { width: 1280, height: 800 });
  await signIn(page);
  await page.getByTestId('save').waitFor();
  const nav = page.getByRole('navigation', { name: 'Sections of this page' });
  // Its links show once it has found the sections on the page, in the
  // frame after it is mounted: Save may be there a frame sooner.
  await nav.waitFor();
  assert.deepEqual(await nav.getByRole('link').allInnerTexts(),
    ['Photo', 'Name', 'Contact', 'About', 'Links', 'Address', 'Interests', 'Activity']);
  await assert.doesNotReject(current(page).filter({ hasText: 'Photo' }).waitFor());

  // Going to a section: it is scrolled to and holds focus, its link is current.
  await link(page, 'Address').click();
  await current(page).filter({ hasText: 'Address' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'section-address');
  const top = await page.locator('#section-address').evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 100, `Address is at the top of the window (top ${top})`);
  // Tab goes on from there: into the Address section's first field.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('fieldset')?.id), 'section-address');

  // Scrolling by hand moves the mark.
  await page.locator('#section-contact').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await current(page).filter({ hasText: 'Contact' }).waitFor();

  // An unsaved change flags its section, for sight and for screen readers.
  const contact = link(page, /Contact/);
  assert.equal(await contact.locator('.section-nav__dot:not([hidden])').count(), 0);
  await page.getByTestId('details.phone').fill('12');
  await contact.locator('.section-nav__dot:not([hidden])').waitFor();
  assert.match(await contact.innerText(), /unsaved changes or errors/);
  assert.equal(await link(page, /Name/).locator('.section-nav__dot:not([hidden])').count(), 0, 'other sections are not flagged');
  await page.getByTestId('discard').click();
  await contact.locator('.section-nav__dot:not([hidden])').waitFor({ state: 'detached' });
  await page.screenshot({ path: `${OUT_DIR}section-nav-profile.png` });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('settings: sections the dialect lacks are not listed; phones get no list', async () => {
  const page = await pageFor(browser, 'pwgen', { width: 1280, height: 800 });
  await signIn(page);
  await page.getByTestId('save').waitFor();
  await page.goto(`${APP_URL}/settings`);
  await page.getByTestId('settings-account').waitFor();
  const nav = page.getByTestId('section-nav');
  await nav.getByRole('link', { name: 'Account' }).waitFor();
  assert.deepEqual(await nav.getByRole('link').allInnerTexts(), ['Appearance', 'Language', 'Account', 'Security', 'Connection'],
    'pwgen has no notification settings, so no Notifications link (and its account deletion makes a Security one)');
  await nav.getByRole('link', { name: 'Connection' }).click();
  await current(page).filter({ hasText: 'Connection' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'settings-connection');

  await page.setViewportSize({ width: 390, height: 800 });
  assert.equal(await nav.isVisible(), false, 'one column on a phone');
  await page.goto(`${APP_URL}/profile`);
  await page.getByTestId('save').waitFor();
  assert.equal(await page.getByTestId('section-nav').isVisible(), false);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
