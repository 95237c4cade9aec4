import type { Lang } from '../config.js';
import { ErrorCodes, HelpdeskError } from '../errors.js';

/**
 * Business hours such as "mon-fri 09:00-18:00" in the company time zone, evaluated with the Intl
 * APIs only (no date library): is the team in now, and when does it open next. The SLA clock and
 * the out-of-hours message both depend on it; tests move a ManualClock across nights, weekends
 * and DST changes.
 */
export interface BusinessHours {
  /** Weekdays the team works, 0 = Sunday ... 6 = Saturday. */
  days: ReadonlySet<number>;
  /** Minutes after local midnight. `end <= start` means the shift runs past midnight. */
  startMinute: number;
  endMinute: number;
  timeZone: string;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const SPEC = /^(\w{3})-(\w{3}) (\d\d):(\d\d)-(\d\d):(\d\d)$/;

/** Parses the BUSINESS_HOURS format (config validates it first; this throws on anything else). */
export function parseBusinessHours(spec: string, timeZone: string): BusinessHours {
  const m = SPEC.exec(spec.trim().toLowerCase());
  const from = DAY_NAMES.indexOf(m?.[1] ?? '');
  const to = DAY_NAMES.indexOf(m?.[2] ?? '');
  if (!m || from < 0 || to < 0) {
    throw new HelpdeskError(
      ErrorCodes.CONFIG_INVALID,
      `BUSINESS_HOURS "${spec}": expected e.g. "mon-fri 09:00-18:00"`,
    );
  }
  const days = new Set<number>();
  for (let d = from; ; d = (d + 1) % 7) {
    days.add(d);
    if (d === to) break;
  }
  const startMinute = Number(m[3]) * 60 + Number(m[4]);
  const endMinute = Number(m[5]) * 60 + Number(m[6]);
  return { days, startMinute, endMinute, timeZone };
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minute: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock date and time of `at` in `timeZone`. */
function localTime(at: Date, timeZone: string): LocalTime {
  let fmt = partsFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    partsFormatters.set(timeZone, fmt);
  }
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: DAY_NAMES.indexOf((parts.weekday ?? '').toLowerCase().slice(0, 3)),
    minute: (Number(parts.hour) % 24) * 60 + Number(parts.minute),
  };
}

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const t = localTime(new Date(ms), timeZone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, Math.floor(t.minute / 60), t.minute % 60);
  return asUtc - Math.floor(ms / 60_000) * 60_000;
}

/** The instant a wall-clock time happens in `timeZone` (DST-aware). */
export function zonedTime(year: number, month: number, day: number, minute: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, Math.floor(minute / 60), minute % 60);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  return new Date(second);
}

function fullDay(h: BusinessHours): boolean {
  return h.startMinute === h.endMinute;
}

/** True while the team is in. */
export function isOpen(h: BusinessHours, at: Date): boolean {
  const t = localTime(at, h.timeZone);
  if (fullDay(h)) return h.days.has(t.weekday);
  if (h.startMinute < h.endMinute) {
    return h.days.has(t.weekday) && t.minute >= h.startMinute && t.minute < h.endMinute;
  }
  // Overnight shift: the evening part belongs to today, the early-morning part to yesterday.
  const yesterday = (t.weekday + 6) % 7;
  return (
    (h.days.has(t.weekday) && t.minute >= h.startMinute) || (h.days.has(yesterday) && t.minute < h.endMinute)
  );
}

/**
 * The instant the team opens on a day whose opening converts to `opening`. Usually `opening`
 * itself; but around a clock change the local start time may not exist (spring forward: the team
 * opens at the jump) or happen twice (fall back: it opens at the first). Then it is the first
 * minute near `opening` at which the team turns open, or undefined if it never does that day.
 */
function openingAfterGap(h: BusinessHours, opening: Date): Date | undefined {
  const minute = 60_000;
  const edge = (t: Date): boolean => isOpen(h, t) && !isOpen(h, new Date(t.getTime() - minute));
  const repeated = localTime(new Date(opening.getTime() - 60 * minute), h.timeZone).minute === h.startMinute;
  if (localTime(opening, h.timeZone).minute === h.startMinute && !repeated && edge(opening)) return opening;
  for (let m = -180; m <= 180; m++) {
    const t = new Date(opening.getTime() + m * minute);
    if (edge(t)) return t;
  }
  return undefined; // the whole working time fell in the gap: no opening that day
}

/** `at` itself when open, else the next instant the team starts work. */
export function nextOpening(h: BusinessHours, at: Date): Date {
  if (isOpen(h, at)) return at;
  const t = localTime(at, h.timeZone);
  for (let i = 0; i <= 7; i++) {
    const civil = new Date(Date.UTC(t.year, t.month - 1, t.day + i));
    if (!h.days.has(civil.getUTCDay())) continue;
    const opening = openingAfterGap(
      h,
      zonedTime(
        civil.getUTCFullYear(),
        civil.getUTCMonth() + 1,
        civil.getUTCDate(),
        h.startMinute,
        h.timeZone,
      ),
    );
    if (opening && opening.getTime() > at.getTime()) return opening;
  }
  return at;
}

const SHORT_DAYS: Record<Lang, string[]> = {
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  ru: ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'],
};

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** "Mon–Fri 09:00–18:00 (Europe/Moscow time)" / "пн–пт 09:00–18:00 (время Europe/Moscow)". */
export function formatHours(h: BusinessHours, lang: Lang): string {
  const days = [...h.days];
  const first = SHORT_DAYS[lang][days[0] ?? 1] ?? '';
  const last = SHORT_DAYS[lang][days[days.length - 1] ?? 5] ?? '';
  const range = days.length === 1 ? first : `${first}–${last}`;
  const time = fullDay(h)
    ? lang === 'ru'
      ? 'круглосуточно'
      : 'around the clock'
    : `${hhmm(h.startMinute)}–${hhmm(h.endMinute)}`;
  const zone = lang === 'ru' ? `(время ${h.timeZone})` : `(${h.timeZone} time)`;
  return `${range} ${time} ${zone}`;
}

/** A moment as people read it, in the company time zone: "Monday 12 January, 09:00". */
export function formatMoment(at: Date, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}
