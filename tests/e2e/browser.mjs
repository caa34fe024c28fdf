// Launches Debian's Chromium through playwright-core (its own browser
// download cannot work here) with the flags a root, offline machine needs.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

export const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:8080';
export const OUT_DIR = new URL('./out/', import.meta.url).pathname;
mkdirSync(OUT_DIR, { recursive: true });

export const DIALECTS = ['letraz', 'aisquare-profile', 'aisquare-details', 'pwgen', 'users-me'];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/// A page whose app talks to `dialect`, through the per-browser config
/// override (Settings > Connection) the app reads at start-up.
export async function pageFor(browser, dialect, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  if (dialect) {
    await context.addInitScript((d) => {
      localStorage.setItem('profile-app.config-override', JSON.stringify({ dialect: d }));
    }, dialect);
  }
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.problems = problems;
  return page;
}

export async function signIn(page, email = 'demo@example.com', password = 'demo-pass-123') {
  await page.goto(`${APP_URL}/profile`);
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('remember').check();
  await page.getByTestId('sign-in').click();
}
