// First-load bytes per landing route: a cold load (new context, HTTP cache
// off, 4× CPU, no network throttle) straight onto each route — /sign-in
// signed out, /profile and /settings signed in — for each app that has the
// route, the apps alternating route by route.
//
// Bytes start at the navigation and stop once the route's landmark is in
// the DOM (the sign-in button, the profile's City input holding the
// server's city, the settings page) and the network is then quiet: no
// request in flight and none started across two frames (load.mjs,
// transfer.mjs). The time to that landmark is kept too (JSON only).
import { coldLoad } from './load.mjs';
import { ROUTES, SIGNED_IN, routeReady } from './subjects.mjs';

/// Per route, per subject: `{ signedIn, ready, readyMs, sent }`, or null
/// where the subject has no such route.
export async function measureRoutes(browser, subjects, routes = ROUTES) {
  const out = {};
  for (const route of routes) {
    out[route] = {};
    for (const s of subjects) {
      const ready = routeReady(s, route);
      if (!ready) {
        out[route][s.name] = null;
        continue;
      }
      const signedIn = SIGNED_IN[route];
      const { readyMs, sent } = await coldLoad(browser, signedIn ? s.state : s.signedOut, `${s.base}${route}`, ready);
      out[route][s.name] = { signedIn, ready, readyMs, sent };
    }
  }
  return out;
}
