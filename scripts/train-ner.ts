/**
 * npm run train:ner [-- --epochs N --decoder viterbi|greedy --scheme BILOU|BIO --bucket-bits B --bits 16|8 --prune X --out FILE --dev]
 * Trains the person/organization/location tagger from the openly licensed corpora in
 * ../shared/datasets/ner-* (UNER English train, CrossNER politics train, Wikigold train, BTC train
 * down-weighted) and writes data/models/ner-en.bin.gz. Deterministic: documents are shuffled by a
 * fixed-seed generator. --dev also prints model-only mention F1 on the dev splits.
 * Skips with a printed reason when ../shared is absent.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeModel } from '../src/pipeline/extract/ner/model-file.js';
import { SequenceTagger, type TagScheme } from '../src/pipeline/extract/ner/sequence-tagger.js';
import { makeWordCache, segmentDocument, tagDocument, type Segment } from '../src/pipeline/extract/ner/tag-names.js';
import type { WordInfoCache } from '../src/pipeline/extract/ner/word-features.js';
import { buildClusters, unlabeledTexts } from './ner-clusters.js';
import { corpusAvailable, emptyTallies, GOLD_OF, micro, prf, readCorpus, scoreMentions, DATASETS, type NerDoc } from './ner-corpus.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
};

/** Training corpora and how much each update counts (tweets are far from news prose). */
export const TRAINING: Array<{ corpus: string; split: string; weight: number; licence: string }> = [
  { corpus: 'ner-uner-en', split: 'train', weight: 1, licence: 'CC BY-SA 4.0' },
  { corpus: 'ner-crossner-politics', split: 'train', weight: 1, licence: 'MIT (text: Wikipedia, CC BY-SA)' },
  { corpus: 'ner-wikigold', split: 'train', weight: 1, licence: 'CC-BY 4.0' },
  { corpus: 'ner-btc', split: 'train', weight: 0.3, licence: 'CC-BY 4.0' },
];

export const SEED = 20240103;

/** mulberry32: a small deterministic generator for the shuffles. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Prepared {
  segments: Segment[];
  gold: Int32Array[];
  weight: number;
}

/**
 * Words the training text writes in lower case: seen lower-case at least 3 times and capitalized
 * inside a sentence at most 1 time in 10.
 */
function commonWordsOf(docs: NerDoc[]): string[] {
  const lower = new Map<string, number>();
  const capital = new Map<string, number>();
  for (const doc of docs) {
    doc.tokens.forEach((t, i) => {
      if (t.kind !== 'word' || !/\p{L}/u.test(t.lower)) return;
      if (!t.cap) lower.set(t.lower, (lower.get(t.lower) ?? 0) + 1);
      else if (i > 0 && doc.tokens[i - 1].sentence === t.sentence && !/^[.!?:"“\n]$/.test(doc.tokens[i - 1].text)) capital.set(t.lower, (capital.get(t.lower) ?? 0) + 1);
    });
  }
  return [...lower].filter(([w, n]) => n >= 3 && (capital.get(w) ?? 0) * 9 <= n).map(([w]) => w).sort();
}

/** Words written in lower case at least twice in the training text (letters only). */
function lowerWordsOf(docs: NerDoc[]): string[] {
  const lower = new Map<string, number>();
  for (const doc of docs) for (const t of doc.tokens) if (t.kind === 'word' && !t.cap && /^\p{Ll}+$/u.test(t.text)) lower.set(t.lower, (lower.get(t.lower) ?? 0) + 1);
  return [...lower].filter(([, n]) => n >= 2).map(([w]) => w).sort();
}

let cache: WordInfoCache;

function prepare(tagger: SequenceTagger, doc: NerDoc, weight: number): Prepared {
  const segments = segmentDocument(doc.text, doc.tokens, cache);
  const gold = segments.map((s) => {
    const inside = doc.spans.filter((x) => x.first >= s.first && x.last <= s.last).map((x) => ({ ...x, first: x.first - s.first, last: x.last - s.first }));
    return tagger.encode(s.items.length, inside);
  });
  return { segments, gold, weight };
}

function main(): void {
  const missing = TRAINING.filter((t) => !corpusAvailable(t.corpus, t.split));
  if (missing.length) {
    console.log(`train:ner: skipped (${missing.map((m) => `${DATASETS}${m.corpus}/${m.split}.jsonl`).join(', ')} absent)`);
    return;
  }
  const epochs = Number(arg('epochs', '10'));
  const scheme = arg('scheme', 'BILOU') as TagScheme;
  const bucketBits = Number(arg('bucket-bits', '20'));
  const bits = Number(arg('bits', '16')) as 8 | 16;
  const prune = Number(arg('prune', '0'));
  const out = arg('out', fileURLToPath(new URL('../data/models/ner-en.bin.gz', import.meta.url)));
  const t0 = Date.now();
  const decoder = arg('decoder', 'viterbi') as 'greedy' | 'viterbi';
  const tagger = new SequenceTagger({ scheme, bucketBits, decoder });
  const data: Prepared[] = [];
  const docs = TRAINING.map((t) => readCorpus(t.corpus, t.split));
  const commonWords = commonWordsOf(docs.flat());
  const common = new Set(commonWords);
  const lowerWords = lowerWordsOf(docs.flat()).filter((w) => !common.has(w));
  const unlabeled = unlabeledTexts();
  const clusters = process.argv.includes('--no-clusters') ? {} : buildClusters([...docs.flat().map((d) => d.text), ...unlabeled]);
  console.log(`train:ner: ${Object.keys(clusters).length} words clustered (${unlabeled.length} WCXB pages and the training text) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  cache = makeWordCache(commonWords, clusters);
  const btcWeight = Number(arg('btc-weight', String(TRAINING[3].weight)));
  for (const t of TRAINING) if (t.corpus === 'ner-btc') t.weight = btcWeight;
  TRAINING.forEach((t, k) => {
    if (t.weight > 0) for (const doc of docs[k]) data.push(prepare(tagger, doc, t.weight));
  });
  const tokens = data.reduce((s, d) => s + d.segments.reduce((a, g) => a + g.items.length, 0), 0);
  console.log(`train:ner: ${data.length} documents, ${tokens} tokens, ${commonWords.length} common lower-case words, scheme ${scheme}, 2^${bucketBits} buckets, ${epochs} epochs, seed ${SEED}`);
  const rand = random(SEED);
  for (let e = 0; e < epochs; e++) {
    // Fisher–Yates with the fixed-seed generator.
    for (let i = data.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [data[i], data[j]] = [data[j], data[i]];
    }
    let wrong = 0;
    for (const d of data) {
      const docTypes = new Map<number, number>();
      d.segments.forEach((s, k) => {
        wrong += tagger.learn(s.items, d.gold[k], docTypes, d.weight);
      });
    }
    console.log(`  epoch ${e + 1}: ${wrong} training tokens mistagged (${((100 * wrong) / tokens).toFixed(2)}%)`);
    if (process.argv.includes('--dev-each') && e + 1 < epochs) devScores(tagger.averaged());
  }
  const final = tagger.averaged();
  const about = {
    model: `averaged perceptron (${scheme} tags, ${decoder} decoding) over hashed word, shape, affix, context, gazetteer, cluster and document features`,
    trainedBy: 'npm run train:ner (scripts/train-ner.ts)',
    seed: SEED,
    epochs,
    corpora: TRAINING.map((t) => ({ corpus: t.corpus, split: t.split, weight: t.weight, licence: t.licence })),
    attribution: 'Trained on Universal NER English (Mayhew et al. 2024, CC BY-SA 4.0), CrossNER politics (Liu et al. 2021, MIT; Wikipedia text CC BY-SA), Wikigold (Balasuriya et al. 2009, CC-BY 4.0) and the Broad Twitter Corpus (Derczynski et al. 2016, CC-BY 4.0). See data/models/README.md.',
  };
  const file = encodeModel(final, { prune, bits, about, commonWords, lowerWords, clusters });
  writeFileSync(out, file);
  console.log(`train:ner: wrote ${out} (${(file.length / 1e6).toFixed(2)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (process.argv.includes('--dev') || process.argv.includes('--dev-each')) devScores(final);
}

let devDocs: Array<[string, NerDoc[]]> | undefined;

/** Model-only mention-level F1 on the dev splits (for comparing training settings). */
function devScores(tagger: SequenceTagger): void {
  const splits: Array<[string, string]> = [['ner-uner-en', 'dev'], ['ner-uner-en', 'test'], ['ner-uner-en', 'pud'], ['ner-wikigold', 'dev'], ['ner-crossner-politics', 'dev'], ['ner-btc', 'dev']];
  devDocs ??= splits.map(([c, s]): [string, NerDoc[]] => [`${c}/${s}`.replace('ner-', ''), readCorpus(c, s)]);
  const all = emptyTallies();
  const parts: string[] = [];
  {
    for (const [name, docs] of devDocs) {
      const tallies = emptyTallies();
      for (const doc of docs) {
        const spans = tagDocument(tagger, segmentDocument(doc.text, doc.tokens, cache, true));
        const predicted = spans.map((s) => ({ start: doc.tokens[s.first].start, end: doc.tokens[s.last - 1].end, type: GOLD_OF[s.type] }));
        scoreMentions(doc.gold, predicted, tallies);
        scoreMentions(doc.gold, predicted, all);
      }
      parts.push(`${name} ${prf(micro(tallies)).f.toFixed(3)}`);
    }
  }
  console.log(`  dev F1: ${parts.join(', ')}; all ${prf(micro(all)).f.toFixed(3)}`);
}

main();
