// Memory across save cycles: the wasm linear memory (the WebAssembly.Memory
// buffer) and the JS heap after a forced garbage collection, read after the
// page loads, after `cycles` saves and after `cycles` more. A save cycle:
// a new value in a field, Save, wait for "Saved".
//
// The cycles run inside the page, not through playwright's locators: the
// JS heap is the whole isolate's, and playwright's injected scripts would
// otherwise grow it too. The first saves warm up, so growth is judged over
// the second batch. Wasm memory never shrinks: any growth there is a new
// high-water mark. The JS heap was measured to gain 20–40 KB over the
// second batch whether it had 20 or 100 saves (settling, not a cost per
// save); more than JS_HEAP_TOLERANCE counts as growth, which a leak of
// 3.2 KB a save over 20 saves exceeds.
import { coldPage, profileUrl } from './session.mjs';

export const JS_HEAP_TOLERANCE = 64 * 1024;

/// Runs in the page before the app: keeps the wasm module's memory export
/// as `window.__wasmMemory`, from Trunk's loader's TrunkApplicationStarted
/// event (its detail has the exports) or, whatever the loader, from the
/// instance WebAssembly.instantiate(Streaming) makes.
function keepWasmMemory() {
  addEventListener('TrunkApplicationStarted', (event) => {
    window.__wasmMemory = event.detail.wasm.memory;
  });
  const keep = (result) => {
    const memory = (result?.instance ?? result)?.exports?.memory;
    if (memory instanceof WebAssembly.Memory && !window.__wasmMemory) window.__wasmMemory = memory;
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (original) WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
}

/// Runs in the page: `count` save cycles on the input `field`.
async function saveCycles([field, first, count]) {
  const byId = (id) => document.querySelector(`[data-testid="${id}"]`);
  const saved = () => new Promise((resolve, reject) => {
    const status = byId('save-status');
    const timeout = setTimeout(() => reject(new Error('no "Saved" within 30 s')), 30_000);
    const check = () => {
      if (status.textContent.trim() !== 'Saved') return;
      observer.disconnect();
      clearTimeout(timeout);
      resolve();
    };
    const observer = new MutationObserver(check);
    observer.observe(status, { childList: true, subtree: true, characterData: true });
    check();
  });
  for (let i = first; i < first + count; i++) {
    const input = byId(field);
    input.value = `Bench ${i}`;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // Let the app take the edit (the previous "Saved" clears) before saving.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    byId('save').click();
    await saved();
  }
}

async function readMemory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  const wasmBytes = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? null);
  return { wasmBytes, jsHeapUsed: usedSize, jsHeapTotal: totalSize };
}

export async function measureMemory(browser, state, field, cycles) {
  const { page, cdp, close } = await coldPage(browser, state, { slowdown: 1, initScripts: [[keepWasmMemory]] });
  await page.goto(profileUrl());
  await page.getByTestId(field).waitFor({ timeout: 60_000 });
  // Save arrives with the form's behaviour, after the first screen.
  await page.getByTestId('save').waitFor({ timeout: 60_000 });
  const afterLoad = await readMemory(page, cdp);
  await page.evaluate(saveCycles, [field, 1, cycles]);
  const afterSaves = await readMemory(page, cdp);
  await page.evaluate(saveCycles, [field, cycles + 1, cycles]);
  const afterMoreSaves = await readMemory(page, cdp);
  await close();

  const growth = {
    wasmBytes: afterMoreSaves.wasmBytes - afterSaves.wasmBytes,
    jsHeapUsed: afterMoreSaves.jsHeapUsed - afterSaves.jsHeapUsed,
  };
  return {
    field,
    cycles,
    afterLoad,
    afterSaves,
    afterMoreSaves,
    growthOverSecondBatch: growth,
    jsHeapToleranceBytes: JS_HEAP_TOLERANCE,
    // No wasm memory found: no verdict rather than a pass.
    wasmPass: afterSaves.wasmBytes == null ? null : growth.wasmBytes <= 0,
    jsHeapPass: growth.jsHeapUsed <= JS_HEAP_TOLERANCE,
  };
}
