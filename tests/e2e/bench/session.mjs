// Signed-in browser contexts for the measurements: sign in once per app
// (and dialect), then start every measured page in a new context from that
// saved state (cookies + localStorage), so each load is cold but signed in.
import { APP_URL, pageFor, signIn } from '../browser.mjs';

export const VIEWPORT = { width: 1280, height: 900 };
/// CPU slowdown for the timing measurements (Emulation.setCPUThrottlingRate).
export const CPU_SLOWDOWN = 4;
/// The "Slow 4G" network of the comparison (Network.emulateNetworkConditions):
/// 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up.
export const SLOW_4G = {
  name: 'Slow 4G',
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1000 * 1000) / 8,
  uploadThroughput: (750 * 1000) / 8,
};

/// Our app's key for the per-browser config override (Settings > Connection).
const CONFIG_OVERRIDE = 'profile-app.config-override';

/// Cookies and localStorage of a session of our app that ticked "remember me".
export async function signedInState(browser, dialect) {
  const page = await pageFor(browser, dialect, VIEWPORT);
  await signIn(page);
  await page.getByTestId('save').waitFor({ timeout: 30_000 });
  const state = await page.context().storageState();
  await page.context().close();
  return state;
}

/// Our app signed out, but set to `dialect` as signedInState's is.
export function signedOutState(base, dialect) {
  return {
    cookies: [],
    origins: [{ origin: new URL(base).origin, localStorage: [{ name: CONFIG_OVERRIDE, value: JSON.stringify({ dialect }) }] }],
  };
}

/// A letraz session on `base` started the way the React peer expects: a
/// `POST /api/v1/auth/login/` from a page of that origin (the server's
/// health page, so no app runs), which sets `sessionid` and `csrftoken`.
/// The login itself needs no CSRF token (there is no session yet); the peer
/// only reads, and a read needs none either.
export async function peerSignedInState(browser, base, email = 'demo@example.com', password = 'demo-pass-123') {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(`${base}/_ref/health`);
  const status = await page.evaluate(async (body) => {
    const r = await fetch('/api/v1/auth/login/', {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return r.status;
  }, { email, password });
  if (status !== 200) throw new Error(`letraz sign-in at ${base}: ${status}`);
  const state = await context.storageState();
  await context.close();
  if (!state.cookies.some((c) => c.name === 'sessionid')) throw new Error(`letraz sign-in at ${base} set no sessionid`);
  return state;
}

/// A page in a fresh context, with a DevTools session that has the CPU
/// slowed down by `slowdown`, the HTTP cache off and, when given, the
/// network conditions `network` (SLOW_4G). `initScripts` run in every
/// document before the app does.
export async function coldPage(browser, state, { slowdown = CPU_SLOWDOWN, network = null, initScripts = [] } = {}) {
  const context = await browser.newContext({ storageState: state, viewport: VIEWPORT });
  for (const [fn, arg] of initScripts) await context.addInitScript(fn, arg);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) {
    const { name: _, ...conditions } = network;
    await cdp.send('Network.emulateNetworkConditions', conditions);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  return { page, cdp, close: () => context.close() };
}

export const profileUrl = (base = APP_URL) => `${base}/profile`;
