// Local wall-clock time for a time zone, through Intl only (works on Node and Workers).
import type { Daypart, LocalTime } from './types.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function daypartOf(hour: number): Daypart {
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 17) return 'afternoon';
  if (hour >= 17 && hour < 22) return 'evening';
  return 'night';
}

/**
 * The wall clock read per zone for the current UTC minute: every request asks, and formatToParts
 * is the costliest step of normalizing signals. Exact: since 1973 every zone's offset is a whole
 * number of minutes, so the wall minute cannot change inside a UTC minute (earlier instants,
 * with second offsets, are always read afresh).
 */
const lastRead = new Map<string, { minute: number; parts: Record<string, string> }>();
const WHOLE_MINUTE_OFFSETS_SINCE = Date.UTC(1973, 0, 1);

function wallParts(now: number, tz: string): Record<string, string> {
  const minute = Math.floor(now / 60_000);
  const last = now >= WHOLE_MINUTE_OFFSETS_SINCE ? lastRead.get(tz) : undefined;
  if (last && last.minute === minute) return last.parts;
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(now))) parts[p.type] = p.value;
  // Zones come from region settings (validated); the bound only guards the map.
  if (now >= WHOLE_MINUTE_OFFSETS_SINCE && (lastRead.size < 1000 || lastRead.has(tz))) lastRead.set(tz, { minute, parts });
  return parts;
}

export function localTime(now: number, tz: string, weekendDays: readonly number[]): LocalTime {
  const parts = wallParts(now, tz);
  const hour = Number(parts.hour);
  const weekday = WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0;
  return {
    wall: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`,
    hour,
    weekday,
    daypart: daypartOf(hour),
    weekend: weekendDays.includes(weekday),
  };
}

/**
 * The instant a wall clock `YYYY-MM-DDTHH:mm` reads in `tz` (the studio simulates "Friday 19:00
 * in Riyadh"). Two refinements of the zone's offset settle DST; a wall time skipped by a DST jump
 * maps to the instant just after it.
 */
export function instantOfWall(wall: string, tz: string): number {
  const target = Date.parse(`${wall}:00Z`);
  let t = target;
  for (let i = 0; i < 2; i++) {
    const seen = Date.parse(`${localTime(t, tz, []).wall}:00Z`);
    t += target - seen;
  }
  return t;
}

/** The instant a local wall clock `YYYY-MM-DDTHH:mm` names in `tz` (DST gaps resolve forward). */
export function wallToInstant(wall: string, tz: string): number {
  const asUtc = Date.parse(`${wall}:00Z`);
  let t = asUtc;
  // Two corrections settle the zone offset, also across a DST change.
  for (let i = 0; i < 2; i++) t += asUtc - Date.parse(`${localTime(t, tz, []).wall}:00Z`);
  return t;
}
