// What a person sees on the profile form after a failed save, asked the
// way the page exposes it (test ids, roles, ARIA), each check waiting for
// its condition instead of sleeping.
import assert from 'node:assert/strict';
import { APP_URL, signIn } from '../browser.mjs';

export const MESSAGES = {
  sessionExpired: 'Your session has ended. Sign in again to save your changes; they are still here.',
  ratePaused: 'Saving is paused for a moment.',
  saved: 'Saved',
};

const banner = (page) => page.getByTestId('form-banner');

/// Waits until the person can actually see `locator`: its middle is inside
/// the viewport and nothing (the sticky save bar) covers it.
export async function onScreen(page, locator, what) {
  const element = await locator.elementHandle();
  try {
    await page.waitForFunction((el) => {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      return r.height > 0 && y >= 0 && y <= innerHeight && el.contains(document.elementFromPoint(x, y));
    }, element, { timeout: 3_000 });
  } catch {
    assert.fail(`${what} is off screen or covered`);
  } finally {
    await element.dispose();
  }
}

/// The form is on screen, nothing is pending, no edit is waiting.
export async function openForm(page, field) {
  await page.goto(`${APP_URL}/profile`);
  const input = page.getByTestId(field);
  const signInButton = page.getByTestId('sign-in');
  await input.or(signInButton).first().waitFor();
  if (await signInButton.isVisible()) {
    await signIn(page);
    await input.waitFor();
  }
  // A failed case may leave a draft behind; a fresh case starts without.
  const draft = page.getByTestId('draft-drop');
  if (await draft.isVisible()) await draft.click();
}

/// The server's message sits under the field's input: the input points at
/// it with aria-describedby and says it is invalid; the banner does not
/// repeat it.
export async function showsFieldError(page, field, text) {
  const input = page.getByTestId(field);
  const message = page.getByTestId(`error-${field}`);
  await message.getByText(text, { exact: true }).waitFor();
  await onScreen(page, message, `the message under ${field}`);
  const describedBy = await input.getAttribute('aria-describedby');
  assert.ok(describedBy, `${field} has aria-describedby`);
  assert.equal(await page.locator(`[id="${describedBy}"]`).textContent(), text);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(await banner(page).getByText(text).count(), 0, 'field message not repeated in the banner');
}

/// The form-level alert says `text` (exactly one of its lines), within
/// `timeout` ms (the page's default when absent), on screen unless it
/// only sums up field errors (then the first field is what is shown).
export async function showsBanner(page, text, { timeout, summary = false } = {}) {
  const line = banner(page).getByRole('listitem').getByText(text, { exact: true });
  await line.waitFor({ timeout });
  if (!summary) await onScreen(page, line, `the banner line "${text}"`);
  assert.equal(await banner(page).getAttribute('role'), 'alert');
}

/// Nothing on screen says `text` (raw server pages, tracebacks).
export async function showsNothing(page, text) {
  assert.ok(!(await page.locator('body').innerText()).includes(text), `"${text}" is not shown`);
}

export async function showsNoBanner(page) {
  assert.equal(await banner(page).count(), 0, 'no form banner');
}

/// The banner offers "Try again" exactly when retrying unchanged may help.
export async function offersRetry(page, expected) {
  const retry = banner(page).getByTestId('retry');
  if (expected) await retry.waitFor();
  else assert.equal(await retry.count(), 0, 'no "Try again" for a failure that would repeat');
}

/// The sign-in dialog is open over the form (the form is still there),
/// as the platform's modal (`showModal()`: the page behind is inert).
export async function showsSignInDialog(page, field) {
  const dialog = page.getByRole('dialog');
  await dialog.getByText(MESSAGES.sessionExpired).waitFor();
  assert.equal(await dialog.evaluate((d) => d.matches(':modal')), true, 'a modal <dialog>');
  await dialog.getByTestId('password').waitFor();
  assert.equal(await page.getByTestId(field).count(), 1, 'the form stays under the dialog');
}

export async function signInAgain(page) {
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('email').fill('demo@example.com');
  await dialog.getByTestId('password').fill('demo-pass-123');
  await dialog.getByTestId('remember').check();
  await dialog.getByTestId('sign-in').click();
  // Closed (it stays in the page, empty, for the next time).
  await dialog.waitFor({ state: 'hidden' });
}

/// The 429 wait: the status line says saving is paused and Save is off.
export async function showsWait(page) {
  await page.getByTestId('save-status').getByText(MESSAGES.ratePaused).waitFor();
  assert.equal(await page.getByTestId('save').isDisabled(), true, 'Save is off while paused');
}

/// Every edit is still in the form, and the form knows it is unsaved.
export async function keepsEdit(page, field, value) {
  assert.equal(await page.getByTestId(field).inputValue(), value, 'typed value kept');
  assert.equal(await page.getByTestId('discard').isEnabled(), true, 'form still dirty (Discard enabled)');
}

/// The save went through: the page says so, and a reload shows the value
/// the server now holds.
export async function savedOnServer(page, field, value) {
  await page.getByTestId('save-status').getByText(MESSAGES.saved, { exact: true }).waitFor();
  await showsNoBanner(page);
  assert.equal(await page.getByTestId('discard').isDisabled(), true, 'form clean after the save');
  await page.reload();
  const input = page.getByTestId(field);
  await input.waitFor();
  assert.equal(await input.inputValue(), value, 'the server has the value');
}
