// Draws rows with an engine and with Chromium in batches (one page, one screenshot per batch)
// and compares them row by row.
import type { Page } from 'playwright-core';
import type { RenderEngine } from '../../src/render/types.ts';
import { decode } from './chromium.ts';
import { compareRuns, crop, type Rgba, type RunDiff } from './ink.ts';
import { ROW, rowsBody, rowsHtml, rowsTree, type Row } from './rows.ts';

export const BATCH = 60;

export async function engineRows(engine: RenderEngine, rows: Row[]): Promise<Rgba> {
  return decode(await engine.raster(rowsTree(rows), { w: ROW.w, h: ROW.h * rows.length }, 'png'));
}

const loaded = new WeakSet<Page>();

/** The page with every bundled face loaded once; later batches only swap the rows. */
async function prepare(page: Page): Promise<void> {
  if (loaded.has(page)) return;
  await page.setContent(rowsHtml([]));
  // Load every face before any row is drawn: a face still loading would draw a fallback.
  await page.evaluate(() => Promise.all([...document.fonts].map((f) => f.load())).then(() => undefined));
  loaded.add(page);
}

export async function chromiumRows(page: Page, rows: Row[]): Promise<Rgba> {
  await prepare(page);
  await page.setViewportSize({ width: ROW.w, height: ROW.h * rows.length });
  await page.evaluate((html) => {
    document.body.innerHTML = html;
    return document.fonts.ready.then(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  }, rowsBody(rows));
  return decode(await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: ROW.w, height: ROW.h * rows.length } }));
}

/** Reference images of every row, batch by batch. */
export async function referenceRows(page: Page, rows: Row[]): Promise<Rgba[]> {
  const out: Rgba[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const img = await chromiumRows(page, batch);
    batch.forEach((_, j) => out.push(crop(img, j * ROW.h, ROW.h)));
  }
  return out;
}

export async function compareWith(engine: RenderEngine, rows: Row[], reference: Rgba[]): Promise<RunDiff[]> {
  const out: RunDiff[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const img = await engineRows(engine, batch);
    batch.forEach((_, j) => out.push(compareRuns(crop(img, j * ROW.h, ROW.h), reference[i + j]!)));
  }
  return out;
}
