// Chromium as the reference renderer, drawing with exactly the font files Vitrine bundles
// (@font-face from the fontsource woff files, each subset with its unicode-range).
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import sharp from 'sharp';
import { FONT_FILES, fileRange, fontPath } from '../../src/runtime/node/fonts.ts';
import type { Rgba } from './ink.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The test is skipped only when no Chromium binary exists at all (CI installs Debian's). */
export const hasChromium = existsSync(CHROMIUM);

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
  });
}

const css = new Map<string, string>();
/**
 * @font-face rules for every bundled file, under the family names the engine registers; with
 * `family`, every file is declared under that one name too (the HTML unit names only 'Noto Sans',
 * so a browser would otherwise draw its Arabic with whatever system font it has).
 */
export function fontFaceCss(family?: string): string {
  const key = family ?? '';
  const hit = css.get(key);
  if (hit) return hit;
  const rules = FONT_FILES.map((f) => {
    const range = fileRange(f);
    const data = readFileSync(fontPath(f)).toString('base64');
    const rule = (name: string) => `@font-face{font-family:'${name}';font-weight:${f.weight};font-style:normal;font-display:block;src:url(data:font/woff;base64,${data}) format('woff');unicode-range:${range}}`;
    return family && family !== f.name ? `${rule(f.name)}\n${rule(family)}` : rule(f.name);
  }).join('\n');
  css.set(key, rules);
  return rules;
}

/** The bundled families in fallback order, as a CSS font-family value. */
export const FAMILY_CHAIN = [...new Set(FONT_FILES.map((f) => f.name))].map((n) => `'${n}'`).join(',');

export async function decode(png: Uint8Array): Promise<Rgba> {
  const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}
