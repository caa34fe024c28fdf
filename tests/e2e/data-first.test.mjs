// Data first: where a session is kept, the boot script sends the profile
// read as the page starts (the recipe the app kept after its last read,
// src/api/early_read.rs), and the app takes that answer instead of
// reading again. One read per load; a refused or failed early read goes
// down the app's usual path; a recipe that no longer matches the app's
// language or config is not used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageFor, signIn, APP_URL } from './browser.mjs';
import { addHook, clearHooks } from './server.mjs';

const browser = await launch();
test.after(async () => { await clearHooks(); await browser.close(); });
test.afterEach(() => clearHooks());

/// Each dialect's read, the field that shows once it is in, and the
/// scheme of its Authorization header (none: a cookie session).
const DIALECTS = {
  pwgen: { method: 'POST', path: '/api/profile/', field: 'first_name', scheme: 'Bearer ' },
  'users-me': { method: 'GET', path: '/api/users/me/', field: 'first_name', scheme: 'Token ' },
  letraz: { method: 'GET', path: '/api/v1/user/', field: 'first_name', scheme: null },
};

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1000 * 1000) / 8, uploadThroughput: (750 * 1000) / 8 };

/// A remembered session of `dialect` (the form shown once, so the app
/// kept its recipe), and the page it was made in.
async function keptSession(dialect) {
  const page = await pageFor(browser, dialect);
  await signIn(page);
  await page.getByTestId(DIALECTS[dialect].field).waitFor();
  await page.waitForFunction(() => localStorage.getItem('profile-app.read-recipe'));
  return page;
}

/// Records the reads of `dialect` a page sends: `{ url, headers, by }`,
/// `by` being the script that sent it (DevTools' initiator).
async function recordReads(page, dialect) {
  const { method, path } = DIALECTS[dialect];
  const reads = [];
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Network.requestWillBeSent', ({ request, initiator }) => {
    if (request.method === method && new URL(request.url).pathname === path) {
      const frames = initiator.stack?.callFrames ?? [];
      reads.push({ url: request.url, headers: request.headers, by: frames.map((f) => new URL(f.url || 'about:blank').pathname) });
    }
  });
  await cdp.send('Network.enable');
  return { reads, cdp };
}

const header = (headers, name) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
const fromBootScript = (read) => read.by.some((p) => /^\/boot-[^/]*\.js$/.test(p));

for (const dialect of Object.keys(DIALECTS)) {
  const { field, scheme } = DIALECTS[dialect];
  test(`${dialect}: a kept session's profile and settings loads read once, by the boot script, as the app reads`, async () => {
    const signedIn = await keptSession(dialect);
    const shown = await signedIn.getByTestId(field).inputValue();
    for (const [route, ready] of [['/profile', field], ['/settings', 'settings-account']]) {
      const page = await signedIn.context().newPage();
      page.problems = [];
      page.on('pageerror', (e) => page.problems.push(String(e)));
      const { reads } = await recordReads(page, dialect);
      await page.goto(`${APP_URL}${route}`);
      await page.getByTestId(ready).waitFor();
      if (route === '/profile') assert.equal(await page.getByTestId(field).inputValue(), shown, 'the server\'s value');
      await page.waitForLoadState('networkidle');
      assert.equal(reads.length, 1, `${route}: ${JSON.stringify(reads)}`);
      assert.ok(fromBootScript(reads[0]), `${route}: sent by ${reads[0].by}`);
      assert.equal(header(reads[0].headers, 'Accept-Language'), 'en');
      assert.equal(header(reads[0].headers, 'Accept'), 'application/json');
      const auth = header(reads[0].headers, 'Authorization');
      if (scheme) assert.ok(auth?.startsWith(scheme) && auth.length > scheme.length + 8, `Authorization: ${auth}`);
      else assert.equal(auth, undefined, 'a cookie session sends no Authorization');
      assert.deepEqual(page.problems, []);
      await page.close();
    }
    await signedIn.context().close();
  });
}

test('on Slow 4G the profile read is sent before the main module has arrived', async () => {
  const signedIn = await keptSession('pwgen');
  const page = await signedIn.context().newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await page.goto(`${APP_URL}/profile`);
  await page.getByTestId('first_name').waitFor({ timeout: 60_000 });
  const timing = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd })));
  const main = timing.find((t) => /^\/profile-app_bg-.*\.wasm$/.test(t.path));
  const reads = timing.filter((t) => t.path === '/api/profile/');
  assert.ok(main && reads.length === 1, JSON.stringify(timing));
  assert.ok(reads[0].start < main.end, `read sent at ${reads[0].start} ms, main module arrived at ${main.end} ms`);
  await signedIn.context().close();
});

test('while the profile read is on its way, the header and the form\'s skeleton show', async () => {
  const { method, path, field } = DIALECTS['users-me'];
  const page = await keptSession('users-me');
  await addHook({ method, path, delay_ms: 4000, times: 1 });
  await page.reload();
  await page.getByTestId('loading').waitFor();
  assert.ok(await page.locator('header.app-header').isVisible(), 'the header is drawn before the answer');
  assert.equal(await page.getByTestId(field).count(), 0, 'no form yet: the read is held');
  await page.getByTestId(field).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

for (const [dialect, status] of [['users-me', 401], ['letraz', 403]]) {
  test(`${dialect}: an early read refused with ${status} leads to the sign-in page, as any refused read, with no second read`, async () => {
    const { method, path } = DIALECTS[dialect];
    const page = await keptSession(dialect);
    await addHook({ method, path, status, content_type: 'application/json',
      body: JSON.stringify({ detail: 'Invalid token.' }), times: 0 });
    const { reads } = await recordReads(page, dialect);
    await page.reload();
    await page.getByTestId('email').waitFor();
    assert.match(page.url(), /\/sign-in$/);
    assert.equal(await page.getByTestId('form-banner').count(), 0, 'the sign-in page as ever: no banner');
    assert.equal(reads.length, 1, JSON.stringify(reads));
    assert.ok(fromBootScript(reads[0]), `sent by ${reads[0].by}`);
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => /credential|cookie-session|read-recipe/.test(k)));
    assert.deepEqual(left, [], 'signed out: the session and its recipe are forgotten');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('pwgen: an expired access token on the early read is renewed once, the read sent again and the profile shown', async () => {
  const page = await keptSession('pwgen');
  const shown = await page.getByTestId('first_name').inputValue();
  const before = await page.evaluate(() => localStorage.getItem('profile-app.credential'));
  await addHook({ method: 'POST', path: '/api/profile/', status: 401, content_type: 'application/json',
    body: JSON.stringify({ detail: 'Given token not valid for any token type', code: 'token_not_valid' }) });
  const { reads } = await recordReads(page, 'pwgen');
  const refreshes = [];
  page.on('request', (r) => { if (r.url().endsWith('/api/token/refresh/')) refreshes.push(r.url()); });
  await page.reload();
  await page.getByTestId('first_name').waitFor();
  assert.equal(await page.getByTestId('first_name').inputValue(), shown);
  assert.equal(refreshes.length, 1, `refresh calls: ${refreshes}`);
  assert.equal(reads.length, 2, 'the refused early read, and one after renewal');
  assert.ok(fromBootScript(reads[0]) && !fromBootScript(reads[1]), JSON.stringify(reads.map((r) => r.by)));
  assert.notEqual(header(reads[1].headers, 'Authorization'), header(reads[0].headers, 'Authorization'), 'the renewed token');
  assert.notEqual(await page.evaluate(() => localStorage.getItem('profile-app.credential')), before, 'the renewed token is kept');
  assert.equal(await page.getByRole('dialog').count(), 0, 'no sign-in dialog');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a language changed between visits: the stale early read is not used, and the next load reads once in the new language', async () => {
  const page = await keptSession('users-me');
  const { reads } = await recordReads(page, 'users-me');
  // Changed outside the app (another tab of an older version): the kept
  // recipe still asks in English. Its answer would be a 503 here: the
  // form shows only if the app read again.
  await page.evaluate(() => localStorage.setItem('profile-app.locale', 'es'));
  await addHook({ method: 'GET', path: '/api/users/me/', status: 503, content_type: 'application/json',
    body: JSON.stringify({ detail: 'Service temporarily unavailable.' }) });
  await page.reload();
  await page.getByTestId('first_name').waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(reads.map((r) => [fromBootScript(r), header(r.headers, 'Accept-Language')]), [[true, 'en'], [false, 'es']]);

  // Chosen in Settings: the recipe follows at once, one read next time.
  await page.goto(`${APP_URL}/settings`);
  await page.getByTestId('language-en').check();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  reads.length = 0;
  await page.goto(`${APP_URL}/profile`);
  await page.getByTestId('first_name').waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(reads.map((r) => [fromBootScript(r), header(r.headers, 'Accept-Language')]), [[true, 'en']]);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a config changed between visits: the stale early read is not used', async () => {
  const page = await keptSession('pwgen');
  const { reads } = await recordReads(page, 'pwgen');
  // The same backend named by its origin: the read goes to another URL.
  await page.context().addInitScript((base) => {
    localStorage.setItem('profile-app.config-override', JSON.stringify({ dialect: 'pwgen', api_base_url: base }));
  }, new URL(APP_URL).origin);
  await addHook({ method: 'POST', path: '/api/profile/', status: 503, content_type: 'application/json',
    body: JSON.stringify({ detail: 'Service temporarily unavailable.' }) });
  await page.reload();
  await page.getByTestId('first_name').waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(reads.map((r) => fromBootScript(r)), [true, false], 'the stale read, then the app\'s own');
  assert.equal(await page.getByTestId('form-banner').count(), 0, 'the stale 503 was not used');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
