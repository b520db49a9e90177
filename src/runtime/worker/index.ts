// Cloudflare Workers entry (named in wrangler.toml): the same app as Node on D1 and WebAssembly.
import type { ExecutionContext, WorkerEnv } from './cf-types.ts';
import { handle, purgeProfiles, runFeeds } from './handler.ts';

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    return handle(request, env, ctx);
  },
  scheduled(_controller: unknown, env: WorkerEnv, ctx: ExecutionContext): void {
    ctx.waitUntil(purgeProfiles(env));
    ctx.waitUntil(runFeeds(env));
  },
};
