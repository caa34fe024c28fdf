// What the fault matrix needs to know about each backend: where the
// profile save goes, which text field a case edits, and how that backend
// says "not signed in" (crates/server, ../shared/seeds).

/// A request (the save, the read): `hookPath` for the server's hooks (a
/// trailing `*` is a prefix), `matches` for the browser's request routing.
function save(method, hookPath) {
  const prefix = hookPath.endsWith('*') ? hookPath.slice(0, -1) : null;
  return {
    method,
    hookPath,
    matches: (url) => (prefix ? url.pathname.startsWith(prefix) : url.pathname === hookPath),
  };
}

/// simplejwt refusing a refresh token (expired or blacklisted).
export const REFRESH_REFUSED = {
  status: 401,
  content_type: 'application/json',
  body: JSON.stringify({ detail: 'Token is invalid or expired', code: 'token_not_valid' }),
};

const SIMPLEJWT_401 = {
  detail: 'Given token not valid for any token type',
  code: 'token_not_valid',
  messages: [{ token_class: 'AccessToken', token_type: 'access', message: 'Token is invalid or expired' }],
};

export const DIALECT = {
  letraz: {
    // The read of the current user (the app's probe after a 403).
    read: save('GET', '/api/v1/user/'),
    save: save('PATCH', '/api/v1/user/'),
    field: 'city',
    // Basic comes first in letraz's authentication classes, so DRF
    // challenges with it.
    unauthorized: {
      body: { detail: 'Authentication credentials were not provided.' },
      headers: { 'WWW-Authenticate': 'Basic realm="api"' },
    },
  },
  'aisquare-profile': {
    // The read of the current user (the app's probe after a 403).
    read: save('GET', '/api/v1/iam/user/profile/'),
    save: save('PATCH', '/api/v1/iam/user/profile/'),
    field: 'full_name',
    // The one dialect whose fields nest: its detail fields are `details.*`.
    nestedField: 'details.bio',
    // simplejwt: a refused access token is renewed here first.
    refresh: save('POST', '/api/v1/iam/token/refresh/'),
    unauthorized: { body: SIMPLEJWT_401 },
  },
  'aisquare-details': {
    // The read of the current user (the app's probe after a 403).
    read: save('GET', '/api/v1/iam/iamuserdetails/me/'),
    save: save('PATCH', '/api/v1/iam/iamuserdetails/me/'),
    field: 'bio',
    refresh: save('POST', '/api/v1/iam/token/refresh/'),
    unauthorized: { body: SIMPLEJWT_401 },
  },
  pwgen: {
    // The read of the current user (the app's probe after a 403).
    read: save('POST', '/api/profile/'),
    // PUT /api/profile/{id}/update/; its read is a POST to /api/profile/.
    save: save('PUT', '/api/profile/*'),
    field: 'first_name',
    refresh: save('POST', '/api/token/refresh/'),
    unauthorized: { body: SIMPLEJWT_401 },
  },
  'users-me': {
    // The read of the current user (the app's probe after a 403).
    read: save('GET', '/api/users/me/'),
    save: save('PATCH', '/api/users/me/'),
    field: 'first_name',
    unauthorized: { body: { detail: 'Invalid token.' } },
  },
};

/// A DRF error body for one field path: `details.bio` nests as
/// `{"details": {"bio": [message]}}`, as a nested serializer answers.
export function fieldErrorBody(path, message) {
  return path.split('.').reduceRight((inner, key) => ({ [key]: inner }), [message]);
}
