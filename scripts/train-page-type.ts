/**
 * Trains the page-type classifier (data/models/page-type.json): multinomial logistic regression over
 * pageFeatures (src/pipeline/parse/generic/page-features.ts), full-batch gradient descent from zero
 * weights, so the same data gives the same file.
 *
 * Data: WCXB dev (../shared/datasets/wcxb-dev, CC-BY-4.0, Murrough Foley 2026) without its held-out
 * fifth (isHoldout, which bench:parse scores on), and the 181 pages of the article-extraction-benchmark
 * (MIT) as articles. A page is rejected when the summed probability of listing, collection, product
 * and service passes a threshold chosen on 5-fold out-of-fold probabilities so that at most
 * MAX_LOST_SHARE of the training articles would be rejected (none: losing an article costs more than
 * parsing a page that is not one). Pages with article evidence (article markup, byline or date) and
 * pages without get a threshold each: the few articles that declare nothing are the ones that look
 * most like service pages, and one threshold for all would let them set it for everyone.
 *   npm run train:page-type [-- --wcxb DIR] [--dataset DIR] [--out FILE]
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { readPage } from '../src/pipeline/parse/generic/parse-generic.js';
import { hasArticleEvidence } from '../src/pipeline/parse/generic/no-article.js';
import { PAGE_FEATURES, pageFeatures } from '../src/pipeline/parse/generic/page-features.js';
import { classProbabilities, type PageTypeModel } from '../src/pipeline/parse/generic/page-type-model.js';
import { canonicalizeUrl } from '../src/pipeline/discover/canonicalize-url.js';
import { isHoldout } from './wcxb-metric.js';

const CLASSES = ['article', 'listing', 'collection', 'product', 'service', 'forum', 'documentation'];
const NON_ARTICLE = ['listing', 'collection', 'product', 'service'];
/** Share of training articles the chosen threshold may reject out of fold. */
const MAX_LOST_SHARE = 0;
const ITERATIONS = 800;
const LEARNING_RATE = 0.3;
/** Heavy-ball momentum: the same optimum in a fraction of plain gradient descent's steps. */
const MOMENTUM = 0.9;
/** Chosen out of fold (data/models/README.md): weaker L2 made the model overconfident about the articles that set the thresholds. */
const L2 = 0.3;
const FOLDS = 5;

interface Example {
  id: string;
  label: number;
  x: number[];
  evidence: boolean;
}

const { values } = parseArgs({
  options: {
    wcxb: { type: 'string', default: '../shared/datasets/wcxb-dev' },
    dataset: { type: 'string', default: '../shared/datasets/article-extraction-benchmark' },
    out: { type: 'string', default: 'data/models/page-type.json' },
    // Development: features read from / written to this file instead of parsing every page again.
    cache: { type: 'string' },
    // Development: list the N articles the out-of-fold model doubts most, and the N missed non-articles.
    report: { type: 'string', default: '0' },
  },
});
const wcxb = resolve(values.wcxb!);
const aeb = resolve(values.dataset!);

function features(html: string, url: string | null): Pick<Example, 'x' | 'evidence'> {
  let canonical: string | null = null;
  try {
    canonical = url === null ? null : canonicalizeUrl(url);
  } catch {
    canonical = null;
  }
  const page = readPage(html, canonical);
  const f = pageFeatures({ ...page, url: canonical, html });
  return { x: PAGE_FEATURES.map((name) => f[name]), evidence: hasArticleEvidence(page.meta) };
}

function load(): Example[] {
  const examples: Example[] = [];
  const truthDir = join(wcxb, 'ground-truth');
  if (!existsSync(truthDir)) {
    console.log(`train:page-type skipped: ${truthDir} not found (WCXB dev is the training data)`);
    process.exit(0);
  }
  for (const file of readdirSync(truthDir).filter((f) => f.endsWith('.json')).sort()) {
    const id = file.slice(0, -5);
    if (isHoldout(id)) continue;
    const truth = JSON.parse(readFileSync(join(truthDir, file), 'utf8')) as { url: string; _internal: { page_type: { primary: string } } };
    const label = CLASSES.indexOf(truth._internal.page_type.primary);
    const htmlPath = join(wcxb, 'html', `${id}.html.gz`);
    if (label < 0 || !existsSync(htmlPath)) continue;
    examples.push({ id: `wcxb:${id}`, label, ...features(gunzipSync(readFileSync(htmlPath)).toString('utf8'), truth.url) });
  }
  const truthPath = join(aeb, 'ground-truth.json');
  if (existsSync(truthPath)) {
    const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<string, { url: string }>;
    for (const [id, page] of Object.entries(truth).sort(([a], [b]) => a.localeCompare(b))) {
      const htmlPath = join(aeb, 'html', `${id}.html.gz`);
      if (existsSync(htmlPath)) examples.push({ id: `aeb:${id}`, label: 0, ...features(gunzipSync(readFileSync(htmlPath)).toString('utf8'), page.url) });
    }
  } else console.log(`article-extraction-benchmark not found in ${aeb}: trained on WCXB only`);
  return examples;
}

function standardize(examples: Example[]): { mean: number[]; scale: number[] } {
  const n = PAGE_FEATURES.length;
  const mean = new Array<number>(n).fill(0);
  const scale = new Array<number>(n).fill(0);
  for (const e of examples) for (let i = 0; i < n; i++) mean[i] += e.x[i] / examples.length;
  for (const e of examples) for (let i = 0; i < n; i++) scale[i] += (e.x[i] - mean[i]) ** 2 / examples.length;
  return { mean, scale: scale.map((v) => (Math.sqrt(v) > 1e-9 ? Math.sqrt(v) : 1)) };
}

/** Softmax regression, class-balanced loss, L2 on the weights. */
function fit(examples: Example[]): PageTypeModel {
  const { mean, scale } = standardize(examples);
  const n = PAGE_FEATURES.length;
  const k = CLASSES.length;
  const xs = examples.map((e) => e.x.map((v, i) => (v - mean[i]) / scale[i]));
  const counts = CLASSES.map((_, c) => examples.filter((e) => e.label === c).length);
  const classWeight = counts.map((m) => (m === 0 ? 0 : examples.length / (k * m)));
  const weights = CLASSES.map(() => new Array<number>(n).fill(0));
  const bias = new Array<number>(k).fill(0);
  const model: PageTypeModel = { features: [...PAGE_FEATURES], classes: CLASSES, nonArticleClasses: NON_ARTICLE, mean, scale, weights, bias, nonArticleThresholds: { withEvidence: 1, withoutEvidence: 1 } };
  const total = examples.reduce((a, e) => a + classWeight[e.label], 0);
  const vw = CLASSES.map(() => new Array<number>(n).fill(0));
  const vb = new Array<number>(k).fill(0);
  for (let it = 0; it < ITERATIONS; it++) {
    const gw = CLASSES.map(() => new Array<number>(n).fill(0));
    const gb = new Array<number>(k).fill(0);
    for (let j = 0; j < examples.length; j++) {
      const x = xs[j];
      const logits = new Array<number>(k);
      for (let c = 0; c < k; c++) {
        let s = bias[c];
        const w = weights[c];
        for (let i = 0; i < n; i++) s += w[i] * x[i];
        logits[c] = s;
      }
      const max = Math.max(...logits);
      const exp = logits.map((l) => Math.exp(l - max));
      const sum = exp.reduce((a, b) => a + b, 0);
      const cw = classWeight[examples[j].label] / total;
      for (let c = 0; c < k; c++) {
        const g = (exp[c] / sum - (c === examples[j].label ? 1 : 0)) * cw;
        gb[c] += g;
        for (let i = 0; i < n; i++) gw[c][i] += g * x[i];
      }
    }
    for (let c = 0; c < k; c++) {
      vb[c] = MOMENTUM * vb[c] - LEARNING_RATE * gb[c];
      bias[c] += vb[c];
      for (let i = 0; i < n; i++) {
        vw[c][i] = MOMENTUM * vw[c][i] - LEARNING_RATE * (gw[c][i] + L2 * weights[c][i]);
        weights[c][i] += vw[c][i];
      }
    }
  }
  return model;
}

const fold = (id: string): number => {
  let h = 7;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 2654435761);
  return (h >>> 0) % FOLDS;
};

function main(): void {
  const cached = values.cache !== undefined && existsSync(values.cache) ? (JSON.parse(readFileSync(values.cache, 'utf8')) as { features: string[]; examples: Example[] }) : null;
  const examples = cached !== null && cached.features.join(',') === PAGE_FEATURES.join(',') ? cached.examples : load();
  if (values.cache !== undefined && examples !== cached?.examples) writeFileSync(values.cache, JSON.stringify({ features: PAGE_FEATURES, examples }));
  console.log(`training pages: ${examples.length} (${CLASSES.map((c, i) => `${c} ${examples.filter((e) => e.label === i).length}`).join(', ')})`);
  // Out-of-fold class probabilities for every page: what the thresholds are chosen on.
  const oof = new Map<string, number[]>();
  for (let f = 0; f < FOLDS; f++) {
    const model = fit(examples.filter((e) => fold(e.id) !== f));
    for (const e of examples.filter((e) => fold(e.id) === f)) {
      const named = Object.fromEntries(PAGE_FEATURES.map((name, i) => [name, e.x[i]])) as Parameters<typeof classProbabilities>[1];
      oof.set(e.id, classProbabilities(model, named).p);
    }
  }
  const keep = (p: number[]): number => 1 - NON_ARTICLE.reduce((sum, type) => sum + p[CLASSES.indexOf(type)], 0);
  const keepOf = (e: Example): number => keep(oof.get(e.id)!);
  // Per group: the lowest out-of-fold P(keep) among its articles, less MAX_LOST_SHARE of them.
  const chooseFor = (evidence: boolean): number => {
    const articles = examples.filter((e) => e.label === 0 && e.evidence === evidence).map(keepOf).sort((a, b) => a - b);
    return articles.length === 0 ? 0 : articles[Math.floor(articles.length * MAX_LOST_SHARE)] - 1e-6;
  };
  const chosen = { withEvidence: chooseFor(true), withoutEvidence: chooseFor(false) };
  const rejected = (e: Example, t: typeof chosen): boolean => keepOf(e) < (e.evidence ? t.withEvidence : t.withoutEvidence);
  const report = (t: typeof chosen): string => {
    const articles = examples.filter((e) => e.label === 0);
    const lost = articles.filter((e) => rejected(e, t)).length;
    const byType = NON_ARTICLE.map((type) => {
      const group = examples.filter((e) => CLASSES[e.label] === type);
      return `${type} ${group.filter((e) => rejected(e, t)).length}/${group.length}`;
    });
    const non = examples.filter((e) => NON_ARTICLE.includes(CLASSES[e.label]));
    const recognised = non.filter((e) => rejected(e, t)).length;
    return `threshold ${t.withEvidence.toFixed(4)} with article evidence, ${t.withoutEvidence.toFixed(4)} without: articles lost ${lost}/${articles.length}, non-articles recognised ${recognised}/${non.length} (${byType.join(', ')})`;
  };
  for (const t of [0.01, 0.02, 0.05, 0.1, 0.2, 0.3]) console.log(`  out of fold, ${report({ withEvidence: t, withoutEvidence: t })}`);
  console.log(`chosen (≤ ${MAX_LOST_SHARE * 100}% of each group's training articles lost): ${report(chosen)}`);

  const shown = Number(values.report);
  if (shown > 0) {
    const byP = examples.map((e) => ({ e, p: oof.get(e.id)!, k: keep(oof.get(e.id)!) })).sort((a, b) => a.k - b.k);
    console.log('articles the model doubts most (out of fold):');
    for (const { e, p, k } of byP.filter((r) => r.e.label === 0).slice(0, shown)) console.log(`  ${k.toFixed(4)} ${e.id} → ${CLASSES[p.indexOf(Math.max(...p.slice(1)))]}`);
    console.log('non-articles taken for articles at 0.05:');
    for (const { e, k } of byP.filter((r) => NON_ARTICLE.includes(CLASSES[r.e.label]) && r.k >= 0.05).reverse().slice(0, shown)) console.log(`  ${k.toFixed(4)} ${e.id} ${CLASSES[e.label]}`);
  }

  const model = fit(examples);
  model.nonArticleThresholds = { withEvidence: Number((1 - chosen.withEvidence).toFixed(6)), withoutEvidence: Number((1 - chosen.withoutEvidence).toFixed(6)) };
  const round = (xs: number[]): number[] => xs.map((v) => Number(v.toFixed(6)));
  const out = {
    about: 'Page-type classifier of sitrep (multinomial logistic regression). Written by npm run train:page-type.',
    data: 'WCXB v1.0 dev split without its held-out fifth (CC-BY-4.0, Murrough Foley 2026) and the article-extraction-benchmark (MIT), as articles',
    trainingPages: examples.length,
    outOfFold: report(chosen),
    features: model.features,
    classes: model.classes,
    nonArticleClasses: model.nonArticleClasses,
    nonArticleThresholds: model.nonArticleThresholds,
    mean: round(model.mean),
    scale: round(model.scale),
    bias: round(model.bias),
    weights: model.weights.map(round),
  };
  writeFileSync(values.out!, `${JSON.stringify(out, null, 1)}\n`);
  console.log(`written to ${values.out}`);
}

main();
