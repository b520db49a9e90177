// Brand kit uploads, checked before anything is stored: logos (PNG by its chunks, SVG as inert
// markup) and fonts (TTF/OTF/WOFF parsed with opentype.js and required to cover their script;
// WOFF2 by its header and table directory, then decoded by fontkit and held to the same check).
// Every refusal is a 400 naming why.
import * as fontkit from 'fontkit';
import opentype from 'opentype.js';
import { VitrineError } from '../../domain/errors.ts';

export const LOGO_MAX_BYTES = 512 * 1024;
export const FONT_MAX_BYTES = 2 * 1024 * 1024;
export const LOGO_MAX_SIDE = 4096;
export type Script = 'latin' | 'arabic';
export const SCRIPTS: readonly Script[] = ['latin', 'arabic'];

export interface CheckedAsset {
  contentType: string;
  ext: string;
  bytes: Uint8Array;
  /** What the parser read (dimensions, family), for the audit note and the response. */
  info: Record<string, string | number>;
}

const bad = (field: string, why: string) => new VitrineError('bad_request', `${field}: ${why}`, field, undefined, [{ field, reason: why }]);
const tag = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;

function checkPng(b: Uint8Array): CheckedAsset {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 45 || !sig.every((x, i) => b[i] === x)) throw bad('logo', 'not a PNG file (bad signature)');
  if (tag(b, 12) !== 'IHDR' || u32(b, 8) !== 13) throw bad('logo', 'corrupt PNG: the first chunk is not IHDR');
  const w = u32(b, 16);
  const h = u32(b, 20);
  if (w < 1 || h < 1 || w > LOGO_MAX_SIDE || h > LOGO_MAX_SIDE) throw bad('logo', `PNG is ${w}x${h}; each side must be 1..${LOGO_MAX_SIDE} px`);
  // Walk the chunks: each length must fit, and the file must end with IEND.
  let at = 8;
  let end = false;
  while (at + 12 <= b.length) {
    const len = u32(b, at);
    if (at + 12 + len > b.length) break;
    if (tag(b, at + 4) === 'IEND') {
      end = true;
      break;
    }
    at += 12 + len;
  }
  if (!end) throw bad('logo', 'corrupt or truncated PNG: no IEND chunk');
  return { contentType: 'image/png', ext: 'png', bytes: b, info: { width: w, height: h } };
}

function checkSvg(b: Uint8Array): CheckedAsset {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    throw bad('logo', 'SVG is not valid UTF-8');
  }
  const body = text.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*/, '');
  if (!/^<svg[\s>]/.test(body) || !/<\/svg>\s*$/.test(body)) throw bad('logo', 'not an SVG document (expected an <svg> root element)');
  // An uploaded logo is drawn in creatives and served from our origin: it must be inert.
  const unsafe: Array<[RegExp, string]> = [
    [/<!DOCTYPE|<!ENTITY/i, 'DOCTYPE/ENTITY declarations'],
    [/<script[\s>]/i, '<script>'],
    [/<foreignObject[\s>]/i, '<foreignObject>'],
    [/\son[a-z]+\s*=/i, 'event handler attributes (on…=)'],
    [/javascript:/i, 'javascript: URLs'],
    [/(?:xlink:)?href\s*=\s*["']\s*(?!#|data:image\/)/i, 'external references (href must be #fragment or data:image)'],
  ];
  for (const [re, what] of unsafe) if (re.test(text)) throw bad('logo', `SVG contains ${what}, which a logo may not`);
  return { contentType: 'image/svg+xml', ext: 'svg', bytes: b, info: {} };
}

export function checkLogo(contentType: string, bytes: Uint8Array): CheckedAsset {
  if (bytes.length > LOGO_MAX_BYTES) throw bad('logo', `image is ${bytes.length} bytes; the limit is ${LOGO_MAX_BYTES}`);
  if (bytes.length === 0) throw bad('logo', 'empty body');
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'image/png') return checkPng(bytes);
  if (type === 'image/svg+xml') return checkSvg(bytes);
  throw bad('logo', `wrong type "${type || '(none)'}": a logo is image/png or image/svg+xml`);
}

/** Reads a WOFF2 UIntBase128; throws on overflow or leading zeros as the spec requires. */
function base128(b: Uint8Array, at: { i: number }): number {
  let v = 0;
  for (let k = 0; k < 5; k++) {
    const x = b[at.i++];
    if (x === undefined || (k === 0 && x === 0x80) || v & 0xfe000000) throw new Error('bad UIntBase128');
    v = (v << 7) | (x & 0x7f);
    if (!(x & 0x80)) return v >>> 0;
  }
  throw new Error('UIntBase128 longer than 5 bytes');
}

function checkWoff2(b: Uint8Array): Record<string, number> {
  if (b.length < 48) throw new Error('shorter than the WOFF2 header');
  if (u32(b, 8) !== b.length) throw new Error(`header length ${u32(b, 8)} is not the file's ${b.length} bytes`);
  const numTables = (b[12]! << 8) | b[13]!;
  if (numTables === 0) throw new Error('no tables');
  const at = { i: 48 };
  const tags = new Set<string>();
  for (let n = 0; n < numTables; n++) {
    const flags = b[at.i++];
    if (flags === undefined) throw new Error('table directory truncated');
    const known = ['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep', 'CFF '];
    let t: string;
    if ((flags & 0x3f) === 0x3f) {
      if (at.i + 4 > b.length) throw new Error('table directory truncated');
      t = tag(b, at.i);
      at.i += 4;
    } else t = known[flags & 0x3f] ?? `#${flags & 0x3f}`;
    tags.add(t);
    base128(b, at);
    const version = (flags >> 6) & 3;
    if (((t === 'glyf' || t === 'loca') && version === 0) || (t !== 'glyf' && t !== 'loca' && version !== 0)) base128(b, at);
  }
  const compressed = u32(b, 20);
  if (at.i + compressed > b.length) throw new Error('compressed data runs past the end of the file');
  for (const need of ['cmap', 'head']) if (!tags.has(need)) throw new Error(`no ${need} table`);
  return { tables: numTables };
}

/** The family name from whichever name-table platform the font fills (opentype.js groups them by platform). */
function familyName(names: Record<string, unknown>): string {
  for (const table of [names, names.windows, names.unicode, names.macintosh]) {
    const fam = (table as { fontFamily?: Record<string, string> } | undefined)?.fontFamily;
    if (fam) return fam.en ?? Object.values(fam)[0] ?? '';
  }
  return '';
}

const PROBE: Record<Script, string> = { latin: 'A', arabic: '\u0628' };

/** WOFF2 decoded (fontkit: brotli and the glyf transform in pure JS) and held to the same script check as the other kinds. */
function checkWoff2Glyphs(script: Script, bytes: Uint8Array): Record<string, string | number> {
  const parsed = fontkit.create(bytes as unknown as Buffer);
  if (!('glyphForCodePoint' in parsed)) throw new Error('a font collection, not one font');
  if (!parsed.numGlyphs || parsed.numGlyphs < 2) throw new Error('no glyphs');
  if (!parsed.hasGlyphForCodePoint(PROBE[script].codePointAt(0)!)) throw bad('font', `the font has no ${script} glyphs (no "${PROBE[script]}")`);
  // Decoding a glyph reads the brotli stream and the glyf transform: a corrupt file fails here, at upload, not in a creative.
  parsed.glyphForCodePoint(PROBE[script].codePointAt(0)!).path;
  return { family: String(parsed.familyName ?? ''), glyphs: parsed.numGlyphs };
}

export function checkFont(script: Script, contentType: string, bytes: Uint8Array): CheckedAsset {
  if (bytes.length > FONT_MAX_BYTES) throw bad('font', `font is ${bytes.length} bytes; the limit is ${FONT_MAX_BYTES}`);
  const sig = bytes.length >= 4 ? tag(bytes, 0) : '';
  const kind = sig === 'wOF2' ? 'woff2' : sig === 'wOFF' ? 'woff' : sig === '\0\x01\0\0' || sig === 'true' || sig === 'OTTO' ? 'ttf' : null;
  if (!kind) throw bad('font', `wrong type${contentType ? ` "${contentType}"` : ''}: not a TTF/OTF, WOFF or WOFF2 font (signature ${JSON.stringify(sig)})`);
  const types = { woff2: 'font/woff2', woff: 'font/woff', ttf: sig === 'OTTO' ? 'font/otf' : 'font/ttf' } as const;
  try {
    if (kind === 'woff2') return { contentType: types.woff2, ext: 'woff2', bytes, info: { ...checkWoff2(bytes), ...checkWoff2Glyphs(script, bytes) } };
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    if (!font.numGlyphs || font.numGlyphs < 2) throw new Error('no glyphs');
    if (font.charToGlyphIndex(PROBE[script]) <= 0) throw bad('font', `the font has no ${script} glyphs (no "${PROBE[script]}")`);
    const family = familyName(font.names as unknown as Record<string, unknown>);
    return { contentType: types[kind], ext: kind === 'ttf' && sig === 'OTTO' ? 'otf' : kind, bytes, info: { family: String(family), glyphs: font.numGlyphs } };
  } catch (err) {
    if (err instanceof VitrineError) throw err;
    throw bad('font', `corrupt ${kind} font: ${String((err as Error).message ?? err).slice(0, 200)}`);
  }
}
