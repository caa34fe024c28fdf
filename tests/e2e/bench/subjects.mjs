// The two apps the benchmark compares, each served by its own reference
// server (same release binary, fresh data dir, the same seeded data):
//
// - app: this app (dist/), set to the letraz dialect through its config
//   override and signed in through its own sign-in page;
// - peer: the React peer (../shared/peers/react-profile, built by
//   .ci/peer), which talks letraz on its own origin with a session cookie
//   and has no sign-in page: it is signed in by a login request from the
//   browser (session.mjs).
//
// For each: where the profile form's City input is, which input with a
// live rule the keystroke measurement types into and where its message
// shows, and the landing routes it has with the element that says each
// is there.
import { signedInState, signedOutState, peerSignedInState } from './session.mjs';

/// The dialect both apps talk: the peer only speaks letraz.
export const DIALECT = 'letraz';
/// letraz's profile read, the request both apps need before the form.
const READ_PATH = '/api/v1/user/';
const DEMO = { email: 'demo@example.com', password: 'demo-pass-123' };

const APP = {
  name: 'app',
  label: 'this app (Leptos, wasm)',
  city: '[data-testid="city"]',
  save: '[data-testid="save"]',
  readPath: READ_PATH,
  keystroke: {
    input: '[data-testid="website"]',
    message: '[data-testid="error-website"]',
    // Cleared and left once, so its rules show live (as after a person tabs away).
    async prepare(page, input) {
      await input.fill('');
      await input.blur();
      await input.focus();
    },
  },
  routes: {
    '/sign-in': { selector: '[data-testid="sign-in"]' },
    '/profile': 'city',
    '/settings': { selector: '[data-testid="settings"]' },
  },
};

const PEER = {
  name: 'peer',
  label: 'React peer (React 19, react-hook-form, zod)',
  city: '#city',
  save: 'button[type="submit"]',
  readPath: READ_PATH,
  keystroke: {
    input: '#website',
    message: '#website-err',
    // react-hook-form in mode onBlur / reValidateMode onChange checks a
    // field as it is typed only once the form was submitted: an invalid URL
    // left (its message shows), one press of Save (the invalid form is not
    // sent), then the field cleared: the message going proves the rule is
    // now live. (Left first so that the message's line does not move Save
    // between the press and the release of the click.)
    async prepare(page, input, message) {
      const text = await message.elementHandle();
      await input.fill('h');
      await input.blur();
      await page.waitForFunction((m) => m.textContent !== '', text, { timeout: 30_000 });
      await page.locator('form button[type="submit"]').click();
      await input.fill('');
      await page.waitForFunction((m) => m.textContent === '', text, { timeout: 30_000 });
      await input.focus();
    },
  },
  routes: {
    // No sign-in page: it takes the session as given.
    '/profile': 'city',
    '/settings': { selector: 'main section input[type="checkbox"]' },
  },
};

/// The landing routes measured, and whether each is loaded signed in.
export const ROUTES = ['/sign-in', '/profile', '/settings'];
export const SIGNED_IN = { '/sign-in': false, '/profile': true, '/settings': true };

/// The profile as the server at `base` answers it (HTTP Basic: no session).
async function serverProfile(base) {
  const auth = `Basic ${Buffer.from(`${DEMO.email}:${DEMO.password}`).toString('base64')}`;
  const r = await fetch(`${base}/api/v1/user/`, { headers: { Accept: 'application/json', Authorization: auth } });
  if (!r.ok) throw new Error(`GET ${base}/api/v1/user/: ${r.status}`);
  return r.json();
}

/// The subjects served at `appUrl` and `peerUrl` (either may be missing),
/// signed in, with the City value their form must show. Both servers must
/// hold the same profile.
export async function prepareSubjects(browser, { appUrl, peerUrl }) {
  const subjects = [];
  if (appUrl) {
    subjects.push({ ...APP, base: appUrl, state: await signedInState(browser, DIALECT), signedOut: signedOutState(appUrl, DIALECT) });
  }
  if (peerUrl) {
    subjects.push({ ...PEER, base: peerUrl, state: await peerSignedInState(browser, peerUrl, DEMO.email, DEMO.password), signedOut: null });
  }
  const profiles = await Promise.all(subjects.map((s) => serverProfile(s.base)));
  const city = profiles[0]?.city;
  if (!city) throw new Error('the seeded letraz profile has no city to wait for');
  for (const [i, p] of profiles.entries()) {
    const { updated_at: _u, created_at: _c, ...same } = p;
    const { updated_at: _u0, created_at: _c0, ...first } = profiles[0];
    if (JSON.stringify(same) !== JSON.stringify(first)) {
      throw new Error(`the servers hold different profiles: ${subjects[0].name} ${JSON.stringify(first)}, ${subjects[i].name} ${JSON.stringify(same)}`);
    }
  }
  for (const s of subjects) s.cityReady = { selector: s.city, value: city, save: s.save };
  return { subjects, city, profile: profiles[0] };
}

/// The ready condition of `route` for `subject` (load.mjs), or null when
/// it has no such route.
export function routeReady(subject, route) {
  const ready = subject.routes[route];
  if (!ready) return null;
  return ready === 'city' ? subject.cityReady : ready;
}
