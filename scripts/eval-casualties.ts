/**
 * npm run eval:casualties [-- --misses [N]] [-- --kind killed|captured|date|province] [-- --split all|tune|check]
 * Casualty accuracy of extractFacts on real, annotated data, and on the project's own fixtures:
 * - ISAF press releases (../shared/datasets/isaf-press-releases/dev.jsonl): exact match of the
 *   summary's killed count with `min_killed`, of captured + detained with `min_captured`, of the
 *   killed figures' date with `start_date` (rows with killed > 0), and whether the gold province is
 *   a location the text was found to name; misses counted per error class (see classify()).
 *   `--split tune|check` scores three quarters / the held-back quarter of the rows (by id), to
 *   check that a fix generalises to rows it was not tuned on.
 * - Airplane-crash reports: summary killed vs Fatalities + Ground (as bench:extract).
 * - The invented conflict-event notes of tests/ (never skipped).
 * Each part that reads ../shared skips with a printed reason when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractFacts } from '../src/pipeline/extract/extract-facts.js';
import type { ExtractedFacts } from '../src/record/record.js';
import { CONFLICT_NOTES, CONFLICT_NOTES_PUBLISHED_AT, scoreConflictNotes } from '../tests/pipeline/extract/conflict-notes.fixture.js';
import { scoreCrashes } from './crash-reports.js';

// Piped into head: stop quietly when the reader goes away.
process.stdout.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? process.exit(0) : Promise.reject(e)));
const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const missesAt = args.indexOf('--misses');
const showMisses = missesAt < 0 ? 0 : Number.isFinite(Number(args[missesAt + 1])) ? Number(args[missesAt + 1]) : 1000;
const onlyKind = option('--kind');
const split = option('--split') ?? 'all';

interface Row {
  id: string;
  name: string;
  published: string | null;
  text: string;
  start_date: string | null;
  province: string[];
  min_killed: number;
  min_captured: number;
}

/** The held-back quarter: rows whose id number is divisible by 4. */
const heldBack = (r: Row): boolean => Number(r.id.replace(/\D/g, '')) % 4 === 0;

const VAGUE_RE = /\b(?:numerous|multiple|several|a few|some|a (?:small )?group|a couple|a handful|a number of|dozens|a large number)\b/i;
const CAPTURE_RE = /\b(?:apprehend\w*|arrest\w*|detain\w*|captur\w*|in custody)\b/i;

/**
 * The error class a miss most likely belongs to (../shared/notes/extraction-error-classes.md), by cues in the text:
 * N1 a restated figure summed again (over-count that is a multiple of the gold), N2 a vague quantity word,
 * N3 a capture phrasing, N8 a date one day off, N9 a figure found in the title/reference lines, else by direction.
 */
function classify(kind: 'killed' | 'captured', gold: number, got: number, text: string): string {
  if (got > gold && gold > 0 && got % gold === 0) return 'N1 restated, summed again';
  if (got > gold && gold === 0 && kind === 'killed') return 'C6/N4 figure where there is none';
  if (got < gold && VAGUE_RE.test(text)) return 'N2 vague quantity';
  if (got < gold && kind === 'captured' && CAPTURE_RE.test(text)) return 'N3 capture phrasing';
  if (got < gold && got === 0) return kind === 'killed' ? 'C1/C2 victim not read' : 'N3 capture not read';
  return got < gold ? 'undercount' : 'overcount';
}

const dayDiff = (a: string, b: string): number => (Date.parse(a) - Date.parse(b)) / 86_400_000;

/**
 * Release dates where the gold `start_date` is, with few exceptions, one day before the day the text gives, whatever
 * form the day takes ("yesterday", "today", no day, a weekday, even "Feb. 9"): a shift in the annotator's data, not a
 * way of reading dates (outside these ranges "yesterday" is the dateline's day before in 93 of 100 dev rows). Over all
 * 362 dev rows (captured rows too), 31 of the 34 that sitrep dates inside these ranges are one day early and 2 agree;
 * outside them 278 of 295 agree. Explicit days move too ("Nov 25" → 11-24, "Feb. 8" → 02-07, "Tuesday" → Monday), and
 * two releases with the same dateline (Nov. 14, 2010) and wording ("… Saturday") have gold a day apart. A miss one day
 * late there is labelled as such, not as N8; the score is unchanged.
 */
const GOLD_DAY_EARLY: Array<[string, string]> = [['2010-11-10', '2010-11-30'], ['2011-02-01', '2011-03-23']];
const goldDayEarly = (published: string | null): boolean => published !== null && GOLD_DAY_EARLY.some(([from, to]) => published >= from && published <= to);

function isaf(): void {
  const file = `${shared}datasets/isaf-press-releases/dev.jsonl`;
  if (!existsSync(file)) {
    console.log(`isaf: skipped (${file} is absent)`);
    return;
  }
  const all = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
  const rows = split === 'tune' ? all.filter((r) => !heldBack(r)) : split === 'check' ? all.filter(heldBack) : all;
  const score = { killed: 0, captured: 0, dated: 0, datedOf: 0, province: 0, provinceOf: 0 };
  const classes = { killed: new Map<string, number>(), captured: new Map<string, number>(), date: new Map<string, number>() };
  const misses: string[] = [];
  const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  const cpu0 = process.cpuUsage();
  for (const r of rows) {
    const facts: ExtractedFacts = extractFacts(r.text, { publishedAt: r.published });
    const killed = facts.summary.killed?.count ?? 0;
    const captured = (facts.summary.captured?.count ?? 0) + (facts.summary.detained?.count ?? 0);
    const why: string[] = [];
    if (killed === r.min_killed) score.killed++;
    else {
      const c = classify('killed', r.min_killed, killed, r.text);
      bump(classes.killed, c);
      if (!onlyKind || onlyKind === 'killed') why.push(`killed ${killed} ≠ ${r.min_killed} [${c}]`);
    }
    if (captured === r.min_captured) score.captured++;
    else {
      const c = classify('captured', r.min_captured, captured, r.text);
      bump(classes.captured, c);
      if (!onlyKind || onlyKind === 'captured') why.push(`captured ${captured} (captured ${facts.summary.captured?.count ?? 0} + detained ${facts.summary.detained?.count ?? 0}) ≠ ${r.min_captured} [${c}]`);
    }
    if (r.min_killed > 0 && r.start_date) {
      score.datedOf++;
      const dates = facts.casualties.filter((f) => f.kind === 'killed' && !f.negated && f.when).map((f) => f.when as string);
      // The date of the killed figures: the one most of them carry (the first on a tie).
      const counts = new Map<string, number>();
      for (const d of dates) counts.set(d, (counts.get(d) ?? 0) + 1);
      const when = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
      if (when === r.start_date) score.dated++;
      else {
        const diff = when && /^\d{4}-\d{2}-\d{2}$/.test(when) ? dayDiff(when, r.start_date) : undefined;
        const c =
          when === undefined
            ? r.published === null ? 'no date (no dateline or publication date)' : 'no date'
            : diff === 1
              ? goldDayEarly(r.published) ? 'gold a day early (Nov 2010, Feb–Mar 2011 rows)' : 'N8 one day late (dateline wins)'
              : diff === undefined
                ? r.published === null ? 'not a day (no dateline or publication date)' : 'not a day'
                : diff === -1 && r.start_date === r.published ? 'gold is the dateline day, the text names the day before' : `off by ${diff} days`;
        bump(classes.date, c);
        if (!onlyKind || onlyKind === 'date') why.push(`killed date ${when ?? '-'} ≠ ${r.start_date} [${c}]`);
      }
    }
    const province = r.province[0]?.trim().toLowerCase();
    if (province) {
      score.provinceOf++;
      const names = facts.entities.filter((e) => e.type === 'location').flatMap((e) => [e.name, ...(e.aliases ?? [])].map((n) => n.toLowerCase()));
      const found = names.some((n) => n === province || n.replace(/\s+province$/, '') === province);
      if (found) score.province++;
      else if (onlyKind === 'province') why.push(`province ${province} not among ${[...new Set(names)].join(', ') || 'none'}`);
    }
    if (why.length > 0 && misses.length < showMisses) {
      const figures = facts.casualties.map((f) => `${f.kind} ${f.count ?? `≥${f.min}`}${f.negated ? ' (negated)' : ''}${f.when ? ` ${f.when}` : ''} "${r.text.slice(f.start, f.end)}"`).join('; ');
      misses.push(`- ${r.id} (published ${r.published ?? '-'}, start ${r.start_date ?? '-'}): ${why.join('; ')}\n  figures: ${figures || 'none'}\n  ${r.text.replace(/\s*[\n\u2028]+\s*/g, ' ⏎ ')}`);
    }
  }
  const used = process.cpuUsage(cpu0);
  const pct = (a: number, b: number): string => `${a}/${b} = ${(a / Math.max(b, 1)).toFixed(3)}`;
  const list = (m: Map<string, number>): string => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  console.log(`isaf press releases (${split}, ${rows.length} rows, ${((used.user + used.system) / 1000 / rows.length).toFixed(2)} ms/row):`);
  console.log(`  killed exact   ${pct(score.killed, rows.length)}   misses: ${list(classes.killed)}`);
  console.log(`  captured exact ${pct(score.captured, rows.length)}   misses: ${list(classes.captured)}`);
  console.log(`  killed date    ${pct(score.dated, score.datedOf)}   misses: ${list(classes.date)}`);
  console.log(`  province found ${pct(score.province, score.provinceOf)}`);
  for (const m of misses) console.log(m);
}

function conflictNotes(): void {
  const s = scoreConflictNotes(CONFLICT_NOTES, (text) => extractFacts(text, { publishedAt: CONFLICT_NOTES_PUBLISHED_AT }));
  const pct = (a: number, b: number): string => `${a}/${b} = ${(a / Math.max(b, 1)).toFixed(3)}`;
  console.log(`fixtures: conflict notes (${s.notes} invented): killed ${pct(s.killedEqual, s.notes)}, wounded ${pct(s.woundedEqual, s.woundedStated)}, figure precision ${pct(s.figuresCoded, s.figures)}`);
  for (const m of s.misses.slice(0, showMisses)) console.log(`  ${m}`);
}

isaf();
scoreCrashes(shared, extractFacts, Math.min(showMisses, 20));
conflictNotes();
