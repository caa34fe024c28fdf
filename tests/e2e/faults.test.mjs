// The fault matrix (issue #9): for each of the five backends, the profile
// save fails in every way a real backend or network can make it fail.
// Each case checks that the person (a) sees a clear message in the right
// place, (b) keeps every edit (the typed value, the form still unsaved),
// and (c) can save once the fault is gone, proven by a reload. Faults come
// from the reference server's test hooks, except "connection refused",
// which only the browser can fake. Prints the case × dialect table at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageFor, signIn, DIALECTS, OUT_DIR } from './browser.mjs';
import { CASES, APP_TIMEOUT_MS } from './faults/cases.mjs';
import { DIALECT, REFRESH_REFUSED } from './faults/dialects.mjs';
import { breakSave, clearHooks } from './faults/hooks.mjs';
import * as form from './faults/form.mjs';
import { Matrix } from './faults/matrix.mjs';

const browser = await launch();
const matrix = new Matrix(CASES, DIALECTS);
const screenshots = new Set();
// Each run saves values no earlier run left on the server.
const run = Date.now().toString(36);

test.after(async () => {
  matrix.report(`${OUT_DIR}fault-matrix.txt`);
  await browser.close();
  await clearHooks();
});

/// One signed-in page per dialect, reused by all its cases.
async function openDialect(dialect) {
  const page = await pageFor(browser, dialect);
  page.setDefaultTimeout(10_000);
  // Leaving a form with unsaved edits asks first; resetting after a failed
  // case says yes.
  page.on('dialog', (dialog) => dialog.accept());
  await signIn(page);
  await page.getByTestId(DIALECT[dialect].field).waitFor();
  return page;
}

const isSave = (save) => (request) => request.method() === save.method && save.matches(new URL(request.url()));

async function breakIt(page, d, c) {
  if (c.refused) {
    await page.route(d.save.matches, (route) =>
      isSave(d.save)(route.request()) ? route.abort('connectionrefused') : route.fallback());
  } else if (c.late) {
    // 504 if the app waited that long; it should have given up first.
    await breakSave(d.save, { status: 504, delay_ms: APP_TIMEOUT_MS + 10_000 });
  } else {
    const answer = c.fault(d);
    if (/^Basic/i.test(answer.headers?.['WWW-Authenticate'] ?? '')) {
      // A Basic challenge makes Chromium ask with its own login box before
      // the page sees the 401 (headless, it would wait forever). Answering
      // once with credentials the hook refuses again is the person
      // dismissing that box.
      await page.context().setHTTPCredentials({ username: 'dismissed', password: 'dismissed' });
    }
    await breakSave(d.save, answer);
    if (c.alsoRead) await breakSave(d.read, answer);
    // A credential that is really lost: where simplejwt would renew it,
    // the refresh token is refused too.
    if (c.lost && d.refresh) await breakSave(d.refresh, REFRESH_REFUSED);
  }
}

async function fixIt(page) {
  await clearHooks();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.context().setHTTPCredentials(null);
}

async function saveOnce(page, d, c) {
  const sent = page.waitForRequest(isSave(d.save));
  await page.getByTestId('save').click();
  await sent;
}

async function saveAgain(page, c, field, value) {
  const banner = page.getByTestId('form-banner');
  switch (c.recover) {
    case 'edit': // typing in the field again clears the server's complaint
      await page.getByTestId(field).fill(value);
      await page.getByTestId('save').click();
      break;
    case 'save':
      await page.getByTestId('save').click();
      break;
    case 'retry':
      await banner.getByTestId('retry').click();
      break;
    case 'sign-in': // the dialog saves by itself once signed in
      await form.signInAgain(page);
      break;
    case 'wait': // Save comes back by itself when Retry-After is over
      await page.locator('[data-testid="save"]:enabled').waitFor({ timeout: c.waitMs });
      await banner.getByTestId('retry').click({ timeout: 2_000 });
      break;
    default:
      throw new Error(`unknown recovery ${c.recover}`);
  }
}

async function screenshotOnce(page, id) {
  if (screenshots.has(id)) return;
  screenshots.add(id);
  await page.screenshot({ path: `${OUT_DIR}faults-${id}.png` });
}

async function runCase(page, d, c) {
  const field = c.field(d);
  const value = `${c.id} ${run}`;
  const problemsBefore = page.problems.length;
  await page.getByTestId(field).fill(value);
  await breakIt(page, d, c);
  await saveOnce(page, d, c);
  await c.shows(page, d);
  await form.keepsEdit(page, field, value);
  await screenshotOnce(page, c.id);
  await fixIt(page);
  await saveAgain(page, c, field, value);
  await form.savedOnServer(page, field, value);
  assert.deepEqual(page.problems.slice(problemsBefore), [], 'no uncaught errors in the page');
}

for (const dialect of DIALECTS) {
  test(`fault matrix: ${dialect}`, async (t) => {
    const d = DIALECT[dialect];
    const page = await openDialect(dialect);
    // After a passing case the page is freshly reloaded; after a failing
    // one it is reopened so the next case starts clean.
    let clean = true;
    try {
      for (const c of CASES) {
        if (c.applies && !c.applies(d)) {
          matrix.record(c.id, dialect, 'n/a');
          continue;
        }
        await t.test(c.label, { timeout: 60_000 }, async () => {
          matrix.record(c.id, dialect, 'FAIL');
          if (!clean) {
            await fixIt(page);
            await form.openForm(page, c.field(d));
          }
          clean = false;
          await runCase(page, d, c);
          clean = true;
          matrix.record(c.id, dialect, 'pass');
        });
      }
    } finally {
      await fixIt(page);
      await page.context().close();
    }
  });
}
