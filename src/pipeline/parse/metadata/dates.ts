/**
 * Dates as the record carries them: ISO 8601, the source's time zone kept ("…T17:50:00-05:00"),
 * a date-only value stays a date ("2024-01-03"), a time without zone stays without one.
 */

export interface DatePlausibility {
  /** Earliest acceptable year. Default 1990 (no news page predates the web). */
  minYear?: number;
  /** Latest acceptable instant, ms since epoch. Default: now + 2 days (time-zone slack). */
  maxTime?: number;
}

/** Month names by their first three letters, in en/de/fr/es/pt/it/ru/uk (no prefix means two months). */
const MONTH_PREFIXES: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  mär: 3, mae: 3, mai: 5, okt: 10, dez: 12, fév: 2, fev: 2, avr: 4, aoû: 8, aou: 8, déc: 12,
  ene: 1, abr: 4, ago: 8, dic: 12, set: 9, out: 10, gen: 1, mag: 5, giu: 6, lug: 7, ott: 10,
  янв: 1, фев: 2, мар: 3, апр: 4, мая: 5, май: 5, июн: 6, июл: 7, авг: 8, сен: 9, окт: 10, ноя: 11, дек: 12,
  січ: 1, лют: 2, бер: 3, кві: 4, тра: 5, чер: 6, лип: 7, сер: 8, вер: 9, жов: 10, лис: 11, гру: 12,
};

function monthOf(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (lower.startsWith('juin')) return 6; // French juin/juillet share "jui"
  if (lower.startsWith('juil')) return 7;
  return MONTH_PREFIXES[lower.slice(0, 3)];
}

/** Zone abbreviations that RFC 2822 and US sites use. */
const ZONES: Record<string, string> = {
  z: 'Z', gmt: 'Z', utc: 'Z', ut: 'Z', est: '-05:00', edt: '-04:00', cst: '-06:00', cdt: '-05:00', mst: '-07:00',
  mdt: '-06:00', pst: '-08:00', pdt: '-07:00', bst: '+01:00', cet: '+01:00', cest: '+02:00', msk: '+03:00',
};

const ISO_RE = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;
const TEXT_RE =
  /(?:(\d{1,2})(?:st|nd|rd|th|er|º)?(?:\.?\s+(?:de\s+|of\s+)?|-)(\p{L}{3,10})(?:\.?,?\s+(?:de\s+)?|-)(\d{4})|(\p{L}{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))(?:,?\s+(?:at\s+|às\s+|à\s+|um\s+|в\s+)?(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*([a-z]{1,4}|[+-]\d{2}:?\d{2})?)?/iu;
const GLUED_RE = /(\p{Ll})(\p{Lu})/gu;
const GLUE_TEST_RE = /\p{Ll}\p{Lu}/u;
/** Words a layout glued set apart ("Mental HealthDECEMBER 22, 2022" → "… Health DECEMBER 22"): the month is a word of its own. */
export function unglue(text: string): string {
  // The test spares the replace (and a new string) on the many texts with nothing glued.
  return GLUE_TEST_RE.test(text) ? text.replace(GLUED_RE, '$1 $2') : text;
}
/** Day, month, year with one separator throughout ("19.11.2019", "02-12-2025", "8/1/2025"). */
const DMY_RE = /\b(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b/;
/** Year first inside text ("Published: 2025.12.17", "on 2024-11-06"). */
const YMD_RE = /\b((?:19|20)\d{2})([./-])(\d{1,2})\2(\d{1,2})\b/;

const pad = (n: number): string => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function zoneOf(raw: string | undefined): string | null | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (/^[+-]\d{2}/.test(raw)) {
    const digits = raw.replace(':', '');
    return `${digits.slice(0, 3)}:${digits.length >= 5 ? digits.slice(3, 5) : '00'}`;
  }
  const zone = ZONES[raw.toLowerCase()];
  return zone ?? null;
}

function build(y: number, m: number, d: number, time?: { h: number; min: number; s: number; frac?: string; zone?: string }): string | null {
  if (!validDate(y, m, d)) return null;
  const date = `${y}-${pad(m)}-${pad(d)}`;
  if (time === undefined) return date;
  if (time.h > 23 || time.min > 59 || time.s > 59) return null;
  return `${date}T${pad(time.h)}:${pad(time.min)}:${pad(time.s)}${time.frac ?? ''}${time.zone ?? ''}`;
}

/**
 * Parses ISO 8601, RFC 2822 and written forms in several languages ("Nov. 19, 2019 5:50 PM EST",
 * "19.11.2019", "22 de janeiro de 2018 às 0:13", "3 января 2024"); the first date in the value wins.
 */
export function normalizeDate(raw: string): string | null {
  const value = raw.trim();
  if (value === '') return null;
  const iso = ISO_RE.exec(value);
  if (iso !== null && (value.includes('-') || value.length === 8)) {
    const [, y, m, d, h, min, s, frac, zone] = iso;
    if (h === undefined) return build(+y, +m, +d);
    const tz = zoneOf(zone);
    return build(+y, +m, +d, { h: +h, min: +min, s: s === undefined ? 0 : +s, frac: frac?.slice(0, 4), zone: tz ?? undefined });
  }
  let text = TEXT_RE.exec(value);
  // A month glued to the word before it ("HealthDECEMBER 22") is read once the words are set apart.
  if (text !== null && monthOf(text[2] ?? text[4]) === undefined) {
    const apart = unglue(value);
    if (apart !== value) text = TEXT_RE.exec(apart);
  }
  if (text !== null) {
    const day = +(text[1] ?? text[5]);
    const month = monthOf(text[2] ?? text[4]);
    const year = +(text[3] ?? text[6]);
    if (month === undefined) return null;
    if (text[7] === undefined) return build(year, month, day);
    let hour = +text[7];
    const meridiem = text[10]?.toLowerCase().replace(/\./g, '');
    if (meridiem === 'pm' && hour < 12) hour += 12;
    if (meridiem === 'am' && hour === 12) hour = 0;
    const zone = zoneOf(text[11]);
    return build(year, month, day, { h: hour, min: +text[8], s: text[9] === undefined ? 0 : +text[9], zone: zone ?? undefined });
  }
  const dmy = DMY_RE.exec(value);
  // Day first unless that cannot be a date ("10/31/2024" is US month-first).
  if (dmy !== null) return build(+dmy[4], +dmy[3], +dmy[1]) ?? build(+dmy[4], +dmy[1], +dmy[3]);
  const ymd = YMD_RE.exec(value);
  return ymd === null ? null : build(+ymd[1], +ymd[3], +ymd[4]);
}

/**
 * The month-first reading of a numeric date that normalizeDate read day first ("09.10.2024" → 2024-09-10),
 * when both readings are dates and differ; null otherwise. What the page's other dates decide between.
 */
export function monthFirstReading(raw: string): string | null {
  const value = raw.trim();
  if (ISO_RE.test(value) || TEXT_RE.test(value)) return null;
  const dmy = DMY_RE.exec(value);
  if (dmy === null || dmy[1] === dmy[3] || build(+dmy[4], +dmy[3], +dmy[1]) === null) return null;
  return build(+dmy[4], +dmy[1], +dmy[3]);
}

/** Rejects dates before minYear or in the future (a mis-parsed or placeholder value). */
export function isPlausibleDate(iso: string, options: DatePlausibility = {}): boolean {
  const year = Number(iso.slice(0, 4));
  if (year < (options.minYear ?? 1990)) return false;
  const time = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(time)) return false;
  return time <= (options.maxTime ?? Date.now() + 2 * 86_400_000);
}

/** A full date in a URL path: /2024/01/03/, /2019-11-19/, or an 8-digit 20191115 run. */
const URL_DATE_RE = /(?:^|\/)((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/_.+-]|$)/;
const URL_COMPACT_RE = /(?:^|[^\d])((?:19|20)\d{2})(\d{2})(\d{2})(?:[^\d]|$)/;

export function dateFromUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const match = URL_DATE_RE.exec(path) ?? URL_COMPACT_RE.exec(path);
  if (match === null) return null;
  return build(+match[1], +match[2], +match[3]);
}
