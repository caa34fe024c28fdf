// A person signs in, changes their first name, saves, reloads and sees it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, signIn, OUT_DIR } from './browser.mjs';

test('first name typed, saved and reloaded is the new one', async () => {
  mkdirSync(OUT_DIR, { recursive: true });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page);
    const firstName = page.getByTestId('first_name');
    await firstName.waitFor();

    const newName = `Grace ${Date.now()}`;
    await firstName.fill(newName);
    await page.getByTestId('save').click();
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();

    await page.reload();
    await firstName.waitFor();
    assert.equal(await firstName.inputValue(), newName);

    const shot = `${OUT_DIR}profile-saved.png`;
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`screenshot: ${shot}`);
  } finally {
    await browser.close();
  }
});
