// The real-browser harness the browser tests share: Debian's chromium through playwright-core,
// a console-error and off-server-request watch, and screenshots at desktop and phone width.
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where screenshots go (CI keeps them as artifacts). */
export const ART = new URL('../artifacts/', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  mkdirSync(ART, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/** Collects the page's console errors and uncaught errors; with `outside`, every request that leaves the loopback server too. */
export function watch(p: Page, errors: string[], outside?: string[]): Page {
  p.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${p.url()}: ${m.text()}`);
  });
  p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`));
  if (outside) {
    p.on('request', (r) => {
      if (!/^(http:\/\/127\.0\.0\.1|data:|about:|blob:)/.test(r.url())) outside.push(r.url());
    });
  }
  return p;
}

/** Full-page screenshots at desktop and phone width; nothing may scroll sideways at either (tables scroll inside their own box). */
export async function shots(p: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await p.setViewportSize({ width, height: 900 });
    await p.screenshot({ path: `${ART}${name}-${width}.png`, fullPage: true });
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(1);
  }
  await p.setViewportSize({ width: 1280, height: 900 });
}
