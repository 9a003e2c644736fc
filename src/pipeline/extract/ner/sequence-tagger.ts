/**
 * An averaged-perceptron sequence tagger over hashed features (Collins 2002; Ratinov & Roth 2009
 * for the feature set). Each token's score for a tag is the sum of the weight rows of its features.
 * Two decoders: Viterbi (the default of `npm run train:ner`: the best tag sequence allowed by BIO or
 * BILOU, with features joining the previous tag to the word) and greedy left to right (each token
 * takes the best tag allowed after the previous one, with the two previous tags as features); the
 * model file says which one it was trained with. The same code trains (`learn`) and tags (`tag`).
 */
import { hashString, mix, GAZ_BITS, type WordInfo } from './word-features.js';

export type TagScheme = 'BIO' | 'BILOU';
export const ENTITY_TYPES = ['PER', 'ORG', 'LOC'] as const;
export type NerType = (typeof ENTITY_TYPES)[number];

export interface TaggerShape {
  scheme: TagScheme;
  /** log2 of the number of hash buckets. */
  bucketBits: number;
  /** 'greedy' (left to right, the two previous tags as features) or 'viterbi' (best first-order sequence). Default 'greedy'. */
  decoder?: 'greedy' | 'viterbi';
}

/** One token as the tagger sees it. */
export interface TaggerToken {
  word: WordInfo;
  /** The same word appears in lower case elsewhere in the document (a capital may just start the sentence). */
  lowerSeen: boolean;
}

export function labelsOf(scheme: TagScheme): string[] {
  const prefixes = scheme === 'BIO' ? ['B', 'I'] : ['B', 'I', 'L', 'U'];
  return ['O', ...ENTITY_TYPES.flatMap((t) => prefixes.map((p) => `${p}-${t}`))];
}

/** allowed[prev * C + next]: whether `next` may follow `prev` (prev = C means sentence start). */
function transitions(labels: string[], scheme: TagScheme): Uint8Array {
  const C = labels.length;
  const allowed = new Uint8Array((C + 1) * C);
  for (let p = 0; p <= C; p++) {
    const prev = p === C ? 'O' : labels[p];
    const prevOpen = scheme === 'BIO' ? prev !== 'O' : prev.startsWith('B-') || prev.startsWith('I-');
    for (let n = 0; n < C; n++) {
      const next = labels[n];
      const continues = next.startsWith('I-') || next.startsWith('L-');
      let ok: boolean;
      if (scheme === 'BIO') ok = !continues || (prevOpen && prev.slice(2) === next.slice(2));
      else ok = prevOpen ? continues && prev.slice(2) === next.slice(2) : !continues;
      allowed[p * C + n] = ok ? 1 : 0;
    }
  }
  return allowed;
}

const T = (name: string): number => hashString(name);
const F_BIAS = T('bias');
const F_TEXT = T('w');
const F_LOWER = T('l');
const F_SHAPE = T('sh');
const F_SHORT = T('ss');
const F_PRE2 = T('p2');
const F_PRE3 = T('p3');
const F_SUF2 = T('s2');
const F_SUF3 = T('s3');
const F_SUF4 = T('s4');
const F_GAZ = T('gz');
const F_GAZ_PREV = T('gz-1');
const F_GAZ_NEXT = T('gz+1');
const F_L_PREV = T('l-1');
const F_L_NEXT = T('l+1');
const F_L_PREV2 = T('l-2');
const F_L_NEXT2 = T('l+2');
const F_SS_PREV = T('ss-1');
const F_SS_NEXT = T('ss+1');
const F_BI_PREV = T('l-1l');
const F_BI_NEXT = T('ll+1');
const F_SS_TRI = T('ss-1ss0ss+1');
const F_FIRST = T('first');
const F_LOWER_SEEN = T('lowerSeen');
const F_TAG1 = T('t-1');
const F_TAG12 = T('t-2t-1');
const F_TAG1_L = T('t-1l');
const F_TAG1_SS = T('t-1ss');
const F_DOC = T('doc');
const F_CLUSTER = T('c');
const F_CLUSTER_PREV = T('c-1');
const F_CLUSTER_NEXT = T('c+1');
const F_TEXT_PREV = T('w-1');
const F_TEXT_NEXT = T('w+1');
const F_SS_PREV2 = T('ss-2');
const F_SS_NEXT2 = T('ss+2');
const F_CLUSTER_BI_PREV = T('c-1c');
const F_CLUSTER_BI_NEXT = T('cc+1');
const F_L_SS_NEXT = T('lss+1');
const F_SS_PREV_L = T('ss-1l');
const BOS = T('<s>');
const EOS = T('</s>');
const MAX_FEATURES = 56;
/** Word-row cache entries kept before it is cleared (about 0.4 KB each with 7 labels). */
const WORD_ROWS_LIMIT = 16_384;
/** Short shapes whose pair rows are kept before that cache is cleared (a text has a few hundred). */
const SHAPE_PAIRS_LIMIT = 4096;

/** Features of a word on its own (form, affixes, shape, gazetteer classes, cluster; the bias too). */
function selfFeatures(w: WordInfo, feats: Int32Array, at: number): number {
  let k = at;
  feats[k++] = F_BIAS;
  feats[k++] = mix(F_TEXT, w.text);
  feats[k++] = mix(F_LOWER, w.lower);
  feats[k++] = mix(F_SHAPE, w.shape);
  feats[k++] = mix(F_SHORT, w.shortShape);
  feats[k++] = mix(F_PRE2, w.pre2);
  feats[k++] = mix(F_PRE3, w.pre3);
  feats[k++] = mix(F_SUF2, w.suf2);
  feats[k++] = mix(F_SUF3, w.suf3);
  feats[k++] = mix(F_SUF4, w.suf4);
  const capBit = w.cap ? 1 : 0;
  for (let b = 0; b < GAZ_BITS; b++) if (w.gaz & (1 << b)) feats[k++] = mix(F_GAZ, (b << 1) | capBit);
  if (w.cluster) feats[k++] = mix(mix(F_CLUSTER, w.cluster), capBit);
  return k;
}

/** The previous tag p alone, joined with the word's lower case, joined with its short shape. */
const tagFeature = (p: number): number => mix(F_TAG1, p);
const tagLowerFeature = (p: number, w: WordInfo): number => mix(mix(F_TAG1_L, p), w.lower);
const tagShapeFeature = (p: number, w: WordInfo): number => mix(mix(F_TAG1_SS, p), w.shortShape);

/** Feature names of a neighbour at one offset: its lower case, short shape, form, cluster, gazetteer classes (the last two where it has them). */
interface NeighbourNames {
  edge: number;
  lower: number;
  shortShape: number;
  text?: number;
  cluster?: number;
  gaz?: number;
}
const PREV: NeighbourNames = { edge: BOS, lower: F_L_PREV, shortShape: F_SS_PREV, text: F_TEXT_PREV, cluster: F_CLUSTER_PREV, gaz: F_GAZ_PREV };
const NEXT: NeighbourNames = { edge: EOS, lower: F_L_NEXT, shortShape: F_SS_NEXT, text: F_TEXT_NEXT, cluster: F_CLUSTER_NEXT, gaz: F_GAZ_NEXT };
const PREV2: NeighbourNames = { edge: BOS, lower: F_L_PREV2, shortShape: F_SS_PREV2 };
const NEXT2: NeighbourNames = { edge: EOS, lower: F_L_NEXT2, shortShape: F_SS_NEXT2 };

/** Features of a token's neighbour at the offset `names` stands for (null: past the segment's edge). */
function neighbourFeatures(v: WordInfo | null, names: NeighbourNames, feats: Int32Array, at: number): number {
  let k = at;
  feats[k++] = mix(names.lower, v ? v.lower : names.edge);
  feats[k++] = mix(names.shortShape, v ? v.shortShape : names.edge);
  if (names.text !== undefined) feats[k++] = mix(names.text, v ? v.text : names.edge);
  if (names.cluster !== undefined && v && v.cluster) feats[k++] = mix(names.cluster, v.cluster);
  if (names.gaz !== undefined && v && v.gaz) feats[k++] = mix(names.gaz, v.gaz);
  return k;
}

/**
 * A word's share of the scores, summed once per word (a loaded tagger's weights never change): blocks of
 * C for its own features and its features as the word before, after, two before and two after a token,
 * then, from PAIRS * C, per previous tag the offset of the row of the tag joined with its lower case (-1:
 * none). The tag joined with its short shape is summed per shape (see shapePairs). Sums of a few float32
 * weights are exact in float64, so the scores equal those summed feature by feature.
 */
const [SELF, AS_PREV, AS_NEXT, AS_PREV2, AS_NEXT2, PAIRS] = [0, 1, 2, 3, 4, 5];

interface ViterbiBuffers {
  /** emit[i * C + c]: score of tag c at token i without its previous tag. */
  emit: Float64Array;
  /** pair[(i * (C + 1) + p) * C + c]: score of tag c at token i after tag p (C: segment start). */
  pair: Float64Array;
  delta: Float64Array;
  back: Int32Array;
  /** Tokens tagged O unscored (see far). */
  skip: Uint8Array;
}

export class SequenceTagger {
  readonly labels: string[];
  readonly C: number;
  readonly mask: number;
  /** Rows of C weights: one per bucket, or (with `rowOf`) one per stored bucket. */
  readonly weights: Float32Array;
  /** Compact form (a loaded model): bucket → offset of its row in `weights`, or -1 for an empty bucket. */
  readonly rowOf: Int32Array | null;
  private readonly allowed: Uint8Array;
  /** Type index (0 none, 1.. per ENTITY_TYPES) of each label, and whether it begins an entity. */
  private readonly labelType: Int8Array;
  private readonly static = new Int32Array(MAX_FEATURES);
  private scratch: ViterbiBuffers | null = null;
  /** Per-word score rows (see SELF … PAIRS) of a loaded tagger; null stands for the segment's edge. */
  private readonly wordRows = new Map<WordInfo | null, Float64Array>();
  /** Per short shape (hash): for each previous tag, the rows of the tag alone and joined with the shape, summed (S × C). */
  private readonly shapePairs = new Map<number, Float64Array>();
  /** The current segment's rows by token index (each token is the neighbour of four others: one lookup, not five). */
  private readonly segmentRows: Array<Float64Array | null> = [];
  private readonly scores: Float64Array;
  // Training state: sums for averaging (Daumé's trick: avg = w - acc / step).
  private acc: Float64Array | null = null;
  private step = 1;

  constructor(
    readonly shape: TaggerShape,
    weights?: Float32Array,
    rowOf?: Int32Array,
  ) {
    this.labels = labelsOf(shape.scheme);
    this.C = this.labels.length;
    this.mask = (1 << shape.bucketBits) - 1;
    this.weights = weights ?? new Float32Array((this.mask + 1) * this.C);
    this.rowOf = rowOf ?? null;
    this.allowed = transitions(this.labels, shape.scheme);
    this.scores = new Float64Array(this.C);
    this.labelType = new Int8Array(this.C);
    this.labels.forEach((l, i) => {
      this.labelType[i] = l === 'O' ? 0 : ENTITY_TYPES.indexOf(l.slice(2) as NerType) + 1;
    });
  }

  /** Tags one segment (a sentence or line); `docTypes` carries the types given to words earlier in the document. */
  tag(tokens: TaggerToken[], docTypes: Map<number, number>): Int32Array {
    return this.run(tokens, docTypes, null, 1);
  }

  /** One training pass over a segment; returns the number of mistaken tokens. */
  learn(tokens: TaggerToken[], gold: Int32Array, docTypes: Map<number, number>, weight: number): number {
    if (this.rowOf) throw new Error('a compact (loaded) tagger cannot be trained');
    this.acc ??= new Float64Array(this.weights.length);
    const predicted = this.run(tokens, docTypes, gold, weight);
    let wrong = 0;
    for (let i = 0; i < gold.length; i++) if (predicted[i] !== gold[i]) wrong++;
    return wrong;
  }

  /** Weight of a bucket for a label (either form). */
  weight(bucket: number, label: number): number {
    const base = this.rowOf ? this.rowOf[bucket] : bucket * this.C;
    return base < 0 ? 0 : this.weights[base + label];
  }

  /** A tagger with the weights averaged over all training steps so far (training may go on). */
  averaged(): SequenceTagger {
    const w = new Float32Array(this.weights);
    const acc = this.acc;
    if (acc) for (let k = 0; k < w.length; k++) w[k] -= acc[k] / this.step;
    return new SequenceTagger(this.shape, w);
  }

  /** Whether token i is a lower-case word too far from any capital to be in a name (tagging only). */
  private far(tokens: TaggerToken[], i: number, near: { lastCap: number; nextCap: number }): boolean {
    const n = tokens.length;
    const w = tokens[i].word;
    if (w.cap) {
      near.lastCap = i;
      return false;
    }
    if (near.nextCap < i) {
      near.nextCap = i + 1;
      while (near.nextCap < n && !tokens[near.nextCap].word.cap) near.nextCap++;
      if (near.nextCap >= n) near.nextCap = n + 10;
    }
    return !(i - near.lastCap <= 3 && (near.nextCap - i <= 3 || (i === near.lastCap + 1 && w.digit)));
  }

  /** The features of token i that do not depend on its neighbours' tags, into `feats` from `at`; returns the new end. */
  private features(tokens: TaggerToken[], i: number, docTypes: Map<number, number>, feats: Int32Array, at: number): number {
    const n = tokens.length;
    let k = selfFeatures(tokens[i].word, feats, at);
    k = neighbourFeatures(i > 0 ? tokens[i - 1].word : null, PREV, feats, k);
    k = neighbourFeatures(i + 1 < n ? tokens[i + 1].word : null, NEXT, feats, k);
    k = neighbourFeatures(i > 1 ? tokens[i - 2].word : null, PREV2, feats, k);
    k = neighbourFeatures(i + 2 < n ? tokens[i + 2].word : null, NEXT2, feats, k);
    return this.joinFeatures(tokens, i, docTypes, feats, k);
  }

  /** Features that join token i with a neighbour, its position or the document. */
  private joinFeatures(tokens: TaggerToken[], i: number, docTypes: Map<number, number>, feats: Int32Array, at: number): number {
    const n = tokens.length;
    const w = tokens[i].word;
    const prev = i > 0 ? tokens[i - 1].word : null;
    const next = i + 1 < n ? tokens[i + 1].word : null;
    const lp = prev ? prev.lower : BOS;
    const ln = next ? next.lower : EOS;
    const sp = prev ? prev.shortShape : BOS;
    const sn = next ? next.shortShape : EOS;
    let k = at;
    feats[k++] = mix(mix(F_BI_PREV, lp), w.lower);
    feats[k++] = mix(mix(F_BI_NEXT, w.lower), ln);
    feats[k++] = mix(mix(mix(F_SS_TRI, sp), w.shortShape), sn);
    feats[k++] = mix(mix(F_CLUSTER_BI_PREV, prev ? prev.cluster : BOS), w.cluster);
    feats[k++] = mix(mix(F_CLUSTER_BI_NEXT, w.cluster), next ? next.cluster : EOS);
    feats[k++] = mix(mix(F_L_SS_NEXT, w.lower), sn);
    feats[k++] = mix(mix(F_SS_PREV_L, sp), w.lower);
    if (i === 0) feats[k++] = mix(F_FIRST, w.shortShape);
    if (w.cap && tokens[i].lowerSeen) feats[k++] = mix(F_LOWER_SEEN, i === 0 ? 1 : 0);
    const seen = w.cap ? docTypes.get(w.id) : undefined;
    if (seen !== undefined) feats[k++] = mix(F_DOC, seen);
    return k;
  }

  /** Features of token i joined with the previous tag p. */
  private pairFeatures(w: WordInfo, p: number, feats: Int32Array, at: number): number {
    feats[at] = tagFeature(p);
    feats[at + 1] = tagLowerFeature(p, w);
    feats[at + 2] = tagShapeFeature(p, w);
    return at + 3;
  }

  /** Adds the weight rows of features [from, to) into scores[at .. at + C). */
  private score(feats: Int32Array, from: number, to: number, scores: Float64Array, at: number): void {
    const C = this.C;
    const W = this.weights;
    const rowOf = this.rowOf;
    const mask = this.mask;
    for (let f = from; f < to; f++) {
      const base = rowOf ? rowOf[feats[f] & mask] : (feats[f] & mask) * C;
      if (base >= 0) for (let c = 0; c < C; c++) scores[at + c] += W[base + c];
    }
  }

  /** Greedy left to right: each token takes the best tag allowed after the previous one, given the two previous tags. */
  private greedy(tokens: TaggerToken[], docTypes: Map<number, number>, gold: Int32Array | null, weight: number): Int32Array {
    const n = tokens.length;
    const out = new Int32Array(n);
    const C = this.C;
    const feats = this.static;
    const scores = this.scores;
    let p1 = C; // start
    let p2 = C;
    const near = { lastCap: -10, nextCap: -1 };
    for (let i = 0; i < n; i++) {
      if (this.far(tokens, i, near) && !gold) {
        out[i] = 0;
        p2 = p1;
        p1 = 0;
        continue;
      }
      const w = tokens[i].word;
      let k = this.features(tokens, i, docTypes, feats, 0);
      feats[k++] = mix(mix(F_TAG12, p2), p1);
      k = this.pairFeatures(w, p1, feats, k);
      scores.fill(0);
      this.score(feats, 0, k, scores, 0);
      let best = -1;
      let bestScore = -Infinity;
      const row = p1 * C;
      for (let c = 0; c < C; c++) {
        if (this.allowed[row + c] && scores[c] > bestScore) {
          bestScore = scores[c];
          best = c;
        }
      }
      if (gold) {
        const g = gold[i];
        if (g !== best) {
          this.bump(feats, 0, k, g, weight);
          this.bump(feats, 0, k, best, -weight);
        }
        this.step++;
      }
      out[i] = best;
      p2 = p1;
      p1 = best;
    }
    return out;
  }

  /**
   * Viterbi: the best tag sequence under first-order features (the previous tag joined with the
   * word and its shape). Training is the structured perceptron (Collins 2002): the features of the
   * gold path gain, those of the predicted path lose, where the two differ.
   */
  private viterbi(tokens: TaggerToken[], docTypes: Map<number, number>, gold: Int32Array | null, weight: number): Int32Array {
    const n = tokens.length;
    const C = this.C;
    const S = C + 1; // previous-tag slots, C = start
    const buf = this.buffers(n);
    const { emit, pair, skip } = buf;
    const feats = this.static;
    const near = { lastCap: -10, nextCap: -1 };
    // A loaded tagger (tagging only) takes each word's share from its cached rows.
    const cached = this.rowOf !== null;
    if (cached) for (let i = 0; i < n; i++) this.segmentRows[i] = null;
    for (let i = 0; i < n; i++) {
      skip[i] = !gold && this.far(tokens, i, near) ? 1 : 0;
      if (skip[i]) continue;
      const from = i === 0 ? C : 0;
      const to = i === 0 ? S : C;
      if (cached) {
        this.scoreFromRows(tokens, i, docTypes, emit, pair, from, to);
        continue;
      }
      emit.fill(0, i * C, (i + 1) * C);
      this.score(feats, 0, this.features(tokens, i, docTypes, feats, 0), emit, i * C);
      const w = tokens[i].word;
      pair.fill(0, (i * S + from) * C, (i * S + to) * C);
      for (let p = from; p < to; p++) this.score(feats, 0, this.pairFeatures(w, p, feats, 0), pair, (i * S + p) * C);
    }
    const best = this.decode(n, buf);
    if (gold) {
      for (let i = 0; i < n; i++) {
        const g = gold[i];
        const b = best[i];
        const pg = i > 0 ? gold[i - 1] : C;
        const pb = i > 0 ? best[i - 1] : C;
        if (g !== b) {
          const k = this.features(tokens, i, docTypes, feats, 0);
          this.bump(feats, 0, k, g, weight);
          this.bump(feats, 0, k, b, -weight);
        }
        if (g !== b || pg !== pb) {
          const w = tokens[i].word;
          this.bump(feats, 0, this.pairFeatures(w, pg, feats, 0), g, weight);
          this.bump(feats, 0, this.pairFeatures(w, pb, feats, 0), b, -weight);
        }
      }
      this.step += n;
    }
    return best;
  }

  /** Token i's emission scores and its pair scores after previous tags [from, to), from the words' cached rows. */
  private scoreFromRows(tokens: TaggerToken[], i: number, docTypes: Map<number, number>, emit: Float64Array, pair: Float64Array, from: number, to: number): void {
    const C = this.C;
    const S = C + 1;
    const n = tokens.length;
    const self = this.rowsAt(tokens, i);
    const prev = this.rowsAt(tokens, i - 1);
    const next = this.rowsAt(tokens, i + 1);
    const prev2 = this.rowsAt(tokens, i - 2);
    const next2 = this.rowsAt(tokens, i + 2);
    const at = i * C;
    for (let c = 0; c < C; c++) {
      emit[at + c] = self[SELF * C + c] + prev[AS_PREV * C + c] + next[AS_NEXT * C + c] + prev2[AS_PREV2 * C + c] + next2[AS_NEXT2 * C + c];
    }
    const feats = this.static;
    this.score(feats, 0, this.joinFeatures(tokens, i, docTypes, feats, 0), emit, at);
    const shape = this.pairsOf(tokens[i].word);
    const W = this.weights;
    for (let p = from; p < to; p++) {
      const at = (i * S + p) * C;
      const row = self[PAIRS * C + p];
      if (row < 0) for (let c = 0; c < C; c++) pair[at + c] = shape[p * C + c];
      else for (let c = 0; c < C; c++) pair[at + c] = shape[p * C + c] + W[row + c];
    }
  }

  /** The pair rows of a word's short shape (see shapePairs). */
  private pairsOf(w: WordInfo): Float64Array {
    let rows = this.shapePairs.get(w.shortShape);
    if (rows !== undefined) return rows;
    if (this.shapePairs.size >= SHAPE_PAIRS_LIMIT) this.shapePairs.clear();
    const C = this.C;
    const feats = this.static;
    rows = new Float64Array((C + 1) * C);
    for (let p = 0; p <= C; p++) {
      feats[0] = tagFeature(p);
      feats[1] = tagShapeFeature(p, w);
      this.score(feats, 0, 2, rows, p * C);
    }
    this.shapePairs.set(w.shortShape, rows);
    return rows;
  }

  /** The rows of the segment's token j (past either end: the edge's). */
  private rowsAt(tokens: TaggerToken[], j: number): Float64Array {
    if (j < 0 || j >= tokens.length) return this.rowsOf(null);
    return (this.segmentRows[j] ??= this.rowsOf(tokens[j].word));
  }

  /** A word's cached score rows (see SELF … PAIRS); null: the segment's edge (no word before or after). */
  private rowsOf(w: WordInfo | null): Float64Array {
    let rows = this.wordRows.get(w);
    if (rows !== undefined) return rows;
    if (this.wordRows.size >= WORD_ROWS_LIMIT) this.wordRows.clear();
    const C = this.C;
    const feats = this.static;
    rows = new Float64Array(PAIRS * C + C + 1);
    if (w) this.score(feats, 0, selfFeatures(w, feats, 0), rows, SELF * C);
    this.score(feats, 0, neighbourFeatures(w, PREV, feats, 0), rows, AS_PREV * C);
    this.score(feats, 0, neighbourFeatures(w, NEXT, feats, 0), rows, AS_NEXT * C);
    this.score(feats, 0, neighbourFeatures(w, PREV2, feats, 0), rows, AS_PREV2 * C);
    this.score(feats, 0, neighbourFeatures(w, NEXT2, feats, 0), rows, AS_NEXT2 * C);
    const rowOf = this.rowOf as Int32Array;
    for (let p = 0; p <= C; p++) rows[PAIRS * C + p] = w ? rowOf[tagLowerFeature(p, w) & this.mask] : -1;
    this.wordRows.set(w, rows);
    return rows;
  }

  /** Scratch arrays for Viterbi, grown to the longest segment seen (tagging allocates nothing per segment). */
  private buffers(n: number): ViterbiBuffers {
    const C = this.C;
    if (!this.scratch || this.scratch.skip.length < n) {
      const size = Math.max(n, 2 * (this.scratch?.skip.length ?? 32));
      this.scratch = {
        emit: new Float64Array(size * C),
        pair: new Float64Array(size * (C + 1) * C),
        delta: new Float64Array(size * C),
        back: new Int32Array(size * C),
        skip: new Uint8Array(size),
      };
    }
    return this.scratch;
  }

  /** Best allowed path over the scores in `buf`; skipped tokens are O (unscored). */
  private decode(n: number, buf: ViterbiBuffers): Int32Array {
    const C = this.C;
    const S = C + 1;
    const { emit, pair, delta, back, skip } = buf;
    const allowed = this.allowed;
    for (let i = 0; i < n; i++) {
      const skipped = skip[i] === 1;
      for (let c = 0; c < C; c++) {
        const at = i * C + c;
        if (skipped && c !== 0) {
          delta[at] = -Infinity;
          continue;
        }
        let bestPrev = -1;
        let bestScore = -Infinity;
        if (i === 0) {
          if (allowed[C * C + c]) {
            bestPrev = C;
            bestScore = skipped ? 0 : pair[C * C + c];
          }
        } else {
          for (let p = 0; p < C; p++) {
            const prev = delta[(i - 1) * C + p];
            if (prev === -Infinity || !allowed[p * C + c]) continue;
            const s = skipped ? prev : prev + pair[(i * S + p) * C + c];
            if (s > bestScore) {
              bestScore = s;
              bestPrev = p;
            }
          }
        }
        delta[at] = skipped ? bestScore : bestScore + emit[at];
        back[at] = bestPrev;
      }
    }
    const out = new Int32Array(n);
    if (n === 0) return out;
    let c = 0;
    for (let k = 1; k < C; k++) if (delta[(n - 1) * C + k] > delta[(n - 1) * C + c]) c = k;
    for (let i = n - 1; i >= 0; i--) {
      out[i] = c;
      c = back[i * C + c];
    }
    return out;
  }

  private run(tokens: TaggerToken[], docTypes: Map<number, number>, gold: Int32Array | null, weight: number): Int32Array {
    const out = this.shape.decoder === 'viterbi' ? this.viterbi(tokens, docTypes, gold, weight) : this.greedy(tokens, docTypes, gold, weight);
    // Remember what each capitalized word was tagged in this document (its entity type, or 0).
    for (let i = 0; i < tokens.length; i++) {
      const w = tokens[i].word;
      if (w.cap) docTypes.set(w.id, this.labelType[out[i]]);
    }
    return out;
  }

  /** Training: adds `amount` to the weights of `label` for features [from, to). */
  private bump(feats: Int32Array, from: number, to: number, label: number, amount: number): void {
    const W = this.weights;
    const acc = this.acc as Float64Array;
    const C = this.C;
    const stamp = this.step * amount;
    for (let f = from; f < to; f++) {
      const base = (feats[f] & this.mask) * C + label;
      W[base] += amount;
      acc[base] += stamp;
    }
  }

  /** Entity spans [first, last) with their type, read off a tag sequence (ill-formed runs are closed leniently). */
  spans(tags: Int32Array): Array<{ first: number; last: number; type: NerType }> {
    const out: Array<{ first: number; last: number; type: NerType }> = [];
    let open = -1;
    let type = 0;
    const close = (end: number): void => {
      if (open >= 0) out.push({ first: open, last: end, type: ENTITY_TYPES[type - 1] });
      open = -1;
      type = 0;
    };
    for (let i = 0; i < tags.length; i++) {
      const label = this.labels[tags[i]];
      const t = this.labelType[tags[i]];
      const p = label[0];
      if (t === 0) close(i);
      else if (p === 'B' || p === 'U' || t !== type) {
        close(i);
        open = i;
        type = t;
        if (p === 'U') close(i + 1);
      } else if (p === 'L') close(i + 1);
    }
    close(tags.length);
    return out;
  }

  /** Gold tag indices for a segment whose entity spans are known. */
  encode(n: number, spans: Array<{ first: number; last: number; type: NerType }>): Int32Array {
    const gold = new Int32Array(n);
    const index = (l: string): number => this.labels.indexOf(l);
    for (const s of spans) {
      const len = s.last - s.first;
      for (let i = s.first; i < s.last; i++) {
        let p: string;
        if (this.shape.scheme === 'BIO') p = i === s.first ? 'B' : 'I';
        else p = len === 1 ? 'U' : i === s.first ? 'B' : i === s.last - 1 ? 'L' : 'I';
        gold[i] = index(`${p}-${s.type}`);
      }
    }
    return gold;
  }
}
