// A/B of two builds on one reference server (a lever, measured alone):
// the server's static dir is a symlink flipped between AB_A and AB_B
// before each load, the two builds' loads alternating, each a cold
// signed-in load of /profile (letraz) in a new context, as the benchmark's.
//
//   AB_A=dir AB_B=dir AB_LINK=served-symlink AB_LOADS=10 AB_METRIC=ready|fcp \
//   AB_NETWORK=none|slow4g AB_SLOWDOWN=4 node tests/e2e/bench/ab.mjs
//
// ready: navigation → the frame showing the City input with the server's
// city (load.mjs). fcp: first-contentful-paint; AB_SHOTS=dir saves a
// screenshot taken at that paint's frame for the first load of each build.
import { symlinkSync, renameSync } from 'node:fs';
import { launch, APP_URL } from '../browser.mjs';
import { coldLoad } from './load.mjs';
import { coldPage, signedInState, SLOW_4G, profileUrl } from './session.mjs';
import { summary } from './stats.mjs';

const env = process.env;
const builds = { A: env.AB_A, B: env.AB_B };
const loads = Number(env.AB_LOADS ?? 10);
const metric = env.AB_METRIC ?? 'ready';
const network = env.AB_NETWORK === 'slow4g' ? SLOW_4G : null;
const slowdown = Number(env.AB_SLOWDOWN ?? 4);

function serve(name) {
  const tmp = `${env.AB_LINK}.tmp`;
  symlinkSync(builds[name], tmp);
  renameSync(tmp, env.AB_LINK);
}

function watchFcp() {
  window.__fcp = new Promise((resolve) => {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') resolve(e.startTime);
    }).observe({ type: 'paint', buffered: true });
  });
}

async function fcpLoad(browser, state, shot) {
  const { page, close } = await coldPage(browser, state, { slowdown, network, initScripts: [[watchFcp, null]] });
  try {
    await page.goto(profileUrl(APP_URL), { waitUntil: 'commit' });
    const fcp = await page.evaluate(() => window.__fcp);
    if (shot) await page.screenshot({ path: shot });
    const ready = await page.evaluate(() => new Promise((resolve) => {
      const check = () => (document.querySelector('[data-testid="city"]')?.value ? resolve(performance.now()) : requestAnimationFrame(check));
      check();
    }));
    return { fcp, ready };
  } finally {
    await close();
  }
}

const browser = await launch();
serve('A');
const state = await signedInState(browser, 'letraz');
const ready = { selector: '[data-testid="city"]', value: env.AB_CITY ?? undefined };
const runs = { A: [], B: [] };
for (let i = -1; i < loads; i++) {
  for (const name of ['A', 'B']) {
    serve(name);
    let sample;
    if (metric === 'fcp') {
      const shot = i === 0 && env.AB_SHOTS ? `${env.AB_SHOTS}/first-paint-${name}.png` : null;
      sample = await fcpLoad(browser, state, shot);
    } else {
      const r = await coldLoad(browser, state, profileUrl(APP_URL), env.AB_CITY ? ready : { selector: '[data-testid="city"]' }, { network, slowdown });
      sample = { ready: r.readyMs };
    }
    if (i >= 0) runs[name].push(sample); // the first pair warms up the browser
  }
}
await browser.close();
const keys = metric === 'fcp' ? ['fcp', 'ready'] : ['ready'];
for (const key of keys) {
  for (const name of ['A', 'B']) {
    const s = summary(runs[name].map((r) => r[key]));
    console.log(`${key} ${name} (${builds[name]}): median ${s.median.toFixed(0)} ms, samples ${runs[name].map((r) => r[key].toFixed(0)).join(' ')}`);
  }
}
