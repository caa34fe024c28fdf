// Keystroke → validation message painted, at 4× CPU, timed in the page with
// requestAnimationFrame (not the Event Timing API).
//
// The field is a URL field. It is cleared and left once (so its rules show
// live, as after a person tabs away), then the keys alternate: "h" makes it
// invalid ("Enter a valid URL." appears), Backspace makes it empty and
// valid (the message goes). Each sample is the time from the keydown's
// timestamp to the end of the frame that shows the message's new text: a
// MutationObserver sees the change, requestAnimationFrame waits for the
// frame that renders it, and a message posted from there runs once that
// frame is painted.
import { coldPage, profileUrl } from './session.mjs';
import { summary } from './stats.mjs';

/// Runs in the page: each keydown on `input` arms `window.__keystroke`, a
/// promise of the milliseconds until `message`'s text change is painted.
function armKeystrokeTimer([input, message]) {
  input.addEventListener('keydown', (event) => {
    const start = event.timeStamp;
    const before = message.textContent;
    window.__keystroke = new Promise((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`no message change for ${event.key} within 10 s`)), 10_000);
      const observer = new MutationObserver(() => {
        if (message.textContent === before) return;
        observer.disconnect();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            clearTimeout(timeout);
            resolve(performance.now() - start);
          };
          channel.port2.postMessage(null);
        });
      });
      observer.observe(message, { childList: true, subtree: true, characterData: true });
    });
  }, { capture: true });
}

export async function measureKeystrokes(browser, state, field, count, base) {
  const { page, close } = await coldPage(browser, state);
  await page.goto(profileUrl(base));
  const input = page.getByTestId(field);
  const message = page.getByTestId(`error-${field}`);
  await input.waitFor({ timeout: 60_000 });
  await input.fill('');
  await input.blur();
  await input.focus();
  await page.evaluate(armKeystrokeTimer, [await input.elementHandle(), await message.elementHandle()]);

  const times = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'h' : 'Backspace');
    times.push(await page.evaluate(() => {
      const timing = window.__keystroke;
      window.__keystroke = null;
      if (!timing) throw new Error('the key press reached the page without a keydown on the field');
      return timing;
    }));
  }
  const finalMessage = await message.textContent();
  await close();
  return { field, keys: 'h / Backspace alternating', ...summary(times), samples: times, finalMessage };
}
