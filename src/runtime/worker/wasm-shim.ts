// Imported before anything else (index.ts). satori 0.63 shapes text with HarfBuzz, whose wasm
// it carries as bytes and compiles when it loads; Workers refuse to compile code from bytes.
// The identical hb.wasm from the harfbuzzjs package (test/worker/harfbuzz.test.ts checks the
// bytes) is imported as a precompiled module, and instantiating those bytes is redirected to it.
import hbModule from 'harfbuzzjs/hb.wasm';
import { isHarfBuzz } from './harfbuzz.ts';

const instantiate = WebAssembly.instantiate.bind(WebAssembly) as (s: unknown, i?: WebAssembly.Imports) => Promise<unknown>;
(WebAssembly as { instantiate: unknown }).instantiate = (source: unknown, imports?: WebAssembly.Imports) => {
  if (!isHarfBuzz(source)) return instantiate(source, imports);
  return (instantiate(hbModule, imports) as Promise<WebAssembly.Instance>).then((instance) => ({ module: hbModule, instance }));
};

// Emscripten's loader reads `self.location.href` in a worker scope; workerd has no location.
const scope = globalThis as { location?: { href: string } };
scope.location ??= { href: 'https://vitrine.invalid/' };
