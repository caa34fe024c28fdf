// Signed-in browser contexts for the measurements: sign in once per
// dialect, then start every measured page in a new context from that saved
// state (cookies + localStorage), so each load is cold but signed in.
import { APP_URL, pageFor, signIn } from '../browser.mjs';

export const VIEWPORT = { width: 1280, height: 900 };
/// CPU slowdown for the timing measurements (Emulation.setCPUThrottlingRate).
export const CPU_SLOWDOWN = 4;

/// Cookies and localStorage of a session that ticked "remember me".
export async function signedInState(browser, dialect) {
  const page = await pageFor(browser, dialect, VIEWPORT);
  await signIn(page);
  await page.getByTestId('save').waitFor({ timeout: 30_000 });
  const state = await page.context().storageState();
  await page.context().close();
  return state;
}

/// A page in a fresh context, with a DevTools session that has the CPU
/// slowed down by `slowdown` and the HTTP cache off. `initScripts` run in
/// every document before the app does.
export async function coldPage(browser, state, { slowdown = CPU_SLOWDOWN, initScripts = [] } = {}) {
  const context = await browser.newContext({ storageState: state, viewport: VIEWPORT });
  for (const [fn, arg] of initScripts) await context.addInitScript(fn, arg);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  return { page, cdp, close: () => context.close() };
}

export const profileUrl = (base = APP_URL) => `${base}/profile`;
/// A browser state with nobody signed in (the floor app has no sign-in).
export const NO_STATE = { cookies: [], origins: [] };
