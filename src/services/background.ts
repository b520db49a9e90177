// Work that must not delay an answer (pre-rendering an approved campaign): started at once, never
// awaited by the request, its errors logged. Node simply lets it run; the Workers handler hands
// `idle()` to ctx.waitUntil so the isolate outlives the response until it is done. Tests await idle().
import type { Logger } from './deps.ts';

export class Background {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  run(what: string, task: () => Promise<unknown>): void {
    const p: Promise<void> = Promise.resolve()
      .then(task)
      .then(
        () => undefined,
        (err: unknown) => this.log.error(`background ${what} failed`, { err: String(err) }),
      )
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Resolves when every task started so far (and any they started) has settled. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
