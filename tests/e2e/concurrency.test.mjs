// Saving while things overlap: a double click on Save sends one request,
// and a save answered after the person typed more keeps the newer typing
// as an unsaved edit (the server holds the older text). The server's test
// hooks make the answers late on purpose. Uses the other@example.com accounts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageFor, signIn, APP_URL } from './browser.mjs';
import { account, addHook, clearHooks, PASSWORD } from './server.mjs';

const browser = await launch();
test.after(() => browser.close());

/// The person's profile page in `dialect`, with every save request counted.
async function profileOf(dialect, person) {
  const page = await pageFor(browser, dialect);
  await signIn(page, 'other@example.com', PASSWORD);
  await page.getByTestId('first_name').waitFor();
  const saves = [];
  page.on('request', (r) => {
    if (r.method() === person.updateMethod && r.url() === `${APP_URL}${person.updatePath}`) saves.push(r);
  });
  return { page, saves };
}

test('a double click on Save sends exactly one request', async () => {
  const person = await account('users-me');
  const { page, saves } = await profileOf('users-me', person);
  const value = `Grace ${Date.now()}`;
  try {
    // Late enough that both clicks land while the first save is out.
    await addHook({ method: person.updateMethod, path: person.updatePath, delay_ms: 800 });
    await page.getByTestId('first_name').fill(value);
    await page.getByTestId('save').dblclick();
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();
    await page.getByTestId('first_name').press('Enter'); // nothing changed since: nothing to send
    await page.waitForTimeout(300);
    assert.equal(saves.length, 1, `${saves.length} save requests`);
    assert.equal((await person.read()).body.first_name, value);
  } finally {
    await clearHooks();
    await person.update({ first_name: 'Grace' });
    await page.context().close();
  }
});

test('a save answered after more typing keeps the newer typing as an unsaved edit', async () => {
  const person = await account('pwgen');
  const { page, saves } = await profileOf('pwgen', person);
  const input = page.getByTestId('first_name');
  const older = `Grace ${Date.now()}`;
  const newer = `${older} and more`;
  try {
    await addHook({ method: person.updateMethod, path: person.updatePath, delay_ms: 1500 });
    await input.fill(older);
    const answered = page.waitForResponse((r) => r.request().method() === person.updateMethod);
    await page.getByTestId('save').click();
    await page.getByTestId('save').getByText('Saving').waitFor();
    await input.press('End');
    await input.pressSequentially(' and more');
    assert.equal((await answered).status(), 200);
    await page.getByTestId('save').getByText('Save', { exact: true }).waitFor();

    assert.equal(await input.inputValue(), newer, 'the newer typing stays in the input');
    assert.equal((await person.read()).body.first_name, older, 'the server saved what was sent');
    assert.equal(await page.getByTestId('save').isEnabled(), true, 'still dirty: Save is offered');
    assert.equal(await page.getByTestId('discard').isEnabled(), true);
    assert.equal(await page.getByTestId('save-status').textContent(), '', 'not "Saved"');
    // Drafts are written once typing pauses (src/forms/draft.rs): wait for it.
    const draftKeeps = (text) => Object.entries(sessionStorage).some(([k, v]) => k.startsWith('profile-app.draft.') && v.includes(text));
    await page.waitForFunction(draftKeeps, newer, { timeout: 5_000 })
      .catch(() => assert.fail('the draft keeps the newer typing'));

    // Discard goes back to what the server confirmed, not to the first load.
    await page.getByTestId('discard').click();
    assert.equal(await input.inputValue(), older);
    assert.equal(saves.length, 1);
  } finally {
    await clearHooks();
    await person.update({ first_name: 'Grace' });
    await page.context().close();
  }
});
