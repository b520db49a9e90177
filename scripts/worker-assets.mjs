// Fills .worker-assets/ (wrangler.toml `[assets]`, gitignored) from the installed npm packages:
// the Noto Emoji faces and the symbols fallback ride as Static Assets, which do not count toward the worker's 3 MB
// gzipped script limit. Run by wrangler's `[build] command` before `wrangler dev` and deploy.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'node_modules/@fontsource/noto-emoji/files');
const to = join(root, '.worker-assets/_fonts');
// The same 11 subsets the worker asks for (src/runtime/worker/fonts.ts EMOJI_SUBSETS).
const files = Array.from({ length: 11 }, (_, i) => `noto-emoji-${i}-400-normal.woff`);
const present = new Set(readdirSync(from));
const missing = files.filter((f) => !present.has(f));
if (missing.length) throw new Error(`@fontsource/noto-emoji is missing ${missing.join(', ')} (run npm ci)`);
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
for (const f of files) copyFileSync(join(from, f), join(to, f));
// The symbols fallback (src/runtime/node/fonts.ts SYMBOLS_FILE, worker/fonts.ts SYMBOLS_PATH).
copyFileSync(join(root, 'node_modules/@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff'), join(to, 'dejavu-sans-latin-400-normal.woff'));
console.log(`worker assets: ${files.length} emoji fonts and the symbols font → .worker-assets/_fonts/`);
