// Wrangler bundles `.wasm` imports as compiled WebAssembly.Module objects and `.woff` imports
// (the Data rule in wrangler.toml) as ArrayBuffers: nothing is compiled from bytes at run time.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
declare module '*.woff' {
  const data: ArrayBuffer;
  export default data;
}
// The studio's chart library, bundled as text (Text rule in wrangler.toml).
declare module 'uplot/dist/uPlot.iife.min.js' {
  const source: string;
  export default source;
}
declare module '*.css' {
  const source: string;
  export default source;
}
