// The split release build (.ci/build) as a person meets it: each landing
// route downloads only its own modules (dist/routes.json) before its first
// screen and the form's behaviour after it (after-first-screen.json), they start
// before the main module has arrived instead of after it has started (but
// not beside it, on a slow link), the avatar editor, the
// sign-in dialog of a lost session, the code that reads a refusal and the
// Persian texts arrive only when used, and a module that fails to
// download shows a message with Retry that keeps the page and its edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, pageFor, signIn, APP_URL } from './browser.mjs';
import { bigJpeg } from './photo.mjs';
import { SLOW_4G } from './bench/session.mjs';
import { addHook, clearHooks } from './server.mjs';

const DIST = new URL('../../dist/', import.meta.url);
const routes = JSON.parse(readFileSync(new URL('routes.json', DIST)));
const afterFirstScreen = JSON.parse(readFileSync(new URL('after-first-screen.json', DIST)));
const browser = await launch();
test.after(() => browser.close());

/// Paths of the wasm and JSON files `page` requested, in order.
function recordFetches(page) {
  const seen = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname.slice(1);
    if (/\.(wasm|json)$/.test(path)) seen.push(path);
  });
  return seen;
}

/// A signed-in (remembered) pwgen context, then a fresh page in it.
async function signedInPage() {
  const page = await pageFor(browser, 'pwgen');
  await signIn(page);
  await page.getByTestId('first_name').waitFor();
  return page;
}

/// A new page in `signedIn`'s context, cold (no HTTP cache) on a phone's
/// network (Slow 4G, as the benchmark's): on loopback everything arrives
/// at once.
async function coldSlow4gPage(signedIn) {
  const fresh = await signedIn.context().newPage();
  const cdp = await fresh.context().newCDPSession(fresh);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const { name: _, ...conditions } = SLOW_4G;
  await cdp.send('Network.emulateNetworkConditions', conditions);
  return fresh;
}

/// When each wasm module `page` fetched started and arrived (resource timing).
const wasmTiming = (page) => page.evaluate(() => performance.getEntriesByType('resource')
  .filter((e) => e.name.endsWith('.wasm'))
  .map((e) => ({ path: new URL(e.name).pathname.slice(1), start: e.startTime, end: e.responseEnd })));

/// Every landing route of routes.json, how to reach it, what shows when it
/// is ready, and whether it is visited signed in.
const LANDINGS = [
  { route: '/profile', path: '/profile', ready: 'first_name', signedIn: true },
  { route: '/settings', path: '/settings', ready: 'settings', signedIn: true },
  { route: '/sign-in', path: '/sign-in', ready: 'email', signedIn: false },
  { route: '*', path: '/no-such-page', ready: 'not-found', signedIn: false },
];

test('each landing route downloads exactly the modules routes.json lists for it, then those after-first-screen.json lists', async () => {
  assert.deepEqual(LANDINGS.map((l) => l.route).sort(), Object.keys(routes).sort(), 'every route in routes.json is visited');
  const signedIn = await signedInPage();
  for (const { route, path, ready, signedIn: needsSession } of LANDINGS) {
    const fresh = needsSession ? await signedIn.context().newPage() : await pageFor(browser, 'pwgen');
    const seen = recordFetches(fresh);
    const later = afterFirstScreen[route] ?? [];
    const arrived = Promise.all(later.map((f) => fresh.waitForResponse((r) => r.url().endsWith(`/${f}`))));
    await fresh.goto(`${APP_URL}${path}`);
    await fresh.getByTestId(ready).waitFor();
    await arrived;
    const wasm = [...new Set(seen.filter((f) => f.endsWith('.wasm')))].sort();
    const expected = routes[route].filter((f) => f.endsWith('.wasm'));
    assert.deepEqual(wasm, [...expected, ...later].sort(), `${route} fetched ${wasm}`);
    // The line between them: what comes after the first screen is asked
    // for only once everything before it has arrived.
    const timing = await fresh.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => ({ path: new URL(e.name).pathname.slice(1), start: e.startTime, end: e.responseEnd })));
    const before = timing.filter((t) => expected.includes(t.path));
    const afterwards = timing.filter((t) => later.includes(t.path));
    const lastBefore = Math.max(...before.map((t) => t.end));
    for (const t of afterwards) assert.ok(t.start >= lastBefore, `${route}: ${t.path} asked for at ${t.start} ms, before the first screen's modules arrived (${lastBefore} ms)`);
    assert.ok(!wasm.some((m) => m.startsWith('split_avatar_editor')), `${route}: the avatar editor waits`);
    assert.ok(!wasm.some((m) => m.startsWith('split_reauth')), `${route}: the sign-in dialog waits for a lost session`);
    if (needsSession) await fresh.close(); else await fresh.context().close();
  }
  await signedIn.context().close();
});

test('a remembered session\'s profile modules start downloading before the main module has arrived', async () => {
  const page = await signedInPage();
  const fresh = await coldSlow4gPage(page);
  await fresh.goto(`${APP_URL}/profile`);
  await fresh.getByTestId('first_name').waitFor({ timeout: 60_000 });
  const timing = await wasmTiming(fresh);
  const main = timing.find((t) => t.path.startsWith('profile-app_bg-'));
  const own = timing.find((t) => t.path.startsWith('split_profile-'));
  assert.ok(main && own, JSON.stringify(timing));
  assert.ok(own.start < main.end, `split_profile started at ${own.start} ms, main module arrived at ${main.end} ms`);
  await page.context().close();
});

test('a signed-in landing on /profile takes its page\'s module while the dialect file is still on its way', async () => {
  const signedIn = await signedInPage();
  const page = await signedIn.context().newPage();
  // Which of the modules the boot script compiled the split loader took.
  await page.addInitScript(() => {
    let modules;
    Object.defineProperty(window, '__wasmModules', {
      configurable: true,
      get: () => modules,
      set: (early) => {
        modules = new Proxy(early, { deleteProperty: (t, k) => { (window.__taken ??= []).push(k); return delete t[k]; } });
      },
    });
  });
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route('**/dialects/*.json', async (route) => { await released; await route.continue(); });
  await page.goto(`${APP_URL}/profile`);
  await page.waitForFunction(() => (window.__taken ?? []).some((f) => f.startsWith('split_profile-')));
  assert.equal(await page.getByTestId('first_name').count(), 0, 'no form yet: the dialect file is held');
  release();
  await page.getByTestId('first_name').waitFor();
  await signedIn.context().close();
});

test('on Slow 4G the main module downloads once, alone for most of its way, and the route\'s modules are asked for before it has arrived', async () => {
  const page = await signedInPage();
  const fresh = await coldSlow4gPage(page);
  const mainRequests = [];
  fresh.on('request', (r) => { if (/\/profile-app_bg-[0-9a-f]{10}\.wasm$/.test(r.url())) mainRequests.push(r.url()); });
  await fresh.goto(`${APP_URL}/profile`);
  await fresh.getByTestId('first_name').waitFor({ timeout: 60_000 });
  const timing = await wasmTiming(fresh);
  const main = timing.find((t) => t.path.startsWith('profile-app_bg-'));
  const own = routes['/profile'].filter((f) => f.endsWith('.wasm') && !f.startsWith('profile-app_bg-'))
    .map((f) => timing.find((t) => t.path === f));
  assert.ok(main && own.every(Boolean), JSON.stringify(timing));
  // One download: the boot script's fetch takes the preload's response,
  // and the glue takes the boot script's.
  assert.equal(mainRequests.length, 1, mainRequests.join(' '));
  const half = main.start + (main.end - main.start) / 2;
  for (const t of own) {
    assert.ok(t.start > half && t.start < main.end,
      `${t.path} asked for at ${Math.round(t.start)} ms; the main module ran ${Math.round(main.start)} → ${Math.round(main.end)} ms`);
  }
  await page.context().close();
});

test('a second visit, its files cached, leaves the main module to the glue (which keeps its compiled code cached)', async () => {
  const page = await signedInPage();
  // A new tab: its files come from the disk cache (a reload in the same
  // tab takes them from memory, where no timing entry is made at all).
  const again = await page.context().newPage();
  await again.goto(`${APP_URL}/profile`);
  await again.getByTestId('first_name').waitFor();
  const boot = await again.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\/boot-[0-9a-f]{10}\.js$/.test(e.name)).map((e) => e.transferSize));
  assert.deepEqual(boot, [0], 'the boot script came from the cache');
  assert.equal(await again.evaluate(() => window.__mainWasm), undefined, 'no fetch of its own');
  await page.context().close();
});

/// A second signed-in page of /profile, its page errors and its fetches
/// recorded from the navigation on.
async function watchedProfilePage() {
  const signedIn = await signedInPage();
  const page = await signedIn.context().newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(String(e)));
  const seen = recordFetches(page);
  await page.goto(`${APP_URL}/profile`);
  return { page, seen };
}

test('the avatar editor arrives with the first photo, and a failed download keeps the edits and retries', async () => {
  const { page, seen } = await watchedProfilePage();
  await page.getByTestId('first_name').fill('Augusta');
  assert.ok(seen.some((f) => f.startsWith('profile-app_bg-')), `fetches were recorded from the start: ${seen}`);
  assert.ok(!seen.some((f) => f.startsWith('split_avatar_editor')), `not fetched before it is needed: ${seen}`);
  await page.route('**/split_avatar_editor-*.wasm', (route) => route.abort());
  const photo = await bigJpeg(page);
  await page.getByTestId('avatar-input').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByTestId('form-banner').getByText('could not be downloaded').waitFor();
  assert.equal(await page.getByTestId('first_name').inputValue(), 'Augusta', 'the edit is kept');
  await page.unroute('**/split_avatar_editor-*.wasm');
  await page.getByTestId('form-banner').getByTestId('retry').click();
  await page.getByTestId('avatar-status').getByText(/512/).waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId('first_name').inputValue(), 'Augusta');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a page whose module fails to download says so, and Retry brings it', async () => {
  const page = await signedInPage();
  await page.route('**/split_settings-*.wasm', (route) => route.abort());
  await page.locator('.app-nav a[href="/settings"]').click();
  await page.getByTestId('form-banner').getByText('could not be downloaded').waitFor();
  await page.unroute('**/split_settings-*.wasm');
  await page.getByTestId('retry').click();
  await page.getByTestId('settings').waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the code that reads a refusal arrives with the first one; without it, the status still says what went wrong and the edit stays', async () => {
  const { page, seen } = await watchedProfilePage();
  await page.getByTestId('save').waitFor();
  assert.ok(!seen.some((f) => f.startsWith('split_api_errors')), `fetched before any refusal: ${seen}`);
  // pwgen's update, refused twice with a field message.
  const refusal = { method: 'PUT', path: '/api/profile/*', status: 400, content_type: 'application/json',
    body: JSON.stringify({ first_name: ['Not a name we take.'] }), times: 2 };
  try {
    await addHook(refusal);
    await page.route('**/split_api_errors-*.wasm', (route) => route.abort());
    await page.getByTestId('first_name').fill('Augusta');
    await page.getByTestId('save').click();
    await page.getByTestId('form-banner').getByText('The server sent an answer the app does not understand.').waitFor();
    assert.equal(await page.getByTestId('first_name').inputValue(), 'Augusta', 'the edit is kept');
    await page.unroute('**/split_api_errors-*.wasm');
    await page.getByTestId('save').click();
    // Read this time: the server's own words, under the field.
    await page.getByTestId('error-first_name').getByText('Not a name we take.').waitFor();
    assert.equal(seen.filter((f) => f.startsWith('split_api_errors')).length, 2, `asked for once blocked, once read: ${seen}`);
  } finally {
    await clearHooks();
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('Persian texts are a file fetched only by someone who speaks it', async () => {
  const english = await pageFor(browser, 'pwgen');
  const seenEn = recordFetches(english);
  await english.goto(`${APP_URL}/sign-in`);
  await english.getByTestId('email').waitFor();
  assert.ok(!seenEn.some((f) => f.startsWith('i18n/')), `English page fetched ${seenEn}`);
  await english.context().close();

  const persian = await pageFor(browser, 'pwgen');
  await persian.addInitScript(() => localStorage.setItem('profile-app.locale', 'fa'));
  const seenFa = recordFetches(persian);
  await persian.goto(`${APP_URL}/sign-in`);
  await persian.getByTestId('email').waitFor();
  assert.equal(seenFa.filter((f) => f === 'i18n/fa.json').length, 1, 'fetched once (the preload is used)');
  assert.equal(await persian.evaluate(() => document.documentElement.dir), 'rtl');
  assert.match(await persian.locator('main').innerText(), /[\u0600-\u06FF]/, 'the page speaks Persian');
  await persian.context().close();
});
