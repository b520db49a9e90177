// What a video imp allows Vitrine to serve, from AdCOM's video fields. Pure. Vitrine has no video
// files, so it answers only the non-linear formats of the IAB CTV ad portfolio, each as a VAST
// NonLinear: the lower-third overlay, the pause ad, the in-scene unit and the L-shape (squeezeback).
// Anything linear, contradictory or unknown is a no-bid with its reason, never a guess.

/** A non-linear format and the canvas it is drawn on. */
export type CtvFormat = 'overlay' | 'pause' | 'inscene' | 'lshape';

export interface VideoFields {
  w?: number | undefined;
  h?: number | undefined;
  plcmt?: number | undefined;
  placement?: number | undefined;
  linearity?: number | undefined;
  startdelay?: number | undefined;
  protocols?: number[] | undefined;
}

export interface VastVersion {
  /** `version` attribute of the document. */
  version: '4.3' | '4.2' | '4.1' | '3.0';
  /** AdCOM Creative Subtype (bid.protocol). */
  protocol: number;
}

/** VAST versions Vitrine writes, newest first, with their AdCOM protocol codes (inline, not wrapper). */
export const VAST_VERSIONS: readonly VastVersion[] = [
  { version: '4.2', protocol: 13 },
  { version: '4.3', protocol: 15 },
  { version: '4.1', protocol: 11 },
  { version: '3.0', protocol: 3 },
];

export type VideoSlot =
  | { ok: true; format: CtvFormat; size: { w: number; h: number }; vast: VastVersion }
  | { ok: false; reason: string };

// AdCOM Plcmt Subtypes – Video: 5 pause, 7 overlay, 8 squeezeback (L-shape), 9 in-scene; 1–4 and 6 are linear or not ours.
const PLCMT_FORMAT = new Map<number, CtvFormat>([
  [5, 'pause'],
  [7, 'overlay'],
  [8, 'lshape'],
  [9, 'inscene'],
]);

/** Largest canvas a CTV format is drawn at; bigger declared players get the same layout scaled by the player. */
const MAX_SIDE = 3840;
const MIN_SIDE = 120;

/** The newest VAST version the request accepts; absent `protocols` means any (4.2). */
export function vastVersionFor(protocols: number[] | undefined): VastVersion | null {
  if (!protocols || protocols.length === 0) return VAST_VERSIONS[0]!;
  return VAST_VERSIONS.find((v) => protocols.includes(v.protocol)) ?? null;
}

/** The format a video imp asks for, or why Vitrine does not bid on it. */
export function videoSlot(v: VideoFields, ctvDevice: boolean): VideoSlot {
  if (v.linearity !== undefined && v.linearity !== 1 && v.linearity !== 2) return { ok: false, reason: `video.linearity ${v.linearity} is not a known mode` };
  if (v.linearity === 1) return { ok: false, reason: 'linear video: Vitrine has no video creative' };
  let format: CtvFormat | undefined;
  if (v.plcmt !== undefined) {
    format = PLCMT_FORMAT.get(v.plcmt);
    if (!format) return { ok: false, reason: `video.plcmt ${v.plcmt} is a linear or unsupported placement` };
  } else if (v.linearity === 2) {
    format = 'overlay';
  } else {
    // Neither plcmt nor linearity: the slot may well be an instream pre-roll. 2.5's `placement`
    // values (in-stream, in-banner, in-article, in-feed, interstitial) never mean an overlay.
    return { ok: false, reason: v.placement !== undefined ? `video.placement ${v.placement} does not allow a non-linear overlay` : 'video: neither linearity 2 nor an overlay plcmt' };
  }
  // A start delay names an ad break: linear by definition, whatever else the request says.
  if (v.startdelay !== undefined && v.linearity !== 2 && format === 'overlay' && v.plcmt === undefined) return { ok: false, reason: 'video.startdelay names an ad break' };
  const vast = vastVersionFor(v.protocols);
  if (!vast) return { ok: false, reason: `video.protocols [${(v.protocols ?? []).join(',')}] accept no inline VAST 3.0, 4.1, 4.2 or 4.3` };
  const size = canvas(format, v, ctvDevice);
  if (!size) return { ok: false, reason: `video.w/h ${v.w}x${v.h} is outside ${MIN_SIDE}..${MAX_SIDE}` };
  return { ok: true, format, size, vast };
}

function canvas(format: CtvFormat, v: VideoFields, ctvDevice: boolean): { w: number; h: number } | null {
  const w = v.w;
  const h = v.h;
  // A negative side is malformed (no bid); 0 or a missing side means the player did not say.
  if ((w !== undefined && w < 0) || (h !== undefined && h < 0)) return null;
  if (w === undefined || h === undefined || w === 0 || h === 0) {
    // The overlay is drawn on a full-HD frame the player scales; other formats need their size.
    return format === 'overlay' || (format === 'pause' && ctvDevice) ? { w: 1920, h: 1080 } : null;
  }
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < MIN_SIDE || h < MIN_SIDE || w > MAX_SIDE || h > MAX_SIDE) return null;
  return { w, h };
}
