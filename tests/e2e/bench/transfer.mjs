// Bytes: what a build weighs on disk (raw, gzip level 9, brotli quality 11,
// as a static host would serve it), and what the browser actually received
// on a load.
//
// Received bytes start with the navigation's first request and stop when
// the caller stops reading (coldLoad in load.mjs: once the page is ready
// and the network is quiet). Each request counts DevTools'
// encodedDataLength from Network.loadingFinished: body as sent on the wire
// (compressed, if the server compressed it) plus response headers, every
// request of the page included (document, scripts, wasm, styles, the API,
// images, fonts). A redirect counts its answer too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

/// The kinds of file a build has.
export const KINDS = ['wasm', 'js', 'css', 'html'];
/// The kinds of request a load makes: the build's files, the backend's
/// API (`/api/…`) and everything else (images, fonts, config files).
export const REQUEST_KINDS = ['html', 'js', 'wasm', 'css', 'api', 'other'];
const KIND_OF_EXT = { '.wasm': 'wasm', '.js': 'js', '.mjs': 'js', '.css': 'css', '.html': 'html' };

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/// Raw, gzip -9 and brotli -q 11 bytes per kind of file in `distDir`
/// (precompressed .gz / .br copies beside them are not counted).
export function distSizes(distDir) {
  const sizes = Object.fromEntries(KINDS.map((k) => [k, { files: [], raw: 0, gzip: 0, brotli: 0 }]));
  for (const path of filesUnder(distDir)) {
    const kind = KIND_OF_EXT[extname(path)];
    if (!kind) continue;
    const bytes = readFileSync(path);
    const entry = sizes[kind];
    entry.files.push(path.slice(distDir.length).replace(/^\/+/, ''));
    entry.raw += bytes.length;
    entry.gzip += gzipSync(bytes, { level: 9 }).length;
    entry.brotli += brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length;
  }
  return sizes;
}

function kindOfRequest(type, url) {
  const path = new URL(url).pathname;
  if (path.endsWith('.wasm')) return 'wasm';
  if (path.startsWith('/api/')) return 'api';
  return { Document: 'html', Script: 'js', Stylesheet: 'css' }[type] ?? 'other';
}

/// Starts counting the bytes received per kind of request on `cdp` (which
/// has Network enabled). Answers `read()` (the counts so far), `inFlight()`
/// (requests started and not yet finished or failed), `started()` (requests
/// started so far) and `quiet()` (resolves once nothing is in flight).
export function recordTransfers(cdp) {
  const kinds = new Map();
  const paths = new Map();
  const open = new Set();
  // CDP's monotonic clock (seconds): the navigation's first request, and
  // when each request finished, so bytes can be counted up to a moment
  // the page names in its own ms from the navigation.
  let navigationAt = null;
  const finishedAt = [];
  let started = 0;
  let waiters = [];
  const sent = Object.fromEntries(REQUEST_KINDS.map((k) => [k, { requests: 0, bytes: 0, encodings: [], urls: [] }]));
  const settle = () => {
    if (open.size) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
  cdp.on('Network.requestWillBeSent', ({ requestId, type, request, redirectResponse, timestamp }) => {
    if (!/^https?:/.test(request.url)) return;
    if (navigationAt == null) navigationAt = timestamp;
    if (redirectResponse && kinds.has(requestId)) sent[kinds.get(requestId)].bytes += redirectResponse.encodedDataLength ?? 0;
    const kind = kindOfRequest(type, request.url);
    if (!kinds.has(requestId)) started += 1;
    kinds.set(requestId, kind);
    paths.set(requestId, new URL(request.url).pathname);
    open.add(requestId);
  });
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const kind = kinds.get(requestId);
    if (!kind) return;
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const encoding = headers['content-encoding'] ?? 'identity';
    if (!sent[kind].encodings.includes(encoding)) sent[kind].encodings.push(encoding);
  });
  const finish = (requestId, bytes, failed, timestamp) => {
    const kind = kinds.get(requestId);
    if (!kind || !open.has(requestId)) return;
    open.delete(requestId);
    finishedAt.push({ kind, bytes, at: timestamp });
    sent[kind].requests += 1;
    sent[kind].bytes += bytes;
    sent[kind].urls.push({ path: paths.get(requestId), bytes, ...(failed ? { failed } : {}) });
    if (failed) sent[kind].failed = (sent[kind].failed ?? 0) + 1;
    settle();
  };
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength, timestamp }) => finish(requestId, encodedDataLength, false, timestamp));
  cdp.on('Network.loadingFailed', ({ requestId, timestamp }) => finish(requestId, 0, true, timestamp));
  return {
    read() {
      const byKind = structuredClone(sent);
      const total = REQUEST_KINDS.reduce((sum, k) => sum + byKind[k].bytes, 0);
      const requests = REQUEST_KINDS.reduce((sum, k) => sum + byKind[k].requests, 0);
      return { total, requests, byKind };
    },
    /// `{ total, requests }` of the requests that had finished `ms` after
    /// the navigation's first request (the page's ready time): the bytes
    /// a person waited for, not those fetched after the form showed.
    readUntil(ms) {
      const done = finishedAt.filter((f) => navigationAt != null && (f.at - navigationAt) * 1000 <= ms);
      return { total: done.reduce((sum, f) => sum + f.bytes, 0), requests: done.length };
    },
    inFlight: () => open.size,
    started: () => started,
    quiet: () => new Promise((resolve) => { waiters.push(resolve); settle(); }),
  };
}
