// The output-format registry: one entry per format, and what happens when an engine cannot
// encode a raster format (served as PNG, and the response says so).
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../src/domain/types.ts';
import { OUTPUT_FORMATS, servedFormat } from '../src/render/formats.ts';
import type { RenderEngine } from '../src/render/types.ts';
import { fixtureApp } from './helpers/app.ts';

const pngOnly: RenderEngine = {
  name: 'png-only',
  rasterFormats: ['png'],
  raster: async () => {
    throw new Error('not called');
  },
  svg: async () => '<svg/>',
};

describe('output formats', () => {
  it('lists every format once, with its content type and whether it needs the rasterizer', () => {
    expect(Object.keys(OUTPUT_FORMATS).sort()).toEqual([...FORMATS].sort());
    expect(OUTPUT_FORMATS.png).toMatchObject({ contentType: 'image/png', raster: true });
    expect(OUTPUT_FORMATS.webp).toMatchObject({ contentType: 'image/webp', raster: true });
    expect(OUTPUT_FORMATS.svg).toMatchObject({ contentType: 'image/svg+xml', raster: false });
    expect(OUTPUT_FORMATS.html.contentType).toMatch(/^text\/html/);
    expect(OUTPUT_FORMATS.json.render).toBeNull();
    // Which formats the engine draws (its name in the cache key) is the registry's word too.
    expect(Object.entries(OUTPUT_FORMATS).filter(([, f]) => f.byEngine).map(([k]) => k)).toEqual(["png", "webp", "svg"]);
  });

  it('a raster format the engine cannot encode is served as PNG with the reason; other formats pass through', () => {
    expect(servedFormat('webp', pngOnly)).toEqual({ format: 'png', substituted: 'webp is not available from the png-only engine; served png' });
    expect(servedFormat('png', pngOnly)).toEqual({ format: 'png', substituted: null });
    expect(servedFormat('svg', pngOnly)).toEqual({ format: 'svg', substituted: null });
  });

  it('the route says which engine-made format it served (header), and WebP is real WebP from the default engine', async () => {
    const v = await fixtureApp();
    const res = await v.app.request('/v1/creative?campaign=c-run&size=300x250&region=SA-01&format=webp');
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (res.headers.get('x-vitrine-fallback')) throw new Error(`fallback: ${res.headers.get('x-vitrine-fallback')}`);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(new TextDecoder().decode(bytes.subarray(8, 12))).toBe('WEBP');
    expect(res.headers.get('x-vitrine-format-fallback')).toBeNull();
    await v.close();
  });
});
