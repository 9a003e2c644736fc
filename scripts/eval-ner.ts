/**
 * npm run eval:ner [-- --model-only]
 * Precision/recall/F1 per type (person, organization, location) on the dev splits in
 * ../shared/datasets/ner-* (UNER English dev/test/pud, CrossNER politics dev, Wikigold dev, BTC dev):
 * - model: the trained tagger alone, mention level (exact span and type);
 * - pipeline: extractFacts (tagger + rules + gazetteers), mention level and document level (per
 *   document, a gold name counts as found when an entity of its type has it as name, alias or mention);
 * then document-level P/R/F1 (weapons too) on the project's invented defence-domain fixtures.
 * Corpora that are absent are skipped with a printed reason.
 */
import { extractFacts } from '../src/pipeline/extract/extract-facts.js';
import { segmentDocument, tagDocument, wordCache, nerModel } from '../src/pipeline/extract/ner/tag-names.js';
import type { Entity } from '../src/record/record.js';
import { DEFENCE_ENTITY_FIXTURES, SCORED_TYPES, scoreEntities } from '../tests/pipeline/extract/defence-entities.fixture.js';
import { corpusAvailable, DATASETS, emptyTallies, GOLD_OF, GOLD_TYPES, micro, prf, readCorpus, scoreMentions, type GoldType, type NerDoc, type Tally } from './ner-corpus.js';

const SPLITS: Array<[string, string]> = [
  ['ner-uner-en', 'dev'],
  ['ner-uner-en', 'test'],
  ['ner-uner-en', 'pud'],
  ['ner-crossner-politics', 'dev'],
  ['ner-wikigold', 'dev'],
  ['ner-btc', 'dev'],
];
const modelOnly = process.argv.includes('--model-only');

const fmt = (t: Tally): string => {
  const s = prf(t);
  return `P ${s.p.toFixed(3)} R ${s.r.toFixed(3)} F1 ${s.f.toFixed(3)}`;
};
const line = (label: string, t: Record<GoldType, Tally>): string =>
  `  ${label.padEnd(22)} micro ${fmt(micro(t))} | ${GOLD_TYPES.map((g) => `${g} ${prf(t[g]).f.toFixed(3)} (P ${prf(t[g]).p.toFixed(3)} R ${prf(t[g]).r.toFixed(3)})`).join(' | ')}`;

function modelMentions(doc: NerDoc): Array<{ start: number; end: number; type: GoldType }> {
  const { tagger } = nerModel();
  return tagDocument(tagger, segmentDocument(doc.text, doc.tokens, wordCache(), true)).map((s) => ({
    start: doc.tokens[s.first].start,
    end: doc.tokens[s.last - 1].end,
    type: GOLD_OF[s.type],
  }));
}

const isScored = (t: string): t is GoldType => t === 'person' || t === 'organization' || t === 'location';

function pipelineMentions(entities: Entity[]): Array<{ start: number; end: number; type: GoldType }> {
  const out: Array<{ start: number; end: number; type: GoldType }> = [];
  for (const e of entities) if (isScored(e.type)) for (const m of e.mentions) out.push({ start: m.start, end: m.end, type: e.type as GoldType });
  return out;
}

/** Document level: distinct gold names per type against the entities' names, aliases and mention texts. */
function scoreDocument(doc: NerDoc, entities: Entity[], into: Record<GoldType, Tally>): void {
  for (const type of GOLD_TYPES) {
    const expected = [...new Set(doc.gold.filter((g) => g.type === type).map((g) => g.value.toLowerCase()))];
    const predicted = entities
      .filter((e) => e.type === type)
      .map((e) => new Set([e.name, ...(e.aliases ?? []), ...e.mentions.map((m) => doc.text.slice(m.start, m.end))].map((n) => n.toLowerCase())));
    const matched = new Set<number>();
    for (const name of expected) {
      const k = predicted.findIndex((forms, i) => !matched.has(i) && forms.has(name));
      if (k >= 0) {
        matched.add(k);
        into[type].tp++;
      } else into[type].fn++;
    }
    into[type].fp += predicted.length - matched.size;
  }
}

function main(): void {
  const header = nerModel().header;
  console.log(`eval:ner: model ${header.scheme}, 2^${header.bucketBits} buckets, ${header.rows} stored rows, ${header.bits}-bit weights`);
  for (const [corpus, split] of SPLITS) {
    if (!corpusAvailable(corpus, split)) {
      console.log(`${corpus}/${split}: skipped (${DATASETS}${corpus}/${split}.jsonl is absent)`);
      continue;
    }
    const docs = readCorpus(corpus, split);
    const model = emptyTallies();
    const pipeline = emptyTallies();
    const documents = emptyTallies();
    for (const doc of docs) {
      scoreMentions(doc.gold, modelMentions(doc), model);
      if (modelOnly) continue;
      const entities = extractFacts(doc.text).entities;
      scoreMentions(doc.gold, pipelineMentions(entities), pipeline);
      scoreDocument(doc, entities, documents);
    }
    const entities = docs.reduce((s, d) => s + d.gold.length, 0);
    console.log(`${corpus}/${split} (${docs.length} documents, ${entities} person/organization/location mentions)`);
    console.log(line('model, mentions', model));
    if (modelOnly) continue;
    console.log(line('pipeline, mentions', pipeline));
    console.log(line('pipeline, documents', documents));
  }
  const scores = scoreEntities(DEFENCE_ENTITY_FIXTURES, (text) => extractFacts(text).entities);
  console.log(`fixtures: ${DEFENCE_ENTITY_FIXTURES.length} invented defence-domain paragraphs, document level`);
  console.log(`  ${SCORED_TYPES.map((t) => `${t} P ${scores[t].precision.toFixed(2)} R ${scores[t].recall.toFixed(2)} F1 ${scores[t].f1.toFixed(2)}`).join(' | ')}`);
}

main();
