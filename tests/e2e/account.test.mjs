// Settings > Security against the reference server (#31): change the
// password (then the new one signs in and the old one does not), Django's
// checks as the person types with the common list fetched only once the
// form opens, the server's word under its input, and deleting the account
// (done page, nothing of the person left in the browser, no sign-in).
// Plus the fault matrix's rows for these calls: in each, nothing looks
// done that is not. Every test uses a throwaway account (/_ref/users):
// the demo accounts stay as seeded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageFor, signIn, APP_URL } from './browser.mjs';
import { call, clearHooks, addHook, PASSWORD } from './server.mjs';

const browser = await launch();
test.after(() => browser.close());
test.afterEach(() => clearHooks());

const NEW_PASSWORD = 'quiet-harbour-lantern-47';
const SIGN_IN = { 'users-me': '/api/auth/token/login/', pwgen: '/api/sign-in/' };

/// A fresh account of `dialect`: `{ email, username, ... }`.
async function throwaway(dialect) {
  const { status, body } = await call('POST', '/_ref/users', { json: { dialect, password: PASSWORD } });
  assert.equal(status, 201, JSON.stringify(body));
  return body;
}

/// The API's own sign-in answer for `email` / `password`.
const apiSignIn = (dialect, email, password) => call('POST', SIGN_IN[dialect], { json: { email, password } });

/// Signed in as `email`, on Settings with the Security section's forms loaded.
async function openSecurity(dialect, email, password = PASSWORD) {
  const page = await pageFor(browser, dialect);
  page.requested = [];
  page.on('request', (r) => page.requested.push(new URL(r.url()).pathname));
  await signIn(page, email, password);
  await page.getByTestId('first_name').waitFor();
  await page.locator('.app-nav a[href="/settings"]').click();
  await page.getByTestId('settings-security').waitFor();
  return page;
}

/// Opens the password form and fills what is given.
async function fillPassword(page, { current, next, confirm }) {
  await page.getByTestId('password-open').click();
  if (current !== undefined) await page.getByTestId('password-current').fill(current);
  if (next !== undefined) await page.getByTestId('password-new').fill(next);
  if (confirm !== undefined) await page.getByTestId('password-confirm').fill(confirm);
}

const text = (page, id) => page.getByTestId(id).innerText();

/// Nothing looks done: no success, still signed in, the inputs as typed.
async function nothingDone(page, typed) {
  assert.equal(await text(page, 'password-status'), '');
  assert.equal(await page.getByTestId('sign-out').count(), 1, 'still signed in');
  for (const [id, value] of Object.entries(typed)) assert.equal(await page.getByTestId(id).inputValue(), value, id);
}

test('users-me: change the password; the new one signs in, the old one no longer does', async () => {
  const me = await throwaway('users-me');
  const page = await openSecurity('users-me', me.email);
  await fillPassword(page, { current: PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD });
  for (const [id, autocomplete] of [['password-current', 'current-password'], ['password-new', 'new-password'], ['password-confirm', 'new-password']]) {
    assert.equal(await page.getByTestId(id).getAttribute('autocomplete'), autocomplete, id);
    assert.equal(await page.getByTestId(id).getAttribute('type'), 'password', id);
  }
  // Show/Hide: a toggle button, and the text shows while it is pressed.
  const show = page.getByTestId('password-new-show');
  await show.click();
  assert.equal(await show.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('password-new').getAttribute('type'), 'text');
  await show.click();
  assert.equal(await page.getByTestId('password-new').getAttribute('type'), 'password');

  await page.getByTestId('password-change').click();
  await page.getByTestId('password-status').getByText('Password changed.').waitFor();
  await page.getByTestId('announcer').filter({ hasText: 'Password changed.' }).waitFor({ state: 'attached' });
  for (const id of ['password-current', 'password-new', 'password-confirm']) assert.equal(await page.getByTestId(id).inputValue(), '', id);
  assert.equal(await page.getByTestId('sign-out').count(), 1, 'the token stays valid: still signed in');

  assert.equal((await apiSignIn('users-me', me.email, PASSWORD)).status, 400, 'the old password is refused');
  assert.equal((await apiSignIn('users-me', me.email, NEW_PASSWORD)).status, 200, 'the new password signs in');
  // And through the app: sign out, the old one fails, the new one works.
  await page.getByTestId('sign-out').click();
  await signIn(page, me.email, PASSWORD);
  await page.locator('.sign-in').getByTestId('form-banner').waitFor();
  await signIn(page, me.email, NEW_PASSWORD);
  await page.getByTestId('first_name').waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('Django\'s checks as the person types; the common list is fetched only once the form opens', async () => {
  const me = await throwaway('users-me');
  const page = await openSecurity('users-me', me.email);
  assert.ok(!page.requested.some((p) => p.endsWith('/common-passwords.txt')), 'not before the form opens');
  assert.ok(!page.requested.some((p) => p.includes('split_security')), 'nor the forms\' module');
  await fillPassword(page, { next: '12345678' });
  assert.ok(page.requested.some((p) => p.includes('split_security')), 'the module came with the click');
  const newErrors = page.getByTestId('error-password-new');
  await newErrors.getByText('This password is entirely numeric.').waitFor();
  // The common check joins once the list has arrived.
  await newErrors.getByText('This password is too common.').waitFor();
  assert.ok(page.requested.some((p) => p === '/common-passwords.txt'));
  await page.getByTestId('password-new').fill('short');
  await newErrors.getByText('This password is too short. It must contain at least 8 characters.').waitFor();
  await page.getByTestId('password-new').fill(NEW_PASSWORD);
  await page.waitForFunction(() => document.querySelector('[data-testid="error-password-new"]').innerText === '');
  await page.getByTestId('password-confirm').fill('quiet-x');
  await page.getByTestId('error-password-confirm').getByText("The two password fields didn't match.").waitFor();
  // Refused before sending: nothing reaches the server.
  const before = page.requested.filter((p) => p.endsWith('/set_password/')).length;
  await page.getByTestId('password-change').click();
  await page.getByTestId('error-password-current').getByText('This field is required.').waitFor();
  assert.equal(page.requested.filter((p) => p.endsWith('/set_password/')).length, before);
  await page.context().close();
});

test('a wrong current password: the server\'s message under it, nothing changed', async () => {
  const me = await throwaway('users-me');
  const page = await openSecurity('users-me', me.email);
  const typed = { 'password-current': 'not-my-password', 'password-new': NEW_PASSWORD, 'password-confirm': NEW_PASSWORD };
  await fillPassword(page, { current: typed['password-current'], next: NEW_PASSWORD, confirm: NEW_PASSWORD });
  await page.getByTestId('password-change').click();
  await page.getByTestId('error-password-current').getByText('Invalid password.').waitFor();
  assert.equal(await page.getByTestId('password-current').getAttribute('aria-invalid'), 'true');
  await nothingDone(page, typed);
  assert.equal((await apiSignIn('users-me', me.email, PASSWORD)).status, 200, 'the old password still works');
  // Editing the input takes the server's word away.
  await page.getByTestId('password-current').fill(PASSWORD);
  await page.waitForFunction(() => document.querySelector('[data-testid="error-password-current"]').innerText === '');
  await page.context().close();
});

/// The fault matrix's rows for the security calls (tests/e2e/faults/ holds
/// the profile save's): the fault, then what must show.
const PASSWORD_FAULTS = [
  {
    id: 'password-429',
    fault: { status: 429, body: JSON.stringify({ detail: 'Request was throttled. Expected available in 30 seconds.' }),
      content_type: 'application/json', headers: { 'Retry-After': '30' } },
    shows: /throttled|30 seconds/i,
  },
  { id: 'password-network-lost', refused: true, shows: 'Could not reach the server. Check your connection and try again.' },
];

for (const c of PASSWORD_FAULTS) {
  test(`fault ${c.id}: the change looks undone, and it is`, async () => {
    const me = await throwaway('users-me');
    const page = await openSecurity('users-me', me.email);
    if (c.refused) {
      await page.route('**/api/users/set_password/', (route) => route.abort('internetdisconnected'));
    } else {
      await addHook({ method: 'POST', path: '/api/users/set_password/', times: 0, ...c.fault });
    }
    const typed = { 'password-current': PASSWORD, 'password-new': NEW_PASSWORD, 'password-confirm': NEW_PASSWORD };
    await fillPassword(page, { current: PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD });
    await page.getByTestId('password-change').click();
    await page.getByTestId('password-form').getByTestId('form-banner').getByText(c.shows).waitFor();
    await nothingDone(page, typed);
    assert.equal((await apiSignIn('users-me', me.email, PASSWORD)).status, 200, 'the password is unchanged');
    await page.context().close();
  });
}

/// Opens the delete dialog and confirms with what is given.
async function confirmDelete(page, phrase, password) {
  await page.getByTestId('delete-open').click();
  const dialog = page.getByTestId('delete-dialog');
  await dialog.getByTestId('delete-phrase').waitFor();
  const confirm = dialog.getByTestId('delete-confirm');
  assert.equal(await confirm.isDisabled(), true, 'nothing typed: the button is off');
  await dialog.getByTestId('delete-phrase').fill(phrase);
  if (password !== undefined) {
    assert.equal(await confirm.isDisabled(), true, 'no password yet: still off');
    await dialog.getByTestId('password-delete-current').fill(password);
  }
  assert.equal(await confirm.isDisabled(), false);
  await confirm.click();
  return dialog;
}

for (const dialect of ['users-me', 'pwgen']) {
  test(`${dialect}: delete the account; done page, signed out, drafts gone, no sign-in`, async () => {
    const me = await throwaway(dialect);
    const page = await openSecurity(dialect, me.email);
    // A draft of this person's to be forgotten with them.
    await page.getByTestId('username').fill('kept-as-draft');
    await page.waitForFunction(() => Object.keys(sessionStorage).some((k) => k.startsWith('profile-app.draft.')));
    await confirmDelete(page, me.email, dialect === 'users-me' ? PASSWORD : undefined);
    await page.getByTestId('account-deleted').getByText('Account deleted').waitFor();
    assert.equal(new URL(page.url()).pathname, '/account-deleted');
    const kept = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]);
    assert.deepEqual(kept.filter((k) => /credential|cookie-session|read-recipe|draft/.test(k)), [], 'nothing of the person is kept');
    assert.equal((await apiSignIn(dialect, me.email, PASSWORD)).status >= 400, true, 'the account is gone');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('a 500 on delete: the message in the dialog, still signed in, the account there', async () => {
  const me = await throwaway('pwgen');
  const page = await openSecurity('pwgen', me.email);
  await addHook({ method: 'DELETE', path: '/api/profile/*', times: 0, status: 500, content_type: 'text/html', body: '<h1>Server Error (500)</h1>' });
  const dialog = await confirmDelete(page, me.email);
  await dialog.getByTestId('form-banner').getByText('The server had a problem. Try again later.').waitFor();
  assert.equal(await dialog.isVisible(), true, 'the dialog stays');
  assert.equal(new URL(page.url()).pathname, '/settings');
  const kept = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(kept.includes('profile-app.credential'), 'still signed in');
  assert.equal((await apiSignIn('pwgen', me.email, PASSWORD)).status, 200, 'the account is still there');
  await dialog.getByTestId('delete-cancel').click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.getByTestId('sign-out').count(), 1);
  await page.context().close();
});

test('the section shows only the calls a dialect has, and is in the section nav only then', async () => {
  const pwgen = await openSecurity('pwgen', 'other@example.com');
  await pwgen.getByTestId('delete-open').waitFor();
  assert.equal(await pwgen.getByTestId('password-open').count(), 0, 'pwgen has no password change');
  assert.equal(await pwgen.locator('.section-nav a[href="#settings-security"]').isVisible(), true);
  await pwgen.context().close();
  const none = await pageFor(browser, 'aisquare-details');
  await signIn(none, 'other@example.com');
  await none.getByTestId('save').waitFor();
  await none.locator('.app-nav a[href="/settings"]').click();
  await none.getByTestId('settings-connection').waitFor();
  assert.equal(await none.getByTestId('settings-security').count(), 0);
  assert.equal(await none.locator('.section-nav a[href="#settings-security"]').isVisible(), false);
  await none.context().close();
});

test('the demo accounts are as seeded', async () => {
  for (const dialect of ['users-me', 'pwgen']) {
    assert.equal((await apiSignIn(dialect, 'demo@example.com', PASSWORD)).status, 200, dialect);
    assert.equal((await apiSignIn(dialect, 'other@example.com', PASSWORD)).status, 200, dialect);
  }
});
