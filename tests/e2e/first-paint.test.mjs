// The first paint (#28 part 5): index.html paints the page's frame, the
// header with the app's name and its two links in the person's language,
// before any wasm has arrived; the app's own page takes its place. The
// frame's texts are written by .ci/dist.py from src/i18n/*.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { launch, pageFor, APP_URL } from './browser.mjs';

const MAIN_MODULE = '**/profile-app_bg-*.wasm';
const I18N = new URL('../../src/i18n/', import.meta.url);
const texts = (lang) => JSON.parse(readFileSync(new URL(`${lang}.json`, I18N)));
// Every language the app has a file for: one the boot script does not know
// would paint in another language until the app starts.
const LANGUAGES = readdirSync(I18N).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
const browser = await launch();
test.after(() => browser.close());

/// A page whose stored language is `lang`, with the main module's response
/// held until `release()`.
async function heldPage(lang) {
  const page = await pageFor(browser, 'pwgen');
  await page.context().addInitScript((l) => localStorage.setItem('profile-app.locale', l), lang);
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(MAIN_MODULE, async (route) => {
    await released;
    await route.continue();
  });
  return { page, release };
}

/// The text a frame element's ::before paints ("" when none).
async function painted(page, element) {
  return page.locator(`.boot-frame__${element}`).evaluate((el) => {
    const content = getComputedStyle(el, '::before').content;
    return content === 'none' ? '' : JSON.parse(content);
  });
}

for (const lang of LANGUAGES) {
  test(`${lang}: before the wasm arrives, the frame shows the app's name and links from ${lang}.json`, async () => {
    const { page, release } = await heldPage(lang);
    await page.goto(`${APP_URL}/sign-in`);
    await page.locator('.boot-frame__brand').waitFor();
    const want = texts(lang);
    assert.equal(await painted(page, 'brand'), want['app.name']);
    assert.equal(await painted(page, 'profile'), want['page.profile']);
    assert.equal(await painted(page, 'settings'), want['page.settings']);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.getAttribute('html', 'dir'), lang === 'fa' ? 'rtl' : 'ltr');
    release();
    await page.context().close();
  });
}

test('the frame gives way to the app once it has drawn its page', async () => {
  const { page, release } = await heldPage('en');
  await page.goto(`${APP_URL}/sign-in`);
  await page.locator('.boot-frame').waitFor({ state: 'visible' });
  assert.equal(await page.getByTestId('email').count(), 0, 'no app yet: its main module is held');
  release();
  await page.getByTestId('email').waitFor();
  await page.locator('.boot-frame').waitFor({ state: 'hidden' });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
