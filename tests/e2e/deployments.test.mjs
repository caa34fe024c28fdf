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
const SHAPES = API_PORT
  ? { 'same-site': `http://${app.hostname}:${API_PORT}`, 'cross-site': `http://localhost:${API_PORT}` }
  : {};
const browser = await launch();
test.after(() => browser.close());

/// A page of the app whose config points `dialect` at `apiBase`.
async function pageAgainst(dialect, apiBase) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(([d, base]) => {
    localStorage.setItem('profile-app.config-override', JSON.stringify({ dialect: d, api_base_url: base }));
  }, [dialect, apiBase]);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(String(e)));
  return page;
}

test('the API server for split deployments is running', { skip: !API_PORT && 'API_PORT not set' }, async () => {
  const r = await fetch(`${SHAPES['same-site']}/_ref/health`);
  assert.equal(r.status, 200);
});

for (const [shape, apiBase] of Object.entries(SHAPES)) {
  test(`${shape}: pwgen's photo path loads from the API's host, in the header and the editor`, async () => {
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

  test(`${shape}: users-me signs in with its login field, even for a login with '@'`, async () => {
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
  test(`${shape}: a revoked token answers 403; the app asks to sign in again, keeps the edit and saves it`, async () => {
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

test('a revoked token on the profile read (403 here) goes to sign-in, with one read, not a second to check', { skip: !API_PORT && 'API_PORT not set' }, async () => {
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
