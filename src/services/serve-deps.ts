// What the serving pipeline (creative, tag, VAST, OpenRTB, preview) is handed: shared by routes and services.
import type { CreativeDeps } from './creative.ts';
import type { DecideDeps } from './decide-request.ts';
import type { ReplayCache } from './replay-cache.ts';
import type { UnitLinks } from './unit-links.ts';
import type { RenderCost, RenderWarmer } from './warmer.ts';

/** What the exchange paths (OpenRTB, render-on-fetch units) add. */
export interface ExchangeDeps {
  units: UnitLinks;
  warmer: RenderWarmer;
  htmlCost: RenderCost;
}

export type ServeDeps = CreativeDeps & DecideDeps & { replay: ReplayCache; exchange: ExchangeDeps };

/** The public origin links are signed for: the configured URL, else the request's own. */
export function originOf(deps: ServeDeps, url: string): string {
  return deps.config.publicUrl ?? new URL(url).origin;
}
