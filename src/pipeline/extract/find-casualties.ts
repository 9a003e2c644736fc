/**
 * Casualty figures in one sentence, as token ranges. Patterns, tried at every token:
 * - toll:      "the death toll rose to 25"
 * - negation:  "no deaths or injuries", "nobody was hurt", "no civilians were killed", "погибших нет"
 * - subject:   COUNT [of] [modifiers] HEAD [of X | aboard X | on the ground] [, including …,] (and COUNT HEAD)* AUX* PREDICATE
 *              "25 residents of Belgorod were killed", "22 passengers and 3 crew were killed"
 * - noun:      "25 deaths", "seven wounded"
 * - object:    ACTIVE COUNT HEAD (and COUNT HEAD)*: "killing all 44 on board and 3 on the ground"
 * - named:     "Senator X was killed … along with two children", "killing actor X, 53, and two child actors"
 * - all aboard: "All aboard were killed" = the number a sentence before said were aboard (ctx.aboard)
 * - perpetrator: "killing himself and 6 policemen", "then killed himself", "… before he was shot dead"
 * - verb first:  "погибли 25 человек, … ранены 109", "погиб мужчина": the verb before a count (or one person) is its own
 * A person subject's fate may come later in its clause ("refused to leave the aircraft and
 * drowned", "leaped from the plane to his death") or after an appositive ("Four people, waiting
 * to board, were killed"). A figure keeps its scope ("aboard the DC-9", "on the ground") so
 * that the summary adds parts on different vehicles instead of taking them for restatements.
 * A count whose head is equipment, a unit, money or an event ("12 missiles", "3 km") is never a figure.
 */
import type { CasualtyFigure, CasualtyKind } from '../../record/record.js';
import {
  ACTIVE, AUX, GENERIC_PERSON_PLURALS, NEGATORS, NOBODY, NON_PERSON, NOT_COUNT_BEFORE, NOUNS, PERSON_OBJECT_ONLY, PERSON_PLURALS, PERSON_SINGULARS,
  PLACE_NOUNS,
  PREDICATES, SPEECH_VERBS, TOLLS, TOLL_FILLER, type Phrase,
} from './casualty-lexicon.js';
import type { Gazetteer } from './gazetteer.js';
import { matchWords, parseQuantity, type Quantity } from './parse-quantity.js';
import type { Token } from './tokenize-text.js';

/** A figure before provenance and context: token offsets instead of text offsets, no date, place or source yet. */
export interface RawFigure extends Pick<CasualtyFigure, 'kind' | 'count' | 'min' | 'max' | 'approximate' | 'negated' | 'who' | 'note' | 'aggregate'> {
  /** A running total ("the death toll rose to 25"): restates, never adds. */
  toll?: boolean;
  /** The vehicle or spot the victims were on ("aboard the dc-9", "on the ground"): figures with different scopes are different victims. */
  scope?: string;
  /** Token range [first, last) of the phrase. */
  first: number;
  last: number;
  /** Parts with a definite determiner ("the facilitator", "the two insurgents"): their head nouns and how many they count; they may restate earlier figures. */
  definite?: Array<{ count: number; head: string; who?: string; partitive?: boolean }>;
  /** "several more insurgents were killed": adds to the figures before it, never restates them. */
  more?: boolean;
  /** "killed the insurgents", "killing all individuals": as many as the text last counted of that head (see countedGroups); the figure stands only if it did. */
  antecedent?: string;
}

/** Role nouns by their ending ("facilitator", "financier", "gunman", "extremist"): people, when a verb of killing or capture takes them. */
const ROLE_NOUN_RE = /^[a-z][a-z-]{2,}(?:er|or|ist|ian|ant|(?<!m)ent|man|men|ee|ive|ate)s?$/;
/** Words with a role noun's ending that are things. */
const NOT_ROLE_NOUNS = new Set([
  'number', 'numbers', 'amount', 'quantity', 'center', 'centre', 'border', 'order', 'power', 'water', 'paper', 'matter',
  'letter', 'computer', 'shelter', 'sector', 'motor', 'error', 'door', 'floor', 'meter', 'liter', 'trailer', 'container',
  'launcher', 'launchers', 'transmitter', 'detonator', 'detonators', 'component', 'components', 'equipment', 'document',
  'documents', 'element', 'elements', 'material', 'materials', 'vest', 'explosive', 'explosives', 'weapon', 'ammunition',
  'incident', 'accident', 'event', 'statement', 'agreement', 'government', 'movement', 'compound', 'compounds',
  'cache', 'caches', 'total', 'rest', 'majority', 'remainder', 'others', 'another', 'other', 'whether', 'either',
]);
/** Words that blame a killing on someone, with the word after them: "accused of", "responsible for", "linked to". */
const BLAME = new Map([
  ['accused', 'of'], ['suspected', 'of'], ['responsible', 'for'], ['blamed', 'for'], ['wanted', 'for'], ['linked', 'to'],
  ['connected', 'to'], ['tied', 'to'], ['implicated', 'in'],
]);
const BLAME_ALONE = new Set(['behind', 'masterminded', 'orchestrated']);
/** How far before a verb of killing a blaming word may stand (tokens). */
const BLAME_REACH = 25;
/** Vague group words after "one of": the group was counted before. */
const VAGUE_GROUP = new Set(['several', 'multiple', 'numerous', 'many']);
/** Casualty nouns a person word may modify ("ten insurgent deaths", "three civilian bodies"). */
const COUNTED_NOUNS = new Set(['deaths', 'fatalities', 'casualties', 'bodies', 'injuries']);
/** Plural heads that count no one by themselves ("others" needs a number). */
const NO_COUNT_HEADS = new Set(['others', 'more', 'them', 'those', 'lives', 'whom', 'humans']);
const CASUALTIES_NOTE = "'casualties' counts killed and injured together; counted as injured";
const PREPOSITIONS = new Set([
  'of', 'on', 'in', 'at', 'from', 'aboard', 'near', 'inside', 'including', 'among', 'during', 'after', 'when',
  'while', 'as', 'by', 'with', 'to', 'and', 'or', 'but', 'since', 'for', 'before', 'into', 'across', 'without', 'against',
  'throughout', 'within', 'under',
  'в', 'на', 'у', 'из', 'з', 'під', 'под', 'и', 'і', 'та', 'внаслідок',
]);
const PP_HEADS = new Set(['of', 'on', 'aboard', 'in', 'from', 'at', 'inside', 'near', 'onboard', 'из', 'з', 'в', 'у']);
const PARTITIVE_DET = new Set(['the', 'them', 'whom', 'those', 'these', 'its', 'their', 'which', 'his', 'her']);
const ANY_WORDS = new Set(['any', 'other', 'further', 'serious', 'major', 'immediate', 'civilian', 'human', 'known', 'more', 'confirmed']);
const REPORT_WORDS = new Set(['reports', 'report', 'reported', 'information', 'word', 'indication', 'indications', 'sign', 'signs', 'news', 'data', 'сведений', 'информации', 'даних', 'інформації']);
const NIL_AFTER = new Set(['нет', 'немає', 'не']);
const RUNNING_TOTAL = new Set(['bringing', 'raising', 'pushing', 'taking', 'making', 'brings', 'raises', 'makes']);
/** Words in a toll's qualifier that reach beyond one event ("the death toll in the war"). */
const WIDE_SCOPE = new Set(['war', 'conflict', 'operation', 'offensive', 'invasion', 'year', 'month', 'since', 'country', 'region', 'strip']);
const PART_OF = new Set(['of', 'из', 'з']);
const BE = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', 'got', 'get', 'gets']);
const RELATIVES = new Set(['which', 'who', 'whom', 'that', 'where', 'when', 'whose']);
const IRREGULAR_PARTICIPLES = new Set(['shot', 'hit', 'struck', 'caught', 'beaten', 'found', 'taken', 'thrown', 'bitten', 'run', 'blown']);
/** Deaths that take no object: after "and" they end the subject's clause ("… and drowned"); "and executed a go-around" does not. */
const DIED = new Set(['died', 'drowned', 'perished', 'succumbed', 'dies']);
const SUSPECTED = new Set(['believed', 'suspected', 'thought', 'accused', 'alleged', 'said', 'known', 'reported']);
const DEFINITE = new Set(['the', 'these', 'those', 'his', 'her', 'their', 'its']);
const ANAPHORIC_PARTITIVE = new Set(['the', 'those', 'these', 'them', 'whom']);
/** Participles that modify a group noun ("the armed men"), not verbs of a clause. */
const GROUP_MODIFIERS = new Set(['armed', 'wanted', 'wounded', 'injured', 'detained', 'named', 'unidentified']);
/** After "one of": the group the phrase itself just counted ("two suspects, one of whom …"). */
const GROUP_BEFORE = new Set(['them', 'whom']);
const ORDINAL_RE = /^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last|latest|previous|former)$/;
const DETERMINER_WORDS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'this', 'that']);
const PARTICLES = new Set(['out', 'up', 'down', 'away', 'off', 'back', 'over']);
/** Verbs whose subject bears an injury noun a few words on: "suffered minor injuries", "sustained shrapnel wounds". */
const BEAR_INJURY = new Set(['suffered', 'sustained', 'received', 'suffering', 'sustaining', 'receiving', 'suffer', 'sustain']);
/** What such a verb's object names when it is an injury ("a broken leg" counts through "broken"). */
const INJURY_NOUNS = new Set([
  'injuries', 'injury', 'wounds', 'wound', 'burns', 'fractures', 'fracture', 'concussion', 'concussions', 'broken',
  'cuts', 'bruises', 'lacerations', 'trauma', 'inhalation', 'exhaustion',
]);
/** The antecedent head of "killed them": whatever group was counted last, in the sentence or the one before. */
export const PRONOUN_GROUP = 'them';
/** The longest agent phrase between a participle and "and killed" ("was struck by a speeding delivery van and killed"). */
const AGENT_REACH = 6;
/** The longest parenthesis after a name that the name's predicate is looked for past. */
const PAREN_REACH = 8;
/** How many words may stand between such a verb and its injury noun ("suffered a gunshot wound", "sustained minor to moderate injuries"). */
const INJURY_REACH = 4;
/** Heads whose size may follow: "a family of four", "a crew of 5". */
const GROUP_HEADS = new Set(['family', 'crew', 'семья', "сім'я"]);
const POSSESSIVES = new Set(['his', 'her', 'their']);
const REFLEXIVES = new Set(['himself', 'herself', 'себя', 'себе']);
/** Where a clause ends: a later death verb beyond it is someone else's. */
const CLAUSE_ENDS = new Set(['when', 'while', 'as', 'because', 'but', 'after', 'before', 'which', 'who', 'where', 'although', 'though', 'until']);

interface Subject {
  end: number;
  who?: string;
  /** The head noun, lower-cased. */
  head?: string;
  /** The head is itself a casualty noun ("25 deaths"). */
  noun?: CasualtyKind;
  person: boolean;
  singular: boolean;
  empty: boolean;
  /** "several insurgents including the commander": a role among them named definitely (as a plural "who"). */
  includedDefinite?: string;
  /** A group whose size the phrase states ("a family of four"): replaces the count. */
  size?: number;
  /** "3 fighters on each side": the count is per side of a two-sided fight. */
  perSide?: boolean;
  scope?: string;
}

export interface SentenceContext {
  /** Token index range [first, last) of the sentence. */
  first: number;
  last: number;
  /** Token is part of a date expression. */
  isDate(i: number): boolean;
  /** First token of a person mention → the token just past it. */
  persons: Map<number, number>;
  /** The language puts the verb before its subject ("погибли 5 человек"): a predicate right before a count also makes a figure. */
  verbFirst: boolean;
  /** How many the text said were aboard, before this sentence ("carrying 23 soldiers and 5 crew"); "all aboard were killed" counts them. Default: unknown. */
  aboard?: number;
}

export function findCasualties(tokens: Token[], gaz: Gazetteer, ctx: SentenceContext): RawFigure[] {
  const { first, last, isDate, persons, verbFirst, aboard } = ctx;
  /** The verb indexes activeBefore reads (once per sentence: per call, its lists were garbage). */
  const verbMaps = verbFirst ? [ACTIVE, PREDICATES] : [ACTIVE];
  const out: RawFigure[] = [];
  /** Set while diedOfInjury reads a later death: the injury it meets there does not look again. */
  let readingLaterDeath = false;
  const lw = (k: number): string => (k >= first && k < last ? tokens[k].lower : '');
  const matchAt = (map: Map<string, Phrase[]>, k: number): Phrase | null => {
    if (k >= last) return null;
    for (const p of map.get(lw(k)) ?? []) if (matchWords(tokens, k, last, p.words)) return p;
    return null;
  };
  const isPredicateStart = (k: number): boolean =>
    matchAt(PREDICATES, k) !== null || injuryPhraseEnd(k) >= 0;

  /** `object`: the noun is the object of a verb of killing or capture, which takes people: a role noun ("a facilitator") is a person. */
  const personHead = (k: number, object = false): { person: boolean; singular: boolean; nonPerson: boolean } => {
    const t = tokens[k];
    const w = lw(k);
    if (PERSON_SINGULARS.has(w)) return { person: true, singular: true, nonPerson: false };
    if (PERSON_PLURALS.has(w)) return { person: true, singular: false, nonPerson: false };
    if (object && !t.cap && t.kind === 'word' && !NON_PERSON.has(w) && !NOT_ROLE_NOUNS.has(w) && ROLE_NOUN_RE.test(w)) {
      return { person: true, singular: !/(?:s|men)$/.test(w), nonPerson: false };
    }
    // "25 Palestinians", "a 17-year-old Palestinian"
    const nat = gaz.nationality(w);
    if (nat) return { person: true, singular: w === nat.name.toLowerCase(), nonPerson: false };
    const known = t.cap ? gaz.match(tokens, k, last) : null;
    if (NON_PERSON.has(w) || (known && known.known.type !== 'nationality' && known.known.type !== 'group') || t.cap) {
      return { person: false, singular: false, nonPerson: true };
    }
    return { person: false, singular: false, nonPerson: false };
  };

  /**
   * "Two wounded soldiers died in hospital", "a wounded guard who was hit … died": "wounded" before a
   * person noun is a modifier when that subject's own verb is a death (the wounded who died are killed
   * only); before any other verb it stays the figure's predicate ("two wounded civilians were evacuated").
   */
  const woundedThenDied = (k: number): boolean => {
    const w = lw(k);
    if (w !== 'wounded' && w !== 'injured') return false;
    if (!PERSON_PLURALS.has(lw(k + 1)) && !PERSON_SINGULARS.has(lw(k + 1))) return false;
    // A bare verb right after the noun is a death only when intransitive ("died", not "killed a sniper").
    const direct = parsePredicate(k + 2);
    const p = direct ?? afterAppositive(k + 2);
    return p !== null && p.kind === 'killed' && !p.negated && (!direct || !p.bare || DIED.has(lw(k + 2)));
  };

  /** Noun phrase after a count; `object` as in personHead. */
  const parseSubject = (j: number, object = false): Subject | null => {
    let k = j;
    if (lw(k) === 'of') {
      k++;
      if (PARTITIVE_DET.has(lw(k))) k++;
      if (k < last && tokens[k].kind === 'number') k++;
    }
    // "the seventh Taliban leader captured", "their 60th leader": a place in a series, no count.
    if (ORDINAL_RE.test(lw(k)) && DEFINITE.has(lw(k - 1))) return null;
    let head = -1;
    let noun: CasualtyKind | undefined;
    let modifier: string | undefined;
    const startWords = k;
    while (k < last && k - startWords < 6) {
      const t = tokens[k];
      const w = lw(k);
      // "an Islamic Movement of Uzbekistan facilitator": "of" inside a name.
      if (w === 'of' && k > startWords && tokens[k - 1].cap && k + 1 < last && tokens[k + 1].cap) {
        k++;
        continue;
      }
      // "25-year-old" is a modifier, not a count.
      if (t.kind !== 'word' && !(t.kind === 'number' && /\p{L}/u.test(t.text))) break;
      if (k === startWords && NOUNS.has(w) && !PERSON_PLURALS.has(w) && !woundedThenDied(k)) {
        noun = NOUNS.get(w);
        head = k;
        k++;
        break;
      }
      // "2 IS fighters": the acronym, not the verb; "a sub-commander along with …" ends at "along with".
      // "arrested a bomb maker yesterday": a date ends the noun phrase.
      if ((AUX.has(w) && t.text !== 'IS') || NEGATORS.has(w) || PREPOSITIONS.has(w) || (isPredicateStart(k) && !woundedThenDied(k)) || w.endsWith("n't") || isDate(k) || (RELATIVES.has(w) && w !== 'that' && k > startWords)) break;
      if ((w === 'along' || w === 'together') && lw(k + 1) === 'with') break;
      head = k;
      k++;
      if (PERSON_PLURALS.has(w) || PERSON_SINGULARS.has(w)) {
        // "crew members", "ground crew member": a second person noun right after still belongs to the head.
        if (k < last && (PERSON_PLURALS.has(lw(k)) || PERSON_SINGULARS.has(lw(k)))) {
          head = k;
          k++;
        }
        // "ten insurgent deaths", "three civilian bodies": the person word modifies the casualty noun.
        if (k < last && COUNTED_NOUNS.has(lw(k))) {
          modifier = lw(head);
          noun = NOUNS.get(lw(k));
          head = k;
          k++;
        }
        break;
      }
    }
    let who: string | undefined = modifier === undefined ? undefined : whoOf(modifier, PERSON_SINGULARS.has(modifier));
    let person = false;
    let singular = false;
    if (head >= 0 && noun === undefined) {
      const h = personHead(head, object);
      if (h.nonPerson) return null;
      person = h.person;
      singular = h.singular;
      if (!person && tokens[head].kind === 'word' && !/^[\p{Ll}]/u.test(tokens[head].text)) return null;
      who = whoOf(lw(head), singular);
    }
    let scope: string | undefined;
    let perSide = false;
    /** "several insurgents, including a Taliban commander": the role named among them, which a later "the commander" restates. */
    let included: string | undefined;
    let includedDefinite: string | undefined;
    // Prepositional tails and parentheticals: "of Belgorod", "aboard 159325", "on the ground", ", including 2 children,"
    for (let guard = 0; guard < 4 && k < last; guard++) {
      if (lw(k) === 'out' && lw(k + 1) === 'of') k++; // "ten people out of 45 aboard"
      const w = lw(k);
      if (w === '(') {
        let m = k + 1;
        while (m < last && m - k < 10 && lw(m) !== ')') m++;
        if (lw(m) !== ')') break;
        k = m + 1;
        continue;
      }
      // "on both sides" may be the total over both: only "each" multiplies.
      if ((w === 'on' || w === 'from') && lw(k + 1) === 'each' && lw(k + 2) === 'side') {
        perSide = true;
        k += 3;
        continue;
      }
      if (PP_HEADS.has(w) && !(w === 'in' && isPredicateStart(k + 1))) {
        let m = k + 1;
        const stop = Math.min(last, k + 6);
        while (m < stop) {
          const x = lw(m);
          // "in Pul-e ‘Alam": an apostrophe inside a name is no punctuation.
          const apostrophe = /^['‘’]$/.test(x) && m + 1 < stop && tokens[m + 1].cap;
          if ((tokens[m].kind === 'punct' && !apostrophe) || AUX.has(x) || x === 'and' || x === 'or' || x === 'including' || isPredicateStart(m) || NEGATORS.has(x) || RELATIVES.has(x)) break;
          // A number inside "aboard the 727" names an aircraft; one before a person noun starts a new count.
          if (tokens[m].kind === 'number' && m > k + 1 && (PERSON_PLURALS.has(lw(m + 1)) || NOUNS.has(lw(m + 1)))) break;
          m++;
        }
        if (m === k + 1 && w !== 'aboard' && w !== 'onboard') break;
        scope ??= scopeOf(k, m);
        k = m;
        // "in Nad Ali district, Helmand province, was arrested": the place's own apposition closes the phrase.
        const app = lw(k) === ',' ? placeApposition(k + 1) : -1;
        if (app > 0) k = app + 1;
        continue;
      }
      if ((w === ',' || w === '(' || w === '—' || w === '–') && (lw(k + 1) === 'including' || lw(k + 1) === 'among' || lw(k + 1) === 'mostly' || lw(k + 1) === 'mainly' || lw(k + 1) === 'в' && lw(k + 2) === 'том')) {
        let m = k + 2;
        while (m < last && lw(m) !== ',' && lw(m) !== ')' && lw(m) !== '—' && lw(m) !== '–' && !AUX.has(lw(m)) && !isPredicateStart(m)) m++;
        if (lw(k + 1) === 'including') {
          included = roleIn(k + 2, m) ?? included;
          if (DEFINITE.has(lw(k + 2))) includedDefinite = included;
        }
        k = m < last && (lw(m) === ',' || lw(m) === ')' || lw(m) === '—' || lw(m) === '–') ? m + 1 : m;
        continue;
      }
      if (w === 'including') {
        let m = k + 1;
        while (m < last && !AUX.has(lw(m)) && !isPredicateStart(m) && tokens[m].kind !== 'punct') m++;
        included = roleIn(k + 1, m) ?? included;
        if (DEFINITE.has(lw(k + 1))) includedDefinite = included;
        k = m;
        continue;
      }
      if (w === ',' && k + 2 < last && tokens[k + 1].kind === 'number' && lw(k + 2) === ',') {
        k += 3; // age apposition ", 25,"
        continue;
      }
      break;
    }
    // "a family of four", "a crew of 5": the group is the count.
    if (head >= 0 && GROUP_HEADS.has(lw(head)) && lw(head + 1) === 'of') {
      const size = parseQuantity(tokens, head + 2, last);
      if (size && size.count !== null && !size.determiner) {
        return { end: Math.max(k, size.end), who: lw(head) === 'crew' ? 'crew' : 'family members', person: true, singular: true, empty: false, size: size.count, scope };
      }
    }
    if (included && who && included !== who) who = `${who}, ${included}`;
    return { end: k, who, noun, person, singular, empty: head < 0, head: head >= 0 ? lw(head) : undefined, scope, perSide, includedDefinite };
  };

  /** The last singular role noun in [from, to) as a plural "who" ("a Taliban commander operating in …" → "commanders"). */
  const roleIn = (from: number, to: number): string | undefined => {
    let role: string | undefined;
    for (let m = from; m < to && m - from < 12; m++) {
      const w = lw(m);
      if (PREPOSITIONS.has(w) && m > from) break;
      if (isRoleNoun(w) && !PERSON_PLURALS.has(w)) role = whoOf(w, true);
    }
    return role;
  };

  /** The comma before "along with" that closes a relative clause starting at k, else k (bounded: 16 tokens). */
  const relativeThenAlong = (k: number): number => {
    for (let m = k + 1; m < last && m - k < 16; m++) {
      if (lw(m) === ',' && (lw(m + 1) === 'along' || lw(m + 1) === 'together') && lw(m + 2) === 'with') return m;
      if (tokens[m].kind === 'punct' && lw(m) !== ',') break;
    }
    return k;
  };

  /** "Helmand province," at k: capitalised words and place nouns up to a comma (its index), else -1. */
  const placeApposition = (k: number): number => {
    for (let m = k; m < last && m - k < 5; m++) {
      if (lw(m) === ',') return m > k ? m : -1;
      if (tokens[m].kind !== 'word' || !(tokens[m].cap || PLACE_NOUNS.has(lw(m)))) return -1;
    }
    return -1;
  };

  const countOf = (q: Quantity, s: Subject): boolean => {
    // "another was hurt", "and another wounded"
    if (q.determiner) return (s.singular && s.person) || (tokens[q.start].lower === 'another' && (s.empty || s.noun !== undefined));
    return true;
  };

  interface Part {
    q: Quantity;
    s: Subject;
  }
  /**
   * "…, police said", "…, local officials told reporters", "…, police and witnesses said": the people after the comma
   * report the figure; they are not in it.
   */
  const speaker = (end: number): boolean => {
    if (SPEECH_VERBS.has(lw(end))) return true;
    if (lw(end) !== 'and') return false;
    for (let k = end + 1; k < last && k <= end + 4 && tokens[k].kind === 'word'; k++) if (SPEECH_VERBS.has(lw(k))) return true;
    return false;
  };
  /**
   * "22 passengers and 3 crew", "16 passengers, one crew member and one ground crew member", "a Taliban
   * leader along with several suspected insurgents", "the man, an IED facilitator, and three others".
   * `object`: the phrase is the object of a verb of killing or capture (see personHead).
   */
  const parseConjuncts = (q: Quantity, object = false): { parts: Part[]; end: number } | null => {
    if (!acceptable(q)) return null;
    const s = parseSubject(q.end, object);
    if (!s || !countOf(q, s) || (!s.person && !s.noun && isIdentifierOrAge(q))) return null;
    const parts: Part[] = [{ q, s }];
    let end = s.end;
    // "both the pilot and radio operator": the second noun is part of the two.
    const pair = lw(q.start) === 'both' && s.singular;
    if (pair && lw(end) === 'and') {
      const s2 = parseSubject(end + 1);
      if (s2 && !s2.empty && !s2.noun) end = s2.end;
    }
    // "both the pilot and copilot" is two in all; "both pilots and one passenger" three.
    while (end < last && !pair) {
      let k = end;
      // "the man, an IED facilitator, and …": an indefinite apposition to a definite one names no one new.
      if (lw(k) === ',' && parts.length === 1 && q.determiner && lw(q.start) !== 'a' && lw(q.start) !== 'an' && (lw(k + 1) === 'a' || lw(k + 1) === 'an')) {
        const app = parseSubject(k + 2, true);
        if (app && app.person && app.singular && lw(app.end) === ',') k = app.end;
      }
      // "a leader who operated out of Kandahar, along with one suspect", "a facilitator for weapons, fighters and
      // equipment, along with more than 10 of his associates": the clause or phrase describes the first.
      if (object && parts.length === 1 && tokens[k]?.kind === 'word' && lw(k) !== 'and' && lw(k) !== 'or') k = relativeThenAlong(k);
      if (lw(k) === ',') k++;
      if (lw(k) === 'and' || lw(k) === 'и' || lw(k) === 'і' || lw(k) === 'та' || lw(k) === 'plus') k++;
      else if ((lw(k) === 'along' || lw(k) === 'together') && lw(k + 1) === 'with') k += 2;
      else if (lw(k) === 'as' && lw(k + 1) === 'well' && lw(k + 2) === 'as') k += 3;
      if (k === end) break;
      const q2 = k < last ? parseQuantity(tokens, k, last) : null;
      // ", one of them a child", ", one of whom was the target", ", один из них": a part of the count, not another count
      if (q2 && PART_OF.has(lw(q2.end)) && !(object && PARTITIVE_DET.has(lw(q2.end + 1)) && !GROUP_BEFORE.has(lw(q2.end + 1)))) break;
      if (q2 && acceptable(q2)) {
        const s2 = parseSubject(q2.end, object);
        // "detained several insurgents and multiple weapons": people and things do not add up.
        if (!s2 || !countOf(q2, s2) || s2.noun || ((parts[0].s.person || parts[0].s.noun) && !s2.person && !s2.empty) || speaker(s2.end)) break;
        parts.push({ q: q2, s: s2 });
        end = s2.end;
        continue;
      }
      // "three passengers and crew of 2"
      if (k < last && GROUP_HEADS.has(lw(k)) && lw(k + 1) === 'of') {
        const s2 = parseSubject(k);
        if (s2?.size !== undefined) {
          parts.push({ q: { start: k, end: k, count: s2.size, approximate: false }, s: s2 });
          end = s2.end;
          continue;
        }
      }
      // "two guards and driver"; in a comma list ("detained the commander, facilitator and two of their associates") a bare
      // role is one more too, never after a plain "and" ("a Taliban leader and facilitator" is one man).
      const listed = lw(end) === ',' && object && tokens[k]?.kind === 'word' && !tokens[k].cap && isRoleNoun(lw(k));
      if (k < last && (PERSON_SINGULARS.has(lw(k)) || listed) && parts.some((p) => p.s.person)) {
        const s2 = parseSubject(k);
        if (!s2 || speaker(s2.end)) break;
        parts.push({ q: { start: k, end: k, count: 1, approximate: false }, s: s2 });
        end = s2.end;
        continue;
      }
      // "… and other militants", "along with suspected insurgents": a bare plural object, at least two.
      const bare = object ? barePlural(k) : null;
      if (bare && !speaker(bare.s.end)) {
        parts.push(bare);
        end = bare.s.end;
        continue;
      }
      break;
    }
    return { parts, end };
  };

  /** The inverted figure starting with a participle at k ("Killed in the strike were two insurgents"): emitted; its end, else -1. */
  const invertedAt = (k: number): number => {
    const p = matchAt(PREDICATES, k);
    if (!p || p.kind === 'evacuated' || p.kind === 'displaced') return -1;
    for (let m = k + p.words.length; m < last && m - k < 12; m++) {
      if (lw(m) === 'were' || lw(m) === 'was') {
        const q = parseQuantity(tokens, m + 1, last);
        const conj = q && !q.determiner ? parseConjuncts(q, true) : q?.determiner && lw(m + 1) !== 'the' ? parseConjuncts(q, true) : null;
        if (!conj || !conj.parts.every((part) => part.s.person)) return -1;
        emit(p.kind, conj.parts, k, conj.end, false);
        return conj.end;
      }
      if (tokens[m].kind === 'punct' && lw(m) !== ',') return -1;
    }
    return -1;
  };

  /** "engaged and killed the insurgents", "killing all of the individuals" at k: a figure of the group counted before; the index to go on from. */
  const groupObject = (k: number, verb: { kind: CasualtyKind; start: number } | null): number => {
    // "spotted four armed men and killed them": the pronoun stands for the group counted last (PRONOUN_GROUP).
    const pronoun: Subject | null = lw(k) === 'them' ? { end: k + 1, head: PRONOUN_GROUP, person: true, singular: false, empty: false } : null;
    const group = verb && verb.kind !== 'injured' && takesPeople(verb) ? pronoun ?? definitePlural(k) : null;
    if (!verb || !group || background(verb.start, verb.kind)) return k;
    emit(verb.kind, [{ q: { start: k, end: k, count: null, min: 0, approximate: true }, s: group }], verb.start, group.end, false, { antecedent: group.head });
    return group.end - 1;
  };

  /** "The occupants were taken into custody", "The men, suspected smugglers, were detained": a figure of the group counted before; the index to go on from. */
  const groupSubject = (k: number): number => {
    const group = definitePlural(k);
    // A short noun phrase only: "During the operation four men were killed" (a count inside is its own figure's),
    // "The unit questioned local residents, resulting in …" (a verb inside makes it a clause) are not groups.
    if (!group || group.end - k > 4) return k;
    for (let m = k + 1; m < group.end; m++) if (parseQuantity(tokens, m, last) || (lw(m).endsWith('ed') && !SUSPECTED.has(lw(m)) && !GROUP_MODIFIERS.has(lw(m)))) return k;
    const pred = group ? parsePredicate(group.end) ?? afterAppositive(group.end) : null;
    if (!group || !pred || pred.bare || pred.negated || pred.kind === 'injured' || pred.kind === 'evacuated' || pred.kind === 'displaced') return k;
    emit(pred.kind, [{ q: { start: k, end: k, count: null, min: 0, approximate: true }, s: group }], k, pred.end, false, { antecedent: group.head });
    return pred.end - 1;
  };

  /** "the insurgents", "all individuals", "all of the armed men" at k: a plural person phrase with no count, else null. */
  const definitePlural = (k: number): Subject | null => {
    let m = k;
    if (lw(m) === 'all') m++;
    if (lw(m) === 'of' && m > k) m++;
    if (lw(m) === 'the' || lw(m) === 'those') m++;
    if (m === k || (m === k + 1 && lw(k) !== 'all' && lw(k) !== 'the')) return null;
    const s = parseSubject(m, true);
    return s && s.person && !s.singular && !s.empty && !s.noun && s.head !== undefined && !NO_COUNT_HEADS.has(s.head) && lw(s.end) !== 'of' ? s : null;
  };

  /** A plural person noun phrase with no count ("suspected Taliban insurgents", "other militants"): at least two, approximate. */
  const barePlural = (k: number): Part | null => {
    if (k >= last || tokens[k].kind !== 'word' || DETERMINER_WORDS.has(lw(k)) || parseQuantity(tokens, k, last)) return null;
    const s = parseSubject(k, true);
    if (!s || !s.person || s.singular || s.empty || s.noun || NO_COUNT_HEADS.has(s.head ?? '')) return null;
    // "kidnapping cell targeting officials": a participle inside is no noun phrase.
    for (let m = k; m < s.end; m++) if (lw(m).endsWith('ing')) return null;
    return { q: { start: k, end: k, count: null, min: 2, approximate: true }, s };
  };

  /** Numbers that are dates, times, identifiers or money are never counts. */
  const acceptable = (q: Quantity): boolean => {
    for (let k = q.start; k < q.end; k++) if (isDate(k)) return false;
    if (q.start > first) {
      const prev = tokens[q.start - 1];
      if (NOT_COUNT_BEFORE.has(prev.lower)) return false;
    }
    if (q.end < last) {
      const next = tokens[q.end].text;
      if (next === ':' || next === '%' || (next === '.' && q.end + 1 < last && tokens[q.end + 1].kind === 'number')) return false;
    }
    return true;
  };

  /**
   * A bare number without a person noun that is a year, an age ("Stevie Ray Vaughan, 35 was
   * killed") or a model ("the 727 were killed", "Boeing 737 crashed").
   */
  const isIdentifierOrAge = (q: Quantity): boolean => {
    if (tokens[q.start].kind !== 'number') return false;
    if (q.count !== null && q.count >= 1900 && q.count <= 2100 && !tokens[q.start].text.includes(',')) return true; // a year
    if (q.start - 1 < first) return false;
    const prev = tokens[q.start - 1];
    if (prev.cap && q.start - 1 > first && !isDate(q.start - 1)) return true;
    return prev.lower === 'the' || (prev.text === ',' && q.start - 2 >= first && tokens[q.start - 2].cap);
  };

  const emit = (kind: CasualtyKind, parts: Part[], firstTok: number, lastTok: number, negated: boolean, extra?: Partial<RawFigure>): void => {
    while (lastTok - 1 > firstTok && tokens[lastTok - 1].kind === 'punct') lastTok--; // the phrase never ends in punctuation
    const f: RawFigure = { kind, count: 0, approximate: false, negated, first: firstTok, last: lastTok, ...extra };
    if (negated) {
      f.count = 0;
    } else {
      let count: number | null = 0;
      let min = 0;
      let max: number | null = 0;
      for (const part of parts) {
        const sides = part.s.perSide ? 2 : 1;
        const stated: Quantity = part.s.size !== undefined ? { ...part.q, count: part.s.size } : part.q;
        const q: Quantity = sides === 1 ? stated : {
          ...stated,
          count: stated.count === null ? null : stated.count * sides,
          min: stated.min === undefined ? undefined : stated.min * sides,
          max: stated.max === undefined ? undefined : stated.max * sides,
        };
        f.approximate ||= q.approximate;
        count = count !== null && q.count !== null ? count + q.count : null;
        min += q.min ?? q.count ?? 0;
        const upper = q.max ?? (q.min === undefined ? q.count : null);
        max = max !== null && upper !== null ? max + upper : null;
      }
      f.count = count;
      if (count === null || parts.some((p) => p.q.min !== undefined)) f.min = min;
      if (max !== null && parts.some((p) => p.q.max !== undefined)) f.max = max;
    }
    // "the facilitator", "both the facilitators", "one of those detained" (a part of a group named before); "two of his associates" are new.
    // "one of several insurgents detained" is one of a group counted before, too.
    const partitive = (p: Part): boolean => PART_OF.has(lw(p.q.end)) && (ANAPHORIC_PARTITIVE.has(lw(p.q.end + 1)) || VAGUE_GROUP.has(lw(p.q.end + 1)));
    const definite = parts.filter((p) => (DEFINITE.has(lw(p.q.start)) || lw(p.q.start) === 'both' || partitive(p)) && (p.s.head !== undefined || partitive(p)));
    if (definite.length > 0 && !negated) f.definite = definite.map((p) => ({ count: p.q.count ?? p.q.min ?? 0, head: p.s.head ?? 'individual', who: p.s.who, partitive: partitive(p) }));
    // "detained several insurgents including the commander": the commander is one of them, and may be one counted before.
    for (const p of negated ? [] : parts) if (p.s.includedDefinite && !definite.includes(p)) (f.definite ??= []).push({ count: 1, head: p.s.includedDefinite, who: p.s.includedDefinite });
    // "several more were killed": new victims. ("two additional suspects" is not: press releases restate their lead with it as often.)
    // A vague count that says it adds ("several other insurgents were also killed", "also detained multiple suspects") too.
    const also = (): boolean => {
      for (let k = firstTok - 1; k < lastTok; k++) if (lw(k) === 'also') return true;
      return false;
    };
    if (parts.every((p) => lw(p.q.end) === 'more') || (parts.every((p) => p.q.count === null) && (parts.some((p) => lw(p.q.end) === 'other') || also()))) f.more = true;
    const scopes = new Set(parts.map((p) => p.s.scope));
    if (scopes.size === 1 && parts[0].s.scope) f.scope = parts[0].s.scope;
    const whos = [...new Set(parts.map((p) => p.s.who).filter((w): w is string => !!w))];
    if (whos.length > 0 && !negated) f.who = whos.join(', ');
    if (kind === 'injured' && parts.some((p) => p.s.head?.startsWith('casualt')) || extra?.note) f.note = extra?.note ?? CASUALTIES_NOTE;
    out.push(f);
  };

  for (let i = first; i < last; i++) {
    const w = lw(i);
    const t = tokens[i];
    // Toll: "death toll rose to 25"
    // "the death toll rose to 25"; "… died, making the total 103" (the kind of the figure just read)
    const runningTotal = w === 'total' && lw(i - 1) === 'the' && RUNNING_TOTAL.has(lw(i - 2)) && out.length > 0;
    const toll = runningTotal ? { words: ['total'], kind: out[out.length - 1].kind } : matchAt(TOLLS, i);
    if (toll) {
      let k = i + toll.words.length;
      while (k < last && k - i < 10 && TOLL_FILLER.has(lw(k))) k++;
      // "the death toll in Gaza to 20,000": a short qualifier before "to"
      let qualifier = false;
      if (!TOLL_FILLER.has(lw(k - 1)) || k === i + toll.words.length) {
        for (let m = k; m < last && m - k < 10 && tokens[m].text !== '.' && tokens[m].text !== ';'; m++) {
          if (lw(m) === 'to' || lw(m) === 'at') {
            qualifier = tokens.slice(k, m).some((t) => t.cap || WIDE_SCOPE.has(t.lower));
            k = m + 1;
            break;
          }
        }
      }
      const q = k < last ? parseQuantity(tokens, k, last) : null;
      if (q && !q.determiner && acceptable(q)) {
        // A toll over a place or a war ("in Gaza", "in the war") sums up more than this event.
        emit(toll.kind, [{ q, s: { end: q.end, person: true, singular: false, empty: true } }], i, q.end, false, qualifier ? { toll: true, aggregate: true } : { toll: true });
        i = q.end - 1;
        continue;
      }
    }
    // "All aboard were killed", "killing everyone on board": as many as the text said were aboard.
    const everyone = aboard !== undefined ? allAboardAt(i) : -1;
    if (everyone > 0) {
      const pred = parsePredicate(everyone);
      const active = pred ? null : activeBefore(i);
      const kind = pred && !pred.negated ? pred.kind : active?.kind;
      if (kind) {
        const whole: Part = { q: { start: i, end: everyone, count: aboard ?? null, approximate: false }, s: { end: everyone, person: true, singular: false, empty: true } };
        const end = pred ? pred.end : everyone;
        emit(kind, [whole], active ? active.start : i, end, false, { note: `'all aboard': the ${aboard} the text says were aboard` });
        i = end - 1;
        continue;
      }
    }
    // Inverted: "Also killed in the strike were more than a dozen insurgents", "Detained during the raid was a courier".
    if ((i === first || (i === first + 1 && lw(first) === 'also')) && !NEGATORS.has(w)) {
      const inverted = invertedAt(i);
      if (inverted >= 0) {
        i = inverted - 1;
        continue;
      }
    }
    // Negations
    if (NOBODY.has(w) || (w === 'no' && (lw(i + 1) === 'one' || lw(i + 1) === 'body'))) {
      let k = w === 'no' ? i + 2 : i + 1;
      // "None of the 88 aboard the Convair were killed"
      if (lw(k) === 'of') k = parseSubject(k)?.end ?? k;
      const pred = parsePredicate(k);
      if (pred) {
        emit(pred.kind, [], i, pred.end, true);
        i = pred.end - 1;
        continue;
      }
    }
    if (w === 'no' || w === 'without' || w === 'zero' || w === 'без') {
      let k = i + 1;
      if (REPORT_WORDS.has(lw(k))) {
        k++;
        if (lw(k) === 'of' || lw(k) === 'about' || lw(k) === 'on' || lw(k) === 'о' || lw(k) === 'про') k++;
      }
      while (ANY_WORDS.has(lw(k))) k++;
      const kinds: CasualtyKind[] = [];
      let end = k;
      while (k < last && NOUNS.has(lw(k))) {
        const noun = lw(k);
        const kind = NOUNS.get(noun) as CasualtyKind;
        const both = /^(casualt|victim|жертв)/.test(noun);
        for (const kk of both ? (['killed', 'injured'] as CasualtyKind[]) : [kind]) if (!kinds.includes(kk)) kinds.push(kk);
        end = k + 1;
        k++;
        if (lw(k) === 'or' || lw(k) === 'and' || lw(k) === ',' || lw(k) === 'или' || lw(k) === 'и' || lw(k) === 'чи' || lw(k) === 'або') {
          k++;
          while (ANY_WORDS.has(lw(k))) k++;
        } else break;
      }
      if (kinds.length > 0) {
        const both = kinds.length === 2 && /^(casualt|victim|жертв)/.test(lw(end - 1));
        for (const kind of kinds) emit(kind, [], i, end, true, both ? { note: "'casualties' means killed or injured: none of either" } : undefined);
        i = end - 1;
        continue;
      }
      if (w === 'no') {
        const s = parseSubject(i + 1);
        const pred = s && s.person ? parsePredicate(s.end) : null;
        if (pred) {
          emit(pred.kind, [], i, pred.end, true);
          i = pred.end - 1;
          continue;
        }
      }
    }
    // A label: "Fatalities: 4", "Killed: 2"
    if (NOUNS.has(w) && lw(i + 1) === ':' && i + 2 < last) {
      const q = parseQuantity(tokens, i + 2, last);
      if (q && !q.determiner && acceptable(q)) {
        emit(NOUNS.get(w) as CasualtyKind, [{ q, s: { end: q.end, person: true, singular: false, empty: true } }], i, q.end, false);
        i = q.end - 1;
        continue;
      }
    }
    if (NOUNS.has(w) && NIL_AFTER.has(lw(i + 1)) && /[а-яіїє]/.test(w) && (lw(i + 1) !== 'не' || lw(i + 2) === 'было' || lw(i + 2) === 'зафиксировано')) {
      const kind = NOUNS.get(w) as CasualtyKind;
      const end = lw(i + 1) === 'не' ? i + 3 : i + 2;
      for (const kk of /^жертв/.test(w) ? (['killed', 'injured'] as CasualtyKind[]) : [kind]) emit(kk, [], i, end, true);
      i = end - 1;
      continue;
    }
    if (persons.has(i)) {
      // Named victims: "Dag Hammarskjöld, 56, killed", "X and Y were killed"
      let count = 0;
      let k = i;
      while (persons.has(k)) {
        count++;
        k = persons.get(k) as number;
        if (lw(k) === ',' && k + 2 < last && tokens[k + 1].kind === 'number') k += lw(k + 2) === ',' ? 3 : 2; // age
        k = pastParenthesis(k); // "Ahmed Ali (alias Toto)", "Jan Kos (34)"
        const j = lw(k) === ',' ? k + 1 : k;
        let next = lw(j) === 'and' || lw(j) === ',' ? titledPerson(j + 1) : -1;
        if (next < 0 && lw(k) === ',') next = titledPerson(k + 1);
        // Only a joined name is another victim: "Harold (Whitey) Dahl" is one man the recognizer split.
        if (next < 0) break;
        k = next;
      }
      // Named objects of a killing: "killing actor Vic Morrow, 53, and two child actors"
      // Up to two role words between the verb and the name ("killing rebel commander …"), never "killed by …".
      let role = i;
      while (role > first && i - role < 2 && tokens[role - 1].kind === 'word' && !tokens[role - 1].cap && !PREPOSITIONS.has(lw(role - 1)) && !DETERMINER_WORDS.has(lw(role - 1)) && !ACTIVE.has(lw(role - 1))) role--;
      const active = activeBefore(role);
      if (active && !background(active.start, active.kind) && !(lw(k) === "'s" || lw(k) === '’s' || tokens[k - 1]?.text.endsWith("'s"))) {
        const parts: Part[] = [{ q: { start: i, end: i, count, approximate: false }, s: { end: k, person: true, singular: count === 1, empty: true } }];
        let end = k;
        const j = lw(k) === ',' && lw(k + 1) === 'and' ? k + 2 : lw(k) === 'and' ? k + 1 : -1;
        const q2 = j > 0 ? parseQuantity(tokens, j, last) : null;
        const s2 = q2 && acceptable(q2) ? parseSubject(q2.end) : null;
        if (q2 && s2?.person && countOf(q2, s2)) {
          parts.push({ q: q2, s: s2 });
          end = s2.end;
        }
        while (end - 1 > k && tokens[end - 1].kind === 'punct') end--;
        emit(active.kind, parts, active.start, end, false);
        i = end - 1;
        continue;
      }
      const pred = parsePredicate(k, true);
      if (pred && !(pred.bare && hasObject(pred.end - 1, pred.end))) {
        // "Senator X was killed in the crash along with two children"
        const { more, end } = pred.negated ? { more: [], end: pred.end } : continuation(skipPP(pred.end));
        const stop = more.length > 0 ? end : pred.end;
        if (pred.negated) emit(pred.kind, [], i, pred.end, true);
        else emit(pred.kind, [{ q: { start: i, end: i, count, approximate: false }, s: { end: k, person: true, singular: count === 1, empty: true } }, ...more], i, stop, false);
        i = stop - 1;
        continue;
      }
    }
    // The perpetrator's own death: "killing himself and 6 policemen", "and then killed himself".
    if (REFLEXIVES.has(w)) {
      const before = activeBefore(i);
      // Done, not meant: "killing himself", "killed himself" — never "was going to kill himself".
      const done = before?.kind === 'killed' && (lw(before.start) === 'killing' || lw(before.start) === 'killed');
      const conj = done ? parseConjuncts({ start: i, end: i + 1, count: 1, approximate: false }) : null;
      if (before && conj) {
        emit('killed', conj.parts, before.start, conj.end, false);
        i = conj.end - 1;
        continue;
      }
    }
    // A pronoun subject's death: "… before he was shot dead by police". Counted once: a restatement merges in the summary.
    if (w === 'he' || w === 'she') {
      const pred = parsePredicate(i + 1);
      // Suffered, not done: "he was shot dead", "she died" — never "he shot and killed …".
      let suffered = false;
      for (let k = i + 1; pred && k < pred.end && !suffered; k++) suffered = BE.has(lw(k)) || DIED.has(lw(k));
      if (pred && suffered && pred.kind === 'killed' && !pred.negated && !hasObject(pred.end - 1, pred.end)) {
        emit('killed', [{ q: { start: i, end: i + 1, count: 1, approximate: false }, s: { end: i + 1, person: true, singular: true, empty: true } }], i, pred.end, false);
        i = pred.end - 1;
        continue;
      }
    }
    // Verb first, one person: "погиб мужчина", "загинула 72-річна жінка" (up to two modifiers between).
    if (verbFirst && PERSON_SINGULARS.has(w) && !PERSON_PLURALS.has(w)) {
      let m = i;
      while (m > first && i - m < 2 && tokens[m - 1].kind !== 'punct' && !PREPOSITIONS.has(lw(m - 1)) && !matchAt(PREDICATES, m - 1) && !ACTIVE.has(lw(m - 1))) m--;
      const before = activeBefore(m);
      const s = before ? parseSubject(i) : null;
      if (before && s?.person) {
        emit(before.kind, [{ q: { start: i, end: i, count: 1, approximate: false }, s }], before.start, s.end, false);
        i = s.end - 1;
        continue;
      }
    }
    // "killed Taliban leader Saifullah", "the death of Haqqani commander Mullah Omar": a role and a name, no article.
    if (t.kind === 'word' && !t.cap && tokens[i + 1]?.cap && tokens[i + 1].kind === 'word' && i + 1 < last && isRoleNoun(w) && !parseQuantity(tokens, i, last)) {
      let m = i;
      while (m > first && i - m < 3 && tokens[m - 1].cap && tokens[m - 1].kind === 'word') m--;
      // A name the recognizer found right after the verb's role word is the named-victim pattern's ("killing actor X, 53, and …").
      const verb = m === i && persons.has(i + 1) ? null : activeBefore(m);
      if (verb && takesPeople(verb) && !background(verb.start, verb.kind)) {
        let end = i + 1;
        while (end < last && end - i <= 4 && tokens[end].cap && tokens[end].kind === 'word') end++;
        if (lw(end) === ',' && tokens[end + 1]?.kind === 'number' && lw(end + 2) === ',' && lw(end + 3) === 'and') end += 3; // age
        const conj = parseConjunctsFrom({ q: { start: i, end: i, count: 1, approximate: false }, s: { end, who: whoOf(w, true), head: w, person: true, singular: true, empty: false } });
        emit(verb.kind, conj.parts, verb.start, conj.end, false);
        i = conj.end - 1;
        continue;
      }
    }
    if (t.kind !== 'number' && t.kind !== 'word') continue;
    const q = parseQuantity(tokens, i, last);
    if (!q) {
      // "detained suspected insurgents", "captured other militants": the object of a capture with no count.
      const verb = t.kind === 'word' && !t.cap ? activeBefore(i) : null;
      if (w === 'all' || w === 'them') {
        i = groupObject(i, verb);
        continue;
      }

      const bare = verb && takesPeople(verb) && (verb.kind === 'captured' || verb.kind === 'detained') ? barePlural(i) : null;
      if (verb && bare) {
        const conj = parseConjunctsFrom(bare);
        emit(verb.kind, conj.parts, verb.start, conj.end, false);
        i = conj.end - 1;
      }
      continue;
    }
    // ", among them a 14-year-old boy, and 6 were injured": a breakdown of the figure just read starts no figure.
    if (out.length > 0 && breakdownBefore(q.start)) {
      i = Math.max(i, (parseSubject(q.end)?.end ?? q.end) - 1);
      continue;
    }
    const verbOf = activeBefore(q.start);
    let conj = parseConjuncts(q, verbOf !== null && takesPeople(verbOf));
    // "a smuggler was arrested", "the courier, who was detained": a passive verb of killing or capture takes people as its subject too.
    // ("his subordinate was killed" names someone the text spoke of before: left out.)
    if (verbOf === null && !conj?.parts[0].s.person && !POSSESSIVES.has(lw(q.start)) && beSoon(q.end)) {
      const asObject = parseConjuncts(q, true);
      if (asObject?.parts[0].s.person && passiveAfter(asObject.end)) conj = asObject;
    }
    if (!conj) {
      // "The occupants were taken into custody": a sentence's first words may be a group that is the subject of one.
      i = verbOf === null && i === first && (w === 'the' || w === 'those') ? groupSubject(i) : groupObject(i, verbOf);
      continue;
    }
    const { parts } = conj;
    const head = parts[0].s;
    // Verb first: the verb before the count is its own ("погибли 25 человек, в том числе 5 детей, ранены 109"),
    // and a later count with a verb of its own starts the next clause ("загинули 4 людини, 12 отримали поранення").
    const verbBefore = verbFirst ? activeBefore(q.start) : null;
    if (verbBefore && takesObject(verbBefore, parts)) {
      const own = parts.findIndex((p, n) => n > 0 && parsePredicate(p.s.end) !== null);
      const kept = own > 0 ? parts.slice(0, own) : parts;
      const end = own > 0 ? kept[kept.length - 1].s.end : conj.end;
      emit(verbBefore.kind, kept, verbBefore.start, end, false);
      i = end - 1;
      continue;
    }
    if (head.noun) {
      // "25 deaths", "seven wounded", "9 killed aboard the DC-3 and one aboard the Cessna"; "casualties" is killed-or-injured: kept as injured (noted).
      // "18 insurgents killed, one wounded and two personnel taken into custody": a conjunct with a verb of its own is its own figure.
      const own = parts.findIndex((p, n) => n > 0 && parsePredicate(p.s.end) !== null);
      const kept = own > 0 ? parts.slice(0, own) : parts;
      let end = own > 0 ? kept[kept.length - 1].s.end : parts.length > 1 ? conj.end : head.end;
      emit(head.noun, kept, i, end, false);
      // "The two wounded were detained": the definite group of one kind suffers the next clause's fate too.
      const then = DEFINITE.has(lw(q.start)) ? parsePredicate(end) : null;
      if (then && !then.bare && !then.negated && then.kind !== head.noun) {
        emit(then.kind, kept, i, then.end, false);
        end = then.end;
      }
      i = end - 1;
      continue;
    }
    // "had killed 6 policemen, and 4 others were hurt": the last conjunct is the subject of a clause of its own.
    if (verbOf && parts.length > 1 && takesObject(verbOf, parts) && parsePredicate(conj.end) !== null) {
      const kept = parts.slice(0, -1);
      if (!background(verbOf.start, verbOf.kind)) emit(verbOf.kind, kept, verbOf.start, kept[kept.length - 1].s.end, false);
      i = parts[parts.length - 1].q.start - 1;
      continue;
    }
    // The object of a killing ("killed three people … and then killed himself") is no subject whose fate comes later.
    const loose = parts.every((p) => p.s.person) && activeBefore(q.start) === null;
    const pred = parsePredicate(conj.end, loose) ?? (head.person ? afterAppositive(conj.end) ?? participle(conj.end) : null);
    // "two men believed to have killed a trader": a perfect active verb with an object is what they did.
    const perfect = pred !== null && /^(?:have|has|had)$/.test(lw(pred.end - 2)) && hasObject(pred.end - 1, pred.end);
    if (pred && !perfect && !(pred.bare && hasObject(pred.end - 1, pred.end))) {
      let end = pred.end;
      // "Thirty-nine killed on the DC-4": the place after the verb scopes the figure.
      const afterPP = skipPP(end);
      const scope = parts[0].s.scope ?? (afterPP > end ? scopeOf(end, afterPP) : undefined);
      const { more, end: moreEnd } = continuation(afterPP);
      if (more.length > 0) end = moreEnd;
      if (pred.negated) emit(pred.kind, [], i, pred.end, true);
      else emit(pred.kind, [...parts, ...more], i, end, false, more.length === 0 && scope ? { scope } : undefined);
      i = end - 1;
      continue;
    }
    const active = activeBefore(q.start);
    if (active && takesObject(active, parts) && !background(active.start, active.kind)) {
      emit(active.kind, parts, active.start, conj.end, false);
      i = conj.end - 1;
    }
  }
  return out;

  /**
   * AUX* [not] PREDICATE; `bare` when no auxiliary came first ("the hijacker killed …" may be active).
   * `loose` (a person subject): also a death later in the same clause — "refused to leave the
   * aircraft and drowned", "leaped from the plane to his death".
   */
  function parsePredicate(k: number, loose = false): { kind: CasualtyKind; end: number; negated: boolean; bare: boolean } | null {
    let negated = false;
    let bare = true;
    let coordinated = false;
    let relative = false;
    let passive = false;
    for (let steps = 0; k < last && steps < 6; steps++) {
      const w = lw(k);
      if (w === 'who' || w === 'that' || w === 'which') relative = true;
      else if (BE.has(w)) passive = true;
      if (NEGATORS.has(w) || w.endsWith("n't")) {
        negated = true;
        bare = false;
        k++;
        continue;
      }
      const p = matchAt(PREDICATES, k);
      // "the man who kidnapped …", "crashes that killed …": the subject did it, nobody it names suffered it.
      if (p && relative && !passive && matchAt(ACTIVE, k)?.words.length === p.words.length) return null;
      if (p) return diedOfInjury({ kind: p.kind, end: k + p.words.length, negated, bare }, relative);
      const injury = injuryPhraseEnd(k);
      // "received fatal injuries" is a death.
      if (injury >= 0) return diedOfInjury({ kind: lw(k + 1) === 'fatal' || lw(k + 1) === 'mortal' ? 'killed' : 'injured', end: injury, negated, bare }, relative);
      if (AUX.has(w) || (w.length > 4 && w.endsWith('ly'))) {
        bare = false;
        k++;
        continue;
      }
      // "was sucked out and killed", "were trapped and died", "was struck by a car and killed"
      if (!coordinated && ((w.length > 3 && w.endsWith('ed')) || IRREGULAR_PARTICIPLES.has(w))) {
        const j = agentEnd(PARTICLES.has(lw(k + 1)) ? k + 2 : k + 1);
        if (lw(j) === 'and') {
          coordinated = true;
          k = j + 1;
          continue;
        }
      }
      break;
    }
    // "was not able to exit the plane and drowned": the negation is the first verb's.
    return loose ? laterDeath(k) : null;
  }

  /** Past a short agent phrase at k ("by a car", "by an air weapons team"), else k: words only, up to AGENT_REACH of them. */
  function agentEnd(k: number): number {
    if (lw(k) !== 'by') return k;
    for (let m = k + 1; m < last && m - k <= AGENT_REACH; m++) {
      if (lw(m) === 'and') return m;
      if (tokens[m].kind !== 'word' || RELATIVES.has(lw(m))) return k;
    }
    return k;
  }

  /** Past a short parenthesis at k ("(alias Toto)", "(34)"), else k. */
  function pastParenthesis(k: number): number {
    if (lw(k) !== '(') return k;
    for (let m = k + 1; m < last && m - k <= PAREN_REACH; m++) if (lw(m) === ')') return m + 1;
    return k;
  }

  /** The person named at k, after a title of up to three capitalised words or abbreviations ("Corporal", "Staff Sgt."), or -1. */
  function titledPerson(k: number): number {
    for (let m = k; m < last && m - k <= 3; m++) {
      if (persons.has(m)) return m;
      if (!(tokens[m].kind === 'word' && tokens[m].cap) && !(m > k && tokens[m].text === '.')) return -1;
    }
    return -1;
  }

  /** End of "suffered minor injuries", "sustained a gunshot wound", "were treated for smoke inhalation" (as "suffered …") at k, or -1. */
  function injuryPhraseEnd(k: number): number {
    if (BEAR_INJURY.has(lw(k))) return injuryAfter(k + 1);
    return lw(k) === 'treated' && lw(k + 1) === 'for' ? injuryAfter(k + 2) : -1;
  }

  /** End of "minor injuries", "a gunshot wound", "a broken leg" at k (words only, a few of them), or -1. */
  function injuryAfter(k: number): number {
    for (let m = k; m < last && m - k <= INJURY_REACH; m++) {
      if (tokens[m].kind !== 'word') return -1;
      if (INJURY_NOUNS.has(lw(m))) return lw(m) === 'broken' ? Math.min(m + 2, last) : m + 1;
    }
    return -1;
  }

  /** "was"/"were" within a few tokens after k: the cheap gate before reparsing a subject as a passive's. */
  function beSoon(k: number): boolean {
    for (let m = k; m < last && m - k < 16; m++) if (lw(m) === 'was' || lw(m) === 'were') return true;
    return false;
  }

  /** A passive verb of killing or capture at k, or after a relative clause there ("…, who was detained"). */
  function passiveAfter(k: number): boolean {
    const p = parsePredicate(k) ?? afterAppositive(k);
    return p !== null && !p.bare && !p.negated && (p.kind === 'killed' || p.kind === 'captured' || p.kind === 'detained');
  }

  /** "Four people, waiting to board the craft, were killed", "The occupants, suspected to be smugglers, were detained": a participle or relative clause between subject and verb. */
  function afterAppositive(k: number): ReturnType<typeof parsePredicate> {
    if (lw(k) === 'who' && BE.has(lw(k + 1))) return diedAfterRelative(k + 2);
    if (lw(k) !== ',' || !(lw(k + 1).endsWith('ing') || lw(k + 1) === 'who' || SUSPECTED.has(lw(k + 1)))) return null;
    let fate: ReturnType<typeof parsePredicate> = null;
    for (let m = k + 2; m < last && m - k < 14; m++) {
      // The clause closed: the verb after it is the subject's ("The man, who was wounded, later died").
      if (lw(m) === ',') return parsePredicate(m + 1) ?? fate;
      if (tokens[m].kind === 'punct') return fate;
      if (!fate && ACTIVE.has(lw(m)) && !BE.has(lw(m - 1))) return null; // "who killed two civilians" holds a figure of its own
      // Unclosed ("waiting to board the craft were killed"): a passive or auxiliary verb is the subject's; "who killed two" is not.
      if (!fate && ((AUX.has(lw(m)) && lw(m) !== 'to') || matchAt(PREDICATES, m))) {
        const p = parsePredicate(m);
        if (p && !p.bare) fate = p;
      }
    }
    return fate;
  }

  /**
   * "A soldier who was hit by shrapnel on Monday died in hospital": a passive relative clause with no
   * commas, then the subject's own death (an intransitive one: died, succumbed, perished). The
   * clause may hold a date, a place and a bracket; it ends at the sentence's end or a clause word.
   */
  function diedAfterRelative(k: number): ReturnType<typeof parsePredicate> {
    let depth = 0;
    for (let m = k; m < last && m - k < 24; m++) {
      const w = lw(m);
      if (w === '(') depth++;
      else if (w === ')') depth = Math.max(0, depth - 1);
      else if (depth > 0) continue;
      else if (w === '.' || w === ';' || w === '!' || w === '?' || w === ':' || (m > k && CLAUSE_ENDS.has(w))) return null;
      else if (DIED.has(w) && lw(m - 1) !== 'and' && lw(m - 1) !== 'who') {
        const p = parsePredicate(m);
        return p && p.kind === 'killed' ? p : null;
      }
    }
    return null;
  }

  /**
   * "was critically injured and later died", "suffered burns in the fire and died": the wounded
   * subject's own death later in the clause makes the figure a death, not an injury as well — the
   * record counts the wounded who died among the killed only (as ACLED-style coding does).
   */
  function diedOfInjury(p: { kind: CasualtyKind; end: number; negated: boolean; bare: boolean }, relative: boolean): typeof p {
    // One step only: "injured and injured and …" must not chain through the sentence (linear time).
    if (p.kind !== 'injured' || p.negated || readingLaterDeath) return p;
    readingLaterDeath = true;
    // "Three people who were injured in the crash died later": the relative clause's injury, the subject's death.
    const death = laterDeath(p.end) ?? (relative ? diedAfterRelative(p.end) : null);
    readingLaterDeath = false;
    return death ? { kind: 'killed', end: death.end, negated: false, bare: p.bare } : p;
  }

  /** "… and drowned", "… and was killed", "… to his death" before the clause ends. */
  function laterDeath(k: number): { kind: CasualtyKind; end: number; negated: boolean; bare: boolean } | null {
    for (let m = k; m < last && m - k < 12; m++) {
      const w = lw(m);
      if (tokens[m].kind === 'punct' || CLAUSE_ENDS.has(w) || NEGATORS.has(w) || w.endsWith("n't") || tokens[m].kind === 'number') return null;
      if (w === 'to' && (lw(m + 1) === 'death' || (POSSESSIVES.has(lw(m + 1)) && (lw(m + 2) === 'death' || lw(m + 2) === 'deaths')))) {
        return { kind: 'killed', end: lw(m + 1) === 'death' ? m + 2 : m + 3, negated: false, bare: false };
      }
      if (w === 'and') {
        const p = parsePredicate(m + 1);
        // "opened fire and killed five" did the killing; "and drowned", "and was killed" suffered it.
        if (p && p.kind === 'killed' && !p.negated && (!p.bare || DIED.has(lw(m + 1)))) return p;
        if (!p && parseQuantity(tokens, m + 1, last)) return null; // "and two others died": another subject
      }
    }
    return null;
  }

  /** End of "all aboard", "everyone on board", "all the occupants", "all passengers and crew" at i, or -1. */
  function allAboardAt(i: number): number {
    const w = lw(i);
    if (w !== 'all' && w !== 'everyone' && w !== 'everybody') return -1;
    let k = i + 1;
    if (lw(k) === 'of') k++;
    if (lw(k) === 'the' || lw(k) === 'those') k++;
    if (lw(k) === 'aboard' || lw(k) === 'onboard') return k + 1;
    if (lw(k) === 'on' && lw(k + 1) === 'board') return k + 2;
    if (lw(k) === 'occupants') return k + 1;
    if (lw(k) === 'passengers' || lw(k) === 'people' || lw(k) === 'persons') {
      k++;
      if (lw(k) === 'and' && (lw(k + 1) === 'crew' || lw(k + 1) === 'crew members')) k += 2;
      if (lw(k) === 'aboard' || lw(k) === 'onboard') return k + 1;
      if (lw(k) === 'on' && lw(k + 1) === 'board') return k + 2;
      return k;
    }
    return -1;
  }

  /** "aboard the DC-9", "on the ground", "on the Beechcraft" → its lower-cased text; a date, an hour or "on impact" is no scope. */
  function scopeOf(start: number, to: number): string | undefined {
    // "out of 9 aboard 56-661": the scope may follow a partitive.
    let from = start;
    while (from < to && lw(from) !== 'aboard' && lw(from) !== 'onboard' && lw(from) !== 'on') from++;
    const w = lw(from);
    if (w !== 'aboard' && w !== 'onboard' && w !== 'on') return undefined;
    let k = from + 1;
    if (w === 'on' && lw(k) === 'board') k++;
    if (lw(k) === 'the' || lw(k) === 'a' || lw(k) === 'an') k++;
    if (k >= to || isDate(k)) return undefined;
    const t = tokens[k];
    if (w === 'on' && lw(from + 1) !== 'board' && !t.cap && t.kind !== 'number' && t.lower !== 'ground') return undefined;
    return tokens.slice(from + 1, to).map((x) => x.lower).join(' ');
  }

  /** A transitive verb at `verb` with a person object after it: "killed one male passenger", "killed the pilot". */
  function hasObject(verb: number, k: number): boolean {
    if (k >= last || !activeEndingAt(verb)) return false;
    const w = lw(k);
    if (PERSON_PLURALS.has(w) || PERSON_SINGULARS.has(w)) return true;
    const q = parseQuantity(tokens, k, last);
    // The object of a verb of killing: a role noun ("two intruders") is a person there.
    const s = q ? parseSubject(q.end, true) : null;
    return s !== null && s.person;
  }

  /** An active verb phrase ends at token `end`: "killed", "shot dead" ("A guard shot dead a herder" is active). */
  function activeEndingAt(end: number): boolean {
    if (ACTIVE.has(lw(end))) return true;
    for (let n = 2; n <= 3 && end - n + 1 >= first; n++) {
      const start = end - n + 1;
      if ((ACTIVE.get(lw(start)) ?? []).some((p) => p.words.length === n && matchWords(tokens, start, last, p.words))) return true;
    }
    return false;
  }

  function activeBefore(start: number): { kind: CasualtyKind; start: number } | null {
    for (let s = start - 1; s >= Math.max(first, start - 4); s--) {
      for (const map of verbMaps) {
        for (const p of map.get(lw(s)) ?? []) if (s + p.words.length === start && matchWords(tokens, s, last, p.words)) return { kind: p.kind, start: s };
      }
    }
    return null;
  }

  /** "among them", "among whom", "including", "в том числе", "у тому числі" right before k. */
  function breakdownBefore(k: number): boolean {
    const a = lw(k - 1);
    const b = lw(k - 2);
    return a === 'including' || (b === 'among' && (a === 'them' || a === 'whom')) || (a === 'числе' && b === 'том') || (a === 'числі' && b === 'тому');
  }

  /**
   * "believed to have killed", "who had killed": an earlier deed someone is suspected of, not this event's casualties
   * ("claimed to have killed" is a claim about it); so is a killing the sentence blames on someone before the verb
   * ("he was involved in an attack that killed four soldiers", "accused of the killing of two guards").
   */
  function background(verb: number, kind: CasualtyKind): boolean {
    const a = lw(verb - 1);
    if ((a === 'have' && lw(verb - 2) === 'to' && SUSPECTED.has(lw(verb - 3))) || (a === 'had' && lw(verb - 2) === 'who')) return true;
    // A capture is what the forces did: "the facilitator, responsible for attacks, … detaining him and four suspects".
    if (kind !== 'killed' && kind !== 'injured') return false;
    for (let k = verb - 1; k >= Math.max(first, verb - BLAME_REACH); k--) {
      const w = lw(k);
      if (BLAME_ALONE.has(w) || BLAME.get(w) === lw(k + 1) || (w === 'involved' && (lw(k + 1) === 'in' || lw(k + 1) === 'with'))) return true;
    }
    return false;
  }

  /** "Four soldiers guarding a depot were killed": a participle phrase between the subject and its passive verb. */
  function participle(k: number): ReturnType<typeof parsePredicate> {
    if (!lw(k).endsWith('ing')) return null;
    for (let m = k + 1; m < last && m - k < 10; m++) {
      if (tokens[m].kind === 'punct' || CLAUSE_ENDS.has(lw(m))) return null;
      if (BE.has(lw(m))) {
        const p = parsePredicate(m);
        return p && !p.bare ? p : null;
      }
    }
    return null;
  }

  /** Verbs of killing and capture take people: "seized" takes things as often. */
  function takesPeople(active: { kind: CasualtyKind; start: number }): boolean {
    return active.kind !== 'evacuated' && active.kind !== 'displaced' && lw(active.start) !== 'seized' && !PERSON_OBJECT_ONLY.has(lw(active.start));
  }

  /** Conjuncts after a first part that is already parsed (a bare plural). */
  function parseConjunctsFrom(part: Part): { parts: Part[]; end: number } {
    const next = lw(part.s.end) === 'and' ? parseQuantity(tokens, part.s.end + 1, last) : null;
    const rest = next ? parseConjuncts(next, true) : null;
    return rest ? { parts: [part, ...rest.parts], end: rest.end } : { parts: [part], end: part.s.end };
  }

  function takesObject(active: { start: number }, parts: Part[]): boolean {
    return !PERSON_OBJECT_ONLY.has(lw(active.start)) || parts.every((p) => p.s.person);
  }

  function skipPP(k: number): number {
    if (!PP_HEADS.has(lw(k))) return k;
    let m = k + 1;
    while (m < last && m - k < 6 && tokens[m].kind !== 'punct' && lw(m) !== 'and' && lw(m) !== 'along' && !AUX.has(lw(m))) m++;
    return m;
  }

  /** Elliptic continuation after a predicate: "Twenty killed on the de Havilland and five on the Helitech", "… along with 15 aboard the Beech". */
  function continuation(k: number): { more: Part[]; end: number } {
    const more: Part[] = [];
    let end = k;
    while (k < last && (lw(k) === 'and' || lw(k) === ',' || (lw(k) === 'along' && lw(k + 1) === 'with'))) {
      if (lw(k) === 'along') k++;
      const q2 = parseQuantity(tokens, k + 1, last);
      // "… injured and both the pilot and radio operator were killed" starts a clause of its own.
      // "and one of them" is part of the figure; "along with several of his associates" are others.
      if (!q2 || q2.determiner || lw(q2.start) === 'both' || !acceptable(q2) || (PART_OF.has(lw(q2.end)) && !POSSESSIVES.has(lw(q2.end + 1)))) break;
      const s2 = parseSubject(q2.end);
      if (!s2 || s2.noun || parsePredicate(s2.end) || !PP_HEADS.has(lw(q2.end)) && !s2.person) break;
      more.push({ q: q2, s: s2 });
      end = s2.end;
      k = s2.end;
    }
    return { more, end };
  }
}

/** A singular word for a person's role: "leader", "facilitator", "sub-commander". */
function isRoleNoun(w: string): boolean {
  return PERSON_SINGULARS.has(w) || (!NON_PERSON.has(w) && !NOT_ROLE_NOUNS.has(w) && !w.endsWith('s') && ROLE_NOUN_RE.test(w));
}

const IRREGULAR_PLURALS: Record<string, string> = {
  person: 'people', man: 'men', woman: 'women', child: 'children', policeman: 'policemen', policewoman: 'policewomen',
  fisherman: 'fishermen', serviceman: 'servicemen', servicewoman: 'servicewomen', crewman: 'crewmen', gunman: 'gunmen',
  cameraman: 'cameramen', baby: 'babies', family: 'families', persons: 'people', individuals: 'people',
};
const NO_WHO = new Set(['others', 'more', 'them', 'whom', 'those', 'lives', 'humans', 'человек', 'человека', 'людей', 'люди', 'осіб', 'особи', 'людини', 'особа', 'людина']);

/** Plural, lower-case "who" from a head noun ("resident" → "residents"); people-in-general → "people". */
function whoOf(head: string, singular: boolean): string | undefined {
  // "sub-commanders" are commanders: a later "the commander" names them.
  if (head.startsWith('sub-')) head = head.slice(4);
  if (NO_WHO.has(head)) return head === 'others' || head === 'more' || head === 'them' || head === 'whom' || head === 'those' ? undefined : 'people';
  if (IRREGULAR_PLURALS[head]) return IRREGULAR_PLURALS[head];
  if (singular && /[a-z]$/.test(head) && !PERSON_PLURALS.has(head)) return `${head}s`;
  return head;
}

const CARRY = new Set(['carrying', 'with', 'transporting', 'had']);

/**
 * How many a sentence says were aboard: "carrying 23 soldiers and 5 crew", "with 12 people on
 * board", "40 passengers were aboard". Undefined when it says none.
 */
export function statedAboard(tokens: Token[], first: number, last: number): number | undefined {
  const lw = (k: number): string => (k >= first && k < last ? tokens[k].lower : '');
  for (let i = first; i < last; i++) {
    const carried = CARRY.has(lw(i));
    // A count starts with a digit or sits right before its person noun ("twelve passengers"); anything else is skipped cheaply.
    if (!carried && tokens[i].kind !== 'number' && !PERSON_PLURALS.has(lw(i + 1)) && !PERSON_SINGULARS.has(lw(i + 1))) continue;
    let total = 0;
    let k = carried ? i + 1 : i;
    let person = false;
    for (let guard = 0; guard < 4; guard++) {
      const q = parseQuantity(tokens, k, last);
      if (!q || q.determiner || q.count === null) break;
      const head = lw(q.end);
      if (!PERSON_PLURALS.has(head) && !PERSON_SINGULARS.has(head)) break;
      person = true;
      total += q.count;
      k = q.end + 1;
      if (lw(k) !== 'and' && lw(k) !== ',') break;
      k++;
    }
    if (!person) continue;
    // Without "carrying"/"with", the count must be said to be aboard.
    const tail = [lw(k), lw(k + 1), lw(k + 2)];
    const aboard = tail.includes('aboard') || tail.includes('onboard') || (tail.includes('on') && tail.includes('board'));
    if (carried || aboard) return total;
  }
  return undefined;
}

/**
 * Person groups a sentence counts, whatever happened to them ("identified multiple armed insurgents", "two of the
 * men"): head → count (null when vague) and lower bound. A later "killed the insurgents" is that many. Linear: one
 * short look back from each plural person noun.
 */
export function countedGroups(tokens: Token[], first: number, last: number, into: Map<string, { count: number | null; min: number }>): void {
  for (let k = first + 1; k < last; k++) {
    const head = tokens[k].lower;
    if (!PERSON_PLURALS.has(head) || NO_COUNT_HEADS.has(head)) continue;
    for (let j = k - 1; j >= Math.max(first, k - 4); j--) {
      const q = parseQuantity(tokens, j, last);
      if (q && !q.determiner && (q.count === null || q.count > 1)) {
        // "two of the men": the partitive's count.
        const gap = tokens.slice(q.end, k);
        if (gap.every((t) => t.kind === 'word' && !t.cap && (PARTITIVE_DET.has(t.lower) || t.lower === 'of' || /^[a-z-]+$/.test(t.lower)))) {
          const g = { count: q.count, min: q.min ?? q.count ?? 0 };
          into.set(head, g);
          into.set('', g);
        }
        break;
      }
      if (tokens[j].kind !== 'word') break;
    }
  }
}

/**
 * What "the <head>" counted before stands for: the same head, else the last group counted — for a generic head
 * ("all individuals") anywhere before, for another head only when it was counted in the sentence just before.
 */
export function antecedentOf(head: string, groups: Map<string, { count: number | null; min: number }>, lastJustBefore: boolean): { count: number | null; min: number } | undefined {
  return groups.get(head) ?? (GENERIC_PERSON_PLURALS.has(head) || lastJustBefore ? groups.get('') : undefined);
}
