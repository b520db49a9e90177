// The studio's third-party assets (uPlot) bundled into the worker as text (the Text rule in
// wrangler.toml): served from the worker's own origin, no CDN, no file system.
import uplotJs from 'uplot/dist/uPlot.iife.min.js';
import uplotCss from 'uplot/dist/uPlot.min.css';
import type { StudioAssetFiles } from '../../studio/assets.ts';

export const workerStudioAssets: StudioAssetFiles = new Map([
  ['uplot.js', { body: uplotJs, type: 'text/javascript; charset=utf-8' }],
  ['uplot.css', { body: uplotCss, type: 'text/css; charset=utf-8' }],
]);
