// Settings > Security and its delete dialog for people who do not use a
// mouse or do not see the screen: axe-core finds no violations in en, fa
// (right to left) and es, with the password form open and showing
// Django's checks, and with the dialog open; each look is kept as a
// screenshot (out/security-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageFor, signIn, OUT_DIR, wholePageShot } from './browser.mjs';
import { axeViolations } from './axe.mjs';

const LOOKS = {
  en: { heading: 'Security', dir: 'ltr' },
  fa: { heading: 'امنیت', dir: 'rtl' },
  es: { heading: 'Seguridad', dir: 'ltr' },
};

const browser = await launch();
test.after(() => browser.close());

test('users-me: the Security section and the delete dialog have no axe violations in en, fa and es', async () => {
  const page = await pageFor(browser, 'users-me');
  await signIn(page, 'demo@example.com');
  await page.getByTestId('first_name').waitFor();
  for (const [locale, look] of Object.entries(LOOKS)) {
    await page.evaluate((l) => localStorage.setItem('profile-app.locale', l), locale);
    await page.goto(new URL('/settings', page.url()).href);
    const section = page.getByTestId('settings-security');
    await section.locator('h2', { hasText: look.heading }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), look.dir);
    await page.getByTestId('password-open').click();
    // Typed, so the live checks show (the common one once the list is in).
    await page.getByTestId('password-new').fill('12345678');
    await page.getByTestId('password-confirm').fill('1234');
    await page.waitForFunction(() => document.querySelector('[data-testid="error-password-new"]').children.length === 2);
    await section.scrollIntoViewIfNeeded();
    let violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe on Security (${locale}): ${JSON.stringify(violations, null, 2)}`);
    await section.screenshot({ path: `${OUT_DIR}security-section-${locale}.png` });

    await page.getByTestId('delete-open').click();
    const dialog = page.getByTestId('delete-dialog');
    await dialog.getByTestId('delete-phrase').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="delete-dialog"]').open);
    violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe on the delete dialog (${locale}): ${JSON.stringify(violations, null, 2)}`);
    await wholePageShot(page, `${OUT_DIR}security-delete-${locale}.png`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
