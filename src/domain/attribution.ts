// Which ad touches a conversion is credited to. Pure: handed the touches, the windows and the model;
// returns credits (shares summing to 1) and the reason, never does I/O.
//  - Click-through: a click or QR scan within the click window (default 7 days).
//  - View-through: an impression within the view window (default 1 day), when no click qualifies.
//  - last_touch (default): the last qualifying click, else the last qualifying view, gets it all.
//  - position_based: 40% to the first and 40% to the last qualifying touch, 20% split over the
//    ones between (one touch: 100%; two: 50/50). Clicks and views both count as touches.

export type AttributionModel = 'last_touch' | 'position_based';
export const ATTRIBUTION_MODELS: readonly AttributionModel[] = ['last_touch', 'position_based'];
export type TouchKind = 'click' | 'view';

export interface Touch {
  decisionId: string;
  campaignId: string;
  variantId: string | null;
  kind: TouchKind;
  /** Epoch ms. */
  at: number;
}

export interface Credit {
  touch: Touch;
  /** Share of the conversion (0..1]; shares of one conversion sum to 1. */
  share: number;
}

export interface AttributionWindows {
  clickDays: number;
  viewDays: number;
}

export interface Attribution {
  credits: Credit[];
  /** click_through when a click qualified for the main (last) credit, view_through for a view. */
  kind: 'click_through' | 'view_through' | null;
  reason: string;
}

const DAY = 86_400_000;

function qualifies(t: Touch, at: number, w: AttributionWindows): boolean {
  const age = at - t.at;
  return age >= 0 && age <= (t.kind === 'click' ? w.clickDays : w.viewDays) * DAY;
}

function why(touches: Touch[], at: number, w: AttributionWindows): string {
  if (touches.length === 0) return 'unknown decision: no impression, click or scan recorded for it';
  const before = touches.filter((t) => t.at <= at);
  if (before.length === 0) return 'every touch was recorded after the conversion';
  const last = before.reduce((a, b) => (b.at > a.at ? b : a));
  const days = ((at - last.at) / DAY).toFixed(1);
  return `the last ${last.kind} was ${days} days earlier, outside the ${last.kind === 'click' ? `${w.clickDays}-day click` : `${w.viewDays}-day view`} window`;
}

export function attribute(touches: Touch[], at: number, w: AttributionWindows, model: AttributionModel): Attribution {
  const ok = touches.filter((t) => qualifies(t, at, w)).sort((a, b) => a.at - b.at);
  if (ok.length === 0) return { credits: [], kind: null, reason: why(touches, at, w) };
  const clicks = ok.filter((t) => t.kind === 'click');
  const lastClick = clicks[clicks.length - 1];
  const last = lastClick ?? ok[ok.length - 1]!;
  const kind = last.kind === 'click' ? 'click_through' : 'view_through';
  const when = new Date(last.at).toISOString();
  const windowText = last.kind === 'click' ? `${w.clickDays}-day click window` : `${w.viewDays}-day view window`;
  if (model === 'last_touch' || ok.length === 1) {
    return { credits: [{ touch: last, share: 1 }], kind, reason: `${kind === 'click_through' ? 'click-through' : 'view-through'}: ${last.kind} at ${when}, within the ${windowText} (last touch)` };
  }
  const credits: Credit[] = ok.length === 2 ? ok.map((touch) => ({ touch, share: 0.5 })) : ok.map((touch, i) => ({ touch, share: i === 0 || i === ok.length - 1 ? 0.4 : 0.2 / (ok.length - 2) }));
  return { credits, kind, reason: `position-based over ${ok.length} touches (40% first, 40% last, 20% between); last ${last.kind} at ${when}` };
}
