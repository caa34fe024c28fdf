// The critical path (#28 part 2): a landing route's form shows before the
// code for acting on it (the rules, Save, drafts, the section list) has
// arrived; that code is fetched once the form is painted. On a phone's
// network a person may type before it is here: the typing stays, the
// rules judge it when the module arrives, and Save sends it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, pageFor, signIn, APP_URL } from './browser.mjs';

const DIST = new URL('../../dist/', import.meta.url);
const after = JSON.parse(readFileSync(new URL('after-first-screen.json', DIST)));
const BEHAVIOUR = '**/split_form_behaviour-*.wasm';
const browser = await launch();
test.after(() => browser.close());

/// A signed-in (remembered) context for `dialect`, then a fresh page in it
/// that records page errors.
async function signedInPage(dialect = 'pwgen') {
  const page = await pageFor(browser, dialect);
  await signIn(page);
  await page.getByTestId('first_name').waitFor();
  const fresh = await page.context().newPage();
  fresh.problems = [];
  fresh.on('pageerror', (e) => fresh.problems.push(String(e)));
  await page.close();
  return fresh;
}

/// signedInPage on Slow 4G with a 4× slower CPU, its cache off.
async function slowSignedInPage() {
  const fresh = await signedInPage();
  const cdp = await fresh.context().newCDPSession(fresh);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return fresh;
}

/// Holds the behaviour module's response until `release()`; `asked` is
/// settled once the page has requested it.
async function holdBehaviour(page) {
  let release, asked;
  const released = new Promise((resolve) => { release = resolve; });
  const requested = new Promise((resolve) => { asked = resolve; });
  await page.route(BEHAVIOUR, async (route) => {
    asked();
    await released;
    await route.continue();
  });
  return { release, requested };
}

test('/profile: the form shows before its behaviour module, which is fetched only after it', async () => {
  assert.ok(after['/profile'].some((f) => f.startsWith('split_form_behaviour-')), JSON.stringify(after));
  const page = await slowSignedInPage();
  const held = await holdBehaviour(page);
  await page.goto(`${APP_URL}/profile`);
  await page.getByTestId('first_name').waitFor({ timeout: 60_000 });
  await held.requested;
  assert.equal(await page.getByTestId('save').count(), 0, 'Save arrives with the behaviour module');
  held.release();
  await page.getByTestId('save').waitFor({ timeout: 60_000 });
  await page.context().close();
});

test('Slow 4G: typing before the behaviour module arrives is kept, judged once it is here, and saved', async () => {
  const page = await slowSignedInPage();
  const held = await holdBehaviour(page);
  await page.goto(`${APP_URL}/profile`);
  const input = page.getByTestId('first_name');
  await input.waitFor({ timeout: 60_000 });
  await held.requested;

  // Too long (200 at most), then leave the field: no rules here yet.
  const tooLong = 'x'.repeat(201);
  await input.fill(tooLong);
  await input.press('Tab');
  assert.equal(await input.inputValue(), tooLong);
  assert.equal(await page.getByTestId('error-first_name').innerText(), '', 'the rules have not arrived');
  assert.equal(await page.getByTestId('save').count(), 0, 'nor has Save');

  held.release();
  await page.getByTestId('save').waitFor({ timeout: 60_000 });
  assert.equal(await input.inputValue(), tooLong, 'the typing is kept');
  await page.getByTestId('error-first_name').getByText(/200/).waitFor({ timeout: 30_000 });
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByTestId('save').isDisabled(), true, 'an invalid value is not sent');

  const name = `Ada ${Date.now() % 100000}`;
  await input.fill(name);
  await page.getByTestId('error-first_name').getByText(/200/).waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByTestId('save').click({ timeout: 30_000 });
  await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 60_000 });
  await page.unroute(BEHAVIOUR);
  await page.reload();
  await page.getByTestId('first_name').waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId('first_name').inputValue(), name, 'the save reached the server');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a behaviour module that fails to download keeps the typing, says so, and Retry brings Save', async () => {
  const fresh = await signedInPage();
  await fresh.route(BEHAVIOUR, (route) => route.abort());
  await fresh.goto(`${APP_URL}/profile`);
  await fresh.getByTestId('last_name').fill('Lovelace-King');
  await fresh.getByTestId('form-banner').getByText('could not be downloaded').waitFor();
  assert.equal(await fresh.getByTestId('last_name').inputValue(), 'Lovelace-King', 'the edit is kept');
  await fresh.unroute(BEHAVIOUR);
  await fresh.getByTestId('form-banner').getByTestId('retry').click();
  await fresh.getByTestId('save').waitFor();
  assert.equal(await fresh.getByTestId('last_name').inputValue(), 'Lovelace-King');
  assert.equal(await fresh.getByTestId('save').isEnabled(), true, 'the edit counts as a change');
  assert.deepEqual(fresh.problems, []);
  await fresh.context().close();
});

/// Records each fetch() of a dialect file with the script file that made it.
function recordDialectFetches() {
  window.__dialectFetches = [];
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/dialects/')) {
      const by = (new Error().stack ?? '').split('\n').slice(1).map((line) => line.match(/\/(boot|profile-app)-[0-9a-f]+\.js/)?.[1]).find(Boolean);
      window.__dialectFetches.push({ url: new URL(url, location.href).pathname, by: by ?? 'unknown' });
    }
    return fetch.call(this, input, init);
  };
}

for (const [how, dialect, expected] of [['served config.json', null, '/dialects/pwgen.json'], ['a browser override', 'letraz', '/dialects/letraz.json']]) {
  test(`with ${how}, the dialect file is asked for once, by the boot script, and the app takes its answer`, async () => {
    const page = await pageFor(browser, dialect);
    await page.context().addInitScript(recordDialectFetches);
    await page.goto(`${APP_URL}/sign-in`);
    await page.getByTestId('sign-in').waitFor();
    assert.deepEqual(await page.evaluate(() => window.__dialectFetches), [{ url: expected, by: 'boot' }]);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('a dialect file the boot script could not get is asked for again by the app, which starts', async () => {
  const page = await pageFor(browser, 'letraz');
  let asked = 0;
  await page.route('**/dialects/letraz.json', (route) => (++asked === 1 ? route.abort() : route.continue()));
  await page.goto(`${APP_URL}/sign-in`);
  await page.getByTestId('sign-in').waitFor();
  assert.equal(asked, 2);
  await page.context().close();
});

test('a remembered session\'s first screen does not touch sessionStorage: the drafts read it once the form is there', async () => {
  const page = await signedInPage();
  // Each read of this tab's sessionStorage, and whether the form showed its values yet.
  await page.addInitScript(() => {
    window.__tabStoreReads = [];
    const read = Storage.prototype.getItem;
    Storage.prototype.getItem = function (key) {
      if (this === window.sessionStorage) {
        window.__tabStoreReads.push({ key, formShown: Boolean(document.querySelector('[data-testid="first_name"]')?.value) });
      }
      return read.call(this, key);
    };
  });
  await page.goto(`${APP_URL}/profile`);
  await page.getByTestId('save').waitFor();
  const reads = await page.evaluate(() => window.__tabStoreReads);
  assert.ok(reads.length > 0, 'the draft check reads sessionStorage');
  assert.deepEqual(reads.filter((r) => !r.formShown), [], JSON.stringify(reads));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

const dobType = (page) => page.getByTestId('dob').evaluate((input) => input.type);

/// Once the form shows its values, waits out the app's swap: two paints,
/// each followed by a task (the app's callbacks were queued first, so they
/// run first).
async function pastTheDateSwap(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="city"]')?.value);
  await page.evaluate(() => new Promise((done) => {
    const paintThenTask = (then) => requestAnimationFrame(() => setTimeout(then));
    paintThenTask(() => paintThenTask(done));
  }));
}

/// Before the first paint, focuses the date field as it appears and, with
/// `typed`, types that into it (once per tab: not again on a reload).
async function focusDateOnArrival(page, typed = null) {
  await page.addInitScript((typed) => {
    if (window.name === 'date typed') return;
    window.name = 'date typed';
    new MutationObserver((_, observer) => {
      const dob = document.querySelector('[data-testid="dob"]');
      if (!dob) return;
      observer.disconnect();
      dob.focus();
      if (typed != null) {
        dob.value = typed;
        dob.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }).observe(document, { childList: true, subtree: true });
  }, typed);
}

test('the date of birth is text on the first screen and becomes the browser\'s date control after it, with the server\'s date, nothing moving', async () => {
  const page = await signedInPage('letraz');
  // The behaviour module held: what it adds to the page cannot move the field.
  const held = await holdBehaviour(page);
  // The field (type, value, height) and where the field after it starts,
  // as the frame that first shows its value draws them.
  await page.addInitScript(() => {
    window.__dobBox = () => {
      const dob = document.querySelector('[data-testid="dob"]');
      const next = document.querySelector('[data-testid="nationality"]');
      return { type: dob.type, value: dob.value, height: dob.getBoundingClientRect().height, nextTop: next.getBoundingClientRect().top };
    };
    const check = () => {
      if (document.querySelector('[data-testid="dob"]')?.value) {
        window.__dobOnFirstScreen = window.__dobBox();
        return;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  await page.goto(`${APP_URL}/profile`);
  await page.waitForFunction(() => document.querySelector('[data-testid="dob"]')?.type === 'date');
  const first = await page.evaluate(() => window.__dobOnFirstScreen);
  const now = await page.evaluate(() => window.__dobBox());
  held.release();
  assert.deepEqual({ type: first.type, value: first.value }, { type: 'text', value: '1815-12-10' });
  assert.deepEqual(now, { ...first, type: 'date' }, 'the same date, the same height, the field below where it was');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a date field with focus is not swapped for the date control under the person: it is swapped on its blur', async () => {
  const page = await signedInPage('letraz');
  await focusDateOnArrival(page);
  await page.goto(`${APP_URL}/profile`);
  await pastTheDateSwap(page);
  assert.equal(await dobType(page), 'text');
  await page.getByTestId('city').focus();
  assert.equal(await dobType(page), 'date');
  assert.equal(await page.getByTestId('dob').inputValue(), '1815-12-10');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a date typed before the date control arrives stays as typed, and the field becomes the control once it holds a date', async () => {
  const page = await signedInPage('letraz');
  await focusDateOnArrival(page, '1990-1');
  await page.goto(`${APP_URL}/profile`);
  const dob = page.getByTestId('dob');
  await pastTheDateSwap(page);
  assert.equal(await dobType(page), 'text', 'no control swapped in under the typing');
  assert.equal(await dob.inputValue(), '1990-1');
  await page.getByTestId('city').focus();
  assert.equal(await dobType(page), 'text', 'a date the control cannot hold stays text');
  assert.equal(await dob.inputValue(), '1990-1');
  await dob.fill('1990-01-02');
  await page.getByTestId('city').focus();
  assert.equal(await dobType(page), 'date');
  assert.equal(await dob.inputValue(), '1990-01-02');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a draft holding a date the control cannot hold, restored into the control, shows as text, as typed', async () => {
  const page = await signedInPage('letraz');
  await focusDateOnArrival(page, '1990-1');
  await page.goto(`${APP_URL}/profile`);
  // The drafts come with the behaviour module and keep the typing.
  await page.getByTestId('save').waitFor();
  await page.waitForFunction(() => Object.keys(sessionStorage).some((key) => sessionStorage.getItem(key)?.includes('1990-1')));
  await page.reload();
  await page.getByTestId('draft-offer').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="dob"]')?.type === 'date');
  assert.equal(await page.getByTestId('dob').inputValue(), '1815-12-10');
  await page.getByTestId('draft-restore').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="dob"]')?.value === '1990-1');
  assert.equal(await dobType(page), 'text');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
