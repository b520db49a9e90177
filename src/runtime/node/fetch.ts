// Outbound fetch for product photos on Node: https only, and every address the host name resolves
// to is checked at connect time (inside the socket's DNS lookup, so a rebinding answer cannot slip
// in between a check and the connection): loopback, private, link-local, CGNAT, multicast and
// unspecified ranges are refused unless the host is allow-listed for private use.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';

const blocked = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) blocked.addSubnet(net, bits, 'ipv6');

/** True when `address` is in a private, loopback or otherwise non-public range. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  // IPv4-mapped IPv6 (::ffff:a.b.c.d): judge the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  return blocked.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(Object.assign(new Error(`${hostname} resolves to ${bad.address}, a private or loopback address`), { code: 'EPRIVATEADDR' }), '', 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** A `fetch` for GET requests that checks every resolved address; `privateHosts` may resolve anywhere. */
export function guardedFetch(privateHosts: readonly string[]): typeof fetch {
  const allowed = new Set(privateHosts.map((h) => h.toLowerCase()));
  return (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== 'https:') throw new Error(`refused: ${url.protocol} is not https`);
    // A literal IP is checked here (no lookup happens for it).
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    const privateOk = allowed.has(url.hostname.toLowerCase());
    if (isIP(literal) && !privateOk && isPrivateAddress(literal)) throw new Error(`refused: ${literal} is a private or loopback address`);
    return new Promise<Response>((resolve, reject) => {
      const req = request(url, { method: 'GET', lookup: guardedLookup(privateOk), signal: init?.signal ?? undefined, headers: { accept: 'image/*' } }, (res) => {
        const status = res.statusCode ?? 502;
        // Redirects are not followed (the caller asks for redirect: 'error'): a 3xx is a failure.
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
        const body = status === 204 || status === 304 ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
        resolve(new Response(body, { status: status < 200 || status > 599 ? 502 : status, headers }));
      });
      req.on('error', reject);
      req.end();
    });
  }) as typeof fetch;
}
