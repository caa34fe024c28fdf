// Avatar: how long the browser takes to crop and downscale a 4000×3000
// JPEG, and how many bytes then go up.
//
// Prepare time: from the file input's `change` event (the photo is picked)
// to the editor's status saying the 512×512 photo is ready, which is when
// the page holds the encoded file (the upload itself waits for Save). It
// includes fetching the editor's own module, which arrives with the first
// pick (the launcher's status element is then replaced by the editor's).
// Bytes: the encoded file the server stored, and the whole multipart
// request body (its Content-Length as sent).
import { coldPage, profileUrl } from './session.mjs';
import { bigJpeg } from '../photo.mjs';
import { summary } from './stats.mjs';

/// Runs in the page: `window.__prepared` resolves with the milliseconds
/// from the next pick to the "ready" status.
function armPrepareTimer() {
  window.__prepared = new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error('the photo was not ready within 60 s')), 60_000);
    addEventListener('change', (event) => {
      if (event.target.dataset?.testid !== 'avatar-input') return;
      const start = event.timeStamp;
      const observer = new MutationObserver(() => {
        const status = document.querySelector('[data-testid="avatar-status"]');
        if (!/512×512/.test(status?.textContent ?? '')) return;
        observer.disconnect();
        clearTimeout(timeout);
        resolve(performance.now() - start);
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    }, { capture: true, once: true });
  });
}

async function onePick(browser, state, photo, slowdown) {
  const { page, close } = await coldPage(browser, state, { slowdown });
  await page.goto(profileUrl());
  const input = page.getByTestId('avatar-input');
  await input.waitFor({ state: 'attached', timeout: 60_000 });
  await page.evaluate(armPrepareTimer);
  await input.setInputFiles({ name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: photo });
  const prepareMs = await page.evaluate(() => window.__prepared);

  const upload = page.waitForRequest((r) => /multipart\/form-data/.test(r.headers()['content-type'] ?? ''));
  await page.getByTestId('save').click();
  const request = await upload;
  await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 60_000 });
  const headers = await request.allHeaders();
  const requestBytes = Number(headers['content-length'] ?? request.postDataBuffer()?.length ?? NaN);
  // After the save the editor shows the server's copy instead of the crop.
  const src = await page.waitForFunction(() => {
    const src = document.querySelector('[data-testid="avatar-preview"]')?.getAttribute('src');
    return src?.includes('/media/') && src;
  }, null, { timeout: 30_000 }).then((h) => h.jsonValue());
  const stored = await page.request.get(new URL(src, page.url()).href);
  const storedBytes = (await stored.body()).length;
  const storedType = stored.headers()['content-type'];
  await close();
  return { prepareMs, requestBytes, storedBytes, storedType };
}

/// `runs` picks of the same photo, each in a fresh signed-in page.
export async function measureAvatar(browser, state, runs, slowdown) {
  const { page, close } = await coldPage(browser, state, { slowdown: 1 });
  const photo = await bigJpeg(page);
  await close();
  const picks = [];
  for (let i = 0; i < runs; i++) picks.push(await onePick(browser, state, photo, slowdown));
  const last = picks.at(-1);
  return {
    photo: { width: 4000, height: 3000, bytes: photo.length },
    cpuSlowdown: slowdown,
    prepare: summary(picks.map((p) => p.prepareMs)),
    uploadedFileBytes: Math.max(...picks.map((p) => p.storedBytes)),
    requestBodyBytes: Math.max(...picks.map((p) => p.requestBytes)),
    storedType: last.storedType,
    picks,
  };
}
