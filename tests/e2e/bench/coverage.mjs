// Which wasm code a cold first screen runs (a diagnostic for
// .ci/first-screen-coverage, not in the table): one cold load of ROUTE
// (signed in to letraz for /profile and /settings, signed out otherwise)
// at 1x CPU, traced with V8's wasm categories, until the route's first
// screen is there. V8 compiles each wasm function the first time it runs
// (lazy compilation), and the trace names each one (`wasm.CompileBaseline`
// with its index and body size), so the trace lists the functions that ran.
// Writes the trace to TRACE.
import { writeFileSync } from 'node:fs';
import { launch, APP_URL } from '../browser.mjs';
import { signedInState, signedOutState, coldPage } from './session.mjs';

const route = process.env.ROUTE ?? '/profile';
const ready = { '/profile': '[data-testid="city"]', '/settings': '[data-testid="settings"]', '/sign-in': '[data-testid="sign-in"]' };
const browser = await launch();
try {
  const signedIn = route === '/profile' || route === '/settings';
  const state = signedIn ? await signedInState(browser, 'letraz') : signedOutState(APP_URL, 'letraz');
  const { page, close } = await coldPage(browser, state, { slowdown: 1 });
  await browser.startTracing(page, { categories: ['disabled-by-default-v8.wasm.detailed', 'v8.wasm'] });
  await page.goto(`${APP_URL}${route}`);
  await page.locator(ready[route] ?? '[data-testid="not-found"]').waitFor({ timeout: 60_000 });
  // The frame that shows it, then the trace.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  writeFileSync(process.env.TRACE, await browser.stopTracing());
  await close();
} finally {
  await browser.close();
}
