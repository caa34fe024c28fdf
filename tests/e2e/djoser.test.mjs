// A backend this project does not implement: a Django project built from
// PyPI packages (Django, DRF, djoser's /auth/users/me/ and Token sign-in,
// drf-spectacular), started by .ci/test through .ci/djoser. Its dialect
// file was written by dialect-gen from `manage.py spectacular`'s OpenAPI,
// with no hand edits; the app fetches it like any dialect file named by
// URL (served here by the reference server's test hooks), and talks to
// the Django server on its own origin across CORS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, signIn, APP_URL } from './browser.mjs';
import { addHook, clearHooks } from './server.mjs';

const { DJOSER_URL, DJOSER_DIALECT } = process.env;
const skip = !(DJOSER_URL && DJOSER_DIALECT) && 'DJOSER_URL / DJOSER_DIALECT not set (.ci/test sets them)';
const browser = await launch();
test.after(async () => { await clearHooks(); await browser.close(); });

async function djoserPage() {
  await clearHooks();
  await addHook({ method: 'GET', path: '/djoser/dialect.json', status: 200, body: readFileSync(DJOSER_DIALECT, 'utf8'),
    content_type: 'application/json', times: 0 });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(([config]) => {
    localStorage.setItem('profile-app.config-override', JSON.stringify(config));
  }, [{ dialect: '/djoser/dialect.json', api_base_url: DJOSER_URL }]);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(String(e)));
  return page;
}

test('djoser: the generated dialect file signs in, edits, saves and reloads', { skip }, async () => {
  const dialect = JSON.parse(readFileSync(DJOSER_DIALECT, 'utf8'));
  assert.equal(dialect.endpoints.update.path, '/auth/users/me/');
  assert.ok(dialect.fields.some((f) => f.path === 'email' && f.kind === 'email'), 'email typed from the OpenAPI');
  const page = await djoserPage();
  const logins = [];
  page.on('request', (r) => { if (r.url().endsWith('/auth/token/login/')) logins.push(r.postDataJSON()); });
  await signIn(page, 'demo');
  const first = page.getByTestId('first_name');
  await first.waitFor();
  assert.deepEqual(logins, [{ username: 'demo', password: 'demo-pass-123' }]);
  const name = `Parvin ${Date.now() % 10000}`;
  await first.fill(name);
  const saved = page.waitForResponse((r) => r.url() === `${DJOSER_URL}/auth/users/me/` && r.request().method() === 'PATCH');
  await page.getByTestId('save').click();
  assert.equal((await saved).status(), 200);
  await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
  await page.reload();
  await page.getByTestId('first_name').waitFor();
  assert.equal(await page.getByTestId('first_name').inputValue(), name);
  // And Django itself has it, asked on its own.
  const login = await fetch(`${DJOSER_URL}/auth/token/login/`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password: 'demo-pass-123' }) });
  const { auth_token: token } = await login.json();
  const me = await fetch(`${DJOSER_URL}/auth/users/me/`, { headers: { Authorization: `Token ${token}` } });
  assert.equal((await me.json()).first_name, name);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('djoser: a rule only the server knows (a taken email) shows under its field', { skip }, async () => {
  const page = await djoserPage();
  await signIn(page, 'demo');
  await page.getByTestId('first_name').waitFor();
  await page.goto(`${APP_URL}/settings`);
  const form = page.getByTestId('account-form');
  await form.waitFor();
  await form.getByTestId('email').fill('grace@example.com');
  await form.getByTestId('save').click();
  await page.getByTestId('error-email').getByText('This email address is already in use.', { exact: true }).waitFor();
  // The edit is kept for the person to correct.
  assert.equal(await form.getByTestId('email').inputValue(), 'grace@example.com');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/// A fresh djoser user through djoser's own registration (`POST
/// /auth/users/`): the password and delete tests leave the demo people be.
async function djoserThrowaway() {
  const username = `tmp${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const r = await fetch(`${DJOSER_URL}/auth/users/`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, email: `${username}@example.com`, password: 'demo-pass-123' }) });
  assert.equal(r.status, 201, await r.text());
  return username;
}

const djoserLogin = (username, password) => fetch(`${DJOSER_URL}/auth/token/login/`, { method: 'POST',
  headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) }).then((r) => r.status);

async function djoserSecurity(username) {
  const page = await djoserPage();
  await signIn(page, username);
  await page.getByTestId('first_name').waitFor();
  await page.goto(`${APP_URL}/settings`);
  await page.getByTestId('settings-security').waitFor();
  return page;
}

test('djoser: the generated file changes the password; the new one signs in, the old one not', { skip }, async () => {
  const dialect = JSON.parse(readFileSync(DJOSER_DIALECT, 'utf8'));
  const username = await djoserThrowaway();
  const page = await djoserSecurity(username);
  // Without SET_PASSWORD_RETYPE: the app still asks twice, and sends once.
  assert.deepEqual(dialect.password_change,
    { current_field: 'current_password', new_field: 'new_password', confirm_field: null });
  const bodies = [];
  page.on('request', (r) => { if (r.url().endsWith('/auth/users/set_password/') && r.method() === 'POST') bodies.push(r.postDataJSON()); });
  await page.getByTestId('password-open').click();
  await page.getByTestId('password-current').fill('demo-pass-123');
  await page.getByTestId('password-new').fill('quiet-harbour-lantern-47');
  await page.getByTestId('password-confirm').fill('quiet-harbour-lantern-47');
  await page.getByTestId('password-change').click();
  await page.getByTestId('password-status').getByText('Password changed.').waitFor();
  assert.deepEqual(bodies, [{ current_password: 'demo-pass-123', new_password: 'quiet-harbour-lantern-47' }]);
  assert.equal(await djoserLogin(username, 'demo-pass-123'), 400, 'the old password is refused');
  assert.equal(await djoserLogin(username, 'quiet-harbour-lantern-47'), 200);
  await page.getByTestId('sign-out').click();
  await signIn(page, username, 'quiet-harbour-lantern-47');
  await page.getByTestId('first_name').waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('djoser: Django\'s own refusal (wrong current password) shows under its input', { skip }, async () => {
  const username = await djoserThrowaway();
  const page = await djoserSecurity(username);
  await page.getByTestId('password-open').click();
  await page.getByTestId('password-current').fill('not-my-password');
  await page.getByTestId('password-new').fill('quiet-harbour-lantern-47');
  await page.getByTestId('password-confirm').fill('quiet-harbour-lantern-47');
  await page.getByTestId('password-change').click();
  await page.getByTestId('error-password-current').getByText('Invalid password.').waitFor();
  assert.equal(await page.getByTestId('password-status').innerText(), '');
  assert.equal(await djoserLogin(username, 'demo-pass-123'), 200);
  await page.context().close();
});

test('djoser: the generated file deletes the account', { skip }, async () => {
  const username = await djoserThrowaway();
  const page = await djoserSecurity(username);
  await page.getByTestId('delete-open').click();
  const dialog = page.getByTestId('delete-dialog');
  await dialog.getByTestId('delete-phrase').fill(`${username}@example.com`);
  await dialog.getByTestId('password-delete-current').fill('demo-pass-123');
  await dialog.getByTestId('delete-confirm').click();
  await page.getByTestId('account-deleted').waitFor();
  assert.equal(await djoserLogin(username, 'demo-pass-123'), 400, 'no such user any more');
  assert.equal(await djoserLogin('demo', 'demo-pass-123'), 200, 'the demo person stays');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
