// One cold load of one route of one app (ours or the React peer), in a new
// browser context from a saved sign-in state, with the HTTP cache off, the
// CPU slowed down and optionally the network throttled (session.mjs).
//
// Time: starts at the navigation (performance.now() counts from the
// document's time origin, the start of the navigation) and stops when the
// frame that first shows the route's `ready` state has been painted. The
// state is checked in every animation frame callback (an input's value is
// a property, which no MutationObserver sees change), so the check runs
// just before the frame that would draw it; a message posted from that
// callback runs once that frame is painted, and its performance.now() is
// the sample. `ready` is `{ selector }` (an element that matches it is in
// the DOM) or `{ selector, value }` (…and its `value` equals `value`: the
// City input showing the server's city).
//
// The page reports those times through a binding (page.exposeBinding),
// not by being asked with page.evaluate:
// Playwright's first evaluate in a page injects its utility script, and
// 45-100 ms of its evaluation at 4x CPU (traced) then fell inside the load
// being timed, wherever the harness happened to ask.
//
// Bytes (transfer.mjs): every request from the navigation on, until the
// page is ready and then the network is quiet: no request in flight, and
// none started, across two animation frames.
import { coldPage, CPU_SLOWDOWN } from './session.mjs';
import { recordTransfers } from './transfer.mjs';

const TIMEOUT_MS = 120_000;

/// The CDP binding the page reports its times through.
const REPORT = '__benchReport';

/// Runs in the page before the app: reports `ready` (and `save`) with the
/// time the frame that first shows it was painted.
function watchReady({ selector, value, save, report }) {
  const painted = (what, shown) => {
    const check = () => {
      if (shown()) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window[report](JSON.stringify({ what, ms: performance.now() }));
        channel.port2.postMessage(null);
        return;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  };
  painted('ready', () => {
    const element = document.querySelector(selector);
    return element && (value == null || element.value === value);
  });
  // When the form can be saved: the app's Save arrives with the form's
  // behaviour, after the first screen (#28); the peer's is there with it.
  if (save) painted('save', () => document.querySelector(save) != null);
}

/// Per report name (`ready`, `save`), a promise of the page's time for it.
async function pageReports(page) {
  const waiting = {};
  const promised = (what) => (waiting[what] ??= (() => {
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    return { promise, resolve };
  })());
  await page.exposeBinding(REPORT, (_source, payload) => {
    const { what, ms } = JSON.parse(payload);
    promised(what).resolve(ms);
  });
  return (what) => promised(what).promise;
}

const twoFrames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

async function withDeadline(promise, what) {
  let timer;
  const deadline = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS); });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/// Waits until no request is in flight and none starts across two frames.
async function networkQuiet(page, transfers) {
  for (;;) {
    await transfers.quiet();
    const seen = transfers.started();
    await page.evaluate(twoFrames);
    if (transfers.inFlight() === 0 && transfers.started() === seen) return;
  }
}

/// When the profile read (`readPath`) started and the main wasm module
/// arrived (responseEnd), in ms from the navigation, from resource timing;
/// null for what the page did not fetch (the peer has no wasm).
function readTiming(readPath) {
  const entries = performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, e }));
  const read = entries.find((x) => x.path === readPath)?.e;
  const main = entries.find((x) => /^\/profile-app_bg-[^/]*\.wasm$/.test(x.path))?.e;
  return { readStart: read?.startTime ?? null, readEnd: read?.responseEnd ?? null, mainEnd: main?.responseEnd ?? null };
}

/// `{ readyMs, sent, sentBeforeReady, timeline? }` of one cold load of `url` from `state`;
/// `timeline` (readTiming, and readyMs) when `readPath` is given.
export async function coldLoad(browser, state, url, ready, { network = null, slowdown = CPU_SLOWDOWN, readPath = null } = {}) {
  const { page, cdp, close } = await coldPage(browser, state, { slowdown, network, initScripts: [[watchReady, { ...ready, report: REPORT }]] });
  try {
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    const transfers = recordTransfers(cdp);
    const reported = await pageReports(page);
    await page.goto(url, { timeout: TIMEOUT_MS });
    let readyMs;
    try {
      readyMs = await withDeadline(reported('ready'), 'not ready');
    } catch (e) {
      throw new Error(`${url}: ${JSON.stringify(ready)} ${e.message}${problems.length ? `; page errors: ${problems.join('; ')}` : ''}`);
    }
    const saveReadyMs = ready.save ? await withDeadline(reported('save'), `${url}: no Save`) : null;
    await withDeadline(networkQuiet(page, transfers), `${url}: network not quiet`);
    const timeline = readPath ? { ...(await page.evaluate(readTiming, readPath)), readyMs } : null;
    return { readyMs, saveReadyMs, sent: transfers.read(), sentBeforeReady: transfers.readUntil(readyMs), ...(timeline ? { timeline } : {}), ...(problems.length ? { problems } : {}) };
  } finally {
    await close();
  }
}
