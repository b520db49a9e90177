// The Node HTTP server: @hono/node-server's `serve`, plus the request's arrival time, stamped on
// the server's own 'request' event (before the app, its middleware and the body read run) and
// handed to the app through the `arrival` port (AppDeps.arrival = nodeArrival). That event fires
// once the request's headers are parsed: the earliest moment JavaScript sees a request. Bytes
// waiting in the kernel while the thread is busy, or headers that trickle in, are not seen.
import type { IncomingMessage } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';

const arrived = new WeakMap<object, number>();

export function serveNode(options: Parameters<typeof serve>[0], listening?: Parameters<typeof serve>[1]): ServerType {
  const server = serve(options, listening);
  // Prepended: runs before the adapter's own listener builds the Request and calls the app.
  server.prependListener('request', (req: IncomingMessage) => arrived.set(req, performance.now()));
  return server;
}

/** When this request arrived (performance.now()), from the env @hono/node-server passes the app (`{ incoming, outgoing }`). */
export function nodeArrival(env: unknown): number | undefined {
  const incoming = (env as { incoming?: unknown } | undefined)?.incoming;
  return typeof incoming === 'object' && incoming !== null ? arrived.get(incoming) : undefined;
}
