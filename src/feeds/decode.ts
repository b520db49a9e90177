// Compressed feed uploads: gzip (Content-Encoding or the file itself) and zip (one feed file inside),
// recognized by their magic bytes, inflated as a stream with a bound on the inflated size (a small
// file must not inflate to gigabytes). Web-standard streams and fflate: runs on Node and Workers.
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { VitrineError } from '../domain/errors.ts';

export type Packing = 'gzip' | 'zip' | 'none';

/** What the first bytes say the upload is. */
export function packingOf(head: Uint8Array): Packing {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  return 'none';
}

/** Reads the first chunk (to sniff) and gives back a stream that still starts with it. */
async function peek(input: AsyncIterable<Uint8Array>): Promise<{ head: Uint8Array; rest: AsyncIterable<Uint8Array> }> {
  const it = input[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? new Uint8Array() : first.value;
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (head.length) yield head;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  }
  return { head, rest: rest() };
}

function bounded(limit: number): (n: number) => void {
  let total = 0;
  return (n) => {
    total += n;
    if (total > limit) throw new VitrineError('payload_too_large', `body: the feed inflates to more than ${limit} bytes (the limit for compressed uploads)`, 'body');
  };
}

async function* gunzip(input: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  const count = bounded(limit);
  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter();
  const pump = (async () => {
    for await (const chunk of input) await writer.write(chunk as Uint8Array<ArrayBuffer>);
    await writer.close();
  })().catch(async (err: unknown) => {
    await writer.abort(err).catch(() => {});
  });
  const reader = ds.readable.getReader();
  try {
    for (;;) {
      const r = await reader.read().catch((err: unknown) => {
        throw new VitrineError('bad_request', `body: not a valid gzip stream (${(err as Error).message})`, 'body');
      });
      if (r.done) break;
      count(r.value.length);
      yield r.value;
    }
  } finally {
    // Stopped early (a refused header, a bound broken): cancel so the pump's pending write settles.
    await reader.cancel().catch(() => {});
    await pump;
  }
}

/** The first non-directory entry of a zip archive (a feed export holds one file). */
async function* unzip(input: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  const count = bounded(limit);
  const queue: Uint8Array[] = [];
  let chosen: UnzipFile | null = null;
  let done = false;
  let failure: Error | null = null;
  const uz = new Unzip((file) => {
    if (chosen || file.name.endsWith('/')) return;
    chosen = file;
    file.ondata = (err, data, final) => {
      if (err) failure = err;
      else if (data.length) queue.push(data);
      if (final) done = true;
    };
    file.start();
  });
  uz.register(UnzipInflate);
  for await (const chunk of input) {
    try {
      uz.push(chunk);
    } catch (err) {
      throw new VitrineError('bad_request', `body: not a valid zip archive (${(err as Error).message})`, 'body');
    }
    if (failure) throw new VitrineError('bad_request', `body: not a valid zip archive (${(failure as Error).message})`, 'body');
    while (queue.length) {
      const d = queue.shift()!;
      count(d.length);
      yield d;
    }
  }
  uz.push(new Uint8Array(), true);
  while (queue.length) {
    const d = queue.shift()!;
    count(d.length);
    yield d;
  }
  if (!chosen) throw new VitrineError('bad_request', 'body: the zip archive holds no file; expected one feed file', 'body');
  if (!done) throw new VitrineError('bad_request', 'body: the zip archive ends inside its feed file', 'body');
}

/** The feed's own bytes, whether it came plain, gzipped or zipped, and how it came. */
export async function unpacked(input: AsyncIterable<Uint8Array>, maxInflated: number): Promise<{ packing: Packing; bytes: AsyncIterable<Uint8Array> }> {
  const { head, rest } = await peek(input);
  const packing = packingOf(head);
  if (packing === 'gzip') return { packing, bytes: gunzip(rest, maxInflated) };
  if (packing === 'zip') return { packing, bytes: unzip(rest, maxInflated) };
  return { packing, bytes: rest };
}

/** TSV or XML from the feed's first bytes: XML starts with `<` (after a BOM and white space). */
export async function sniffFormat(input: AsyncIterable<Uint8Array>): Promise<{ format: 'tsv' | 'xml'; bytes: AsyncIterable<Uint8Array> }> {
  const { head, rest } = await peek(input);
  const text = new TextDecoder().decode(head.subarray(0, 256)).replace(/^\uFEFF/, '').trimStart();
  return { format: text.startsWith('<') ? 'xml' : 'tsv', bytes: rest };
}
