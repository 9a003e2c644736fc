/** A count phrase at a token: "25", "at least 4", "10 to 15", "dozens of", "a dozen", "seven". */
import type { Token } from './tokenize-text.js';
import { digitRange, digitsValue, isHundred, scaleValue, wordValue } from './number-words.js';

export interface Quantity {
  /** Token range [start, end). */
  start: number;
  end: number;
  count: number | null;
  min?: number;
  max?: number;
  approximate: boolean;
  /** A determiner standing for one ("a man", "the pilot"): only a count before a singular person noun. */
  determiner?: boolean;
}

type Bound = 'min' | 'above' | 'max' | 'below' | 'approx' | 'exact' | 'between';

/** Bound phrases, as lower-cased token sequences. */
const BOUNDS: Array<[string[], Bound]> = [
  [['at', 'least'], 'min'], [['no', 'fewer', 'than'], 'min'], [['no', 'less', 'than'], 'min'],
  [['a', 'minimum', 'of'], 'min'], [['не', 'менее'], 'min'], [['по', 'меньшей', 'мере'], 'min'],
  [['щонайменше'], 'min'], [['не', 'менше'], 'min'], [['минимум'], 'min'], [['мінімум'], 'min'],
  [['more', 'than'], 'above'], [['over'], 'above'], [['upwards', 'of'], 'above'], [['in', 'excess', 'of'], 'above'],
  [['более'], 'above'], [['больше'], 'above'], [['свыше'], 'above'], [['понад'], 'above'], [['більше'], 'above'],
  [['up', 'to'], 'max'], [['as', 'many', 'as'], 'max'], [['at', 'most'], 'max'], [['a', 'maximum', 'of'], 'max'],
  [['nearly'], 'max'], [['almost'], 'max'], [['close', 'to'], 'max'], [['почти'], 'max'], [['майже'], 'max'],
  [['до'], 'max'],
  [['fewer', 'than'], 'below'], [['less', 'than'], 'below'], [['under'], 'below'],
  [['about'], 'approx'], [['around'], 'approx'], [['approximately'], 'approx'], [['roughly'], 'approx'],
  [['some'], 'approx'], [['an', 'estimated'], 'approx'], [['estimated'], 'approx'], [['an', 'approximate'], 'approx'],
  [['около'], 'approx'], [['примерно'], 'approx'], [['порядка'], 'approx'], [['близько'], 'approx'],
  [['приблизно'], 'approx'],
  [['all'], 'exact'], [['another'], 'exact'], [['a', 'further'], 'exact'], [['an', 'additional'], 'exact'],
  [['all', 'of', 'the'], 'exact'], [['все'], 'exact'], [['усі'], 'exact'], [['всі'], 'exact'],
  [['between'], 'between'],
];
const BOUND_INDEX = new Map<string, Array<[string[], Bound]>>();
for (const b of BOUNDS) {
  const list = BOUND_INDEX.get(b[0][0]) ?? [];
  list.push(b);
  list.sort((x, y) => y[0].length - x[0].length);
  BOUND_INDEX.set(b[0][0], list);
}

/**
 * Vague quantities and their conventional lower bound, as conflict-data coders read them (ACLED, and the
 * annotator of the ISAF press releases): several, multiple, a few, some, a group = 3; numerous, a handful = 4;
 * a couple = 2; a large number = 5; dozens 12, scores 20, tens 10, hundreds 100. "many" is read as "numerous" (4).
 */
const VAGUE: Record<string, number> = {
  dozens: 12, scores: 20, hundreds: 100, thousands: 1_000, tens: 10, several: 3, multiple: 3, numerous: 4, many: 4, десятки: 10,
  десятков: 10, сотни: 100, сотен: 100, тысячи: 1_000, несколько: 2, кілька: 2, сотні: 100, тисячі: 1_000,
  десятків: 10,
};
/** After "a": vague phrases and their conventional lower bound (see VAGUE). */
const VAGUE_PHRASES: Array<[string[], number]> = [
  [['couple', 'of'], 2], [['few'], 3], [['handful', 'of'], 4], [['large', 'number', 'of'], 5], [['great', 'number', 'of'], 5],
  [['small', 'number', 'of'], 3], [['number', 'of'], 3], [['small', 'group', 'of'], 3], [['group', 'of'], 3],
];
const PLURAL_SCALES: Record<string, number> = { thousands: 1_000, millions: 1_000_000, тысяч: 1_000, тисяч: 1_000 };
const DETERMINERS = new Set(['a', 'an', 'the', 'his', 'her', 'their', 'its', 'our', 'my']);
const RANGE_JOINERS = new Set(['to', '-', '–', 'or', 'and', 'до', 'или', 'або', 'чи']);

export function matchWords(tokens: Token[], i: number, limit: number, words: string[]): boolean {
  if (i + words.length > limit) return false;
  for (let k = 0; k < words.length; k++) if (tokens[i + k].lower !== words[k]) return false;
  return true;
}

interface Core {
  end: number;
  value: number;
  vague?: boolean;
  determiner?: boolean;
  max?: number;
}

/** A number at i: digits, number words ("three hundred twelve"), "a dozen", vague words. */
function parseCore(tokens: Token[], i: number, limit: number): Core | null {
  if (i >= limit) return null;
  const t = tokens[i];
  if (t.kind === 'number') {
    const range = digitRange(t.text);
    if (range) return { end: i + 1, value: range[0], max: range[1] };
    const v = digitsValue(t.text);
    if (v === undefined) return null;
    const scale = i + 1 < limit ? scaleValue(tokens[i + 1].lower) : undefined;
    return scale ? { end: i + 2, value: Math.round(v * scale) } : Number.isInteger(v) ? { end: i + 1, value: v } : null;
  }
  if (t.kind !== 'word') return null;
  const w = t.lower;
  if (w === 'half' && matchWords(tokens, i + 1, limit, ['a', 'dozen'])) return { end: i + 3, value: 6 };
  if ((w === 'a' || w === 'one') && matchWords(tokens, i + 1, limit, ['dozen'])) return { end: i + 2, value: 12 };
  if (w === 'dozen') return { end: i + 1, value: 12 };
  if (w === 'a' || w === 'an') {
    for (const [words, value] of VAGUE_PHRASES) if (matchWords(tokens, i + 1, limit, words)) return { end: i + 1 + words.length, value, vague: true };
  }
  if (w === 'both' || w === 'оба' || w === 'обидва') return { end: i + 1, value: 2 };
  const vague = VAGUE[w];
  // "how many were killed" asks; it does not count.
  if (w === 'many' && i > 0 && tokens[i - 1].lower === 'how') return null;
  if (vague !== undefined) {
    if (w === 'tens' && !matchWords(tokens, i + 1, limit, ['of'])) return null;
    // "tens of thousands", "hundreds of thousands"
    const scale = i + 2 < limit && tokens[i + 1].lower === 'of' ? PLURAL_SCALES[tokens[i + 2].lower] : undefined;
    if (scale) return { end: i + 3, value: vague * scale, vague: true };
    return { end: i + 1, value: vague, vague: true };
  }
  // "the two pilots", "their three children": the number word counts, not the determiner (digits after "the" name a model: "the 727").
  if (DETERMINERS.has(w) && w !== 'a' && w !== 'an' && i + 1 < limit && tokens[i + 1].kind === 'word' && wordValue(tokens[i + 1].lower) !== undefined) {
    const inner = parseCore(tokens, i + 1, limit);
    if (inner && !inner.determiner) return { ...inner };
  }
  if (DETERMINERS.has(w)) return { end: i + 1, value: 1, determiner: true };
  // Number words: "seven", "twenty-five", "three hundred twelve", "one hundred and five".
  let total = 0;
  let current = 0;
  let j = i;
  let any = false;
  while (j < limit) {
    const lw = tokens[j].lower;
    const v = wordValue(lw);
    if (v !== undefined) {
      current += v;
      any = true;
      j++;
    } else if (isHundred(lw) && (any || lw === 'сто')) {
      current = (current || 1) * 100;
      any = true;
      j++;
    } else if (any && scaleValue(lw)) {
      total += (current || 1) * (scaleValue(lw) as number);
      current = 0;
      j++;
    } else if (any && lw === 'and' && j + 1 < limit && wordValue(tokens[j + 1].lower) !== undefined && current >= 100) {
      j++;
    } else break;
  }
  return any ? { end: j, value: total + current } : null;
}

export function parseQuantity(tokens: Token[], i: number, limit: number): Quantity | null {
  if (i >= limit) return null;
  let bound: Bound | undefined;
  let j = i;
  for (const [words, b] of BOUND_INDEX.get(tokens[i].lower) ?? []) {
    if (matchWords(tokens, i, limit, words)) {
      bound = b;
      j = i + words.length;
      break;
    }
  }
  const core = parseCore(tokens, j, limit);
  // "some insurgents": a vague quantity of its own (3, as "several").
  if (!core && bound === 'approx' && tokens[i].lower === 'some' && j < limit && tokens[j].kind === 'word') return { start: i, end: j, count: null, min: 3, approximate: true };
  if (!core && tokens[i].lower === 'another') return { start: i, end: i + 1, count: 1, approximate: false, determiner: true };
  if (!core || (bound && core.determiner)) return null;
  let end = core.end;
  let max = core.max;
  // "10 to 15", "two or three", "between 10 and 15"
  if (max === undefined && !core.vague && !core.determiner && end + 1 < limit && RANGE_JOINERS.has(tokens[end].lower)) {
    const joiner = tokens[end].lower;
    if (joiner !== 'and' || bound === 'between') {
      const second = parseCore(tokens, end + 1, limit);
      if (second && !second.vague && !second.determiner && second.value > core.value) {
        max = second.value;
        end = second.end;
      }
    }
  }
  if (bound === 'between' && max === undefined) return null;
  const value = core.value;
  const q: Quantity = { start: i, end, count: value, approximate: false };
  if (core.determiner) q.determiner = true;
  if (core.vague) {
    q.count = null;
    q.min = value;
    q.approximate = true;
  } else if (max !== undefined) {
    q.count = null;
    q.min = value;
    q.max = max;
    q.approximate = true;
  }
  switch (bound) {
    case 'min': q.min = value; q.approximate = true; break;
    case 'above': q.min = value + 1; q.approximate = true; break;
    case 'max': q.max = value; q.approximate = true; break;
    case 'below': q.max = value - 1; q.approximate = true; break;
    case 'approx': q.approximate = true; break;
    default: break;
  }
  return q;
}
