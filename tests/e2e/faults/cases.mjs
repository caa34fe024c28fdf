// The rows of the fault matrix (issue #9): each a way the profile save can
// fail, what the person must then see, and how they get the save through
// once the fault is gone.
//
//   fault    the server's canned answer (a hook), or `refused` (the browser
//            gets no connection), or `late` (no answer within the app's
//            client timeout, waited for in real time)
//   field    which probe field of the dialect the case edits
//   shows    what must be on screen
//   recover  `edit` (fix the field and Save), `save`, `retry` ("Try again"),
//            `sign-in` (the dialog, which saves itself), `wait` (Retry-After)
import { fieldErrorBody } from './dialects.mjs';
import * as form from './form.mjs';

const json = (status, body, headers = {}) => ({
  status,
  body: JSON.stringify(body),
  content_type: 'application/json',
  headers,
});
const html = (status, body) => ({ status, body, content_type: 'text/html; charset=utf-8' });

const nginx = (status, title) =>
  `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n`;

/// The app's own texts for failures the server explains badly or not at all.
const SAYS = {
  someFields: 'Some fields were not accepted.',
  csrf: 'The security token of this session is missing or stale. Reload the page and try again.',
  tooLarge: 'The upload is too large.',
  server: 'The server had a problem. Try again later.',
  unavailable: 'The server is unavailable right now. Try again later.',
  timeout: 'The server took too long to answer. Try again.',
  network: 'Could not reach the server. Check your connection and try again.',
  malformed: 'The server sent an answer the app does not understand.',
};

/// The app aborts a request after this long (DEFAULT_TIMEOUT_MS in
/// src/api/mod.rs; the config has no key for it). Playwright's fake clock
/// cannot stand in: its timer ids (from 10^12) overflow the i32 that
/// web-sys's setTimeout/clearTimeout take, so timers never clear.
export const APP_TIMEOUT_MS = 15_000;

const FIELD_MESSAGE = 'Introduzca un valor válido.';
/// Short, as it is waited out in real time.
const RETRY_AFTER_S = 3;

/// A message in the banner and no field error; `retry` says whether
/// "Try again" is offered.
const inBanner = (text, retry, within) => async (page) => {
  await form.showsBanner(page, text, { timeout: within });
  await form.offersRetry(page, retry);
};

const flat = (d) => d.field;

export const CASES = [
  {
    id: 'field-flat',
    label: 'field error, flat',
    field: flat,
    fault: (d) => json(400, fieldErrorBody(d.field, FIELD_MESSAGE)),
    shows: async (page, d) => {
      await form.showsFieldError(page, d.field, FIELD_MESSAGE);
      await form.showsBanner(page, SAYS.someFields, { summary: true });
    },
    recover: 'edit',
  },
  {
    id: 'field-nested',
    label: 'field error, nested details.*',
    applies: (d) => Boolean(d.nestedField),
    field: (d) => d.nestedField,
    fault: (d) => json(400, fieldErrorBody(d.nestedField, 'Asegúrese de que este campo no tenga más de 500 caracteres.')),
    shows: async (page, d) => {
      await form.showsFieldError(page, d.nestedField, 'Asegúrese de que este campo no tenga más de 500 caracteres.');
      await form.showsBanner(page, SAYS.someFields, { summary: true });
    },
    recover: 'edit',
  },
  {
    id: 'non-field',
    label: 'non_field_errors',
    field: flat,
    fault: () => json(400, { non_field_errors: ['Los datos enviados no son coherentes.'] }),
    shows: inBanner('Los datos enviados no son coherentes.', false),
    recover: 'save',
  },
  {
    id: 'detail',
    label: '{"detail": …}',
    field: flat,
    fault: () => json(400, { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' }),
    shows: inBanner('JSON parse error - Expecting value: line 1 column 1 (char 0)', false),
    recover: 'save',
  },
  {
    id: 'error',
    label: '{"error": …}',
    field: flat,
    fault: () => json(500, { error: 'No Users matches the given query.' }),
    shows: inBanner('No Users matches the given query.', false),
    recover: 'save',
  },
  {
    id: 'envelope',
    label: 'letraz envelope',
    field: flat,
    fault: (d) => json(400, {
      error: {
        uuid: '0b7c1d9e-4f7a-4c55-9f0e-3a2b1c0d9e8f',
        code: 'INVALID REQUEST',
        message: 'Invalid Data provided!',
        details: fieldErrorBody(d.field, FIELD_MESSAGE),
        extra: { data: 'Traceback (most recent call last): …' },
      },
    }),
    shows: async (page, d) => {
      await form.showsFieldError(page, d.field, FIELD_MESSAGE);
      await form.showsBanner(page, 'Invalid Data provided!', { summary: true });
      await form.showsNothing(page, 'Traceback');
    },
    recover: 'edit',
  },
  {
    id: 'unauthorized',
    label: '401',
    field: flat,
    fault: (d) => json(401, d.unauthorized.body, d.unauthorized.headers),
    lost: true,
    shows: async (page, d) => form.showsSignInDialog(page, d.field),
    recover: 'sign-in',
  },
  {
    // DRF with SessionAuthentication (or a custom class) first: a lost
    // credential is a 403 in the server's words, and reading the current
    // user with it is refused too. The app asks the person to sign in.
    id: 'lost-403',
    label: '403 lost credential',
    field: flat,
    fault: () => json(403, { detail: 'Las credenciales de autenticación no se proveyeron.' }),
    alsoRead: true,
    lost: true,
    shows: async (page, d) => form.showsSignInDialog(page, d.field),
    recover: 'sign-in',
  },
  {
    id: 'forbidden',
    label: '403 permission',
    field: flat,
    fault: () => json(403, { detail: 'You do not have permission to perform this action.' }),
    shows: inBanner('You do not have permission to perform this action.', false),
    recover: 'save',
  },
  {
    id: 'csrf',
    label: '403 CSRF',
    field: flat,
    fault: () => json(403, { detail: 'CSRF Failed: CSRF token missing.' }),
    shows: inBanner(SAYS.csrf, false),
    recover: 'save',
  },
  {
    id: 'not-found',
    label: '404',
    field: flat,
    fault: () => json(404, { detail: 'Not found.' }),
    shows: inBanner('Not found.', false),
    recover: 'save',
  },
  {
    id: 'too-large',
    label: '413 HTML page',
    field: flat,
    fault: () => html(413, nginx(413, 'Request Entity Too Large')),
    shows: async (page) => {
      await inBanner(SAYS.tooLarge, false)(page);
      await form.showsNothing(page, 'nginx');
    },
    recover: 'save',
  },
  {
    id: 'unsupported',
    label: '415',
    field: flat,
    fault: () => json(415, { detail: 'Unsupported media type "application/json" in request.' }),
    shows: inBanner('Unsupported media type "application/json" in request.', false),
    recover: 'save',
  },
  {
    id: 'rate-limited',
    label: '429 + Retry-After',
    field: flat,
    fault: () => json(
      429,
      { detail: `Request was throttled. Expected available in ${RETRY_AFTER_S} seconds.` },
      { 'Retry-After': String(RETRY_AFTER_S) },
    ),
    shows: async (page) => {
      await form.showsWait(page);
      // No "Try again" that could not work yet: it comes back with Save.
      await inBanner(`Request was throttled. Expected available in ${RETRY_AFTER_S} seconds.`, false)(page);
    },
    recover: 'wait',
    waitMs: RETRY_AFTER_S * 1000 + 5_000,
  },
  {
    id: 'server-html',
    label: '500 HTML',
    field: flat,
    fault: () => html(500, '<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n'),
    shows: async (page) => {
      await inBanner(SAYS.server, false)(page);
      await form.showsNothing(page, 'Server Error (500)');
    },
    recover: 'save',
  },
  {
    id: 'server-json',
    label: '500 JSON',
    field: flat,
    fault: () => json(500, { detail: 'A server error occurred.' }),
    shows: inBanner('A server error occurred.', false),
    recover: 'save',
  },
  {
    id: 'bad-gateway',
    label: '502',
    field: flat,
    fault: () => html(502, nginx(502, 'Bad Gateway')),
    shows: inBanner(SAYS.unavailable, true),
    recover: 'retry',
  },
  {
    id: 'timeout',
    label: 'timeout',
    field: flat,
    late: true,
    shows: inBanner(SAYS.timeout, true, APP_TIMEOUT_MS + 5_000),
    recover: 'retry',
  },
  {
    id: 'refused',
    label: 'connection refused',
    field: flat,
    refused: true,
    shows: inBanner(SAYS.network, true),
    recover: 'retry',
  },
  {
    id: 'malformed',
    label: 'malformed JSON 200',
    field: flat,
    fault: () => ({ status: 200, body: '{"id": 1, "first_name": "Ada", "last_', content_type: 'application/json' }),
    shows: inBanner(SAYS.malformed, false),
    recover: 'save',
  },
  {
    id: 'empty',
    label: 'empty 200',
    field: flat,
    fault: () => ({ status: 200, body: '', content_type: 'application/json' }),
    shows: inBanner(SAYS.malformed, false),
    recover: 'save',
  },
];
