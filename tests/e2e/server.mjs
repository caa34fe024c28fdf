// The reference server as the tests reach it from node: a person's
// account in one dialect (sign in, read, write) and the server's test
// hooks (late or canned answers on demand). Paths: crates/server/README.md.
import { APP_URL } from './browser.mjs';

export const PASSWORD = 'demo-pass-123';

/// One request; answers `{ status, body }`, the body parsed when it is JSON.
export async function call(method, path, { auth, json } = {}) {
  const headers = { Accept: 'application/json' };
  if (auth) headers.Authorization = auth;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(`${APP_URL}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await r.text();
  let body = text;
  try { body = JSON.parse(text); } catch { /* HTML or empty: keep the text */ }
  return { status: r.status, body };
}

const basic = (email) => `Basic ${Buffer.from(`${email}:${PASSWORD}`).toString('base64')}`;

/// Per dialect: how to sign in (answering the Authorization value and the
/// answer), and where the profile is read and written.
const DIALECTS = {
  pwgen: {
    signIn: (email) => tokenSignIn('/api/sign-in/', email, (a) => `Bearer ${a.access}`),
    read: ['POST', '/api/profile/'],
    update: (answer) => ['PUT', `/api/profile/${answer.user.id}/update/`],
  },
  'users-me': {
    signIn: (email) => tokenSignIn('/api/auth/token/login/', email, (a) => `Token ${a.auth_token}`),
    read: ['GET', '/api/users/me/'],
    update: () => ['PATCH', '/api/users/me/'],
  },
  'aisquare-details': {
    signIn: (email) => tokenSignIn('/api/v1/iam/token/', email, (a) => `Bearer ${a.access}`),
    read: ['GET', '/api/v1/iam/iamuserdetails/me/'],
    update: () => ['PATCH', '/api/v1/iam/iamuserdetails/me/'],
  },
  letraz: {
    signIn: async (email) => ({ auth: basic(email), answer: null }),
    read: ['GET', '/api/v1/user/'],
    update: () => ['PATCH', '/api/v1/user/'],
  },
};

async function tokenSignIn(path, email, authOf) {
  const { status, body } = await call('POST', path, { json: { email, password: PASSWORD } });
  if (status !== 200) throw new Error(`sign-in as ${email} at ${path}: ${status} ${JSON.stringify(body)}`);
  return { auth: authOf(body), answer: body };
}

/// A signed-in person in `dialect`: `signInAnswer`, `updatePath`,
/// `read()` and `update(json)` (each answers `{ status, body }`).
export async function account(dialect, email = 'other@example.com') {
  const d = DIALECTS[dialect];
  const { auth, answer } = await d.signIn(email);
  const [updateMethod, updatePath] = d.update(answer);
  return {
    signInAnswer: answer,
    updateMethod,
    updatePath,
    read: () => call(d.read[0], d.read[1], { auth }),
    update: (json) => call(updateMethod, updatePath, { auth, json }),
  };
}

/// `{ method, path, status?, body?, content_type?, delay_ms?, times? }`.
export async function addHook(hook) {
  const { status } = await call('POST', '/_ref/hooks', { json: hook });
  if (status !== 201) throw new Error(`hook refused: ${status} (is the server running with --test-hooks?)`);
}

export async function clearHooks() {
  await call('DELETE', '/_ref/hooks');
}
