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

/** Prebid's own Native conversions (src/native.js): legacy ad-unit assets → Native 1.2 request, and a Native response → the legacy fields a Prebid native template reads. */
export interface PrebidNative {
  toOrtbNativeRequest(legacy: Record<string, unknown>): { ver: string; assets: Array<Record<string, unknown>>; privacy?: number };
  toLegacyResponse(ortbResponse: unknown, ortbRequest: unknown): Record<string, unknown>;
}

export async function prebidNative(): Promise<PrebidNative> {
  await prebidConverter(); // sets up the minimal page the modules read at import
  // @ts-expect-error untyped compiled module from the prebid.js package
  return (await import('../../node_modules/prebid.js/dist/src/src/native.js')) as PrebidNative;
}
