import { readFileSync } from 'node:fs';
import { PAGE_FEATURES, type PageFeatureName } from './page-features.js';

/**
 * The page-type classifier: multinomial logistic regression over pageFeatures, trained by
 * `npm run train:page-type` (scripts/train-page-type.ts) on the WCXB dev pages (CC-BY-4.0) and the
 * 181-page article benchmark (MIT); the file records its data, licence and out-of-fold figures.
 */

export interface PageTypeModel {
  features: string[];
  classes: string[];
  /** The classes a page is rejected as (listing, collection, product, service); forum and documentation pages are left to the rules. */
  nonArticleClasses: string[];
  /** Standardization: (x - mean) / scale, per feature. */
  mean: number[];
  scale: number[];
  /** weights[class][feature] on standardized features, and a bias per class. */
  weights: number[][];
  bias: number[];
  /**
   * A page is not an article when its nonArticleClasses' summed probability exceeds the threshold of
   * its group: pages with article evidence (article markup, byline or date) and pages without. Each is
   * chosen so that no training article of the group would be lost out of fold.
   */
  nonArticleThresholds: { withEvidence: number; withoutEvidence: number };
}

export interface PageTypeVerdict {
  /** The most probable of the non-article classes. */
  type: string;
  /** Summed probability of the non-article classes. */
  nonArticle: number;
  /** P(type). */
  probability: number;
  /** The features that most pushed the page from article towards `type`. */
  reasons: string[];
}

const MODEL_URL = new URL('../../../../data/models/page-type.json', import.meta.url);

function loadModel(): PageTypeModel {
  const model = JSON.parse(readFileSync(MODEL_URL, 'utf8')) as PageTypeModel;
  // A model trained on other features would weigh the wrong numbers: refuse it loudly.
  if (model.features.join(',') !== PAGE_FEATURES.join(',')) throw new Error('data/models/page-type.json was trained on other features: run npm run train:page-type');
  return model;
}

let loaded: PageTypeModel | null = null;
/** The shipped model, read on first use. */
export function pageTypeModel(): PageTypeModel {
  loaded ??= loadModel();
  return loaded;
}

/** Class probabilities (softmax) for one page's features, in model.classes order. */
export function classProbabilities(model: PageTypeModel, features: Record<PageFeatureName, number>): { z: number[]; p: number[] } {
  const x = model.features.map((name, i) => (features[name as PageFeatureName] - model.mean[i]) / model.scale[i]);
  const logits = model.weights.map((w, c) => w.reduce((sum, wi, i) => sum + wi * x[i], model.bias[c]));
  const max = Math.max(...logits);
  const exp = logits.map((l) => Math.exp(l - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return { z: x, p: exp.map((e) => e / total) };
}

export function classifyPage(features: Record<PageFeatureName, number>, model: PageTypeModel = pageTypeModel()): PageTypeVerdict {
  const { z, p } = classProbabilities(model, features);
  const article = model.classes.indexOf('article');
  let best = -1;
  let nonArticle = 0;
  for (const type of model.nonArticleClasses) {
    const c = model.classes.indexOf(type);
    nonArticle += p[c];
    if (best < 0 || p[c] > p[best]) best = c;
  }
  const push = model.features.map((name, i) => ({ name, value: (model.weights[best][i] - model.weights[article][i]) * z[i] }));
  push.sort((a, b) => b.value - a.value);
  return {
    type: model.classes[best],
    nonArticle,
    probability: p[best],
    reasons: push.slice(0, 3).filter((r) => r.value > 0).map((r) => r.name),
  };
}
