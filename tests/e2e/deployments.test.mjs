// The shapes people deploy: the app on one origin, the API on another.
// .ci/test starts a second reference server (API only, its own data and
// media) and names it in API_PORT; the app from APP_URL then talks to it
// by config, on another port of the same host (same-site) and under
// another host name (`localhost` against `127.0.0.1`: cross-site). A photo
// the API answers as a path (`/media/…`, as pwgen does) must load from the
// API's host, not the app's, whose media folder does not have it. That
// server runs with `--auth-first session`: a lost credential answers 403,
// as DRF does with SessionAuthentication first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, signIn, APP_URL } from './browser.mjs';
import { bigJpeg } from './photo.mjs';

const API_PORT = process.env.API_PORT;
const app = new URL(APP_URL);
// The shapes are always listed, so a run without API_PORT reports each
// test as skipped instead of dropping it.
const SHAPES = { 'same-site': `http://${app.hostname}:${API_PORT}`, 'cross-site': `http://localhost:${API_PORT}` };
const NEEDS_API = { skip: !API_PORT && 'API_PORT not set' };
const browser = await launch();
test.after(() => browser.close());

/// A page of the app whose config points `dialect` at `apiBase`.
async function pageAgainst(dialect, apiBase, more = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(([config]) => {
    localStorage.setItem('profile-app.config-override', JSON.stringify(config));
  }, [{ dialect, api_base_url: apiBase, ...more }]);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(String(e)));
  return page;
}

test('the API server for split deployments is running', NEEDS_API, async () => {
  const r = await fetch(`${SHAPES['same-site']}/_ref/health`);
  assert.equal(r.status, 200);
});

for (const [shape, apiBase] of Object.entries(SHAPES)) {
  test(`${shape}: pwgen's photo path loads from the API's host, in the header and the editor`, NEEDS_API, async () => {
    const page = await pageAgainst('pwgen', apiBase);
    await signIn(page, 'other@example.com');
    await page.getByTestId('avatar-input').waitFor({ state: 'attached' });
    await page.getByTestId('avatar-input').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: await bigJpeg(page) });
    await page.getByTestId('avatar-status').getByText(/512/).waitFor({ timeout: 20_000 });
    await page.getByTestId('save').click();
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
    await page.reload();
    for (const id of ['avatar-preview', 'user-photo']) {
      const img = page.getByTestId(id);
      await img.waitFor();
      const src = await img.getAttribute('src');
      assert.ok(src.startsWith(`${apiBase}/media/`), `${id} src ${src}`);
      const loaded = await img.evaluate((el) => el.decode().then(() => el.naturalWidth > 0, () => false));
      assert.ok(loaded, `${id} did not load from ${src}`);
    }
    // Remove it again: the next run starts from no photo.
    await page.getByTestId('avatar-remove').click();
    await page.getByTestId('save').click();
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
    assert.equal(await page.getByTestId('photo-initials').count() > 0, true, 'no photo: the initials');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test(`${shape}: users-me signs in with its login field, even for a login with '@'`, NEEDS_API, async () => {
    const page = await pageAgainst('users-me', apiBase);
    const bodies = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/auth/token/login/')) bodies.push(r.postDataJSON()); });
    await signIn(page, 'other@example.com');
    await page.getByTestId('first_name').waitFor();
    assert.deepEqual(bodies, [{ username: 'other@example.com', password: 'demo-pass-123' }]);
    await page.context().close();
  });
}

for (const [shape, apiBase] of Object.entries(SHAPES)) {
  test(`${shape}: a revoked token answers 403; the app asks to sign in again, keeps the edit and saves it`, NEEDS_API, async () => {
    const page = await pageAgainst('users-me', apiBase);
    await signIn(page, 'other@example.com');
    await page.getByTestId('first_name').waitFor();
    const stored = await page.evaluate(() => localStorage.getItem('profile-app.credential'));
    const token = stored.match(/[0-9a-f]{40}/)[0];
    const revoked = await fetch(`${apiBase}/api/auth/token/logout/`, { method: 'POST', headers: { Authorization: `Token ${token}` } });
    assert.equal(revoked.status, 204);
    const refused = await fetch(`${apiBase}/api/users/me/`, { headers: { Authorization: `Token ${token}` } });
    assert.equal(refused.status, 403, 'this server answers a lost credential with 403');

    const edit = `Grace ${shape}`;
    await page.getByTestId('first_name').fill(edit);
    await page.getByTestId('save').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('password').waitFor();
    assert.equal(await page.getByTestId('first_name').inputValue(), edit, 'the edit stays under the dialog');
    await dialog.getByTestId('email').fill('other@example.com');
    await dialog.getByTestId('password').fill('demo-pass-123');
    await dialog.getByTestId('remember').check();
    await dialog.getByTestId('sign-in').click();
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
    await page.reload();
    assert.equal(await page.getByTestId('first_name').inputValue(), edit, 'saved on the server');
    await page.getByTestId('first_name').fill('Grace');
    await page.getByTestId('save').click();
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('a revoked token on the profile read (403 here) goes to sign-in, with one read, not a second to check', NEEDS_API, async () => {
  const apiBase = SHAPES['same-site'];
  const page = await pageAgainst('users-me', apiBase);
  await signIn(page, 'other@example.com');
  await page.getByTestId('first_name').waitFor();
  const token = (await page.evaluate(() => localStorage.getItem('profile-app.credential'))).match(/[0-9a-f]{40}/)[0];
  const revoked = await fetch(`${apiBase}/api/auth/token/logout/`, { method: 'POST', headers: { Authorization: `Token ${token}` } });
  assert.equal(revoked.status, 204);
  const reads = [];
  page.on('request', (r) => { if (r.method() === 'GET' && r.url().endsWith('/api/users/me/')) reads.push(r.url()); });
  await page.reload();
  await page.getByTestId('email').waitFor();
  assert.equal(reads.length, 1, `reads: ${reads}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/// A pwgen access token, as an identity provider would hand it out.
async function tokenFrom(apiBase) {
  const r = await fetch(`${apiBase}/api/sign-in/`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'other@example.com', password: 'demo-pass-123' }),
  });
  assert.equal(r.status, 200);
  return (await r.json()).access;
}

test('a token from an identity provider: pasted to sign in, pasted again when it expires, the edit kept and saved', NEEDS_API, async () => {
  const apiBase = SHAPES['cross-site'];
  const page = await pageAgainst('pwgen', apiBase, { endpoints: { sign_in: null, refresh: null, sign_out: null } });
  await page.goto(`${APP_URL}/sign-in`);
  await page.getByTestId('token-only').waitFor();
  assert.equal(await page.getByTestId('password').count(), 0, 'no password: the sign-in is elsewhere');
  await page.getByTestId('token').fill(await tokenFrom(apiBase));
  await page.getByTestId('sign-in').click();
  await page.getByTestId('first_name').waitFor();

  // The token expires (the API refuses it); the edit waits under the dialog.
  const expired = { path: '/api/profile/*', method: 'PUT', status: 401, content_type: 'application/json',
    body: JSON.stringify({ detail: 'Given token not valid for any token type', code: 'token_not_valid' }) };
  assert.equal((await fetch(`${apiBase}/_ref/hooks`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(expired) })).status, 201);
  const edit = 'Ada (pasted)';
  await page.getByTestId('first_name').fill(edit);
  await page.getByTestId('save').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('token-only').waitFor();
  assert.equal(await page.getByTestId('first_name').inputValue(), edit, 'the edit stays under the dialog');
  await dialog.getByTestId('token').fill(await tokenFrom(apiBase));
  await dialog.getByTestId('sign-in').click();
  await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
  const saved = await fetch(`${apiBase}/api/profile/`, { method: 'POST', headers: { Authorization: `Bearer ${await tokenFrom(apiBase)}` } });
  assert.equal((await saved.json()).first_name, edit, 'saved on the server');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('letraz: a session cookie works on another port; across sites Chromium drops it and the app says why', NEEDS_API, async () => {
  const same = await pageAgainst('letraz', SHAPES['same-site']);
  await signIn(same, 'other@example.com');
  await same.getByTestId('city').waitFor();
  const city = `Faro ${Date.now()}`;
  await same.getByTestId('city').fill(city);
  await same.getByTestId('save').click();
  await same.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
  assert.deepEqual(same.problems, []);
  await same.context().close();

  const cross = await pageAgainst('letraz', SHAPES['cross-site']);
  await cross.goto(`${APP_URL}/sign-in`);
  await cross.getByTestId('email').fill('other@example.com');
  await cross.getByTestId('password').fill('demo-pass-123');
  await cross.getByTestId('sign-in').click();
  await cross.getByText(/does not send the server's sign-in cookie back to this site/).waitFor();
  assert.equal(await cross.getByRole('dialog').count(), 0, 'no sign-in loop');
  assert.deepEqual(cross.problems, []);
  await cross.context().close();
});

for (const dialect of ['aisquare-profile', 'aisquare-details', 'pwgen']) {
  test(`same origin, ${dialect}: an expired access token is renewed once and the save goes through, no dialog`, async () => {
    const page = await pageAgainst(dialect, new URL(APP_URL).origin);
    await signIn(page);
    const field = { 'aisquare-profile': 'full_name', 'aisquare-details': 'bio', pwgen: 'first_name' }[dialect];
    await page.getByTestId(field).waitFor();
    const method = dialect === 'pwgen' ? 'PUT' : 'PATCH';
    const expired = { method, path: '/api/*', status: 401, content_type: 'application/json',
      body: JSON.stringify({ detail: 'Given token not valid for any token type', code: 'token_not_valid' }) };
    const hooked = await fetch(`${APP_URL}/_ref/hooks`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(expired) });
    assert.equal(hooked.status, 201);
    const refreshes = [];
    page.on('request', (r) => { if (r.url().includes('/token/refresh/')) refreshes.push(r.url()); });
    const edit = `Renewed ${Date.now()}`;
    await page.getByTestId(field).fill(edit);
    await page.getByTestId('save').click();
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
    assert.equal(refreshes.length, 1, `refresh calls: ${refreshes}`);
    assert.equal(await page.getByRole('dialog').count(), 0, 'no sign-in dialog');
    await page.reload();
    assert.equal(await page.getByTestId(field).inputValue(), edit, 'saved, and the renewed token survived the reload');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}
