// Security of the release build as served: the server's CSP is on every
// page and live (an injected inline script is refused), what people and
// backends supply renders as text or as http(s) links only, pwgen's
// password hash never reaches the page, tokens stay out of localStorage
// unless "remember me" is ticked (this tab's sessionStorage otherwise), and
// signing out forgets tokens and drafts.
// Mutations use the other@example.com accounts; the demo ones stay as seeded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { launch, pageFor, signIn, takeCspViolations, assertNoCspViolations, APP_URL } from './browser.mjs';
import { account, addHook, clearHooks, call, PASSWORD } from './server.mjs';

const OTHER = 'other@example.com';
const browser = await launch();
test.after(() => browser.close());

/// The policy the server must send with `html`: its inline scripts, if
/// any, by hash (the release build has none: every script is a file).
function expectedPolicy(html) {
  const inline = [...html.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
  const hashes = inline.map((s) => ` 'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
  return `script-src 'self' 'wasm-unsafe-eval'${hashes.join('')}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`;
}

/// Signs in as `email` and waits for the profile form (its `ready` field).
async function openProfile(dialect, ready, email = OTHER, options) {
  const page = await pageFor(browser, dialect);
  await signIn(page, email, PASSWORD, options);
  await page.getByTestId(ready).waitFor();
  return page;
}

test('the server sends its CSP on / and on a deep link, and the app runs under it without a violation', async () => {
  const page = await pageFor(browser, 'pwgen');
  for (const path of ['/', '/profile']) {
    const response = await page.goto(`${APP_URL}${path}`);
    assert.equal(response.headers()['content-security-policy'], expectedPolicy(await response.text()), path);
    assert.equal(response.headers()['x-content-type-options'], 'nosniff');
  }
  await signIn(page);
  await page.getByTestId('first_name').waitFor();
  await page.locator('.app-nav a[href="/settings"]').click();
  await page.getByTestId('settings').waitFor();
  await assertNoCspViolations(page);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the policy is live: an injected inline script and an inline handler are refused', async () => {
  const page = await pageFor(browser, 'pwgen');
  await page.goto(`${APP_URL}/sign-in`);
  await page.getByTestId('email').waitFor();
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__ranInline = true';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__ranHandler = true');
    img.src = 'data:,not-an-image';
    document.body.append(img);
  });
  await page.waitForFunction(() => document.querySelector('img[onerror]').complete);
  assert.deepEqual(await page.evaluate(() => [window.__ranInline, window.__ranHandler]), [undefined, undefined]);
  const refused = (await takeCspViolations(page)).map((v) => `${v.directive} ${v.blocked}`).sort();
  assert.deepEqual(refused, ['script-src-attr inline', 'script-src-elem inline']);
  await page.context().close();
});

/// What the saved markup would have made had it been parsed as HTML (the
/// app itself has no <b> and one inline script, Trunk's loader), and
/// whether any of it ran.
async function markupElements(page) {
  return page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"]').length,
    bold: [...document.querySelectorAll('b')].map((b) => b.textContent),
    inlineScripts: [...document.scripts].filter((s) => !s.src).length,
    ran: window.__xss,
  }));
}

test('HTML in a name or a bio shows as literal text and creates no element', async () => {
  const first = '<img src=x onerror="window.__xss=1">';
  const last = '<b>bold</b>';
  const usersMe = await account('users-me');
  assert.equal((await usersMe.update({ first_name: first, last_name: last })).status, 200);
  const bio = '<script>window.__xss=2</script><b>bio</b>';
  const details = await account('aisquare-details');
  assert.equal((await details.update({ bio })).status, 200);
  try {
    let page = await openProfile('users-me', 'first_name');
    assert.equal(await page.getByTestId('first_name').inputValue(), first);
    assert.equal(await page.getByTestId('last_name').inputValue(), last);
    assert.equal(await page.getByTestId('fact-full_name').textContent(), `${first} ${last}`);
    assert.equal(await page.getByTestId('user-name').textContent(), `${first} ${last}`);
    assert.deepEqual(await markupElements(page), { images: 0, bold: [], inlineScripts: 0, ran: undefined });
    await page.context().close();

    page = await openProfile('aisquare-details', 'bio');
    assert.equal(await page.getByTestId('bio').inputValue(), bio);
    assert.deepEqual(await markupElements(page), { images: 0, bold: [], inlineScripts: 0, ran: undefined });
    await page.context().close();
  } finally {
    await usersMe.update({ first_name: 'Grace', last_name: 'Hopper' });
    await details.update({ bio: 'Analyst of engines.' });
  }
});

const HOSTILE_URLS = ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>'];

test('URL fields: the server and the form refuse javascript: and data: URLs, and none becomes a link', async () => {
  const letraz = await account('letraz');
  const details = await account('aisquare-details');
  for (const url of HOSTILE_URLS) {
    const l = await letraz.update({ website: url });
    assert.equal(l.status, 400, `letraz website ${url}`);
    assert.deepEqual(l.body.error.details.website, ['Enter a valid URL.']);
    const d = await details.update({ linkedin_url: url });
    assert.deepEqual([d.status, d.body], [400, { linkedin_url: ['Enter a valid URL.'] }], `aisquare linkedin_url ${url}`);
  }

  const page = await openProfile('aisquare-details', 'linkedin_url');
  const input = page.getByTestId('linkedin_url');
  for (const url of HOSTILE_URLS) {
    await input.fill(url);
    await input.blur();
    await page.getByTestId('error-linkedin_url').getByText(/valid URL/).waitFor();
    assert.equal(await page.getByTestId('save').isDisabled(), true, `save refused for ${url}`);
    assert.equal(await page.locator('a[href^="javascript:"], a[href^="data:"]').count(), 0);
  }
  await page.context().close();
});

test('a backend answering javascript: or data: URLs for the résumé and photo gets no link and no image from them', async () => {
  const details = await account('aisquare-details');
  const real = (await details.read()).body;
  const path = '/api/v1/iam/iamuserdetails/me/';
  const answerWith = (resume, photo) =>
    addHook({ method: 'GET', path, status: 200, content_type: 'application/json', times: 0,
      body: JSON.stringify({ ...real, resume, profile_picture: photo }) });
  try {
    for (const url of HOSTILE_URLS) {
      await clearHooks();
      await answerWith(url, url);
      const page = await openProfile('aisquare-details', 'bio');
      const fact = page.getByTestId('fact-resume');
      assert.equal(await fact.textContent(), url, 'shown as text');
      assert.equal(await fact.locator('a').count(), 0);
      assert.equal(await page.locator('a[href^="javascript:"], a[href^="data:"], img[src^="javascript:"], img[src^="data:"]').count(), 0);
      await page.context().close();
    }
    // The same facts as https URLs are a link and a photo: the filter is by scheme.
    await clearHooks();
    await answerWith('https://example.com/cv.pdf', `${APP_URL}/media/none.png`);
    const page = await pageFor(browser, 'aisquare-details');
    const photoRequested = page.waitForRequest(`${APP_URL}/media/none.png`);
    await signIn(page, OTHER, PASSWORD);
    await page.getByTestId('bio').waitFor();
    const link = page.getByTestId('fact-resume').locator('a');
    assert.equal(await link.getAttribute('href'), 'https://example.com/cv.pdf');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    // Loaded as an image; it does not exist, so the initials stand in for it.
    await photoRequested;
    await page.getByTestId('photo-initials').first().waitFor();
    // The first initials may be the header's, drawn before the photo's
    // error has reached the page: wait (up to the default timeout) for
    // the image to give way, then check it is gone.
    await page.locator('img[data-testid="photo"]').waitFor({ state: 'detached' });
    assert.equal(await page.locator('img[data-testid="photo"]').count(), 0, 'no broken image');
    await page.context().close();
  } finally {
    await clearHooks();
  }
});

/// Everything a script on the page can read back later: both storages,
/// its cookies and every IndexedDB record, as text.
async function browserStorage(page) {
  return page.evaluate(async () => {
    const entries = (s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`);
    const records = [];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((ok, fail) => Object.assign(indexedDB.open(name), { onsuccess: (e) => ok(e.target.result), onerror: fail }));
      for (const store of db.objectStoreNames) {
        const all = db.transaction(store).objectStore(store).getAll();
        records.push(`${name}/${store}=${JSON.stringify(await new Promise((ok) => { all.onsuccess = () => ok(all.result); }))}`);
      }
      db.close();
    }
    return { local: entries(localStorage), session: entries(sessionStorage), cookies: document.cookie, indexedDB: records };
  });
}

function assertNowhere(storage, secrets, what) {
  const text = JSON.stringify(storage);
  for (const secret of secrets) assert.ok(!text.includes(secret), `${what} found in browser storage: ${text}`);
}

test("pwgen's password hash never reaches the page, its storage or a save", async () => {
  const pwgen = await account('pwgen');
  const hash = pwgen.signInAnswer.user.password;
  assert.match(hash, /^pbkdf2_sha256\$/, 'the server answers the hash, as the real one does');
  const page = await openProfile('pwgen', 'first_name');
  const sent = [];
  page.on('request', (r) => { if (r.url().endsWith(pwgen.updatePath)) sent.push(r.postData() ?? ''); });
  await page.getByTestId('first_name').fill('Grace');
  await page.getByTestId('last_name').fill(`Hopper ${Date.now()}`);
  await page.getByTestId('save').click();
  await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();

  const shown = await page.evaluate(() => [
    document.documentElement.outerHTML,
    ...[...document.querySelectorAll('input, textarea, select')].map((el) => el.value),
  ].join('\n'));
  for (const secret of [hash, 'pbkdf2_sha256']) assert.ok(!shown.includes(secret), `${secret} on the page`);
  assertNowhere(await browserStorage(page), [hash], 'the password hash');
  assert.equal(sent.length, 1);
  assert.ok(!sent[0].includes('password') && !sent[0].includes(hash), `the save sent ${sent[0]}`);
  await pwgen.update({ last_name: 'Hopper' });
  await page.context().close();
});

// Each token dialect: where it signs in and which answer fields are secrets.
const TOKEN_SIGN_IN = {
  pwgen: { path: '/api/sign-in/', secrets: (a) => [a.access, a.refresh] },
  'users-me': { path: '/api/auth/token/login/', secrets: (a) => [a.auth_token] },
  'aisquare-profile': { path: '/api/v1/iam/token/', secrets: (a) => [a.access, a.refresh] },
};

for (const [dialect, { path, secrets }] of Object.entries(TOKEN_SIGN_IN)) {
  test(`${dialect}: tokens are kept in this tab unless "remember me" is ticked, in localStorage only then`, async () => {
    for (const remember of [false, true]) {
      const page = await pageFor(browser, dialect);
      const answered = page.waitForResponse((r) => r.url().endsWith(path));
      await signIn(page, OTHER, PASSWORD, { remember });
      const tokens = secrets(await (await answered).json());
      assert.ok(tokens.every(Boolean), 'the sign-in answered tokens');
      await page.getByTestId('save').waitFor();
      const { local, session, ...elsewhere } = await browserStorage(page);
      const kept = (entries) => entries.find((e) => e.startsWith('profile-app.credential='));
      // The refresh token (simplejwt) sits beside the access token, nowhere else.
      for (const token of tokens) {
        assert.ok(kept(remember ? local : session)?.includes(token), `kept where chosen: ${JSON.stringify({ local, session })}`);
      }
      assertNowhere({ other: remember ? session : local, ...elsewhere }, tokens, 'a token');
      // Either way a reload keeps the session; a new tab has it only when remembered.
      await page.reload();
      await page.getByTestId('save').waitFor();
      const tab = await page.context().newPage();
      await tab.goto(`${APP_URL}/profile`);
      await tab.getByTestId(remember ? 'save' : 'sign-in').waitFor();
      await page.context().close();
    }
  });
}

test('letraz: the session cookie is out of scripts\' reach', async () => {
  const page = await openProfile('letraz', 'first_name', OTHER, { remember: false });
  const cookies = await page.context().cookies();
  assert.equal(cookies.find((c) => c.name === 'sessionid')?.httpOnly, true);
  assert.ok(!(await browserStorage(page)).cookies.includes('sessionid'));
  await page.context().close();
});

test('signing out forgets the remembered token and every draft at once, before the backend answers', async () => {
  const page = await pageFor(browser, 'pwgen');
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/sign-in/'));
  await signIn(page, OTHER, PASSWORD, { remember: true });
  const { access, refresh } = await (await answered).json();
  const typed = `Draft ${Date.now()}`;
  await page.getByTestId('first_name').fill(typed);
  await page.waitForFunction((t) => Object.keys(sessionStorage).some((k) => k.startsWith('profile-app.draft.') && sessionStorage.getItem(k).includes(t)), typed);
  assert.ok(JSON.stringify(await browserStorage(page)).includes(access), 'remembered before signing out');

  page.once('dialog', (d) => d.accept()); // "leave with unsaved changes?"
  await page.locator('.app-nav a[href="/settings"]').click();
  // A slow backend: a tab closed right after the click must leave nothing behind.
  await addHook({ method: 'POST', path: '/api/token/blacklist/', delay_ms: 2500 });
  try {
    const told = page.waitForResponse((r) => r.url().endsWith('/api/token/blacklist/'));
    told.catch(() => {}); // awaited below, unless an assertion fails first
    let backendAnswered = false;
    told.then(() => { backendAnswered = true; }, () => {});
    const asked = page.waitForRequest((r) => r.url().endsWith('/api/token/blacklist/'));
    await page.getByTestId('sign-out').click();
    await asked;
    // Well inside the backend's 2.5 s: storage must be empty while its
    // answer is still on the way. The assertions below say what is left
    // if this never holds.
    await page.waitForFunction(() => !Object.keys(localStorage).concat(Object.keys(sessionStorage))
      .some((k) => k.startsWith('profile-app.draft.') || k === 'profile-app.credential'), null, { timeout: 1500 }).catch(() => {});
    const left = await browserStorage(page);
    assert.equal(backendAnswered, false, 'storage was read before the backend answered');
    assertNowhere(left, [access, refresh, typed], 'a token or the draft');
    await page.waitForURL('**/sign-in');
    // The backend was still told: that refresh token no longer works.
    assert.equal((await told).status(), 200);
    assert.equal((await call('POST', '/api/token/refresh/', { json: { refresh } })).status, 401);
  } finally {
    await clearHooks();
  }
  await page.goto(`${APP_URL}/profile`);
  await page.getByTestId('sign-in').waitFor();
  await page.context().close();
});

test('users-me: signing out still deletes the token on the server (sent with the forgotten credential)', async () => {
  const page = await pageFor(browser, 'users-me');
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/token/login/'));
  await signIn(page, OTHER, PASSWORD, { remember: false });
  const token = (await (await answered).json()).auth_token;
  await page.getByTestId('first_name').waitFor();
  await page.locator('.app-nav a[href="/settings"]').click();
  const told = page.waitForResponse((r) => r.url().endsWith('/api/auth/token/logout/'));
  await page.getByTestId('sign-out').click();
  assert.equal((await told).status(), 204);
  assert.equal((await call('GET', '/api/users/me/', { auth: `Token ${token}` })).status, 401);
  await page.context().close();
});
