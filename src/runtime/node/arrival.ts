// When a request reached the Node server: stamped on the server's own 'request' event, before any
// other listener (the adapter's, or one that reads the body first) and before the app, its
// middleware and the body read run; handed to the app through the `arrival` port
// (AppDeps.arrival = nodeArrival). That event fires once the request's headers are parsed: the
// earliest moment JavaScript sees a request. Bytes waiting in the kernel while the thread is busy,
// or headers that trickle in, are not seen.

const arrived = new WeakMap<object, number>();

/** A server that emits 'request' with the incoming request first (node:http, and @hono/node-server's `serve`). */
interface RequestEmitter {
  prependListener(event: 'request', listener: (req: object) => void): unknown;
}

/** Stamps every request this server receives (prepended: runs before the listeners already there). */
export function stampArrivals<S extends RequestEmitter>(server: S): S {
  server.prependListener('request', (req) => arrived.set(req, performance.now()));
  return server;
}

/** When this request arrived (performance.now()), from the env @hono/node-server passes the app (`{ incoming, outgoing }`). */
export function nodeArrival(env: unknown): number | undefined {
  const incoming = (env as { incoming?: unknown } | undefined)?.incoming;
  return typeof incoming === 'object' && incoming !== null ? arrived.get(incoming) : undefined;
}
