// How `npm start` runs the server, for the bench parts that time the serving path: the
// environment its start script sets (glibc's malloc tunables, README "Memory"), read from
// package.json so the bench and the server cannot drift apart.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };

/** The `GLIBC_TUNABLES` value `npm start` sets, or null when its script sets none. */
export const SERVER_TUNABLES: string | null = /(?:^|\s)GLIBC_TUNABLES=(\S+)\s/.exec(pkg.scripts.start)?.[1] ?? null;

/** This environment as `npm start` would give it to the server. */
export function serverEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return SERVER_TUNABLES ? { ...env, GLIBC_TUNABLES: SERVER_TUNABLES } : { ...env };
}
