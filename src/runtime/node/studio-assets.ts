// The studio's third-party assets (uPlot) read from node_modules once at start: served by the app
// from its own origin, never from a CDN.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { StudioAssetFiles } from '../../studio/assets.ts';

const require = createRequire(import.meta.url);
let loaded: StudioAssetFiles | null = null;

export function loadNodeStudioAssets(): StudioAssetFiles {
  loaded ??= new Map([
    ['uplot.js', { body: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'), type: 'text/javascript; charset=utf-8' }],
    ['uplot.css', { body: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'), type: 'text/css; charset=utf-8' }],
  ]);
  return loaded;
}
