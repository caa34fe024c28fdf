// Launches Debian's Chromium through playwright-core (its own browser
// download cannot work here) with the flags a root, offline machine needs.
import { chromium } from 'playwright-core';

export const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:8080';
export const OUT_DIR = new URL('./out/', import.meta.url).pathname;

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

export async function signIn(page, email = 'demo@example.com', password = 'demo-pass-123') {
  await page.goto(`${APP_URL}/profile`);
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('remember').check();
  await page.getByTestId('sign-in').click();
}
