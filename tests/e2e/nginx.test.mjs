// The production serving the README gives, run for real: Debian's nginx
// with the README's own block (.ci/nginx reads it from README.md), serving
// dist/ and proxying /api/ and /media/ to a reference server on one origin.
// .ci/test starts it and names it in NGINX_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { launch, pageFor } from './browser.mjs';
import { bigJpeg } from './photo.mjs';

const NGINX_URL = process.env.NGINX_URL;
const NEEDS_NGINX = { skip: !NGINX_URL && 'NGINX_URL not set (.ci/test starts nginx)' };
const DIST = new URL('../../dist/', import.meta.url);
const routes = JSON.parse(readFileSync(new URL('routes.json', DIST)));
const POLICY = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const browser = await launch();
test.after(() => browser.close());

/// One raw GET (no decompression, unlike fetch): status, headers, body bytes.
function get(path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(`${NGINX_URL}${path}`, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const mainWasm = () => routes['/profile'].find((f) => /^profile-app_bg-[0-9a-f]{10}\.wasm$/.test(f));

test('nginx: each file goes out as its precompressed copy the browser accepts, byte for byte', NEEDS_NGINX, async () => {
  const wasm = mainWasm();
  const cases = [
    ['br, gzip', 'br', `${wasm}.br`],
    ['gzip', 'gzip', `${wasm}.gz`],
    ['identity', undefined, wasm],
  ];
  for (const [accept, encoding, file] of cases) {
    const r = await get(`/${wasm}`, { 'accept-encoding': accept });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], encoding, `Accept-Encoding: ${accept}`);
    assert.equal(r.headers['content-type'], 'application/wasm');
    assert.match(r.headers.vary ?? '', /Accept-Encoding/i, 'caches keep one copy per encoding');
    assert.ok(r.body.equals(readFileSync(new URL(file, DIST))), `${accept}: the body is ${file}`);
  }
});

test('nginx: the dialect files the build leaves plain go out gzipped to browsers that take it', NEEDS_NGINX, async () => {
  for (const file of ['dialects/letraz.json', 'dialects/aisquare-profile.json']) {
    const r = await get(`/${file}`, { 'accept-encoding': 'br, gzip' });
    assert.equal(r.status, 200, file);
    assert.equal(r.headers['content-encoding'], 'gzip', file);
    assert.ok(gunzipSync(r.body).equals(readFileSync(new URL(file, DIST))), `${file}: the file, gzipped`);
    const plain = await get(`/${file}`, { 'accept-encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined, file);
  }
});

test('nginx: hashed names are cached for good, index.html never, and the page carries the CSP', NEEDS_NGINX, async () => {
  const hashed = routes['/profile'].filter((f) => /-[0-9a-f]{10}\.(wasm|js|css)$/.test(f));
  assert.ok(hashed.length >= 5, `hashed files: ${hashed}`);
  for (const file of hashed) {
    const r = await get(`/${file}`, { 'accept-encoding': 'br' });
    assert.equal(r.status, 200, file);
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable', file);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', file);
  }
  for (const path of ['/', '/index.html']) {
    const r = await get(path, { 'accept-encoding': 'br' });
    assert.equal(r.status, 200, path);
    assert.equal(r.headers['cache-control'], 'no-cache', path);
    assert.equal(r.headers['content-security-policy'], POLICY, path);
    assert.equal(r.headers['content-encoding'], 'br', path);
  }
});

test('nginx: a deep link gets index.html with its headers, a missing hashed file a 404', NEEDS_NGINX, async () => {
  const index = readFileSync(new URL('index.html', DIST));
  for (const path of ['/profile', '/settings', '/no/such/page']) {
    const r = await get(path);
    assert.equal(r.status, 200, path);
    assert.ok(r.body.equals(index), `${path} is index.html`);
    assert.equal(r.headers['content-security-policy'], POLICY, path);
    assert.equal(r.headers['cache-control'], 'no-cache', path);
  }
  assert.equal((await get('/profile-app_bg-0000000000.wasm')).status, 404);
});

test('nginx: a person signs in, saves and uploads a photo through the proxy, with no CSP violation', NEEDS_NGINX, async () => {
  const page = await pageFor(browser, 'pwgen');
  await page.goto(`${NGINX_URL}/profile`);
  await page.getByTestId('email').fill('other@example.com');
  await page.getByTestId('password').fill('demo-pass-123');
  await page.getByTestId('remember').check(); // the reloads below keep the session
  await page.getByTestId('sign-in').click();
  const city = `Nginx ${Date.now()}`;
  await page.getByTestId('first_name').fill(city);
  const saved = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/profile/') && r.request().method() === 'PUT');
  await page.getByTestId('save').click();
  const answer = await saved;
  assert.equal(new URL(answer.url()).origin, NGINX_URL, 'the API is reached on the page\'s own origin');
  assert.equal(answer.status(), 200);
  await page.reload();
  assert.equal(await page.getByTestId('first_name').inputValue(), city, 'the saved value comes back through nginx');

  await page.getByTestId('avatar-input').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: await bigJpeg(page) });
  await page.getByTestId('avatar-status').getByText(/512/).waitFor({ timeout: 20_000 });
  await page.getByTestId('save').click();
  await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
  await page.reload();
  const photo = page.getByTestId('user-photo');
  await photo.waitFor();
  const src = new URL(await photo.getAttribute('src'), NGINX_URL);
  assert.equal(src.origin, NGINX_URL, `the photo is served on the page's origin: ${src}`);
  assert.ok(await photo.evaluate((el) => el.decode().then(() => el.naturalWidth > 0, () => false)), `${src} loads`);
  const media = await get(src.pathname);
  assert.equal(media.status, 200, `${src.pathname} through /media/`);
  assert.match(media.headers['content-type'] ?? '', /^image\//);
  // Remove it again: the next run starts from no photo.
  await page.getByTestId('avatar-remove').click();
  await page.getByTestId('save').click();
  await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
