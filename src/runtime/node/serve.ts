// The Node HTTP server: @hono/node-server, with request bodies of a declared, small length read
// off the IncomingMessage with plain 'data'/'end' listeners and handed to the app already read.
// The adapter's own path builds a full undici Request for any request whose body is touched
// (an AbortController, a Headers copy, `Readable.toWeb` under a pulling ReadableStream): a bare
// POST route cost 0.17 ms of CPU against 0.04 ms for a GET (quiet machine), more than all the
// HTTP work of a cached bid. Here the request keeps the adapter's lightweight object, and its
// body readers (`text`, `json`, `arrayBuffer`, `bytes`, `body`) answer from the bytes; anything
// else (`formData`, `blob`, `clone`, `signal`, `new Request(req)`) still builds the full Request,
// from the same bytes (`incoming.rawBody`, the adapter's own fast path). Limits stay where they were: a body is
// buffered here only when its Content-Length is within the route's limit (BODY_LIMITS) and
// BUFFER_MAX, so nothing over a limit is ever held; the app's body-limit middleware and the
// routes' own readers (gzip, imp counting) see the same bytes as before. Chunked bodies, streamed
// routes (feeds, profile imports) and larger bodies keep the adapter's streaming path.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { ruleFor } from '../../http/limits.ts';

/** Largest body read whole before the app sees it; larger ones stream as they arrive. */
export const BUFFER_MAX = 1024 * 1024;

/** How many bytes of this request's body may be buffered up front (0 = stream it). */
export type BufferLimit = (method: string, path: string) => number;

/** The route's limit from BODY_LIMITS (0 for routes whose bodies are streamed to an importer), at most BUFFER_MAX. */
export const routeBufferLimit: BufferLimit = (method, path) => {
  const rule = ruleFor(method, path);
  return rule.streamed ? 0 : Math.min(rule.bytes, BUFFER_MAX);
};

type Incoming = IncomingMessage & { rawBody?: Buffer };

/** The declared body length when it alone frames the body (no Transfer-Encoding), else null. */
function declaredLength(req: IncomingMessage): number | null {
  const cl = req.headers['content-length'];
  if (cl === undefined || req.headers['transfer-encoding'] !== undefined || !/^\d{1,12}$/.test(cl)) return null;
  return Number(cl);
}

/**
 * Wraps the adapter's request listener: a body whose declared length is 1..limit bytes is read
 * into one Buffer first. A request whose body never completes (the client went away) is never
 * handed to the app: there is nobody left to answer.
 */
export function bufferedBodies(listener: RequestListener, limitFor: BufferLimit = routeBufferLimit): RequestListener {
  return (incoming: Incoming, outgoing: ServerResponse) => {
    const method = incoming.method ?? 'GET';
    if (method === 'GET' || method === 'HEAD') return listener(incoming, outgoing);
    const n = declaredLength(incoming);
    const url = incoming.url ?? '/';
    const q = url.indexOf('?');
    if (n === null || n === 0 || n > limitFor(method, q < 0 ? url : url.slice(0, q))) return listener(incoming, outgoing);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    };
    const onEnd = () => {
      cleanup();
      // Node's parser frames the body by Content-Length: `size` is `n` here.
      incoming.rawBody = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      void listener(incoming, outgoing);
    };
    const onGone = () => {
      cleanup();
      chunks.length = 0;
    };
    const cleanup = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onGone);
      incoming.off('close', onGone);
    };
    incoming.on('data', onData);
    incoming.once('end', onEnd);
    incoming.once('error', onGone);
    incoming.once('close', onGone);
  };
}

const dec = new TextDecoder();

/**
 * Gives the adapter's lightweight request body readers over `bytes` (own properties, shadowing
 * the prototype's getters that would build a full Request). One read per body, as on any Request.
 */
export function withReadBody(req: Request, bytes: Uint8Array): Request {
  let used = false;
  let stream: ReadableStream<Uint8Array> | null = null;
  const take = (): Uint8Array => {
    if (used || stream?.locked) throw new TypeError('Body is unusable: Body has already been read');
    used = true;
    return bytes;
  };
  const read = <T>(f: (b: Uint8Array) => T) => async (): Promise<T> => f(take());
  Object.defineProperties(req, {
    bodyUsed: { get: () => used },
    body: {
      // Made on first access, filled on first read (a byte stream pulls only when read): looking at `body` uses nothing.
      get: () =>
        (stream ??= new ReadableStream({
          type: 'bytes',
          pull(c) {
            if (used) return c.error(new TypeError('Body is unusable: Body has already been read'));
            used = true;
            // A copy the consumer may own (a byte stream transfers what it is given).
            c.enqueue(bytes.slice());
            c.close();
          },
        })),
    },
    text: { value: read((b) => dec.decode(b)) },
    json: { value: read((b) => JSON.parse(dec.decode(b)) as unknown) },
    arrayBuffer: { value: read((b) => b.slice().buffer) },
    bytes: { value: read((b) => b.slice()) },
  });
  return req;
}

export interface NodeServeOptions {
  fetch: (req: Request, env: unknown) => Response | Promise<Response>;
  port: number;
  hostname?: string;
  /** `false`: the adapter's own streaming body path for every request (the benchmark's baseline). */
  bufferBodies?: boolean;
}

/** Listens with the Hono app (`serve` of @hono/node-server with the buffered-body listener). */
export function serveNode(options: NodeServeOptions, onListening?: (info: AddressInfo) => void): Server {
  const buffer = options.bufferBodies !== false;
  const fetch = options.fetch;
  return serve(
    {
      fetch: buffer
        ? (req, env) => {
            const raw = (env as { incoming?: Incoming }).incoming?.rawBody;
            return fetch(raw ? withReadBody(req, new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)) : req, env);
          }
        : fetch,
      port: options.port,
      ...(options.hostname ? { hostname: options.hostname } : {}),
      createServer: ((opts: ServerOptions, listener: RequestListener) => createServer(opts, buffer ? bufferedBodies(listener) : listener)) as typeof createServer,
    },
    onListening,
  ) as Server;
}
