// The hand-written reader of OpenRTB requests (openrtb/request-fast.ts) against the zod schemas it
// stands in for: on every fixture request and on generated ones (valid, sloppy, wrong-typed,
// missing fields), parseBidRequest gives the same result, or the same refusal naming the same
// field, with the fast path as without it.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBidRequest } from '../src/openrtb/request.ts';
import { BAIL, fastImp, fastRequest, IMP_SHAPE, REQUEST_SHAPE } from '../src/openrtb/request-fast.ts';

type Out = { ok: true; value: unknown } | { ok: false; message: string; field: unknown };
function outcome(body: unknown, fast: boolean): Out {
  try {
    // A JSON round trip: what the route hands over is parsed JSON (and undefined keys vanish, as they would on the wire).
    return { ok: true, value: JSON.parse(JSON.stringify(parseBidRequest(structuredClone(body), { fast }))) };
  } catch (err) {
    return { ok: false, message: (err as Error).message, field: (err as { field?: unknown }).field };
  }
}

const wrong = fc.oneof(fc.constant(null), fc.string({ maxLength: 4 }), fc.integer(), fc.double(), fc.boolean(), fc.constant([]), fc.constant({}), fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), { maxLength: 3 }), fc.constantFrom('0', '1', 0, 1, 2, -1, 1e308));

interface Shape {
  [key: string]: Spec;
}
type Spec = string | { arr: Shape; max?: number } | Shape;
function valueFor(spec: Spec, depth: number, noisy: boolean): fc.Arbitrary<unknown> {
  const good = (() => {
    switch (spec) {
      case 's':
        return fc.string({ maxLength: 6 });
      case 'n':
        return fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }));
      case 'ss':
        return fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 });
      case 'ns':
        return fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 });
      case 'f':
        return fc.constantFrom(0, 1, '0', '1');
      case 'u':
        return fc.oneof(fc.constant({ private_auction: 1, deals: [{ id: 'd1', bidfloor: 2 }] }), fc.constant(null), fc.constant(7));
      case 'coppa':
        return fc.constantFrom(0, 1, '0', '1', null, true);
    }
    if (typeof spec === 'object' && 'arr' in spec && typeof spec.arr === 'object') {
      const a = spec as { arr: Record<string, Spec>; max?: number };
      return fc.array(objectFor(a.arr, depth + 1, noisy), { maxLength: 3 });
    }
    return objectFor(spec as Record<string, Spec>, depth + 1, noisy);
  })();
  // Mostly well-typed (the fast path), sometimes not (zod reads it).
  return noisy ? fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: wrong }) : good;
}
function objectFor(shape: Record<string, Spec>, depth: number, noisy: boolean): fc.Arbitrary<Record<string, unknown>> {
  if (depth > 5) return fc.constant({});
  const rec: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, s] of Object.entries(shape)) {
    // `malformed` is readImp's own field: a request may carry one (zod reads it), a clean one does not.
    if (s === 'zod') {
      if (noisy) rec[k] = fc.oneof(fc.constant([{ field: 'bidfloor', why: 'x' }]), wrong);
      continue;
    }
    rec[k] = valueFor(s, depth, noisy);
  }
  return fc.record({ ...rec, extra: fc.string({ maxLength: 3 }) }, { requiredKeys: [] });
}
// Half the requests well-typed throughout (the fast path), half with wrong types sprinkled in (zod's).
const impArb = (noisy: boolean) => fc.tuple(objectFor(IMP_SHAPE, 0, noisy), noisy ? fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 9 }), wrong) : fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 9 }))).map(([o, id]) => ({ ...o, id }));
const requestArb = fc.boolean().chain((noisy) =>
  fc
    .tuple(objectFor(REQUEST_SHAPE, 0, noisy), noisy ? fc.oneof({ weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 4 }) }, { weight: 1, arbitrary: wrong }) : fc.string({ minLength: 1, maxLength: 4 }), noisy ? fc.oneof({ weight: 5, arbitrary: fc.array(impArb(true), { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: wrong }) : fc.array(impArb(false), { minLength: 1, maxLength: 3 }))
    .map(([o, id, imp]) => ({ ...o, id, imp })),
);

describe('fast OpenRTB request reading', () => {
  it('reads every fixture request as zod does', () => {
    const dir = new URL('./fixtures/openrtb/', import.meta.url);
    let fastHits = 0;
    for (const f of readdirSync(dir)) {
      const fx = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { request?: unknown };
      if (typeof fx.request !== 'object' || fx.request === null) continue;
      expect(outcome(fx.request, true), f).toEqual(outcome(fx.request, false));
      if (fastRequest({ ...(fx.request as Record<string, unknown>) }) !== BAIL) fastHits++;
    }
    // The fixtures are what exchanges send: most take the fast path.
    expect(fastHits).toBeGreaterThan(30);
  });

  it('reads generated requests as zod does, including the refusals', () => {
    let fastHits = 0;
    let impHits = 0;
    fc.assert(
      fc.property(requestArb, (req) => {
        expect(outcome(req, true)).toEqual(outcome(req, false));
        if (fastRequest({ ...req }) !== BAIL) fastHits++;
        if (Array.isArray(req.imp) && req.imp.some((i) => fastImp(i) !== BAIL)) impHits++;
      }),
      { numRuns: 3000 },
    );
    // Both paths were exercised (each request and imp, well-typed or not).
    expect(fastHits).toBeGreaterThan(1000);
    expect(impHits).toBeGreaterThan(1000);
  });

  it('takes the fast path for a typical request and leaves wrong types to zod', () => {
    const imp = { id: 1, tagid: 'pl', banner: { w: 300, h: 250, format: [{ w: 300, h: 250 }] }, unknown: { x: 1 } };
    expect(fastImp(imp)).toEqual({ id: '1', tagid: 'pl', banner: { w: 300, h: 250, format: [{ w: 300, h: 250 }] } });
    expect(fastImp({ ...imp, banner: { w: '300' } })).toBe(BAIL);
    expect(fastRequest({ id: 'r', imp: [imp], device: { geo: { country: 'ARE' } } })).toMatchObject({ id: 'r', device: { geo: { country: 'ARE' } } });
    expect(fastRequest({ id: 'r', imp: [imp], tmax: '200' })).toBe(BAIL);
    expect(fastRequest({ id: '', imp: [imp] })).toBe(BAIL);
    // A refusal still names its field (zod's message).
    expect(() => parseBidRequest({ imp: [imp] })).toThrow(/^id: /);
  });
});
