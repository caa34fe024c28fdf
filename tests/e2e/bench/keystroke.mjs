// Keystroke → validation message painted, at 4× CPU, timed in the page with
// requestAnimationFrame (not the Event Timing API), for each app.
//
// The field is a URL field with a live rule (the Website input of both
// apps; subjects.mjs says how each is made to check it as it is typed).
// The keys alternate: "h" makes it invalid ("Enter a valid URL." appears),
// Backspace makes it empty and valid (the message goes). Each sample starts
// at the keydown's timestamp and stops at the end of the frame that shows
// the message's new text: a MutationObserver sees the change,
// requestAnimationFrame waits for the frame that renders it, and a message
// posted from there runs once that frame is painted.
//
// Both apps' pages stay open (each signed in, in its own context) and the
// keys go to them in alternating blocks, so a change in how busy the
// machine is falls on both alike.
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

/// A signed-in /profile page of `subject` with its URL field ready for keys.
async function keystrokePage(browser, subject) {
  const { page, close } = await coldPage(browser, subject.state);
  await page.goto(profileUrl(subject.base));
  await page.waitForFunction(({ selector, value }) => document.querySelector(selector)?.value === value, subject.cityReady, { timeout: 60_000 });
  // The rules arrive with the form's behaviour, after the first screen
  // (#28): keystrokes are timed once they are there.
  await page.locator(subject.save).waitFor({ timeout: 60_000 });
  const input = page.locator(subject.keystroke.input);
  const message = page.locator(subject.keystroke.message);
  await subject.keystroke.prepare(page, input, message);
  if (await page.evaluate(() => document.visibilityState) !== 'visible') throw new Error(`${subject.name}: the keystroke page is hidden`);
  await page.evaluate(armKeystrokeTimer, [await input.elementHandle(), await message.elementHandle()]);
  let pressed = 0;
  return {
    /// `count` more keys; answers their times.
    async press(count) {
      await input.focus();
      const times = [];
      for (let i = 0; i < count; i++, pressed++) {
        await page.keyboard.press(pressed % 2 === 0 ? 'h' : 'Backspace');
        times.push(await page.evaluate(() => {
          const timing = window.__keystroke;
          window.__keystroke = null;
          if (!timing) throw new Error('the key press reached the page without a keydown on the field');
          return timing;
        }));
      }
      return times;
    },
    finalMessage: () => message.textContent(),
    close,
  };
}

/// `count` keys per subject, in blocks of `block` alternating between them.
export async function measureKeystrokes(browser, subjects, count, block = 20) {
  const pages = [];
  try {
    for (const s of subjects) pages.push(await keystrokePage(browser, s));
    const times = subjects.map(() => []);
    for (let done = 0; done < count; done += block) {
      const n = Math.min(block, count - done);
      for (const [i, p] of pages.entries()) times[i].push(...await p.press(n));
    }
    const out = {};
    for (const [i, s] of subjects.entries()) {
      out[s.name] = {
        field: s.keystroke.input,
        message: s.keystroke.message,
        keys: 'h / Backspace alternating',
        ...summary(times[i]),
        samples: times[i],
        finalMessage: await pages[i].finalMessage(),
      };
    }
    return out;
  } finally {
    for (const p of pages) await p.close();
  }
}
