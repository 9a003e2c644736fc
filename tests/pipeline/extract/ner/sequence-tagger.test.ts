import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from '../../../../src/pipeline/extract/ner/model-file.js';
import { SequenceTagger, type NerType } from '../../../../src/pipeline/extract/ner/sequence-tagger.js';
import { segmentDocument, tagDocument, type Segment } from '../../../../src/pipeline/extract/ner/tag-names.js';
import { WordInfoCache } from '../../../../src/pipeline/extract/ner/word-features.js';
import { tokenizeText } from '../../../../src/pipeline/extract/tokenize-text.js';

const cache = new WordInfoCache(new Map());

/** A tiny corpus: names after "met" and "in" (persons and places). */
const SENTENCES: Array<[string, Array<[string, NerType]>]> = [
  ['Anna Berg met Tom Hale in Oslo .', [['Anna Berg', 'PER'], ['Tom Hale', 'PER'], ['Oslo', 'LOC']]],
  ['Lena Dahl met Paul Roth in Rome .', [['Lena Dahl', 'PER'], ['Paul Roth', 'PER'], ['Rome', 'LOC']]],
  ['The bank Nordea hired Ivan Kos in Riga .', [['Nordea', 'ORG'], ['Ivan Kos', 'PER'], ['Riga', 'LOC']]],
  ['Later the team met in Kyiv .', [['Kyiv', 'LOC']]],
];

function prepared(tagger: SequenceTagger): Array<{ segments: Segment[]; gold: Int32Array[] }> {
  return SENTENCES.map(([text, names]) => {
    const { tokens } = tokenizeText(text);
    const segments = segmentDocument(text, tokens, cache);
    const spans = names.map(([name, type]) => {
      const start = text.indexOf(name);
      const first = tokens.findIndex((t) => t.start === start);
      const last = tokens.findIndex((t) => t.start >= start + name.length);
      return { first, last, type };
    });
    return { segments, gold: [tagger.encode(tokens.length, spans)] };
  });
}

function train(decoder: 'greedy' | 'viterbi' = 'greedy'): SequenceTagger {
  const tagger = new SequenceTagger({ scheme: 'BIO', bucketBits: 12, decoder });
  const data = prepared(tagger);
  for (let epoch = 0; epoch < 10; epoch++) for (const d of data) tagger.learn(d.segments[0].items, d.gold[0], new Map(), 1);
  return tagger.averaged();
}

const names = (tagger: SequenceTagger, text: string): string[] => {
  const { tokens } = tokenizeText(text);
  return tagDocument(tagger, segmentDocument(text, tokens, cache)).map((s) => `${s.type}:${text.slice(tokens[s.first].start, tokens[s.last - 1].end)}`);
};

describe('SequenceTagger', () => {
  it('learns names from context and tags unseen ones', () => {
    const tagger = train();
    expect(names(tagger, 'Anna Berg met Tom Hale in Oslo .')).toEqual(['PER:Anna Berg', 'PER:Tom Hale', 'LOC:Oslo']);
    expect(names(tagger, 'Mia Holm met Olaf Lind in Bergen .')).toEqual(['PER:Mia Holm', 'PER:Olaf Lind', 'LOC:Bergen']);
  });
  it('trains deterministically', () => {
    expect(train().weights).toEqual(train().weights);
    expect(train('viterbi').weights).toEqual(train('viterbi').weights);
  });
  it('decodes with Viterbi: learns the same names and only well-formed BIO sequences', () => {
    const tagger = train('viterbi');
    expect(names(tagger, 'Anna Berg met Tom Hale in Oslo .')).toEqual(['PER:Anna Berg', 'PER:Tom Hale', 'LOC:Oslo']);
    expect(names(tagger, 'Mia Holm met Olaf Lind in Bergen .')).toEqual(['PER:Mia Holm', 'PER:Olaf Lind', 'LOC:Bergen']);
    const text = 'The bank Nordea hired Ivan Kos in Riga while Lena Dahl met Paul Roth in Rome .';
    const { tokens } = tokenizeText(text);
    const docTypes = new Map<number, number>();
    for (const s of segmentDocument(text, tokens, cache, true)) {
      const tags = [...tagger.tag(s.items, docTypes)].map((t) => tagger.labels[t]);
      tags.forEach((t, i) => {
        if (t.startsWith('I-')) expect([`B-${t.slice(2)}`, t]).toContain(tags[i - 1]);
      });
    }
  });
  it('decodes BIO and BILOU tag sequences into spans', () => {
    const bio = new SequenceTagger({ scheme: 'BIO', bucketBits: 4 });
    const spans = [{ first: 0, last: 2, type: 'PER' as const }, { first: 3, last: 4, type: 'LOC' as const }];
    expect(bio.spans(bio.encode(5, spans))).toEqual(spans);
    const bilou = new SequenceTagger({ scheme: 'BILOU', bucketBits: 4 });
    expect(bilou.spans(bilou.encode(5, spans))).toEqual(spans);
  });
  it('a line break ends a segment, so no name spans two lines', () => {
    const text = 'Talks on Yemen\nJohn Smith\nA spokesman said';
    const { tokens } = tokenizeText(text);
    const segments = segmentDocument(text, tokens, cache);
    expect(segments.map((s) => tokens.slice(s.first, s.last).map((t) => t.text).join(' '))).toEqual(['Talks on Yemen', 'John Smith', 'A spokesman said']);
  });
});

describe('model file', () => {
  it('round-trips the weights within the quantization step', () => {
    const tagger = train();
    const { tagger: back, header } = decodeModel(encodeModel(tagger, { about: { corpus: 'test' } }));
    expect(header.about).toEqual({ corpus: 'test' });
    let maxAbs = 0;
    for (const w of tagger.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
    let maxError = 0;
    for (let k = 0; k < tagger.weights.length; k++) maxError = Math.max(maxError, Math.abs(back.weight(Math.floor(k / tagger.C), k % tagger.C) - tagger.weights[k]));
    expect(maxError).toBeLessThanOrEqual(maxAbs / 32767);
    expect(names(back, 'Mia Holm met Olaf Lind in Bergen .')).toEqual(names(tagger, 'Mia Holm met Olaf Lind in Bergen .'));
  });
  it('keeps the decoder the model was trained with', () => {
    const { tagger: back, header } = decodeModel(encodeModel(train('viterbi')));
    expect(header.decoder).toBe('viterbi');
    expect(back.shape.decoder).toBe('viterbi');
    expect(names(back, 'Mia Holm met Olaf Lind in Bergen .')).toEqual(['PER:Mia Holm', 'PER:Olaf Lind', 'LOC:Bergen']);
  });
  it('refuses a file that is not a model', async () => {
    const { gzipSync } = await import('node:zlib');
    expect(() => decodeModel(gzipSync(Buffer.from('hello')))).toThrow(/not a sitrep NER model/);
  });
});
