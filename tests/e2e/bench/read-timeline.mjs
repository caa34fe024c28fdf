// When the data comes, one cold signed-in /profile load at a time (a
// diagnostic, not in the table): on Slow 4G at 4× CPU, the profile read's
// start and end, the main module's arrival (resource timing responseEnd)
// and the form showing the first name, in ms from the navigation; then
// the bytes received. APP_URL (a served release build), DIALECT (letraz
// or pwgen, default letraz), LOADS (default 3).
import { launch } from '../browser.mjs';
import { signedInState, SLOW_4G, profileUrl } from './session.mjs';
import { coldLoad } from './load.mjs';

const dialect = process.env.DIALECT ?? 'letraz';
const readPath = { letraz: '/api/v1/user/', pwgen: '/api/profile/' }[dialect];
const browser = await launch();
try {
  const state = await signedInState(browser, dialect);
  const ready = { selector: '[data-testid="first_name"]' };
  for (let i = 0; i < Number(process.env.LOADS ?? 3); i++) {
    const { timeline: t, sent } = await coldLoad(browser, state, profileUrl(), ready, { network: SLOW_4G, readPath });
    const at = (x) => (x == null ? null : Math.round(x));
    console.log(JSON.stringify({ readStart: at(t.readStart), readEnd: at(t.readEnd), mainEnd: at(t.mainEnd), formReady: at(t.readyMs),
      readStartOverMainEnd: t.readStart != null && t.mainEnd ? +(t.readStart / t.mainEnd).toFixed(2) : null, bytes: sent.total }));
  }
} finally {
  await browser.close();
}
