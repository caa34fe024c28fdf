// A backend described by a file the app does not ship: config.json (here
// this browser's override) names the URL of a dialect file, and the app
// builds its pages from it with no code of its own for that backend. The
// reference server's test hooks serve the file, so each test can write a
// different one. A broken file gets the same page a broken config gets,
// naming the file, the key and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, signIn, APP_URL } from './browser.mjs';
import { addHook, clearHooks } from './server.mjs';

const browser = await launch();
test.after(async () => { await clearHooks(); await browser.close(); });

/// pwgen's API, described from scratch: two of its fields, one with its
/// own label texts, and a field name the app's translations do not know.
function customDialect() {
  return {
    format: 1,
    name: 'custom-pwgen',
    description: 'pwgen as a team would describe it',
    auth: 'bearer',
    endpoints: {
      read: { method: 'POST', path: '/api/profile/' },
      update: { method: 'PUT', path: '/api/profile/{id}/update/' },
      sign_in: { method: 'POST', path: '/api/sign-in/' },
      refresh: { method: 'POST', path: '/api/token/refresh/' },
    },
    sign_in: { login_field: 'email', token_field: 'access', refresh_field: 'refresh' },
    photo: null,
    fields: [
      { path: 'first_name', kind: 'text', section: 'name', max_length: 200,
        label: { en: 'Given name', es: 'Nombre de pila' } },
      { path: 'number_phone', kind: 'phone', section: 'contact', max_length: 10 },
      { path: 'email', kind: 'email', section: 'account', max_length: 200, required: true },
      // No translation has this name: the app shows it made readable.
      { path: 'is_staff', kind: 'bool', section: 'account', read_only: true },
    ],
  };
}

async function serveDialect(path, body) {
  // The boot script asks for it beside the wasm, then the app reads it.
  await addHook({ method: 'GET', path, status: 200, body: typeof body === 'string' ? body : JSON.stringify(body),
    content_type: 'application/json', times: 0 });
}

async function pageWithConfig(config) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(([c]) => localStorage.setItem('profile-app.config-override', JSON.stringify(c)), [config]);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(String(e)));
  return page;
}

test('a dialect file by URL: its fields, its labels, a save and a reload', async () => {
  await clearHooks();
  await serveDialect('/team/dialect.json', customDialect());
  const page = await pageWithConfig({ dialect: '/team/dialect.json' });
  const dialectRequests = [];
  page.on('request', (r) => { if (r.url().endsWith('/team/dialect.json')) dialectRequests.push(r.url()); });
  await signIn(page, 'other@example.com');
  const given = page.getByLabel('Given name');
  await given.waitFor();
  // Only the file's fields: pwgen's own file would also show last_name.
  assert.equal(await page.getByTestId('last_name').count(), 0);
  assert.ok(await page.getByTestId('number_phone').count() > 0);
  const name = `Rumi ${Date.now() % 10000}`;
  await given.fill(name);
  await page.getByTestId('save').click();
  await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
  await page.reload();
  await page.getByLabel('Given name').waitFor();
  assert.equal(await page.getByLabel('Given name').inputValue(), name);
  // A rule from the file, checked in the browser before any request.
  await page.getByLabel('Phone number').fill('12345678901');
  await page.getByLabel('Phone number').blur();
  await page.getByText('Ensure this field has no more than 10 characters.').waitFor();
  await page.goto(`${APP_URL}/settings`);
  await page.getByTestId('connection-dialect').getByText('custom-pwgen').waitFor();
  await page.getByText('Is staff', { exact: true }).waitFor();
  assert.ok(dialectRequests.length >= 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/// /profile with a config naming a dialect file whose second field has a
/// kind the app does not know; `prepare(page)` runs before it loads.
/// Answers the page and the text of its config error.
async function brokenDialectPage(prepare = async () => {}) {
  await clearHooks();
  const broken = customDialect();
  broken.fields[1].kind = 'telephone';
  await serveDialect('/team/broken.json', broken);
  const page = await pageWithConfig({ dialect: '/team/broken.json' });
  await prepare(page);
  await page.goto(`${APP_URL}/profile`);
  const error = page.getByTestId('config-error');
  await error.waitFor();
  return { page, text: await error.innerText() };
}

test('a broken dialect file: a page naming the file, the key and why', async () => {
  const { page, text } = await brokenDialectPage();
  assert.match(text, /\/team\/broken\.json: dialect file, `fields\.1\.kind`: unknown value "telephone"; expected one of "text"/);
  await page.context().close();
});

test('a broken dialect file whose messages cannot arrive: the page still names the file and the key', async () => {
  // The messages come with a wrong file (#28, split_config_errors): with
  // that module blocked, the first reading's file and key are what is left.
  const asked = [];
  const { page, text } = await brokenDialectPage((page) =>
    page.route('**/split_config_errors-*.wasm', (route) => { asked.push(route.request().url()); return route.abort(); }));
  assert.match(text, /\/team\/broken\.json: dialect file, `fields\.1\.kind`: not as this app reads it/);
  assert.equal(asked.length, 1, 'the messages were asked for');
  await page.context().close();
});

test('a good dialect file: the messages of a wrong one are never fetched', async () => {
  await clearHooks();
  await serveDialect('/team/pwgen.json', customDialect());
  const page = await pageWithConfig({ dialect: '/team/pwgen.json' });
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await page.goto(`${APP_URL}/sign-in`);
  await page.getByTestId('email').waitFor();
  assert.ok(wasm.length > 0, 'the app loaded wasm');
  assert.deepEqual(wasm.filter((p) => p.includes('split_config_errors')), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a dialect file that is not there: the page says which URL answered what', async () => {
  await clearHooks();
  const page = await pageWithConfig({ dialect: '/team/missing.json' });
  await page.goto(`${APP_URL}/profile`);
  await page.getByTestId('config-error').getByText('/team/missing.json answered HTTP 404').waitFor();
  await page.context().close();
});
