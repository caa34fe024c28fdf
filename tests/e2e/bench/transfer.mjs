// First-load transfer size: what dist/ weighs compressed (gzip level 9,
// brotli quality 11, as a static host would serve it) and what the browser
// actually received from the reference server on a cold load.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export const KINDS = ['wasm', 'js', 'css', 'html'];
const KIND_OF_EXT = { '.wasm': 'wasm', '.js': 'js', '.css': 'css', '.html': 'html' };

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/// Raw, gzip -9 and brotli -q 11 bytes per kind of file in `distDir`.
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

function kindOfResponse(type, url) {
  if (new URL(url).pathname.endsWith('.wasm')) return 'wasm';
  return { Document: 'html', Script: 'js', Stylesheet: 'css' }[type] ?? 'other';
}

/// Starts counting the bytes received per kind (body + headers, as
/// DevTools' encodedDataLength) on `cdp`; call the result to read them.
export function recordTransfers(cdp) {
  const kinds = new Map();
  const sent = Object.fromEntries([...KINDS, 'other'].map((k) => [k, { requests: 0, bytes: 0, encodings: [] }]));
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    const kind = kindOfResponse(type, response.url);
    kinds.set(requestId, kind);
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const encoding = headers['content-encoding'] ?? 'identity';
    if (!sent[kind].encodings.includes(encoding)) sent[kind].encodings.push(encoding);
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const kind = kinds.get(requestId);
    if (!kind) return;
    sent[kind].requests += 1;
    sent[kind].bytes += encodedDataLength;
  });
  return () => sent;
}
