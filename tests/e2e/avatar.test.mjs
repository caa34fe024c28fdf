// A person picks a 12-megapixel photo; the browser crops and downscales it
// before upload, the server stores it, and after a reload the page shows
// the server's copy. Prints the bytes that went up (≤ 150 KB is the target).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageFor, signIn, OUT_DIR } from './browser.mjs';
import { bigJpeg } from './photo.mjs';

const browser = await launch();
test.after(() => browser.close());

for (const dialect of ['pwgen', 'users-me']) {
  test(`${dialect}: a 4000×3000 photo goes up downscaled and comes back from the server`, async () => {
    const page = await pageFor(browser, dialect);
    await signIn(page);
    await page.getByTestId('avatar-input').waitFor({ state: 'attached' });
    const original = await bigJpeg(page);

    await page.getByTestId('avatar-input').setInputFiles({ name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: original });
    await page.getByTestId('avatar-status').getByText(/512/).waitFor({ timeout: 20_000 });
    await page.getByTestId('save').click();
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
    await page.reload();
    const img = page.getByTestId('avatar-preview');
    await img.waitFor();
    const src = await img.getAttribute('src');
    assert.match(src, /\/media\//);
    // The stored file is exactly what went up (fetch hides multipart blobs from tools).
    const stored = (await (await page.request.get(new URL(src, page.url()).href)).body()).length;
    console.log(`${dialect}: picked ${original.length} bytes, uploaded and stored ${stored} bytes`);
    assert.ok(stored > 0 && stored <= 150 * 1024, `uploaded ${stored} bytes`);
    const natural = await img.evaluate((el) => el.decode().then(() => [el.naturalWidth, el.naturalHeight]));
    assert.ok(natural[0] <= 512 && natural[1] <= 512 && natural[0] === natural[1], `served ${natural}`);
    const shot = `${OUT_DIR}avatar-${dialect}.png`;
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
    await page.context().close();
  });
}
