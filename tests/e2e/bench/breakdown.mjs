// Where a cold /profile load spends its time (a diagnostic, not in the
// table): resource timings, the profile request, and the form-ready time,
// for BREAKDOWN_LOADS cold loads at 4× CPU (BREAKDOWN_NETWORK=slow4g: on
// Slow 4G too). Optional CPU profile.
import { writeFileSync } from 'node:fs';
import { launch } from '../browser.mjs';
import { signedInState, coldPage, profileUrl, SLOW_4G } from './session.mjs';

const LOADS = Number(process.env.BREAKDOWN_LOADS ?? 3);
const browser = await launch();
try {
  const state = await signedInState(browser, 'letraz');
  for (let i = 0; i < LOADS; i++) {
    const { page, cdp, close } = await coldPage(browser, state, {
      network: process.env.BREAKDOWN_NETWORK === 'slow4g' ? SLOW_4G : null,
      initScripts: [[() => {
        window.__marks = [];
        const seen = new Set();
        new MutationObserver(() => {
          const note = (what) => { if (!seen.has(what)) { seen.add(what); window.__marks.push([what, performance.now()]); } };
          if (document.body?.children.length) note('first DOM in body');
          if (document.querySelector('[data-testid="loading"]')) note('skeleton');
          if (document.querySelector('[data-testid="website"]')) note('website input');
        }).observe(document, { childList: true, subtree: true });
      }, null]],
    });
    if (process.env.PROFILE && i === LOADS - 1) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const tracing = process.env.TRACE && i === LOADS - 1;
    if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-devtools.timeline', 'blink', 'loading'] });
    await page.goto(profileUrl());
    await page.getByTestId('website').waitFor();
    await page.waitForTimeout(300);
    if (tracing) writeFileSync(process.env.TRACE, await browser.stopTracing());
    const out = await page.evaluate(() => ({
      nav: performance.getEntriesByType('navigation').map((e) => ({ name: 'document', start: e.startTime, end: e.responseEnd, dcl: e.domContentLoadedEventEnd })),
      res: performance.getEntriesByType('resource').map((e) => ({ name: e.name.replace(location.origin, ''), start: Math.round(e.startTime), reqStart: Math.round(e.requestStart), end: Math.round(e.responseEnd) })),
      marks: window.__marks.map(([w, t]) => [w, Math.round(t)]),
    }));
    console.log(`--- load ${i + 1}`);
    console.log('document', JSON.stringify(out.nav));
    for (const r of out.res) console.log(`${String(r.start).padStart(5)} → ${String(r.end).padStart(5)}  ${r.name}`);
    for (const [w, t] of out.marks) console.log(`${String(t).padStart(5)}  ${w}`);
    if (process.env.PROFILE && i === LOADS - 1) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(process.env.PROFILE, JSON.stringify(profile));
    }
    await close();
  }
} finally {
  await browser.close();
}
