/**
 * Entities in one left-to-right walk over the tokens: gazetteer phrases first (longest match),
 * then composed ministries ("Russia's Defense Ministry"), titled or speaking persons
 * ("Governor Vyacheslav Gladkov", "Gladkov said"), generic organizations ("… Air Force") and
 * cued places ("the village of Robotyne"). A second step merges aliases: bare surnames into the
 * full person, "the Defense Ministry" into the qualified ministry named in the same document.
 */
import type { Entity, EntityType } from '../../record/record.js';
import type { Gazetteer, KnownName, PhraseMatch } from './gazetteer.js';
import { breaksLine, type Token } from './tokenize-text.js';
import type { NerType } from './ner/sequence-tagger.js';
import { isLowerCaseWord, tagNames, type NameSpan } from './ner/tag-names.js';
import { isHundred, scaleValue, wordValue } from './number-words.js';

export interface EntityMention {
  start: number;
  end: number;
  /** Token range [first, last). */
  first: number;
  last: number;
  /** Index into `entities`. */
  entity: number;
}

export interface RecognizedEntities {
  entities: Entity[];
  /** Sorted by position. */
  mentions: EntityMention[];
  /** Kind of place per location entity index (to resolve "the region" back to it). */
  placeKinds: Map<number, KnownName['kind']>;
  /** Role word ("governor") → person entity index, from "Governor Vyacheslav Gladkov". */
  roles: Map<string, number>;
}

const MINISTRY_TYPES: Record<string, string> = {
  defense: 'Defense', defence: 'Defense', foreign: 'Foreign', interior: 'Interior', health: 'Health',
  justice: 'Justice', finance: 'Finance', emergencies: 'Emergencies', economy: 'Economy',
  'foreign affairs': 'Foreign', 'internal affairs': 'Interior', 'emergency situations': 'Emergencies',
};
const ORG_HEADS = new Set([
  'ministry', 'agency', 'committee', 'council', 'service', 'forces', 'army', 'navy', 'guard', 'police',
  'department', 'office', 'organization', 'organisation', 'union', 'party', 'brigade', 'regiment',
  'battalion', 'corps', 'command', 'university', 'bank', 'company', 'corporation', 'airlines', 'airways',
  'court', 'institute', 'foundation', 'fund', 'commission', 'bureau', 'front', 'movement', 'directorate',
  'administration', 'authority', 'association', 'group', 'force', 'inc', 'ltd', 'lines', 'times', 'post',
  'news', 'network', 'hospital', 'prosecutor', "prosecutor's", 'parliament', 'government', 'cabinet', 'society',
  'fleet', 'club', 'federation', 'alliance', 'coalition', 'league', 'team', 'academy', 'tribunal',
]);
const PLACE_SUFFIXES = new Set([
  'region', 'oblast', 'province', 'governorate', 'district', 'krai', 'republic', 'область', 'области', 'областью',
  'області', 'областю', 'район', 'районе', 'районі',
]);
const PLACE_CUES = new Set(['village', 'town', 'city', 'settlement', 'hamlet', 'село', 'селе', 'поселок', 'селище', 'місто', 'город']);
const SPEECH_AFTER = new Set([
  'said', 'says', 'told', 'added', 'wrote', 'stated', 'noted', 'warned', 'announced', 'claimed',
  'confirmed', 'explained', 'insisted', 'argued', 'reported', 'tweeted', 'posted', 'replied', 'responded',
  'заявил', 'сообщил', 'написал', 'заявив', 'повідомив', 'написав',
]);
const NAME_STOP = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'we',
  'i', 'you', 'but', 'and', 'or', 'if', 'when', 'while', 'after', 'before', 'as', 'for', 'with', 'from',
  'by', 'to', 'of', 'some', 'many', 'all', 'both', 'no', 'there', 'here', 'meanwhile', 'however',
  'according', 'his', 'her', 'their', 'its', 'our', 'my', 'one', 'two', 'three', 'last', 'next', 'early',
  'late', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january',
  'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mr', 'mrs', 'ms', 'dr', 'also', 'then', 'now', 'today', 'yesterday', 'what', 'who', 'why', 'how',
  'where', 'which', 'so', 'not', 'his', 'most', 'more', 'several', 'other', 'another', 'each', 'every',
  'during', 'despite', 'since', 'until', 'following', 'under', 'over', 'about', 'between', 'among',
  'officials', 'police', 'residents', 'people', 'russian', 'ukrainian', 'western', 'eastern', 'northern',
  'southern', 'central', 'regional', 'local', 'federal', 'national', 'state', 'international',
  'crashed', 'shot', 'killed', 'pilot', 'captain', 'aircraft', 'plane', 'flight', 'crew', 'air',
  'related', 'article', 'original', 'url', 'photo', 'video', 'read', 'more', 'see', 'also', 'update',
]);
const ALL_CAPS_RE = /^[\p{Lu}\d]{2,}$/u;
const ORDINAL_RE = /^\d+(?:st|nd|rd|th)$/;
/** Adjectives that stop a person name but may open an organization name ("Southern Defense Forces", "State Border Guard Service"). */
const ORG_OPENERS = new Set(['western', 'eastern', 'northern', 'southern', 'central', 'regional', 'federal', 'national', 'state', 'international']);
/** A country's armed services in lower case: "Ukraine's air force", "the Russian navy" → "Ukrainian Air Force". */
const SERVICES: string[][] = [
  ['air', 'force'], ['navy'], ['army'], ['armed', 'forces'], ['general', 'staff'], ['national', 'guard'],
  ['border', 'guard'], ['marines'], ['special', 'forces'], ['air', 'defense'], ['air', 'defence'],
];
/** A place's authorities in lower case: "Odesa regional military administration" → "Odesa Regional Military Administration". */
const LOCAL_BODIES: string[][] = [
  ['regional', 'state', 'administration'], ['regional', 'military', 'administration'], ['city', 'military', 'administration'],
  ['oblast', 'military', 'administration'], ['military', 'administration'], ['regional', 'administration'],
  ['oblast', 'administration'], ['city', 'administration'], ['city', 'council'], ['regional', 'council'], ['city', 'hall'],
].sort((a, b) => b.length - a.length);
/** Last words of a military unit's name after an ordinal. */
const UNIT_WORDS = new Set([
  'division', 'battalion', 'brigade', 'regiment', 'squadron', 'wing', 'fleet', 'corps', 'army', 'marines', 'airborne', 'infantry',
  'cavalry', 'company', 'platoon', 'battery', 'flotilla', 'detachment', 'rangers', 'group', 'command', 'force', 'guards',
]);
/** Lower-case words after a name that make it a military formation. */
const UNIT_TAILS: string[][] = [['group', 'of', 'forces'], ['operational', 'group'], ['operational', 'command'], ['task', 'force']];
/** What a people's (or a country's) name before it makes an organization of (E7, E11); longest first. */
const GROUP_HEADS: string[][] = [
  ['security', 'forces'], ['government', 'forces'], ['opposition'], ['forces'], ['troops'], ['government'], ['authorities'],
  ['military'], ['police'], ['coast', 'guard'], ['intelligence', 'services'], ['militia'], ['militias'], ['army'],
];
const COUNTRY_GROUP_HEADS: string[][] = [['security', 'forces'], ['forces'], ['troops'], ['military']];
/** Generic weapon classes are written in lower case in the gazetteer ("rockets", "drones"). */
const GENERIC_RE = /^\p{Ll}/u;
const TITLE_CASE_RE = /^\p{Lu}\p{Ll}/u;
const NOT_WEAPON_BEFORE = new Set(['think', 'fuel', 'water', 'oil', 'gas', 'septic', 'storage', 'fish', 'shark', 'petrol', 'diesel', 'toy', 'propane', 'oxygen']);
const VICTIM_VERBS = new Set(['killed', 'wounded', 'injured', 'shot', 'arrested', 'detained', 'kidnapped', 'abducted', 'captured', 'executed', 'murdered']);
const NAME_PARTICLES = new Set(['al', 'bin', 'ibn', 'de', 'van', 'von', 'der', 'da', 'di', 'la', 'le', 'el', 'du', 'dos', 'del']);
const PARTICLE_PREFIX_RE = /^(?:al|el|ad|as|ash|an)-\p{Lu}/u;
/** Aircraft, missile and vehicle designations ("Kh-101", "AH-64", "B-52", "M777"); a plural "s" is not part of the name ("F-16s"). */
const WEAPON_CODE_RE = /^(?:Kh|S|T|Su|MiG|Mi|Ka|Tu|Il|An|Yak|F|AH|UH|CH|MH|AC|KC|BM|TOS|FAB|KAB|ODAB|OFAB|AGM|AIM|MQ|RQ|AK|RPG|ZSU|Shahed|Geran|Fateh|Zelzal|BMP|BTR|BMD|Tochka|Х|С|Т|Су|Ми|Ту|Ка)-\d{1,4}[A-Za-zА-Яа-я\d]*$|^B-\d{2}s?$|^M\d{3}[A-Z]?\d?s?$/u;
/** Navies' ship prefixes. */
const SHIP_PREFIXES = new Set(['USS', 'USNS', 'HMS', 'HMCS', 'HMAS', 'HMNZS', 'INS', 'RFS', 'HNLMS', 'FGS', 'ROKS', 'TCG', 'PNS', 'JS', 'KRI', 'BRP']);
const CODE_PLURAL_RE = /(\d[A-Z]?)s$/;

interface Draft {
  name: string;
  type: EntityType;
  kind?: KnownName['kind'];
  /** For bare ministries: the ministry type waiting for its country. */
  ministry?: string;
  /**
   * What found it: a composed pattern (default: ministries, services, "Royal Thai Air Force", weapon codes),
   * a capitalized run ending in an organization word (run: "… Party", "… Council"), a gazetteer phrase,
   * a context cue (title, speech verb, "the village of"), or the trained tagger.
   */
  source?: 'gazetteer' | 'cue' | 'model' | 'run';
  /** A form of the name next to its mention: "Belgorod region" beside the mention "Belgorod". */
  alias?: string;
}

export function recognizeEntities(text: string, tokens: Token[], gazetteer: Gazetteer): RecognizedEntities {
  // Each token is looked up once: the walk and the name-run checks ask about the same tokens.
  const memo: Array<PhraseMatch | null | undefined> = new Array(tokens.length);
  const gaz: Gazetteer = {
    ...gazetteer,
    match(ts, i, limit) {
      let m = memo[i];
      if (m === undefined) memo[i] = m = gazetteer.match(ts, i, limit);
      return m;
    },
  };
  const drafts: DraftSpan[] = [];
  const roleDrafts: Array<[string, DraftSpan]> = [];
  const surface = (first: number, last: number): string =>
    text.slice(tokens[first].start, tokens[last - 1].end).replace(/\s+/g, ' ');
  const isNameToken = (i: number, limit: number): boolean => {
    const t = tokens[i];
    if (t.kind !== 'word') return false;
    if (PARTICLE_PREFIX_RE.test(t.text)) return true;
    return t.cap && !NAME_STOP.has(t.lower) && gaz.match(tokens, i, limit) === null && gaz.isTitle(tokens, i, limit) === 0;
  };
  /**
   * Capitalized name tokens from i: initials ("E.") and particles ("bin", "al") inside. When the
   * run is surely a name (`surely`: after a title or a given name), a one-word city may end it:
   * "Lloyd Austin", "Stevie Ray Vaughan".
   */
  const nameRun = (i: number, limit: number, surely: boolean): number => {
    let j = i;
    while (j < limit && j - i < 5) {
      const t = tokens[j];
      if (surely && j > i && t.cap && !(j + 1 < limit && tokens[j + 1].cap)) {
        const city = gaz.match(tokens, j, limit);
        if (city && city.end === j + 1 && city.known.kind === 'city') {
          j++;
          break;
        }
      }
      if (isNameToken(j, limit)) {
        j++;
        if (possessive(t)) break; // possessive ends the name
        if (t.text.length === 1 && j < limit && tokens[j].text === '.') j++;
      } else if (j > i && NAME_PARTICLES.has(t.text) && j + 1 < limit && isNameToken(j + 1, limit)) j++;
      else break;
    }
    while (j > i && tokens[j - 1].text === '.') j--;
    return j;
  };
  /** End of the sentence or line of token i: no name runs across a line break ("Yemen⏎John Smith"). */
  const sentenceLimit = (i: number): number => {
    let j = i + 1;
    const s = tokens[i].sentence;
    while (j < tokens.length && tokens[j].sentence === s && !breaksLine(text, tokens[j - 1].end, tokens[j].start)) j++;
    return j;
  };

  let limit = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (i >= limit) limit = sentenceLimit(i);
    // "the 47th Mechanized Brigade", "3rd Assault Brigade": the ordinal is part of a unit's name.
    if (t.kind === 'number' && ORDINAL_RE.test(t.text) && i + 1 < limit && tokens[i + 1].cap) {
      const unit = Math.max(orgSpan(i + 1, limit), unitSpan(i + 1, limit));
      if (unit > 0) {
        drafts.push({ name: surface(i, unit), type: 'organization', first: i, last: unit });
        i = unit - 1;
        continue;
      }
    }
    if (t.kind !== 'word') continue;
    const prev = i > 0 && tokens[i - 1].sentence === t.sentence ? tokens[i - 1] : undefined;
    const known = gaz.match(tokens, i, limit);
    if (known) {
      let end = known.end;
      const k = known.known;
      // "Russia's Defense Ministry", "Russian Defence Ministry", "Ukraine's Ministry of Defense"
      if ((k.kind === 'country' || k.type === 'nationality') && end < limit) {
        const m = ministryAt(end, limit);
        if (m) {
          const nat = k.type === 'nationality' ? k.name : nationalityOf(k.name);
          nestedPlace(k, i, end);
          drafts.push({ name: `${nat} ${m.type} Ministry`, type: 'organization', first: i, last: m.end });
          i = m.end - 1;
          continue;
        }
        const service = phraseAt(SERVICES, end, limit);
        if (service > end) {
          const nat = k.type === 'nationality' ? k.name : nationalityOf(k.name);
          const words = titleCase(end, service).replace('Defence', 'Defense');
          nestedPlace(k, i, end);
          drafts.push({ name: `${nat} ${words}`, type: 'organization', first: i, last: service });
          i = service - 1;
          continue;
        }
        // "Somali security forces", "the Kenyan opposition", "U.S. forces": a people's or country's body acts (E7, E11).
        const group = possessive(tokens[end - 1]) ? -1 : phraseAt(k.type === 'nationality' ? GROUP_HEADS : COUNTRY_GROUP_HEADS, end, limit);
        if (group > end) {
          drafts.push({ name: surface(i, group), type: 'organization', first: i, last: group });
          i = group - 1;
          continue;
        }
      }
      // A generic weapon word capitalized inside a sentence is part of a name ("Houston Rockets"); "think tank" is no tank.
      if (k.type === 'weapon' && GENERIC_RE.test(k.name)) {
        if ((prev && TITLE_CASE_RE.test(t.text)) || NOT_WEAPON_BEFORE.has(prev?.lower ?? '')) continue;
        // After a named system the class word is part of its mention: "Shahed drones", "Kh-101 cruise missiles".
        const named = drafts[drafts.length - 1];
        if (named && named.type === 'weapon' && named.last === i) {
          named.last = end;
          i = end - 1;
          continue;
        }
      }
      // "Royal Thai Air Force", "U.S. Army", "Belgorod Regional Hospital"
      if (k.type !== 'organization' && k.type !== 'weapon') {
        const org = orgSpan(i, limit);
        if (org > end) {
          drafts.push({ name: surface(i, org), type: 'organization', first: i, last: org });
          i = org - 1;
          continue;
        }
      }
      const formation = k.type === 'location' && k.kind !== 'country' ? phraseAt(UNIT_TAILS, end, limit) : -1;
      if (formation > end) {
        nestedPlace(k, i, end);
        drafts.push({ name: surface(i, formation), type: 'organization', first: i, last: formation });
        i = formation - 1;
        continue;
      }
      const body = k.type === 'location' && k.kind !== 'country' ? phraseAt(LOCAL_BODIES, end, limit) : -1;
      if (body > end) {
        nestedPlace(k, i, end);
        drafts.push({ name: `${surface(i, end)} ${titleCase(end, body)}`, type: 'organization', first: i, last: body });
        i = body - 1;
        continue;
      }
      // "Belgorod Oblast" is one name; in "the Belgorod region" the name is "Belgorod" ("Belgorod region" an alias).
      const suffix = k.type === 'location' && end < limit && PLACE_SUFFIXES.has(tokens[end].lower);
      if (suffix && tokens[end].cap) end++;
      const alias = suffix && !tokens[end].cap ? surface(i, end + 1) : undefined;
      drafts.push({ name: k.name, type: k.type, kind: k.kind, first: i, last: end, source: 'gazetteer', alias });
      i = end - (alias ? 0 : 1);
      continue;
    }
    // "USS Carney", "HMS Diamond": a named warship is a platform, not an organization and a person.
    if (SHIP_PREFIXES.has(t.text) && i + 1 < limit && tokens[i + 1].cap && tokens[i + 1].kind === 'word') {
      let end = i + 2;
      while (end < limit && end - i < 6 && !possessive(tokens[end - 1])) {
        if (tokens[end].text === '.' && tokens[end - 1].text.length === 1 && end + 1 < limit) end++; // "Dwight D. Eisenhower"
        else if (tokens[end].cap && tokens[end].kind === 'word' && !NAME_STOP.has(tokens[end].lower)) end++;
        else break;
      }
      while (tokens[end - 1].text === '.') end--;
      drafts.push({ name: surface(i, end), type: 'weapon', first: i, last: end });
      i = end - 1;
      continue;
    }
    if (WEAPON_CODE_RE.test(t.text)) {
      drafts.push({ name: t.text.replace(CODE_PLURAL_RE, '$1'), type: 'weapon', first: i, last: i + 1 });
      continue;
    }
    // "Ministry of Defense of the Russian Federation" / bare "the Defense Ministry"
    const ministry = t.cap ? ministryAt(i, limit) : null;
    if (ministry) {
      let country: string | undefined;
      let end = ministry.end;
      if (ministry.ofForm && end + 1 < limit && tokens[end].lower === 'of') {
        const j = tokens[end + 1].lower === 'the' ? end + 2 : end + 1;
        const c = j < limit ? gaz.match(tokens, j, limit) : null;
        if (c && c.known.kind === 'country') {
          country = nationalityOf(c.known.name);
          end = c.end;
        }
      }
      drafts.push(country
        ? { name: `${country} ${ministry.type} Ministry`, type: 'organization', first: i, last: end }
        : { name: `${ministry.type} Ministry`, type: 'organization', ministry: ministry.type, first: i, last: end });
      i = end - 1;
      continue;
    }
    // "Premier League", "State Emergency Service": an organization before a title reading ("Premier")
    const orgFirst = t.cap && (!NAME_STOP.has(t.lower) || ORG_OPENERS.has(t.lower)) ? orgSpan(i, limit) : -1;
    if (orgFirst > 0) {
      drafts.push({ name: surface(i, orgFirst), type: 'organization', first: i, last: orgFirst, source: 'run' });
      i = orgFirst - 1;
      continue;
    }
    const title = gaz.isTitle(tokens, i, limit);
    if (title > 0) {
      const end = nameRun(i + title, limit, true);
      if (end > i + title) {
        const role = tokens.slice(i, i + title).map((x) => x.lower).join(' ');
        drafts.push({ name: surface(i + title, end), type: 'person', first: i + title, last: end, source: 'cue' });
        roleDrafts.push([role, drafts[drafts.length - 1]]);
        i = end - 1;
      }
      continue;
    }
    if (!isNameToken(i, limit)) continue;
    // A one-word city may end a name ("Lloyd Austin"), but only if a person cue confirms the longer run.
    const plain = nameRun(i, limit, false);
    const long = nameRun(i, limit, true);
    const end = long > plain && (gaz.isGivenName(t.lower) || personCue(i, long, limit)) ? long : plain;
    if (end === i) continue;
    const len = end - i;
    const after = end < limit ? tokens[end] : undefined;
    const afterLower = after?.lower ?? '';
    // "the Tavria group of forces", "the Dnipro operational group": a named formation in lower case.
    const unit = phraseAt(UNIT_TAILS, end, limit);
    if (unit > end) {
      drafts.push({ name: surface(i, unit), type: 'organization', first: i, last: unit });
      i = unit - 1;
      continue;
    }
    if (PLACE_SUFFIXES.has(afterLower) && !after?.cap) {
      drafts.push({ name: surface(i, end), type: 'location', kind: 'region', first: i, last: end, alias: surface(i, end + 1) });
      i = end;
      continue;
    } else if (prev && ((prev.lower === 'of' && PLACE_CUES.has(tokens[i - 2]?.lower ?? '')) || PLACE_CUES.has(prev.lower) || prev.lower === 'near' || prev.lower === 'outside')) {
      drafts.push({ name: surface(i, end), type: 'location', kind: 'city', first: i, last: end, source: 'cue' });
    } else if (len >= 2 && len <= 4 && (gaz.isGivenName(t.lower) || personCue(i, end, limit))) {
      drafts.push({ name: surface(i, end), type: 'person', first: i, last: end, source: 'cue' });
    } else if (len === 1 && speakerAlone(i, end)) {
      // "NASA said", "Tottenham said in a statement" speak for an organization; a lone surname for a person.
      const org = ALL_CAPS_RE.test(t.text) || (tokens[end + 1]?.lower === 'in' && tokens[end + 3]?.lower === 'statement');
      drafts.push({ name: surface(i, end), type: org ? 'organization' : 'person', first: i, last: end, source: 'cue' });
    }
    i = end - 1;
  }

  const { kept: combined, replaced } = combineWithModel(drafts, tagNames(text, tokens), tokens, text, gaz);
  const kept = addRuleNames(clubsNamedAfterCities(combined, tokens), tokens);
  const roles = roleDrafts.map(([role, d]): [string, DraftSpan] => [role, replaced.get(d) ?? d]);
  return mergeDrafts(text, tokens, kept, roles);

  function ministryAt(i: number, lim: number): { type: string; end: number; ofForm: boolean } | null {
    const w1 = tokens[i]?.lower;
    if (w1 === undefined) return null;
    if (w1 === 'ministry' && i + 2 < lim && tokens[i + 1].lower === 'of') {
      const two = `${tokens[i + 2].lower} ${tokens[i + 3]?.lower ?? ''}`;
      if (MINISTRY_TYPES[two] && i + 3 < lim) return { type: MINISTRY_TYPES[two], end: i + 4, ofForm: true };
      const one = MINISTRY_TYPES[tokens[i + 2].lower];
      if (one) return { type: one, end: i + 3, ofForm: true };
      return null;
    }
    const type = MINISTRY_TYPES[w1];
    if (type && i + 1 < lim && tokens[i + 1].lower === 'ministry' && tokens[i].cap) return { type, end: i + 2, ofForm: false };
    return null;
  }

  function nationalityOf(country: string): string {
    return gaz.demonym(country) ?? country;
  }

  /** "Russia's Defense Ministry", "Odesa regional administration" also mention the place itself. */
  function nestedPlace(k: KnownName, first: number, last: number): void {
    if (k.type === 'location') drafts.push({ name: k.name, type: k.type, kind: k.kind, first, last });
  }

  function titleCase(first: number, last: number): string {
    return tokens.slice(first, last).map((x) => x.lower[0].toUpperCase() + x.lower.slice(1)).join(' ');
  }

  /** End of one of `phrases` in lower case at i ("air force" after "Ukraine's"), or -1; capitalized ones are orgSpan's. */
  function phraseAt(phrases: string[][], i: number, lim: number): number {
    for (const words of phrases) {
      if (i + words.length > lim) continue;
      if (words.every((w, k) => tokens[i + k].lower === w && !tokens[i + k].cap)) return i + words.length;
    }
    return -1;
  }

  /** End of a capitalized run from i that ends in an organization word ("… Air Force"), or -1. */
  function orgSpan(i: number, lim: number): number {
    let j = i;
    while (j < lim && j - i < 7) {
      const t = tokens[j];
      // "and" after an organization word joins two organizations, not one name ("… Party and Federation of the Greens").
      const joiner = j > i && (t.lower === 'of' || t.lower === 'for' || t.lower === 'the' || (t.lower === 'and' && !ORG_HEADS.has(tokens[j - 1].lower))) && tokens[j + 1]?.cap;
      if (t.kind !== 'word' || !(t.cap || joiner)) break;
      j++;
      if (possessive(t) && !t.text.endsWith("'") && !t.text.endsWith('’')) break; // "Russia's" ends the name; "Prisoners'" does not
    }
    // Only a run that ends in the organization word is an organization ("… Air Force Base" is not), or
    // one where "of"/"for" follows it ("Housing Authority of New Orleans", "Department of Housing and Urban Development").
    if (j <= i + 1 || !tokens[j - 1].cap) return -1;
    if (ORG_HEADS.has(tokens[j - 1].lower)) return j;
    if (j < lim && tokens[j].cap) return -1; // cut by the length limit: not the whole name
    let k = j - 3;
    while (k >= i && !(tokens[k].cap && ORG_HEADS.has(tokens[k].lower) && (tokens[k + 1].lower === 'of' || tokens[k + 1].lower === 'for'))) k--;
    if (k < i) return -1;
    for (let m = i + 1; m < k; m++) if (tokens[m].lower === 'and') return -1; // "Conservative Review and Club for Growth": two names
    // After "of <place>", "and" starts another name: "Agrarian Party of Russia and Civilian Power".
    for (let m = k + 3; m < j; m++) {
      if (tokens[m].lower !== 'and') continue;
      for (let q = k + 2; q < m; q++) {
        const place = gaz.match(tokens, q, m);
        if (place?.end === m && place.known.type === 'location') return m;
      }
    }
    return j;
  }

  /** After an ordinal, end of a capitalized run ending in a unit word ("101st Airborne Division", "3rd Battalion"), or -1. */
  function unitSpan(i: number, lim: number): number {
    let j = i;
    while (j < lim && j - i < 4 && tokens[j].cap && tokens[j].kind === 'word') {
      j++;
      if (possessive(tokens[j - 1])) break;
    }
    while (j > i && !UNIT_WORDS.has(tokens[j - 1].lower)) j--;
    return j > i ? j : -1;
  }

  /** A capitalized run [i, end) reads as a person: it speaks, is spoken of by "said", has an age, or suffers. */
  function personCue(i: number, end: number, lim: number): boolean {
    return SPEECH_AFTER.has(tokens[end]?.lower ?? '') || tokens[i - 1]?.lower === 'said' || isAgeApposition(end, lim) || isVictim(end, lim);
  }

  /** A lone surname speaking at a clause start: "Gladkov said", "…,” Kirby said". */
  function speakerAlone(i: number, end: number): boolean {
    const prev = i > 0 && tokens[i - 1].sentence === tokens[i].sentence ? tokens[i - 1].text : undefined;
    return SPEECH_AFTER.has(tokens[end]?.lower ?? '') && !NAME_STOP.has(tokens[i].lower) &&
      (prev === undefined || prev === ',' || prev === '”' || prev === '"' || prev === '.' || prev === '“');
  }

  /** "… was killed", "… were wounded", "… died": what happens to people. */
  function isVictim(end: number, lim: number): boolean {
    const w = tokens[end]?.lower;
    if (w === 'died') return true;
    return end + 1 < lim && (w === 'was' || w === 'were') && VICTIM_VERBS.has(tokens[end + 1].lower);
  }

  /** ", 56," or ", 35 was": an age after a name. */
  function isAgeApposition(end: number, lim: number): boolean {
    if (!(end + 2 < lim && tokens[end].text === ',' && tokens[end + 1].kind === 'number')) return false;
    const next = tokens[end + 2].lower;
    return next === ',' || next === 'was' || next === 'were' || next === 'and' || next === 'killed' || next === 'died';
  }
}

type DraftSpan = Draft & { first: number; last: number };

const CYRILLIC_RE = /[\u0400-\u04FF]/;
/** The token ends in a possessive "'s" (its name part, `end`, stops short of its text). */
function possessive(t: Token): boolean {
  return t.end !== t.start + t.text.length;
}

const nameEdge = (t: Token): boolean => t.cap || t.kind === 'number' || PARTICLE_PREFIX_RE.test(t.text);

const MODEL_TYPES: Record<NerType, EntityType> = { PER: 'person', ORG: 'organization', LOC: 'location' };
const NAME_JOINERS = new Set(['of', 'the', 'and', 'for', 'on', 'upon', 'de', 'da', 'di', 'del', 'der', 'van', 'von', 'la', 'le', 'al', 'bin', 'ibn', 'y', 'du', 'dos', 'des', 'el']);
/** Last words of facility and landmark names. */
const FACILITY_HEADS = new Set([
  'airport', 'airfield', 'airbase', 'base', 'plant', 'bridge', 'dam', 'mosque', 'church', 'cathedral', 'temple', 'shrine',
  'prison', 'jail', 'museum', 'stadium', 'arena', 'square', 'palace', 'tower', 'harbour', 'harbor', 'station', 'checkpoint',
  'crossing', 'gate', 'barracks', 'refinery', 'terminal', 'pavilion', 'garage', 'building',
]);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those']);

/**
 * The tagger's names and the rules' drafts in one list. Composed patterns (ministries, services,
 * weapon codes) win over any name they overlap; gazetteer phrases keep their canonical name when the
 * tagger agrees on span and type, and give way to a longer name around them ("Belgorod Regional
 * Hospital", "Lloyd Austin") or to the tagger's type on the same words (a club named after its city);
 * context cues only add names the tagger did not find.
 */
function combineWithModel(drafts: DraftSpan[], names: NameSpan[], tokens: Token[], text: string, gaz: Gazetteer): { kept: DraftSpan[]; replaced: Map<DraftSpan, DraftSpan> } {
  const removed = new Set<DraftSpan>();
  const replaced = new Map<DraftSpan, DraftSpan>();
  const added: DraftSpan[] = [];
  const overlaps = (d: DraftSpan, first: number, last: number): boolean => d.first < last && first < d.last;
  const strong = drafts.filter((d) => d.source !== 'cue');
  const weak = drafts.filter((d) => d.source === 'cue');
  const pieces: Array<{ first: number; last: number; type: EntityType }> = [];
  for (const n of names) {
    let { first, last } = n;
    const type = MODEL_TYPES[n.type];
    // Spans start after a determiner and, for people, after a title ("President Joe Biden" → "Joe Biden")
    // or a place the title named ("Minister for Africa Henrietta Morgan" → "Henrietta Morgan").
    while (last - first > 1 && DETERMINERS.has(tokens[first].lower)) first++;
    if (type === 'person') {
      const title = gaz.isTitle(tokens, first, last);
      if (title > 0 && title < last - first) first += title;
      // Only after a title or its "for"/"of": a name may start with a place ("Chad Edward Gaudin said").
      const before = first > 0 && tokens[first - 1].sentence === tokens[first].sentence ? tokens[first - 1] : undefined;
      const titled = before !== undefined && (before.cap || before.lower === 'for' || before.lower === 'of');
      if (titled && last - first >= 3 && gaz.match(tokens, first, first + 1)?.known.type === 'location') first++;
    }
    // Inside a name, lower-case words are joiners only ("Bay of Plenty"): "Belgorod until Jan" → "Belgorod";
    // people and places are not joined by "and" ("Asia and Africa" → two places).
    let from = first;
    for (let k = first + 1; k <= last; k++) {
      const t = tokens[k];
      if (k === last || (type !== 'organization' && t.lower === 'and')) {
        pieces.push({ first: from, last: k, type });
        from = k + 1;
      } else if ((t.kind === 'word' && !t.cap && !NAME_JOINERS.has(t.lower) && !PARTICLE_PREFIX_RE.test(t.text)) || (type !== 'person' && gaz.isTitle(tokens, k, last) > 0)) {
        // ... and an organization or place ends where a title starts ("UN Secretary General Dag Hammarskjöld").
        pieces.push({ first: from, last: k, type });
        break;
      }
    }
  }
  // A capitalized run ending in an organization word gives way when the tagger reads two names in it, the
  // last ending where it ends: "Liberal Party of Canada Member of Parliament", "Reform Party and Canadian Alliance".
  for (const d of strong) {
    if (d.source !== 'run') continue;
    const inside = pieces.filter((p) => p.first >= d.first && p.last <= d.last && p.last > p.first);
    if (inside.length >= 2 && inside.some((p) => p.type === 'organization' && p.last === d.last)) removed.add(d);
  }
  for (const piece of pieces) {
    let { first, last } = piece;
    if (last <= first) continue;
    while (last - first > 1 && NAME_JOINERS.has(tokens[last - 1].lower)) last--;
    // A named facility is a place, whoever runs it ("Zaporizhzhia Nuclear Power Plant", "Bagram Air Base") (E14).
    const type = piece.type === 'organization' && last - first > 1 && FACILITY_HEADS.has(tokens[last - 1].lower) ? 'location' : piece.type;
    // A name starts and ends with a capitalized word or a number ("Leopard 2"); the tagger is English only.
    if (!nameEdge(tokens[first]) || !nameEdge(tokens[last - 1])) continue;
    // Number words are no names ("Thirty died on the ferry").
    if (tokens.slice(first, last).every((t) => wordValue(t.lower) !== undefined || isHundred(t.lower) || scaleValue(t.lower) !== undefined)) continue;
    if (CYRILLIC_RE.test(text.slice(tokens[first].start, tokens[last - 1].end))) continue;
    const over = strong.filter((d) => !removed.has(d) && overlaps(d, first, last));
    const same = over.find((d) => d.first === first && d.last === last);
    if (same) {
      // A known place stays a place unless the tagger reads a person there; clubs are a rule of their own.
      const keep = same.type === type || same.source !== 'gazetteer' || same.type !== 'location' || type !== 'person';
      if (keep) continue;
      removed.add(same);
    } else if (over.length > 0) {
      // Inside or across a composed or known name, or around a weapon: the rule's reading stands. A known
      // place, organization or people's name inside a longer one yields ("Muslim Party of Indonesia",
      // "Australian Greens", "British Columbia"; a person is never read around a nationality), and so
      // does an organization run the tagger reads further ("Democratic Party of the Left").
      const yields = (d: DraftSpan): boolean =>
        d.first >= first && d.last <= last &&
        ((d.source === 'gazetteer' && (d.type === 'location' || d.type === 'organization' || (type !== 'person' && d.last - d.first < last - first && (d.type === 'nationality' || d.type === 'group')))) ||
          (d.source === 'run' && type === 'organization'));
      if (!over.every(yields)) continue;
      for (const d of over) removed.add(d);
    }
    // Places do not speak: a cue that reads the same words as a person or organization stands, and so
    // does a cued name around the tagger's ("Stevie Ray Vaughan, 35," around "Stevie").
    const cue = weak.find((w) => !removed.has(w) && w.first <= first && w.last >= last);
    if (cue && (cue.last - cue.first > last - first || cue.type === type || type === 'location' || cue.type === 'organization')) continue;
    const draft: DraftSpan = { name: text.slice(tokens[first].start, tokens[last - 1].end).replace(/\s+/g, ' '), type, first, last, source: 'model' };
    for (const w of weak) {
      if (removed.has(w) || !overlaps(w, first, last)) continue;
      removed.add(w);
      if (w.type === type) replaced.set(w, draft);
    }
    added.push(draft);
  }
  const kept = drafts.filter((d) => !removed.has(d)).concat(added);
  kept.sort((a, b) => a.first - b.first || b.last - a.last);
  return { kept, replaced };
}

const SCORE_RE = /^\d{1,3}[-–]\d{1,3}$/;
/** Words next to a team in a match report ("Ajax drew with Twente", "lost to Utrecht", "Celtic v Rangers"). */
const RESULT_WORDS = new Set(['beat', 'beats', 'defeated', 'drew', 'draw', 'lost', 'won', 'edged', 'thrashed', 'routed', 'v', 'vs', 'against']);

/**
 * A city next to a score or a result word, in a sentence that has a score, is its club: "Feyenoord beat
 * Utrecht 2-0" (E16). Countries stay places (national teams are named as their country).
 */
function clubsNamedAfterCities(drafts: DraftSpan[], tokens: Token[]): DraftSpan[] {
  const scored = new Set<number>();
  for (let i = 0; i < tokens.length; i++) if (tokens[i].kind === 'number' && SCORE_RE.test(tokens[i].text)) scored.add(tokens[i].sentence);
  if (scored.size === 0) return drafts;
  const near = (i: number): boolean => i >= 0 && i < tokens.length && (SCORE_RE.test(tokens[i].text) || RESULT_WORDS.has(tokens[i].lower) || (tokens[i].lower === 'with' && tokens[i - 1]?.lower === 'drew') || (tokens[i].lower === 'to' && tokens[i - 1]?.lower === 'lost'));
  return drafts.map((d) => {
    if (d.type !== 'location' || d.kind === 'country' || d.kind === 'region' || !scored.has(tokens[d.first].sentence)) return d;
    if (!near(d.first - 1) && !near(d.last)) return d;
    return { ...d, name: tokens.slice(d.first, d.last).map((t) => t.text).join(' '), type: 'organization', kind: undefined };
  });
}

const ACRONYM_RE = /^[A-Z]{2,7}s?$/;
/** All-caps words that are not organizations. */
const NOT_ACRONYMS = new Set([
  'TV', 'CEO', 'CFO', 'COO', 'CTO', 'PM', 'AM', 'GMT', 'UTC', 'BST', 'EST', 'EDT', 'PST', 'CET', 'ID', 'OK', 'PDF', 'USD',
  'EUR', 'GBP', 'DNA', 'HIV', 'AIDS', 'COVID', 'GDP', 'HQ', 'VIP', 'FAQ', 'PR', 'IT', 'AI', 'IQ', 'MP', 'MPs', 'MD', 'RIP',
  'LOL', 'OMG', 'SUV', 'ATM', 'GPS', 'SMS', 'URL', 'HTML', 'KM', 'KG', 'MW', 'GW', 'BC', 'AD', 'CE', 'II', 'III', 'IV',
  'VI', 'VII', 'VIII', 'IX', 'XI', 'XII', 'XX', 'NB', 'PS', 'ET', 'PT', 'CT', 'UPDATE', 'BREAKING', 'NEW', 'WATCH', 'READ',
  'THE', 'AND', 'FOR', 'NOT', 'YES', 'NO', 'QUESTION', 'ANSWER', 'Q', 'A', 'MR', 'MRS', 'MS', 'DR', 'OF', 'IN', 'ON', 'TO',
  'IS', 'IT', 'BY', 'AT', 'OR', 'AN', 'WE', 'US', 'UK', 'EU', 'POW', 'POWs', 'KIA', 'WIA', 'MIA', 'LGBT', 'LGBTQ', 'PhD',
  'ISBN', 'NB', 'TBD', 'TBA', 'ETA', 'FYI', 'ASAP', 'DIY', 'UFO', 'CCTV', 'VPN', 'API', 'USB', 'CPU', 'RAM', 'IP', 'OS',
  // common nouns: roles, finance, health, time zones, eras, media
  'VP', 'SVP', 'EVP', 'MVP', 'MLA', 'MPP', 'TD', 'HR', 'IPO', 'IRR', 'ROI', 'VAT', 'LNG', 'LPG', 'DUI', 'SEO', 'ADHD',
  'PTSD', 'CDT', 'CST', 'MST', 'MDT', 'PDT', 'BCE', 'CD', 'DVD', 'PC', 'NGO', 'LLC', 'PLC', 'LTD', 'PVT', 'INC', 'CO',
]);
/** Before an acronym, these make it a common noun ("a CPA", "my DUI"). */
const COMMON_NOUN_BEFORE = new Set(['a', 'an', 'my', 'your', 'his', 'her', 'our', 'their', 'its', 'every', 'each', 'any']);
/** Capitalized collectives after "the" that name an organization (E5). */
const COLLECTIVES = new Set(['coalition', 'alliance', 'department', 'west', 'international community', 'commission', 'council', 'senate', 'congress', 'secretariat', 'mission', 'embassy', 'administration', 'bureau', 'agency']);
const CAPS_TITLES = new Set(['MR', 'MRS', 'MS', 'DR']);
const OPEN_QUOTES = new Set(['“', '"', '‘', "'"]);
const CLOSE_QUOTES = new Set(['”', '"', '’', "'"]);

/**
 * What neither the corpora nor the tagger cover: "MR PRICE" in transcripts (E2), acronym organizations
 * (E4), capitalized collectives such as "the Coalition" (E5) and regimes named after a leader (E6).
 */
function addRuleNames(drafts: DraftSpan[], tokens: Token[]): DraftSpan[] {
  const covered = new Int32Array(tokens.length).fill(-1);
  drafts.forEach((d, k) => covered.fill(k, d.first, d.last));
  const out = [...drafts];
  const removed = new Set<DraftSpan>();
  const shouting = new Map<number, boolean>();
  /** Headlines and transcript labels in capitals are not acronyms. */
  const allCapsSentence = (i: number): boolean => {
    const s = tokens[i].sentence;
    let v = shouting.get(s);
    if (v === undefined) {
      let caps = 0;
      let words = 0;
      for (let k = i; k >= 0 && tokens[k].sentence === s; k--) if (tokens[k].kind === 'word') (words++, ACRONYM_RE.test(tokens[k].text) && caps++);
      for (let k = i + 1; k < tokens.length && tokens[k].sentence === s; k++) if (tokens[k].kind === 'word') (words++, ACRONYM_RE.test(tokens[k].text) && caps++);
      v = words >= 3 && caps * 2 > words;
      shouting.set(s, v);
    }
    return v;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word') continue;
    const next = tokens[i + 1];
    const prev = i > 0 ? tokens[i - 1] : undefined;
    // "MR PRICE: Yes." → Price
    if (CAPS_TITLES.has(t.text) && next && next.kind === 'word' && /^[A-Z]{2,}$/.test(next.text) && next.sentence === t.sentence) {
      const name = next.text[0] + next.text.slice(1).toLowerCase();
      const d = covered[i + 1] >= 0 ? drafts[covered[i + 1]] : undefined;
      if (!d) out.push({ name, type: 'person', first: i + 1, last: i + 2, source: 'cue' });
      else if (d.type === 'person' && d.first === i + 1 && d.last === i + 2) d.name = name;
      if (!d || d.type === 'person') {
        i++;
        continue;
      }
    }
    // "The Mugabe regime" (a known place keeps its own reading: "the Kyiv regime" mentions Kyiv)
    if (t.cap && next?.lower === 'regime' && !next.cap) {
      const k = covered[i];
      const d = k >= 0 ? drafts[k] : undefined;
      if (!d || (d.last === i + 1 && (d.type === 'person' || d.source === 'model'))) {
        const first = d ? d.first : i;
        if (d) removed.add(d);
        out.push({ name: `${tokens.slice(first, i + 1).map((x) => x.text).join(' ')} regime`, type: 'organization', first, last: i + 2 });
        i++;
        continue;
      }
    }
    if (covered[i] >= 0 || !t.cap) continue;
    // "the Coalition", "the International Community"
    if (prev?.lower === 'the') {
      const two = next && next.cap ? `${t.lower} ${next.lower}` : '';
      const len = COLLECTIVES.has(two) ? 2 : COLLECTIVES.has(t.lower) ? 1 : 0;
      if (len > 0 && (len === 1 || covered[i + 1] < 0)) {
        out.push({ name: len === 2 ? `${t.text} ${next.text}` : t.text, type: 'organization', first: i, last: i + len });
        i += len - 1;
        continue;
      }
    }
    // "the JTF and the ISF briefed AMISOM"
    // Not a common noun: plural ("NGOs", "MLAs") or after an article or a pronoun ("a CPA", "my DUI"); "Russia's FSB" is one.
    const bare = t.text.replace(/['’]s?$/, ''); // "the AKP's offices", "NGOs' staff"
    const commonNoun = bare.endsWith('s') || COMMON_NOUN_BEFORE.has(prev?.lower ?? '');
    if (ACRONYM_RE.test(bare) && !NOT_ACRONYMS.has(bare) && !commonNoun && !isLowerCaseWord(t.lower) && !allCapsSentence(i)) {
      out.push({ name: bare, type: 'organization', first: i, last: i + 1 });
    }
  }
  // "James “Jim” Carter": a quoted nickname between given name and surname is not a name of its own (E3).
  out.sort((a, b) => a.first - b.first || b.last - a.last);
  for (let k = 0; k < out.length; k++) {
    const a = out[k];
    const q = a.last;
    if (a.type !== 'person' || removed.has(a) || !OPEN_QUOTES.has(tokens[q]?.text ?? '') || !CLOSE_QUOTES.has(tokens[q + 2]?.text ?? '')) continue;
    if (!tokens[q + 1].cap || tokens[q + 3]?.cap !== true || tokens[q + 3].sentence !== tokens[q].sentence) continue;
    let last = q + 4;
    while (last < tokens.length && tokens[last].cap && tokens[last].kind === 'word' && tokens[last].sentence === tokens[q].sentence && last - q < 6) last++;
    for (const d of out) if (d !== a && d.first >= q && d.first < last) removed.add(d);
    a.name = `${a.name} ${tokens.slice(q + 3, last).map((x) => x.text).join(' ')}`;
    a.last = last;
  }
  return out.filter((d) => !removed.has(d));
}

function mergeDrafts(
  text: string,
  tokens: Token[],
  drafts: DraftSpan[],
  roleDrafts: Array<[string, DraftSpan]>,
): RecognizedEntities {
  // Persons: a full name claims its surname; single-token persons merge into it.
  const fullBySurname = new Map<string, string>();
  for (const d of drafts) {
    if (d.type !== 'person' || d.last - d.first < 2) continue;
    const surname = tokens[d.last - 1].lower;
    if (!fullBySurname.has(surname)) fullBySurname.set(surname, d.name);
  }
  // Bare surnames not caught by a cue ("Gladkov" at the start of a sentence).
  const covered = new Uint8Array(tokens.length);
  for (const d of drafts) for (let k = d.first; k < d.last; k++) covered[k] = 1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (covered[i] || !t.cap || t.kind !== 'word') continue;
    if (fullBySurname.has(t.lower) && !(i + 1 < tokens.length && tokens[i + 1].cap && tokens[i + 1].kind === 'word' && tokens[i + 1].start - t.end < 2)) {
      drafts.push({ name: t.text, type: 'person', first: i, last: i + 1 });
    }
  }
  // Bare ministries take the country of the qualified ministry of the same type in this document.
  const qualified = new Map<string, string>();
  for (const d of drafts) {
    if (d.type === 'organization' && !d.ministry && d.name.endsWith(' Ministry')) {
      const type = d.name.split(' ').slice(-2, -1)[0];
      if (!qualified.has(type)) qualified.set(type, d.name);
    }
  }

  const entities: Entity[] = [];
  const byKey = new Map<string, number>();
  const placeKinds = new Map<number, KnownName['kind']>();
  const mentions: EntityMention[] = [];
  const draftEntity = new Map<DraftSpan, number>();
  for (const d of drafts) {
    let name = d.name;
    if (d.type === 'person' && d.last - d.first === 1) name = fullBySurname.get(tokens[d.first].lower) ?? name;
    if (d.ministry) name = qualified.get(d.ministry) ?? name;
    name = name.replace(/^(?:the|The)\s+/, '').replace(/[.,;:!?'"”’]+$/, '');
    const key = `${d.type}:${name.toLowerCase()}`;
    let index = byKey.get(key);
    if (index === undefined) {
      index = entities.length;
      byKey.set(key, index);
      entities.push({ name, type: d.type, mentions: [] });
      if (d.kind) placeKinds.set(index, d.kind);
    }
    // A mention never starts with "the" ("the United States" → "United States").
    const start = tokens[d.last - d.first > 1 && DETERMINERS.has(tokens[d.first].lower) ? d.first + 1 : d.first].start;
    const end = tokens[d.last - 1].end;
    const e = entities[index];
    e.mentions.push({ start, end });
    for (const form of [text.slice(start, end).replace(/\s+/g, ' '), d.alias]) {
      if (form === undefined || form === e.name) continue;
      e.aliases ??= [];
      if (!e.aliases.includes(form)) e.aliases.push(form);
    }
    mentions.push({ start, end, first: d.first, last: d.last, entity: index });
    draftEntity.set(d, index);
  }
  mentions.sort((a, b) => a.start - b.start);
  for (const e of entities) e.mentions.sort((a, b) => a.start - b.start);
  const roles = new Map<string, number>();
  for (const [role, draft] of roleDrafts) {
    const entity = draftEntity.get(draft);
    if (entity !== undefined && !roles.has(role)) roles.set(role, entity);
  }
  return { entities, mentions, placeKinds, roles };
}
