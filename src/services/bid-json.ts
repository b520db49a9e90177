// The bid response as bytes: JSON.stringify of the envelope, with each banner markup that comes
// from a cached unit spliced in as its pre-escaped UTF-8 pieces instead of being escaped and
// encoded again per bid. The bytes are exactly those of JSON.stringify(response) (tested).

const raw = new WeakMap<object, Uint8Array[]>();

/** Marks a bid's `adm` as available pre-escaped (the pieces must spell exactly JSON.stringify(adm) without its quotes). */
export function withEscapedAdm<T extends { adm: string }>(bid: T, pieces: Uint8Array[] | undefined): T {
  if (pieces) raw.set(bid, pieces);
  return bid;
}

const enc = new TextEncoder();
// A value no bid field holds: control characters never come out of the decision or the catalog unescaped in a quoted whole value.
const placeholder = (i: number) => `\u0000vitrine-adm-${i}\u0000`;

export interface BidResponse<B extends { adm: string }> {
  id: string;
  bidid: string;
  cur: string;
  seatbid: Array<{ seat: string; bid: B[] }>;
}

export function bidResponseBytes<B extends { adm: string }>(resp: BidResponse<B>): Uint8Array<ArrayBuffer> {
  const spliced: Uint8Array[][] = [];
  const seatbid = resp.seatbid.map((s) => ({
    ...s,
    bid: s.bid.map((b) => {
      const pieces = raw.get(b);
      if (!pieces) return b;
      // Same keys in the same order; the markup itself is never read (nor flattened) here.
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(b)) o[k] = k === 'adm' ? placeholder(spliced.push(pieces) - 1) : b[k as keyof B];
      return o;
    }),
  }));
  const json = JSON.stringify({ ...resp, seatbid });
  if (spliced.length === 0) return enc.encode(json) as Uint8Array<ArrayBuffer>;
  const out: Uint8Array[] = [];
  let at = 0;
  spliced.forEach((pieces, i) => {
    const mark = JSON.stringify(placeholder(i));
    const where = json.indexOf(mark, at);
    out.push(enc.encode(json.slice(at, where + 1)), ...pieces);
    at = where + mark.length - 1;
  });
  out.push(enc.encode(json.slice(at)));
  let size = 0;
  for (const p of out) size += p.byteLength;
  const bytes = new Uint8Array(size);
  let o = 0;
  for (const p of out) {
    bytes.set(p, o);
    o += p.byteLength;
  }
  return bytes;
}
