import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { corpusScore, pageCounts } from '../../../scripts/shingle-metric.js';
import { parseArticle } from '../../../src/pipeline/parse/parse-article.js';

// Quality gate on the public benchmark (../shared); speed is measured by `npm run bench:parse`, never here.
const DATASET = resolve(import.meta.dirname, '../../../../shared/datasets/article-extraction-benchmark');
const present = existsSync(join(DATASET, 'ground-truth.json'));
if (!present) console.log(`skipping the benchmark quality test: ${DATASET} is absent`);

describe.skipIf(!present)('article-extraction-benchmark', () => {
  it('extracts bodies with F1 ≥ 0.97, P ≥ 0.95, R ≥ 0.97 and no empty body', () => {
    const truth = JSON.parse(readFileSync(join(DATASET, 'ground-truth.json'), 'utf8')) as Record<string, { url: string; articleBody: string }>;
    let empty = 0;
    const counts = Object.entries(truth).map(([id, page]) => {
      const html = gunzipSync(readFileSync(join(DATASET, 'html', `${id}.html.gz`))).toString('utf8');
      const text = parseArticle({ html, url: page.url }).text;
      if (text.trim() === '') empty++;
      return pageCounts(page.articleBody, text);
    });
    const score = corpusScore(counts);
    expect(empty).toBe(0);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.97);
    expect(score.f1).toBeGreaterThanOrEqual(0.97);
  });
});
