// Navigation → profile form ready for a keystroke, on cold loads at 4× CPU.
//
// "Ready" means: the input the keystroke measurement types into is in the
// DOM and enabled, and the loading skeleton (data-testid="loading") is gone.
// The time is performance.now() in the page when a MutationObserver first
// sees that state; performance.now() counts from the navigation start.
import { coldPage, profileUrl } from './session.mjs';
import { recordTransfers } from './transfer.mjs';
import { summary } from './stats.mjs';

/// Runs in the page before the app: resolves `window.__formReady` with the
/// time the form became usable.
function watchFormReady(field) {
  window.__formReady = new Promise((resolve) => {
    const ready = () => {
      const input = document.querySelector(`[data-testid="${field}"]`);
      return input?.matches(':enabled') && !document.querySelector('[data-testid="loading"]');
    };
    const observer = new MutationObserver(() => {
      if (ready()) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(document, { childList: true, subtree: true, attributeFilter: ['disabled'] });
  });
}

/// `loads` cold loads of /profile; the first one also records what went
/// over the wire.
export async function measureFormReady(browser, state, field, loads, base) {
  const times = [];
  let sent = null;
  for (let i = 0; i < loads; i++) {
    const { page, cdp, close } = await coldPage(browser, state, { initScripts: [[watchFormReady, field]] });
    const transfers = i === 0 ? recordTransfers(cdp) : null;
    await page.goto(profileUrl(base));
    times.push(await page.evaluate(() => Promise.race([
      window.__formReady,
      new Promise((_, reject) => setTimeout(() => reject(new Error('profile form not ready within 60 s')), 60_000)),
    ])));
    if (transfers) sent = transfers();
    await close();
  }
  return { field, ...summary(times), samples: times, sent };
}
