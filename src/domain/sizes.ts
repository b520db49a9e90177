import type { Size } from './types.ts';

/** The IAB sizes every template renders (see standards.md §6.1). */
export const SIZE_KEYS = ['300x250', '728x90', '160x600', '320x50', '300x600', '970x250', '1920x1080'] as const;
export type SizeKey = (typeof SIZE_KEYS)[number];

export function sizeKey(size: Size): string {
  return `${size.w}x${size.h}`;
}

/** Parses `WxH` when it is one of the supported sizes; null otherwise. */
export function parseSize(text: string): Size | null {
  if (!(SIZE_KEYS as readonly string[]).includes(text)) return null;
  const [w, h] = text.split('x').map(Number);
  return { w: w!, h: h! };
}
