/**
 * Scoring of the summary killed count on the airplane-crash reports (../shared/datasets/airplane-crashes):
 * killed = Fatalities + Ground. Shared by `npm run bench:extract` and `npm run eval:casualties`.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ExtractedFacts } from '../src/record/record.js';

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
function englishNumber(n: number): string | undefined {
  if (n < 20) return SMALL[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? `-${SMALL[n % 10]}` : '');
  return undefined;
}

const DEATH_WORD_RE = /kill|dead|\bdie|death|fatal|perish|lives|drown/i;
const sentencesOf = (text: string): string[] => text.split(/(?<=[.!?])\s+/);

/** The number as digits or an English number word, standing alone. */
function numberRe(n: number): RegExp {
  const word = englishNumber(n);
  const digits = `(?<![\\d,.])(?:${n.toLocaleString('en-US')}|${n})(?![\\d]|,\\d)`;
  return new RegExp(word === undefined ? digits : `${digits}|\\b${word}\\b`, 'i');
}

/**
 * Strict: the summary states this number as a death count: a sentence with a death word holding
 * it (digits, or an English number word).
 */
function states(summary: string, n: number): boolean {
  const re = numberRe(n);
  return sentencesOf(summary).some((s) => DEATH_WORD_RE.test(s) && re.test(s));
}

const ALL_ABOARD_RE = /\b(?:all|everyone|everybody)\b(?:\s+\S+){0,3}?\s+(?:aboard|on\s+board|onboard|occupants|passengers\s+and\s+crew|crew\s+and\s+passengers)/i;
const ONE_PERSON_RE = /\b(?:the|a|an|one|its|his|sole|only)\s+(?:\S+\s+)?(?:pilot|passenger|occupant|crew\s?member|crewman|navigator|mechanic|instructor|student|flight engineer|stewardess|man|woman|person|boy|girl|child|farmer|worker)\b/i;
const NUMBER_WORD_RE = /\b(?:\d{1,3}(?:,\d{3})*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)\b/gi;

function valueOf(token: string): number {
  const t = token.toLowerCase();
  if (/^\d/.test(t)) return Number(t.replace(/,/g, ''));
  const [tens, unit] = t.split('-');
  const small = SMALL.indexOf(tens);
  return small >= 0 ? small : TENS.indexOf(tens) * 10 + (unit ? SMALL.indexOf(unit) : 0);
}

/** The numbers of a sentence that may count people: not years, ages (", 29,"), times, distances or equipment. */
function countsIn(sentence: string): number[] {
  const out: number[] = [];
  for (const m of sentence.matchAll(NUMBER_WORD_RE)) {
    const at = m.index ?? 0;
    const after = sentence.slice(at + m[0].length, at + m[0].length + 12);
    const before = sentence.slice(Math.max(0, at - 2), at);
    if (/^-year|^\s*(?:ft|feet|foot|miles?|km|nm|hours?|minutes?|years?|days?|weeks?|months?|engines?|%|percent|degrees|times|full|a\.m|p\.m)\b/i.test(after)) continue;
    if (before === ', ' && /^,/.test(after)) continue;
    const v = valueOf(m[0]);
    if (v > 0 && v < 1900) out.push(v);
  }
  return out;
}

/**
 * Broader: the text gives the number of dead in any form — a count in a death sentence (as
 * above, but not a time, distance, age or year: "died two days later" states no 2); "all aboard were
 * killed" with the Aboard count written somewhere in the text; one person named by role ("the
 * pilot was killed") for 1; "both" for 2; or as a sum of counts the death sentences give ("22
 * passengers and 3 crew were killed", "… and 2 on the ground"; years and ages excluded).
 */
function statesBroadly(summary: string, target: number, aboard: number, fatal: number, ground: number): boolean {
  const deathSentences = sentencesOf(summary).filter((s) => DEATH_WORD_RE.test(s));
  const counted = (n: number): boolean => deathSentences.some((s) => countsIn(s).includes(n));
  if (counted(target) || (ground > 0 && counted(fatal))) return true;
  if (deathSentences.length === 0) return false;
  if (ground === 0 && aboard === fatal && numberRe(aboard).test(summary) && deathSentences.some((s) => ALL_ABOARD_RE.test(s))) return true;
  if (target === 1 && deathSentences.some((s) => ONE_PERSON_RE.test(s))) return true;
  if (target === 2 && deathSentences.some((s) => /\bboth\b/i.test(s))) return true;
  const counts = deathSentences.flatMap(countsIn);
  // Any two or three of them that add up to the target.
  for (let a = 0; a < counts.length; a++) {
    for (let b = a + 1; b < counts.length; b++) {
      if (counts[a] + counts[b] === target) return true;
      for (let c = b + 1; c < counts.length; c++) if (counts[a] + counts[b] + counts[c] === target) return true;
    }
  }
  return false;
}

/** Prints the crash-report accuracy lines (and the first `showErrors` misses); skips with a reason when the data is absent. */
export function scoreCrashes(shared: string, extractFacts: (text: string, options: { publishedAt: string | null }) => ExtractedFacts, showErrors: number): void {
  const file = `${shared}datasets/airplane-crashes/airplane-crashes-since-1908.csv`;
  if (!existsSync(file)) {
    console.log(`crashes: skipped (${file} is absent)`);
    return;
  }
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const col = (name: string): number => header.indexOf(name);
  const [iDate, iAboard, iFatal, iGround, iSummary] = ['Date', 'Aboard', 'Fatalities', 'Ground', 'Summary'].map(col);
  let reports = 0;
  let anyEqual = 0;
  let figures = 0;
  let plausible = 0;
  let aboardDistractor = 0;
  const strict = { stated: 0, equal: 0 };
  const broad = { stated: 0, equal: 0 };
  const errors: string[] = [];
  const classes = new Map<string, number>();
  for (const r of rows) {
    const summary = r[iSummary]?.trim();
    const fatal = Number(r[iFatal]);
    if (!summary || r[iFatal] === '' || !Number.isFinite(fatal)) continue;
    const ground = Number(r[iGround]) || 0;
    const aboard = Number(r[iAboard]);
    const target = fatal + ground;
    const [m, d, y] = (r[iDate] ?? '').split('/');
    const facts = extractFacts(summary, { publishedAt: y ? `${y}-${m}-${d}` : null });
    reports++;
    const killed = facts.summary.killed?.count;
    if (killed === target) anyEqual++;
    for (const f of facts.casualties) {
      if (f.kind !== 'killed' || f.negated) continue;
      figures++;
      const v = f.count ?? f.min ?? 0;
      if (v <= target) plausible++;
      if (v === aboard && v !== target) aboardDistractor++;
    }
    const isStrict = states(summary, target) || (ground > 0 && states(summary, fatal));
    if (isStrict) {
      strict.stated++;
      if (killed === target) strict.equal++;
    }
    if (!statesBroadly(summary, target, aboard, fatal, ground)) continue;
    broad.stated++;
    if (killed === target) {
      broad.equal++;
      continue;
    }
    const cls = killed === undefined ? 'no killed figure' : killed < target ? 'undercount' : 'overcount';
    classes.set(cls, (classes.get(cls) ?? 0) + 1);
    if (errors.length < showErrors) {
      errors.push(`  [${cls}${isStrict ? '' : ', broad only'}] expected ${target} (F${fatal}+G${ground}, aboard ${r[iAboard]}) got ${killed ?? '-'}\n    ${summary}`);
    }
  }
  const pct = (a: number, b: number): string => `${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;
  console.log(`crashes: summary killed == Fatalities+Ground on ${strict.equal}/${strict.stated} reports that state the number in a sentence with a death word (${pct(strict.equal, strict.stated)}); on all ${reports} reports with a summary: ${pct(anyEqual, reports)}`);
  console.log(`crashes: broader (number in any form, minus times/distances/ages: words, "all N aboard", "all aboard" + Aboard count in the text, "the pilot" = 1, "both" = 2, sums of stated parts): ${broad.equal}/${broad.stated} (${pct(broad.equal, broad.stated)})`);
  console.log(`crashes: killed figures ${figures}, plausible (count ≤ Fatalities+Ground) ${pct(plausible, figures)}, equal to the Aboard distractor ${aboardDistractor}`);
  console.log(`crashes: misses on the broader set by class: ${[...classes].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  for (const e of errors) console.log(e);
}

