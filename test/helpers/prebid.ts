// Prebid.js's own ORTB converter (prebid.js/libraries/ortbConverter), loaded in Node. The
// package exports only its browser bundle, so the compiled module is imported by path; its
// utilities read `window`, `location` and `document` at import, given here as a minimal page.
export interface OrtbConverter {
  toORTB(args: { bidRequests: unknown[]; bidderRequest: unknown; context?: Record<string, unknown> }): Record<string, unknown> & { imp: Array<Record<string, unknown>> };
  fromORTB(args: { request: unknown; response: unknown }): { bids: Array<Record<string, unknown>> };
}

export async function prebidConverter(): Promise<OrtbConverter> {
  const g = globalThis as Record<string, unknown>;
  const page = new URL('https://publisher.example/article');
  g.window ??= globalThis;
  g.location ??= page;
  g.document ??= { referrer: '', location: page, createElement: () => ({}), getElementsByTagName: () => [], querySelector: () => null, head: {}, body: {}, addEventListener() {} };
  // @ts-expect-error untyped compiled module from the prebid.js package
  const m = (await import('../../node_modules/prebid.js/dist/src/libraries/ortbConverter/converter.js')) as { ortbConverter(opts: unknown): OrtbConverter };
  return m.ortbConverter({ context: { netRevenue: true, ttl: 300, currency: 'USD' } });
}
