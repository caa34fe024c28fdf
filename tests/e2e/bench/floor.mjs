// The floor: the minimal Leptos app in src/bin/bench_floor.rs, built by
// .ci/bench into FLOOR_DIST and served here over plain HTTP (as the
// reference server serves the app: files as they are, uncompressed), then
// measured exactly like the app. Its rows say what this stack costs before
// any feature of ours.
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname, normalize } from 'node:path';
import { distSizes } from './transfer.mjs';
import { measureFormReady } from './form-ready.mjs';
import { measureKeystrokes } from './keystroke.mjs';
import { NO_STATE } from './session.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css' };

/// Serves `dir` on 127.0.0.1 (any path that is not a file gets index.html,
/// as a single-page app needs); resolves to { url, close }.
function serve(dir) {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() });
  }));
}

export async function measureFloor(browser, distDir, { loads, keystrokes }) {
  const { url, close } = await serve(distDir);
  try {
    const dist = distSizes(distDir);
    const { sent: _, ...formReady } = await measureFormReady(browser, NO_STATE, 'website', loads, url);
    const keystroke = await measureKeystrokes(browser, NO_STATE, 'website', keystrokes, url);
    return { dist, formReady, keystroke };
  } finally {
    close();
  }
}
