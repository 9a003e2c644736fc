/**
 * Date expressions in a sentence, resolved against the publication date: never into the future
 * (a bare weekday is the most recent one on or before the reference day). Results are ISO 8601
 * at the precision the text gives: day "2024-01-02", week "2023-W52", month "2022-02", year "2022".
 */
import type { Token } from './tokenize-text.js';
import { SPEECH_VERBS } from './casualty-lexicon.js';
import { digitsValue, wordValue } from './number-words.js';

/** `named`: a date that names another event ("the May 11 insider attack"), not the day of the narrative. */
export type DateRole = 'event' | 'statement' | 'future' | 'since' | 'named';

export interface DateMention {
  /** Token range [start, end). */
  start: number;
  end: number;
  iso: string;
  precision: 'day' | 'week' | 'month' | 'year';
  role: DateRole;
  /** Day number (days since epoch) for day precision: the anchor for "the day before". */
  day?: number;
}

const DAY_MS = 86_400_000;

const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  воскресенье: 0, понедельник: 1, вторник: 2, среда: 3, среду: 3, четверг: 4, пятница: 5, пятницу: 5,
  суббота: 6, субботу: 6, неділя: 0, неділю: 0, понеділок: 1, вівторок: 2, середа: 3, середу: 3,
  четвер: 4, "п'ятниця": 5, "п'ятницю": 5, субота: 6, суботу: 6,
};
const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
  января: 1, февраля: 2, марта: 3, апреля: 4, мая: 5, июня: 6, июля: 7, августа: 8, сентября: 9,
  октября: 10, ноября: 11, декабря: 12, січня: 1, лютого: 2, березня: 3, квітня: 4, травня: 5,
  червня: 6, липня: 7, серпня: 8, вересня: 9, жовтня: 10, листопада: 11, грудня: 12,
};
/**
 * A full stop between a month's day and its year, "(July 13. 2012)": a typo for the comma in a date,
 * not a sentence end. Only where the year closes the phrase (a bracket, a dash, the line's end), so
 * "on Feb. 9. 2000 troops arrived" stays two sentences. `dot` is the full stop's index.
 */
export function isDayYearFullStop(tokens: Token[], dot: number, last = tokens.length): boolean {
  if (dot < 2 || dot + 1 >= last || tokens[dot].text !== '.') return false;
  const d = digitsValue(tokens[dot - 1].text);
  const y = digitsValue(tokens[dot + 1].text);
  if (d === undefined || d < 1 || d > 31 || y === undefined || y <= 1900 || y >= 2100 || tokens[dot + 1].text.length !== 4) return false;
  const month = tokens[dot - 2].text === '.' && dot >= 3 ? tokens[dot - 3] : tokens[dot - 2];
  if (!month.cap || MONTHS[month.lower] === undefined) return false;
  return dot + 2 >= last || (tokens[dot + 2].kind === 'punct' && tokens[dot + 2].text !== '.');
}
/** Words meaning the publication day itself, or one day before it. */
const SAME_DAY = new Set(['today', 'tonight', 'overnight', 'сегодня', 'сьогодні', 'ночью', 'вночі', 'уночі']);
const DAY_BEFORE_PUB = new Set(['yesterday', 'вчера', 'вчора']);
const SPEECH = new Set([...SPEECH_VERBS, 'statement']);
const ARTICLES = new Set(['a', 'an', 'the']);
const FUTURE = new Set(['until', 'till', 'by', 'next', 'before', 'до', 'following', 'coming']);
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/;
const ORDINAL_DAY_RE = /^([0-9]{1,2})(?:st|nd|rd|th)$/i;

/** A day of the month as written after or before a month: "3", "3rd", "21st". */
function monthDay(text: string): number | undefined {
  const m = ORDINAL_DAY_RE.exec(text);
  const d = m ? Number(m[1]) : digitsValue(text);
  return d !== undefined && d >= 1 && d <= 31 ? d : undefined;
}
/** Words that can start a date expression: one Set lookup skips every other word. */
const DATE_START = new Set([
  ...Object.keys(WEEKDAYS), ...Object.keys(MONTHS), ...SAME_DAY, ...DAY_BEFORE_PUB, 'this', 'last', 'the', 'a', 'ago',
  'накануне', 'напередодні',
]);

export function dayOf(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const m = ISO_DATE_RE.exec(iso);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

const REFERENCE_NUMBER_RE = /^(\d{4})-(\d{2})-[A-Z]{1,3}-\d+/;

/** A press release's reference number ("2010-06-CA-071"): the last day of its month, a reference for dates without a year. */
export function referenceNumberDay(line: string): number | undefined {
  const m = REFERENCE_NUMBER_RE.exec(line.trim());
  const month = m ? Number(m[2]) : 0;
  return m && month >= 1 && month <= 12 ? Date.UTC(Number(m[1]), month, 0) / DAY_MS : undefined;
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isoWeek(day: number): string {
  const d = new Date(day * DAY_MS);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date((day - weekday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function monthIso(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Words after "the <date>" that end the date's noun phrase rather than continue it with a noun. */
const NOT_A_NOUN = new Set(['and', 'or', 'to', 'through', 'until', 'till', 'of', 'in', 'at', 'on', 'when', 'as', 'was', 'is', 'were', 'morning', 'afternoon', 'evening', 'night']);

function roleAt(tokens: Token[], first: number, i: number, end: number, last: number): DateRole {
  // "the May 11 insider attack", "the Sept. 5 bombing": a day used as a modifier names an earlier event.
  const day = tokens[i].kind === 'number' || WEEKDAYS[tokens[i].lower] !== undefined || MONTHS[tokens[i].lower] !== undefined;
  if (day && i > first && tokens[i - 1].lower === 'the' && end < last && tokens[end].kind === 'word' && !NOT_A_NOUN.has(tokens[end].lower)) return 'named';
  // "forces today confirmed the death of …": the day of the statement, not of the death.
  if (end < last && SPEECH.has(tokens[end].lower)) return 'statement';
  for (let k = i - 1; k >= Math.max(first, i - 3); k--) {
    const w = tokens[k].lower;
    if (FUTURE.has(w)) return 'future';
    if (SPEECH.has(w)) return 'statement';
    if (w === ',' || w === ';') break;
  }
  for (let k = i - 1; k >= Math.max(first, i - 8); k--) {
    const w = tokens[k].lower;
    if (w === 'since' || w === 'с' || w === 'з') return 'since';
    if (w === ',' || w === ';') break;
  }
  return 'event';
}

/**
 * Finds the date expressions of one sentence. `published` is the publication day (days since
 * epoch) or undefined; `anchor` the last day the narrative mentioned ("the day before" counts from it);
 * `nearest` (a dateline or headline): a date without a year is the nearest one, not the latest before.
 * `monthOnly`: the reference is a month (a reference number's), so a day counted from it is only that month.
 */
export function findDates(tokens: Token[], first: number, last: number, published: number | undefined, anchor: number | undefined, nearest = false, monthOnly = false): DateMention[] {
  const out: DateMention[] = [];
  const ref = published;
  const yearOfRef = ref === undefined ? undefined : new Date(ref * DAY_MS).getUTCFullYear();
  const push = (start: number, end: number, mention: Omit<DateMention, 'start' | 'end' | 'role'>): void => {
    out.push({ start, end, role: roleAt(tokens, first, start, end, last), ...mention });
  };
  const pushDay = (start: number, end: number, day: number): void => push(start, end, { iso: isoDay(day), precision: 'day', day });
  /** A day counted from the reference: only its month when the reference knows no day (`monthOnly`). */
  const pushRelative = (start: number, end: number, day: number): void => {
    if (monthOnly) push(start, end, { iso: isoDay(ref as number).slice(0, 7), precision: 'month' });
    else pushDay(start, end, day);
  };
  /** A day counted from the narrative's last day, else from the reference. */
  const pushFromAnchor = (start: number, end: number, offset: number): void => {
    if (anchor !== undefined) pushDay(start, end, anchor + offset);
    else pushRelative(start, end, (ref as number) + offset);
  };
  /** "the overnight attacks": a night, unless the sentence names the day ("an overnight raid … yesterday"). */
  let modifier: DateMention | undefined;
  for (let i = first; i < last; i++) {
    const t = tokens[i];
    const w = t.lower;
    if (t.kind === 'word' ? !DATE_START.has(w) : t.kind !== 'number') continue;
    const next = i + 1 < last ? tokens[i + 1].lower : '';
    if (t.kind === 'number') {
      const iso = ISO_DATE_RE.exec(t.text);
      if (iso) {
        pushDay(i, i + 1, dayOf(t.text) as number);
        continue;
      }
      // "30 December 2023", "2 января", "1st of March"
      const m = next === 'of' && i + 2 < last && MONTHS[tokens[i + 2].lower] !== undefined && ORDINAL_DAY_RE.test(t.text) ? i + 2 : i + 1;
      const month = m < last ? MONTHS[tokens[m].lower] : undefined;
      const d = month ? monthDay(t.text) : undefined;
      if (month && d !== undefined) {
        // "3 July 2012", "3rd of July, 2012"
        const y = m + 1 < last && tokens[m + 1].text === ',' ? m + 2 : m + 1;
        const yearTok = y < last ? digitsValue(tokens[y].text) : undefined;
        const hasYear = yearTok !== undefined && yearTok > 1900 && yearTok < 2100;
        if (!hasYear && ref === undefined) continue;
        const day = resolveMonthDay(hasYear ? yearTok : undefined, month, d, ref ?? 0, nearest);
        pushDay(i, hasYear ? y + 1 : m + 1, day);
        i = hasYear ? y : m;
      }
      continue;
    }
    if (t.kind !== 'word') continue;
    const weekday = WEEKDAYS[w];
    if (weekday !== undefined && ref !== undefined) {
      if (i > first && tokens[i - 1].lower === 'next') continue;
      const refWeekday = new Date(ref * DAY_MS).getUTCDay();
      // "Wednesday last week": that day of the week before the reference's (weeks start on Monday).
      if (next === 'last' && i + 2 < last && tokens[i + 2].lower === 'week') {
        pushRelative(i, i + 3, ref - ((refWeekday + 6) % 7) - 7 + ((weekday + 6) % 7));
        i += 2;
        continue;
      }
      // "last Wednesday" said on a Wednesday is a week before; a bare "Wednesday" is the day itself.
      const back = (refWeekday - weekday + 7) % 7 || (i > first && tokens[i - 1].lower === 'last' ? 7 : 0);
      pushRelative(i, i + 1, ref - back);
      continue;
    }
    const month = MONTHS[w];
    if (month && t.cap) {
      let j = i + 1;
      if (j < last && tokens[j].text === '.') j++;
      const d = j < last ? monthDay(tokens[j].text) : undefined;
      if (d !== undefined) {
        // "Jan. 2", "December 30, 2023"
        let end = j + 1;
        let year: number | undefined;
        const k = end < last && (tokens[end].text === ',' || isDayYearFullStop(tokens, end, last)) ? end + 1 : end;
        const y = k < last ? digitsValue(tokens[k].text) : undefined;
        if (y !== undefined && y > 1900 && y < 2100) {
          year = y;
          end = k + 1;
        }
        if (year === undefined && ref === undefined) continue;
        pushDay(i, end, resolveMonthDay(year, month, d, ref ?? 0, nearest));
        i = end - 1;
        continue;
      }
      const y = j < last ? digitsValue(tokens[j].text) : undefined;
      if (y !== undefined && y > 1900 && y < 2100) {
        push(i, j + 1, { iso: monthIso(y, month), precision: 'month' });
        i = j;
        continue;
      }
      if (yearOfRef !== undefined && ref !== undefined) {
        const refMonth = new Date(ref * DAY_MS).getUTCMonth() + 1;
        push(i, i + 1, { iso: monthIso(month > refMonth ? yearOfRef - 1 : yearOfRef, month), precision: 'month' });
      }
      continue;
    }
    if (ref === undefined) continue;
    if (SAME_DAY.has(w)) {
      // "an overnight operation" is the night of the day the narrative is on, the publication's when it named none.
      const attributive = w === 'overnight' && i > first && ARTICLES.has(tokens[i - 1].lower);
      if (attributive) pushFromAnchor(i, i + 1, 0);
      else pushRelative(i, i + 1, ref);
      if (attributive) modifier = out[out.length - 1];
    }
    else if (DAY_BEFORE_PUB.has(w)) pushRelative(i, i + 1, ref - 1);
    else if (w === 'this' && (next === 'morning' || next === 'afternoon' || next === 'evening')) pushRelative(i, i + 2, ref);
    else if (w === 'last' && next === 'night') pushRelative(i, i + 2, ref - 1);
    else if (w === 'last' && next === 'week' && !monthOnly) push(i, i + 2, { iso: isoWeek(ref - 7), precision: 'week' });
    else if (w === 'this' && next === 'week' && !monthOnly) push(i, i + 2, { iso: isoWeek(ref), precision: 'week' });
    else if (w === 'last' && next === 'month' && yearOfRef !== undefined) {
      const d = new Date(ref * DAY_MS);
      const m = d.getUTCMonth(); // previous month, 1-based = m (0 → December of last year)
      push(i, i + 2, { iso: m === 0 ? monthIso(yearOfRef - 1, 12) : monthIso(yearOfRef, m), precision: 'month' });
    } else if ((w === 'the' || w === 'a') && (next === 'day' || next === 'night') && i + 2 < last && (tokens[i + 2].lower === 'before' || tokens[i + 2].lower === 'earlier')) {
      pushFromAnchor(i, i + 3, -1);
    } else if (w === 'the' && next === 'previous' && i + 2 < last && (tokens[i + 2].lower === 'day' || tokens[i + 2].lower === 'night')) {
      pushFromAnchor(i, i + 3, -1);
    } else if (w === 'ago' && i > first) {
      // "two days ago", "3 days ago"
      const unit = tokens[i - 1].lower;
      const n = i - 2 >= first ? digitsValue(tokens[i - 2].text) ?? (tokens[i - 2].lower === 'a' ? 1 : wordValue(tokens[i - 2].lower)) : undefined;
      if (n === undefined) continue;
      if (unit === 'days' || unit === 'day' || unit === 'nights' || unit === 'night') pushRelative(i - 2, i + 1, ref - n);
      // "a week ago", "two weeks ago": that week, not a day.
      else if ((unit === 'weeks' || unit === 'week') && !monthOnly) push(i - 2, i + 1, { iso: isoWeek(ref - 7 * n), precision: 'week' });
    } else if (w === 'накануне' || w === 'напередодні') pushFromAnchor(i, i + 1, -1);
  }
  if (modifier && out.some((d) => d !== modifier && d.role === 'event' && d.precision === 'day')) out.splice(out.indexOf(modifier), 1);
  return out;
}

/**
 * Month and day without a year: the latest such date on or before the reference day; `nearest`, the one nearest it,
 * either side (a later release's dateline, "KABUL (Sept. 25)", after one of Sept. 24 is not a year before).
 */
function resolveMonthDay(year: number | undefined, month: number, day: number, ref: number, nearest = false): number {
  if (year !== undefined) return Date.UTC(year, month - 1, day) / DAY_MS;
  const refYear = new Date(ref * DAY_MS).getUTCFullYear();
  const d = Date.UTC(refYear, month - 1, day) / DAY_MS;
  if (nearest) {
    const other = Date.UTC(d > ref ? refYear - 1 : refYear + 1, month - 1, day) / DAY_MS;
    return Math.abs(other - ref) < Math.abs(d - ref) ? other : d;
  }
  return d > ref ? Date.UTC(refYear - 1, month - 1, day) / DAY_MS : d;
}
