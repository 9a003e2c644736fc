/**
 * The extract stage: entities and casualty figures of an article's text, each figure dated,
 * placed and attributed, with its sentence and phrase offsets. Pure and synchronous; the
 * gazetteer is loaded once at module load.
 */
import type { CasualtyFigure, ExtractedFacts } from '../../record/record.js';
import { AGGREGATE_CUES, PLACE_NOUNS, TRIGGER_RE } from './casualty-lexicon.js';
import { detectLanguage } from '../text/detect-language.js';
import { antecedentOf, countedGroups, findCasualties, PRONOUN_GROUP, statedAboard, type RawFigure } from './find-casualties.js';
import { gazetteer } from './gazetteer.js';
import { digitsValue, wordValue } from './number-words.js';
import { matchWords } from './parse-quantity.js';
import { recognizeEntities, type RecognizedEntities } from './recognize-entities.js';
import { dayOf, findDates, isoDay, referenceNumberDay, type DateMention } from './resolve-dates.js';
import { summarizeCasualties, type FigureHint } from './summarize-casualties.js';
import { tokenizeText, type Sentence, type Token } from './tokenize-text.js';

export interface ExtractFactsOptions {
  /** ISO date or datetime the article was published; relative dates resolve against it. Default: none (when stays undefined for relative dates). */
  publishedAt?: string | null;
  /** ISO 639-1; default: detected from the script (Cyrillic → ru/uk). */
  language?: string | null;
  /**
   * Longest text read, in UTF-16 code units: a longer one is read up to its last paragraph, line or
   * sentence break before this length, and `extractedChars` says where. Extraction costs about 2–4 µs
   * and 200 bytes a character, so 2 MiB would take seconds and 400 MB. Default 131072
   * (EXTRACT_MAX_CHARS; pipeline.extractMaxChars in the pipeline).
   */
  maxChars?: number;
}

/** 2.5 times the longest article text of both benchmark corpora (53 K characters). */
export const EXTRACT_MAX_CHARS = 131_072;

/** Cheap gate for sentences that may say how many were aboard. */
const ABOARD_RE = /carrying|aboard|on board|onboard|transporting|\bwith (?:\d|an? |one |two |three |four |five |six |seven |eight |nine |ten |twelve |twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)/i;
const SPEECH = new Set([
  'said', 'says', 'told', 'added', 'reported', 'announced', 'stated', 'wrote', 'confirmed', 'claimed', 'posted',
  'сообщил', 'заявил', 'сообщили', 'заявили', 'написал', 'повідомив', 'заявив', 'повідомили', 'написав',
]);
/** How many sentences back "killed the insurgents" looks for the group it means. */
const GROUP_REACH = 12;
/** How far (in tokens) a date, place or cue may lie from a figure and still describe it. */
const WINDOW = 40;
const PRONOUNS = new Set(['he', 'she']);
/** Unnamed sources: "local officials said", "police said". */
const SOURCE_NOUNS = new Set([
  'officials', 'official', 'police', 'authorities', 'sources', 'source', 'witnesses', 'witness', 'residents', 'activists',
  'medics', 'doctors', 'rescuers', 'military', 'army', 'governor', 'mayor', 'spokesman', 'spokeswoman', 'spokesperson',
  'administration', 'media', 'agency', 'prosecutors', 'investigators', 'services', 'monitors', 'observers', 'hospital',
  'ministry', 'government', 'command', 'forces', 'office', 'service', 'paramedics', 'organizers', 'security',
]);

export function extractFacts(fullText: string, options: ExtractFactsOptions = {}): ExtractedFacts {
  const extractedChars = readableLength(fullText, options.maxChars ?? EXTRACT_MAX_CHARS);
  const text = extractedChars < fullText.length ? fullText.slice(0, extractedChars) : fullText;
  // The script alone decides between the English and the Cyrillic patterns, even on a one-line text.
  const language = options.language ?? detectLanguage(text, { minLetters: 1 });
  const { tokens, sentences } = tokenizeText(text);
  const ents = recognizeEntities(text, tokens, gazetteer);
  const published = dayOf(options.publishedAt);
  /** The day relative dates resolve against: the publication date, then each dateline's (or a headline's) own. */
  let reference = published;
  /** In a release with a dateline: the first event day of its body, the date of figures that give none. */
  let lead: { iso?: string; dateline?: string; headline?: boolean } | undefined;
  /** Figures dated by the dateline alone, before the release's body named a day: that day is theirs once it does. */
  let awaitingLead: CasualtyFigure[] = [];
  let datelineSeen = false;
  /** A reference number ("2010-06-CA-071") gives the year of dates that have none, and the month (no day) of relative ones. */
  let referenceMonthOnly = false;
  if (reference === undefined) {
    for (const s of sentences) if (s.role === 'meta' && (reference = referenceNumberDay(text.slice(s.start, s.end))) !== undefined) break;
    referenceMonthOnly = reference !== undefined;
  }
  const verbFirst = language === 'ru' || language === 'uk';
  // The casualty patterns are English, Russian and Ukrainian; elsewhere their words mean other things ("die" in German).
  // Undecided (a short text) is tried as English.
  const casualtyLanguage = language === 'en' || language === null || verbFirst;

  const casualties: CasualtyFigure[] = [];
  const scopes: Array<string | undefined> = [];
  const hints: FigureHint[] = [];
  /**
   * Whether a (lower-cased) word was used before token `before`: a definite "the facilitator" refers back to one
   * named in an earlier sentence. The index is built only when a figure asks.
   */
  let firstUse: Map<string, number> | undefined;
  const usedBefore = (lower: string, before: number): boolean => {
    firstUse ??= firstUses(tokens);
    return (firstUse.get(lower) ?? Infinity) < before;
  };
  let anchor = published;
  let paragraphWhen: { paragraph: number; iso: string } | undefined;
  let mentionCursor = 0;
  let lastPlace: number | undefined;
  /** The last city or region named in the current paragraph: a sentence without a place of its own is about it. */
  let paragraphPlace: { paragraph: number; entity: number } | undefined;
  let lastPerson: number | undefined;
  /** How many the current paragraph last said were aboard ("carrying 23 soldiers"): what "all aboard" counts. */
  let aboard: { paragraph: number; count: number } | undefined;
  /** The person groups counted in the sentences before one ('' the latest), read when a figure there needs them. */
  let groupsOf: { sentence: number; groups: Map<string, { count: number | null; min: number }>; lastAt: number } | undefined;
  for (const [sentenceIndex, s] of sentences.entries()) {
    /** Where this sentence's figures happened: the place the paragraph's later sentences are about. */
    let eventPlace: number | undefined;
    const dates = findDates(tokens, s.first, s.last, reference, anchor, s.role === 'dateline' || s.role === 'headline', referenceMonthOnly);
    if (s.role === 'dateline' || s.role === 'headline') {
      // The release's own date: what "yesterday" and "Monday" in its body count from; never an event date.
      // A headline's date ("June 19: …") only where neither a publication date nor a dateline gave one.
      const day = dates.find((d) => d.day !== undefined)?.day;
      if (day !== undefined && (s.role === 'dateline' || !datelineSeen) && (s.role === 'dateline' || published === undefined)) {
        reference = day;
        referenceMonthOnly = false;
        anchor = day;
      }
      if (s.role === 'dateline') {
        datelineSeen = true;
        awaitingLead = [];
        // A dateless office line ("ISAF Joint Command -") keeps the date its release's headline gave ("Dec. 7: …").
        lead = day !== undefined ? { dateline: isoDay(day) } : lead?.headline ? { dateline: lead.dateline } : {};
      } else if (day !== undefined && !datelineSeen && published === undefined) {
        lead = { dateline: isoDay(day), headline: true };
      }
      dates.length = 0;
    }
    const sentenceMentions: RecognizedEntities['mentions'] = [];
    while (mentionCursor < ents.mentions.length && ents.mentions[mentionCursor].start < s.end) {
      sentenceMentions.push(ents.mentions[mentionCursor++]);
    }
    const sentenceText = text.slice(s.start, s.end);
    // Said before the figures of its own sentence: "with 12 people on board crashed, killing everyone aboard".
    if (aboard && aboard.paragraph !== s.paragraph) aboard = undefined;
    const stated = ABOARD_RE.test(sentenceText) ? statedAboard(tokens, s.first, s.last) : undefined;
    if (stated !== undefined) aboard = { paragraph: s.paragraph, count: stated };
    if (casualtyLanguage && TRIGGER_RE.test(sentenceText)) {
      const dateMask = new Uint8Array(s.last - s.first);
      for (const d of dates) dateMask.fill(1, d.start - s.first, d.end - s.first);
      const isDate = (i: number): boolean => dateMask[i - s.first] === 1;
      const persons = new Map<number, number>();
      for (const m of sentenceMentions) if (ents.entities[m.entity].type === 'person') persons.set(m.first, m.last);
      const raw = findCasualties(tokens, gazetteer, { first: s.first, last: s.last, isDate, persons, verbFirst, aboard: aboard?.count });
      const eventDates = dates.filter((d) => d.role === 'event');
      /** Named dates a figure of this sentence belongs to: they are the narrative's day after all. */
      const namedTaken: DateMention[] = [];
      const cues = raw.length > 0 ? aggregateCues(tokens, s) : [];
      const operations = raw.length > 0 ? operationsCues(tokens, s) : [];
      const attribution = raw.length > 0 ? attributionOf(s, sentenceMentions, lastPerson) : undefined;
      const anaphor = raw.length > 0 && hasAnaphor(s);
      for (const r of raw) {
        if (r.antecedent !== undefined && !resolveAntecedent(r, sentenceIndex)) continue;
        const named = namedEventOf(r, dates);
        if (named) namedTaken.push(named);
        const stated = named?.iso ?? whenOf(tokens, r, eventDates) ?? (paragraphWhen?.paragraph === s.paragraph ? paragraphWhen.iso : undefined);
        // "In June, … killing more than 30 insurgents" in a July release: an earlier month's toll is background.
        const earlierMonth = stated !== undefined && MONTH_RE.test(stated) && reference !== undefined && stated < isoDay(reference).slice(0, 7);
        const aggregate = r.aggregate === true || earlierMonth || isAggregate(tokens, r, cues, dates);
        const f: CasualtyFigure = {
          kind: r.kind,
          count: r.count,
          approximate: r.approximate,
          negated: r.negated,
          sentence: sentenceText,
          start: tokens[r.first].start,
          end: tokens[r.last - 1].start + tokens[r.last - 1].text.length,
        };
        if (r.min !== undefined) f.min = r.min;
        if (r.max !== undefined) f.max = r.max;
        if (r.who) f.who = r.who;
        const where = placeOf(r, sentenceMentions, anaphor ? lastPlace : undefined) ?? (paragraphPlace?.paragraph === s.paragraph ? paragraphPlace.entity : undefined);
        if (where !== undefined) f.where = ents.entities[where].name;
        if (where !== undefined) eventPlace = where;
        // An earlier month's toll keeps its month; a period's total has no one date.
        const own = aggregate && !earlierMonth ? undefined : stated;
        const when = own ?? (aggregate || s.role !== 'body' ? undefined : lead?.iso ?? lead?.dateline);
        if (when) f.when = when;
        if (own === undefined && when !== undefined && lead?.iso === undefined) awaitingLead.push(f);
        if (attribution) f.attribution = attribution;
        // A total over several operations keeps its day: it sums that day's operations, which the body reports one by one.
        if (aggregate || (operations.length > 0 && isAggregate(tokens, r, operations, []))) f.aggregate = true;
        if (r.note) f.note = r.note;
        if (r.toll) f.total = true;
        casualties.push(f);
        scopes.push(r.scope);
        // Definite parts whose noun was used before, or stands for anyone ("the individual"), refer back.
        // "two of the shooters" is part of a group named before, whatever it was called then.
        const seen = (w: string): boolean => usedBefore(w, s.first);
        const back = (r.definite ?? []).filter((p) => (p.partitive && usedBefore('', s.first)) || seen(p.head) || seen(singularOf(p.head)) || seen(`${p.head}s`) || ANAPHORIC_HEADS.has(singularOf(p.head)));
        const restates = back.reduce((n, p) => n + p.count, 0);
        hints.push({ headline: s.role === 'headline', restates, restatesWho: back.map((p) => (ANAPHORIC_HEADS.has(singularOf(p.head)) ? undefined : p.who)), more: r.more });
      }
      for (const d of namedTaken) d.role = 'event';
    }
    for (const d of dates) {
      // A date naming another event dates nothing after it, nor is "the day before" counted from it.
      if (d.role === 'future' || d.role === 'since' || d.role === 'named') continue;
      if (d.day !== undefined) anchor = d.day;
      // A month or year dates the paragraph's next sentences only as their frame ("In June, …"), not from inside a clause ("an attack last month").
      if (d.role === 'event' && (d.precision === 'day' || d.start <= s.first + 1)) paragraphWhen = { paragraph: s.paragraph, iso: d.iso };
      if (d.role === 'event' && d.precision === 'day' && lead && !lead.iso) {
        lead.iso = d.iso;
        // "ISAF confirmed the death of X. … During a patrol Wednesday, …": the body's first day is the lead's too.
        for (const f of awaitingLead) f.when = d.iso;
        awaitingLead = [];
      }
    }
    for (const m of sentenceMentions) {
      const type = ents.entities[m.entity].type;
      if (type === 'location' && ents.placeKinds.get(m.entity) !== 'country') {
        lastPlace = m.entity;
        paragraphPlace = { paragraph: s.paragraph, entity: m.entity };
      }
      if (type === 'person') lastPerson = m.entity;
    }
    // "… in Shah Joy district, Zabul province": the paragraph goes on about where its figures were, not the last place named.
    if (eventPlace !== undefined) paragraphPlace = { paragraph: s.paragraph, entity: eventPlace };
  }
  const facts: ExtractedFacts = { entities: ents.entities, casualties, summary: summarizeCasualties(casualties, scopes, hints) };
  if (text !== fullText) facts.extractedChars = extractedChars;
  return facts;


  /**
   * "killed the insurgents": as many as the sentences before counted (the last GROUP_REACH of them, read only when
   * such a figure appears), restating any figure that counted them; false when none were counted.
   */
  function resolveAntecedent(r: RawFigure, sentenceIndex: number): boolean {
    // Once per sentence, whatever its number of such figures: the whole text is read at most GROUP_REACH times.
    if (groupsOf?.sentence !== sentenceIndex) {
      groupsOf = { sentence: sentenceIndex, groups: new Map(), lastAt: -2 };
      for (let k = Math.max(0, sentenceIndex - GROUP_REACH); k < sentenceIndex; k++) {
        const latest = groupsOf.groups.get('');
        countedGroups(tokens, sentences[k].first, sentences[k].last, groupsOf.groups);
        if (groupsOf.groups.get('') !== latest) groupsOf.lastAt = k;
      }
    }
    const g = (r.antecedent === PRONOUN_GROUP ? groupBefore(r, sentences[sentenceIndex].first) : undefined) ?? antecedentOf(r.antecedent as string, groupsOf.groups, sentenceIndex - groupsOf.lastAt <= 1);
    if (!g || g.min < 2) return false;
    r.count = g.count;
    r.approximate = g.count === null;
    if (g.count === null) r.min = g.min;
    r.definite = [{ count: g.count ?? g.min, head: r.antecedent as string, who: r.who }];
    return true;
  }

  /** The group counted last in the figure's own sentence before it ("spotted four armed men and killed them"), read over WINDOW tokens. */
  function groupBefore(r: RawFigure, sentenceFirst: number): { count: number | null; min: number } | undefined {
    const groups = new Map<string, { count: number | null; min: number }>();
    countedGroups(tokens, Math.max(sentenceFirst, r.first - WINDOW), r.first, groups);
    return groups.get('');
  }

  /** "the region" in a sentence refers back to the place named before. */
  function hasAnaphor(s: Sentence): boolean {
    for (let i = s.first; i + 1 < s.last; i++) if (tokens[i].lower === 'the' && PLACE_NOUNS.has(tokens[i + 1].lower)) return true;
    return false;
  }

  /** The place in the figure's phrase, else the nearest city or region (a country only as a last resort), else what "the region" refers to. */
  function placeOf(r: RawFigure, mentions: RecognizedEntities['mentions'], anaphoric: number | undefined): number | undefined {
    let best: number | undefined;
    let bestScore = Infinity;
    for (const m of mentions) {
      if (ents.entities[m.entity].type !== 'location') continue;
      if (m.first >= r.first && m.last <= r.last) return m.entity;
      const distance = m.first >= r.last ? m.first - r.last : r.first - m.last;
      if (distance > WINDOW) continue;
      // Cities and regions are better answers than the country around them.
      const score = distance + (ents.placeKinds.get(m.entity) === 'country' ? 20 : 0);
      if (score < bestScore) {
        bestScore = score;
        best = m.entity;
      }
    }
    // "the region" names the place the narrative is about, rather than a country the sentence mentions.
    if ((best === undefined || ents.placeKinds.get(best) === 'country') && anaphoric !== undefined) return anaphoric;
    return best;
  }

  function attributionOf(s: Sentence, mentions: RecognizedEntities['mentions'], previousPerson: number | undefined): string | undefined {
    const sources = mentions.filter((x) => isSource(x.entity));
    const byLast = new Map(sources.map((x) => [x.last, x]));
    const byFirst = new Map(sources.map((x) => [x.first, x]));
    for (let i = s.first; i < s.last; i++) {
      const w = tokens[i].lower;
      if (w === 'according' && i + 1 < s.last && tokens[i + 1].lower === 'to') {
        const m = byFirst.get(i + 2) ?? byFirst.get(i + 3) ?? byFirst.get(i + 4);
        if (m) return ents.entities[m.entity].name;
        return phraseAfter(i + 2, s.last);
      }
      if (!SPEECH.has(w)) continue;
      // "Gladkov said", "the Defense Ministry's statement added", "said Gladkov"
      const before = byLast.get(i) ?? (/^(statement|spokesman|spokeswoman|spokesperson)$/.test(tokens[i - 1]?.lower ?? '') ? byLast.get(i - 1) : undefined);
      if (before) return ents.entities[before.entity].name;
      const after = byFirst.get(i + 1);
      if (after) return ents.entities[after.entity].name;
      if (i > s.first) {
        const prev = tokens[i - 1].lower;
        if (PRONOUNS.has(prev) && previousPerson !== undefined) return ents.entities[previousPerson].name;
        const role = ents.roles.get(prev);
        if (role !== undefined && tokens[i - 2]?.lower === 'the') return ents.entities[role].name;
        if (prev === 'ministry' && tokens[i - 2]?.lower === 'the') {
          const ministry = ents.entities.find((e) => e.type === 'organization' && e.name.endsWith('Ministry'));
          if (ministry) return ministry.name;
        }
        if (SOURCE_NOUNS.has(prev)) {
          let k = i - 1;
          while (k > s.first && i - k < 3 && tokens[k - 1].kind === 'word' && !/^(the|a|an|and|,)$/.test(tokens[k - 1].lower) && !tokens[k - 1].cap) k--;
          if (k > s.first && tokens[k - 1].lower === 'the') k--;
          return text.slice(tokens[k].start, tokens[i - 1].end);
        }
      }
    }
    return undefined;
  }

  function isSource(entity: number): boolean {
    const type = ents.entities[entity].type;
    return type === 'person' || type === 'organization';
  }

  function phraseAfter(i: number, limit: number): string | undefined {
    let k = i;
    while (k < limit && k - i < 5 && tokens[k].kind === 'word') k++;
    return k > i ? text.slice(tokens[i].start, tokens[k - 1].end) : undefined;
  }
}

/** Each word's first token index, and under '' (no word is empty) the first word's. */
function firstUses(tokens: Token[]): Map<string, number> {
  const first = new Map<string, number>();
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i].kind !== 'word') continue;
    first.set(tokens[i].lower, i);
    // A "sub-commander" is the commander a later "the commander" refers back to.
    if (tokens[i].lower.startsWith('sub-')) first.set(tokens[i].lower.slice(4), i);
    first.set('', i);
  }
  return first;
}

/** Where to stop reading a text over `max`: its last paragraph, line or sentence break, or word, in the last tenth before `max`. */
function readableLength(text: string, max: number): number {
  if (text.length <= max) return text.length;
  const from = Math.floor(max * 0.9);
  const tail = text.slice(from, max);
  for (const [stop, keep] of [['\n\n', 0], ['\n', 0], ['. ', 1], [' ', 0]] as const) {
    const at = tail.lastIndexOf(stop);
    if (at > 0) return from + at + keep;
  }
  // Never between the halves of a surrogate pair.
  const last = text.charCodeAt(max - 1);
  return last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
}

/** Definite heads that refer back to whoever was named before ("the individual", "the men"). */
const ANAPHORIC_HEADS = new Set(['individual', 'man', 'person', 'people', 'suspect', 'target', 'victim', 'insurgent', 'militant', 'detainee', 'occupant', 'leader', PRONOUN_GROUP]);

/** Plural to singular, roughly: enough to match "the facilitators" with "a facilitator". */
function singularOf(w: string): string {
  if (w.endsWith('men')) return `${w.slice(0, -3)}man`;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

const MONTH_RE = /^\d{4}-\d{2}$/;
const CLAUSE_BREAKS = new Set(['and', 'but', ';', 'while', 'whereas', 'и', 'і', 'а']);

/** How far after "the May 11 attack" a figure may start and still be that attack's ("… attack that killed one"). */
const NAMED_REACH = 4;

/** The earlier event a date names, when the figure is what that event did: "the May 11 insider attack that killed one". */
function namedEventOf(r: RawFigure, dates: DateMention[]): DateMention | undefined {
  return dates.find((d) => d.role === 'named' && r.first >= d.end && r.first - d.end <= NAMED_REACH);
}

/** The event date nearest the figure, day precision first, preferring its own clause. */
function whenOf(tokens: Token[], r: RawFigure, dates: DateMention[]): string | undefined {
  let best: DateMention | undefined;
  let bestScore = Infinity;
  for (const d of dates) {
    const [from, to] = d.start >= r.last ? [r.last, d.start] : [d.end, r.first];
    if (to - from > WINDOW) continue;
    let score = Math.max(0, to - from) + (d.precision === 'day' ? 0 : 100);
    for (let k = from; k < to; k++) if (CLAUSE_BREAKS.has(tokens[k].lower)) score += 10;
    if (score < bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best?.iso;
}

const PERFECT = new Set(['have', 'has']);
/** Nouns of several operations a lead may sum over ("during four security operations"). */
const OPERATIONS = new Set(['operations', 'raids', 'missions']);
/** Words that make "operations" more than one ("during separate clearing and security operations"). */
const SEVERAL_OPERATIONS = new Set(['separate', 'several', 'multiple', 'numerous', 'various']);
const SUPERLATIVE_RE = /(?:est|worst|first)$/;

/** Aggregate cues of a sentence ("in recent days", "over the past day") as token ranges. */
function aggregateCues(tokens: Token[], s: Sentence): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = s.first; i < s.last; i++) {
    for (const cue of AGGREGATE_CUES.get(tokens[i].lower) ?? []) {
      if (!matchWords(tokens, i, s.last, cue)) continue;
      // "the deadliest strike since the war began" compares; it does not sum up.
      if (cue[0] === 'since' && tokens.slice(Math.max(s.first, i - 4), i).some((t) => SUPERLATIVE_RE.test(t.lower))) continue;
      out.push([i, i + cue.length]);
      break;
    }
  }
  return out;
}

/** "during four security operations", "during separate clearing and security operations": where a lead sums up several operations of one day. */
function operationsCues(tokens: Token[], s: Sentence): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = s.first; i < s.last; i++) {
    if (!OPERATIONS.has(tokens[i].lower)) continue;
    for (let m = Math.max(s.first, i - 3); m < i; m++) {
      const n = tokens[m].kind === 'number' ? digitsValue(tokens[m].text) : SEVERAL_OPERATIONS.has(tokens[m].lower) ? 2 : wordValue(tokens[m].lower);
      if (n !== undefined && n > 1) out.push([m, i + 1]);
    }
  }
  return out;
}

/**
 * A figure sums up a period when a cue ("in recent days", "since Oct. 7") lies near it and no
 * event date of its own lies nearer.
 */
function isAggregate(tokens: Token[], r: RawFigure, cues: Array<[number, number]>, dates: DateMention[]): boolean {
  const distance = (from: number, to: number): number => (from >= r.last ? from - r.last : r.first - to);
  // "… have detained more than 25 leaders since December 1": a perfect tense with a start date sums up, whatever day is nearer.
  const perfect = PERFECT.has(tokens[r.first - 1]?.lower ?? '') || PERFECT.has(tokens[r.first - 2]?.lower ?? '');
  if (perfect && dates.some((d) => d.role === 'since' && d.start >= r.last && d.start - r.last <= WINDOW)) return true;
  const nearerEvent = (cueDistance: number): boolean => dates.some((d) => d.role === 'event' && d.precision === 'day' && distance(d.start, d.end) < cueDistance);
  const sumsUp = (from: number, to: number): boolean => {
    const d = distance(from, to);
    return d <= WINDOW && !nearerEvent(d);
  };
  // The cues, then the start dates ("since Oct. 7"), read in place: no list of spans per figure.
  return cues.some(([from, to]) => sumsUp(from, to)) || dates.some((d) => d.role === 'since' && sumsUp(d.start, d.end));
}
