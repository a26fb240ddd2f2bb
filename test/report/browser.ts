/**
 * Headless Chromium for the HTML report tests. Skipped only where no browser
 * is installed AND not in CI: in CI a missing browser fails the tests.
 * Playwright gives every launch a fresh temporary profile.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { tempDir } from './helpers.js';

export const CHROMIUM = '/usr/bin/chromium';
export const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A report page written to a temp file and opened, with every request and every console/page error it causes recorded. */
export interface OpenedPage {
  browser: Browser;
  page: Page;
  url: string;
  requests: string[];
  errors: string[];
}

export async function openHtml(markup: string, name: string): Promise<OpenedPage> {
  const file = join(tempDir(), name);
  writeFileSync(file, markup);
  const url = pathToFileURL(file).href;
  const browser = await launchBrowser();
  const page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  return { browser, page, url, requests, errors };
}
