/**
 * Parse benchmark on the shared datasets (each skipped, with the reason, when absent):
 * - article-extraction-benchmark (181 news pages): shingle F1/P/R, empty bodies, pages/s (one core,
 *   after a warm-up), peak RSS;
 * - wcxb-dev (1,358 pages of 7 types): WCXB word-level F1 by page type, `with`/`without` snippet rates,
 *   rejections by page type (real articles rejected, non-articles recognised) and why, title/author/date
 *   accuracy on articles, pages/s; the same on a fixed held-out fifth (id hash) to check generalisation; and, as a
 *   diagnostic, the article snippet rates with typographic quotes folded on both sides (the snippets mix both).
 *   npm run bench:parse [-- --worst N] [--rounds N] [--out predictions.json] [--dataset DIR] [--wcxb DIR] [--only 181|wcxb]
 * --out writes the 181-page predictions {id: {articleBody}}; --worst prints the N lowest-F1 pages of each set.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { ParsedArticle } from '../src/record/record.js';
import { parseArticle } from '../src/pipeline/parse/parse-article.js';
import { corpusScore, pageCounts, pagePrecision, pageRecall, type PageCounts } from './shingle-metric.js';
import { authorMatches, dateMatches, foldQuotes, isHoldout, snippetsFound, titleMatches, wordScore, type WordScore } from './wcxb-metric.js';

interface Args {
  out: string | null;
  worst: number;
  rounds: number;
  dataset: string;
  wcxb: string;
  only: string | null;
}

function readArgs(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      worst: { type: 'string', default: '0' },
      rounds: { type: 'string', default: '3' },
      dataset: { type: 'string', default: '../shared/datasets/article-extraction-benchmark' },
      wcxb: { type: 'string', default: '../shared/datasets/wcxb-dev' },
      only: { type: 'string' },
    },
  });
  return {
    out: values.out ?? null,
    worst: Number(values.worst),
    rounds: Math.max(1, Number(values.rounds)),
    dataset: resolve(process.cwd(), values.dataset),
    wcxb: resolve(process.cwd(), values.wcxb),
    only: values.only ?? null,
  };
}

type Outcome = { article: ParsedArticle; rejected: null } | { article: null; rejected: { reason: string; pageType: string } };

function parse(html: string, url: string): Outcome {
  try {
    return { article: parseArticle({ html, url }), rejected: null };
  } catch (error) {
    const e = error as { code?: string; message?: string; details?: { pageType?: unknown } };
    // Any other error is a parser bug: counted (as a lost page) rather than stopping the run.
    if (e.code !== 'SITREP_ERR_NO_ARTICLE') return { article: null, rejected: { reason: `${e.code ?? 'crash'}: ${e.message}`, pageType: 'CRASH' } };
    const pageType = typeof e.details?.pageType === 'string' ? e.details.pageType : 'unnamed';
    return { article: null, rejected: { reason: e.message ?? '', pageType } };
  }
}

const pct = (n: number, d: number): string => (d === 0 ? '   –  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const f3 = (x: number): string => x.toFixed(3);

function bench181(args: Args): void {
  const truthPath = join(args.dataset, 'ground-truth.json');
  if (!existsSync(truthPath)) {
    console.log(`181-page benchmark skipped: ground-truth.json not found in ${args.dataset}`);
    return;
  }
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<string, { url: string; articleBody: string }>;
  const htmlDir = join(args.dataset, 'html');
  const files = new Set(readdirSync(htmlDir));
  const pages = Object.entries(truth)
    .filter(([id]) => files.has(`${id}.html.gz`))
    .map(([id, page]) => ({ id, url: page.url, body: page.articleBody, html: gunzipSync(readFileSync(join(htmlDir, `${id}.html.gz`))).toString('utf8') }));
  const predict = (html: string, url: string): string => parse(html, url).article?.text ?? '';

  // Warm-up round: JIT and lazy module state, not timed.
  const predictions = new Map<string, string>();
  for (const page of pages) predictions.set(page.id, predict(page.html, page.url));

  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (let round = 0; round < args.rounds; round++) for (const page of pages) predict(page.html, page.url);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  // CPU time of the whole process (GC helper threads included): the figure that does not depend on
  // what else the machine runs, and never flatters a single-threaded parse.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const parsed = pages.length * args.rounds;

  const counts: Array<{ id: string; url: string; counts: PageCounts }> = pages.map((page) => ({
    id: page.id,
    url: page.url,
    counts: pageCounts(page.body, predictions.get(page.id) ?? ''),
  }));
  const score = corpusScore(counts.map((c) => c.counts));
  const empty = pages.filter((page) => (predictions.get(page.id) ?? '').trim() === '').length;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  console.log(`== 181-page article-extraction-benchmark (shingle F1) — ${args.dataset}`);
  console.log(`pages      ${pages.length}`);
  console.log(`F1         ${score.f1.toFixed(4)}`);
  console.log(`precision  ${score.precision.toFixed(4)}`);
  console.log(`recall     ${score.recall.toFixed(4)}`);
  console.log(`empty      ${empty}`);
  console.log(`pages/s    ${(parsed / seconds).toFixed(1)} wall clock, ${(parsed / cpuSeconds).toFixed(1)} per CPU second (${args.rounds} rounds after warm-up, one thread)`);
  const cap = process.execArgv.find((a) => a.startsWith('--max-old-space-size='))?.split('=')[1];
  console.log(`peak RSS   ${peakRssMb.toFixed(0)} MB (${cap ? `old space capped at ${cap} MB` : 'old space not capped'})`);

  if (args.worst > 0) {
    const ranked = counts
      .map((c) => {
        const p = pagePrecision(c.counts);
        const r = pageRecall(c.counts);
        return { ...c, p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
      })
      .sort((a, b) => a.f1 - b.f1)
      .slice(0, args.worst);
    console.log(`\nworst ${ranked.length}:`);
    for (const page of ranked) {
      console.log(`${page.f1.toFixed(3)}  P ${page.p.toFixed(3)}  R ${page.r.toFixed(3)}  ${page.id.slice(0, 12)}  ${page.url}`);
    }
  }
  if (args.out !== null) {
    const out: Record<string, { articleBody: string }> = {};
    for (const [id, text] of predictions) out[id] = { articleBody: text };
    writeFileSync(args.out, `${JSON.stringify(out, null, 1)}\n`);
    console.log(`predictions written to ${args.out}`);
  }
}

interface WcxbTruth {
  url: string;
  _internal: { page_type: { primary: string } };
  ground_truth: { title: string | null; author: string | null; publish_date: string | null; main_content: string; with?: string[]; without?: string[] };
}

interface WcxbPage {
  id: string;
  url: string;
  type: string;
  holdout: boolean;
  score: WordScore;
  withFound: number;
  /** `with` snippets found once typographic quotes are folded on both sides. */
  withFoundFolded: number;
  withoutFoundFolded: number;
  withTotal: number;
  withoutFound: number;
  withoutTotal: number;
  rejected: { reason: string; pageType: string } | null;
  title: boolean | null;
  author: boolean | null;
  date: boolean | null;
}


/** Types a news pipeline must not take for articles; forum threads and documentation are reported apart. */
const NON_ARTICLE_TYPES = ['listing', 'collection', 'product', 'service'];
const TYPE_ORDER = ['article', ...NON_ARTICLE_TYPES, 'forum', 'documentation'];

function summarize(label: string, pages: WcxbPage[]): void {
  const articles = pages.filter((p) => p.type === 'article');
  const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  console.log(`\n-- ${label}: ${pages.length} pages`);
  console.log('type           pages  F1     P      R      with    without  snipF1  rejected');
  for (const type of TYPE_ORDER) {
    const group = pages.filter((p) => p.type === type);
    if (group.length === 0) continue;
    const w = group.reduce((a, p) => a + p.withFound, 0) / Math.max(1, group.reduce((a, p) => a + p.withTotal, 0));
    const wo = group.reduce((a, p) => a + p.withoutFound, 0) / Math.max(1, group.reduce((a, p) => a + p.withoutTotal, 0));
    const snip = w + (1 - wo) === 0 ? 0 : (2 * w * (1 - wo)) / (w + 1 - wo);
    const rejected = group.filter((p) => p.rejected !== null).length;
    console.log(
      `${type.padEnd(14)} ${String(group.length).padStart(5)}  ${f3(mean(group.map((p) => p.score.f1)))}  ${f3(mean(group.map((p) => p.score.precision)))}  ${f3(mean(group.map((p) => p.score.recall)))}  ${pct(w, 1)}  ${pct(wo, 1)}   ${f3(snip)}  ${String(rejected).padStart(4)} ${pct(rejected, group.length)}`,
    );
  }
  // Snippets mix ASCII and typographic quotes whatever the page uses: folded on both sides, the extraction's own figure.
  const withTotal = articles.reduce((a, p) => a + p.withTotal, 0);
  const withoutTotal = articles.reduce((a, p) => a + p.withoutTotal, 0);
  const fw = articles.reduce((a, p) => a + p.withFoundFolded, 0) / Math.max(1, withTotal);
  const fwo = articles.reduce((a, p) => a + p.withoutFoundFolded, 0) / Math.max(1, withoutTotal);
  console.log(`article snippets with quotes folded (diagnostic): with ${pct(fw, 1).trim()}, without ${pct(fwo, 1).trim()}, snipF1 ${f3((2 * fw * (1 - fwo)) / (fw + 1 - fwo))}`);
  const nonArticles = pages.filter((p) => NON_ARTICLE_TYPES.includes(p.type));
  const recognised = nonArticles.filter((p) => p.rejected !== null).length;
  const lost = articles.filter((p) => p.rejected !== null).length;
  console.log(`real articles rejected: ${lost} of ${articles.length} (${pct(lost, articles.length).trim()})`);
  console.log(`non-articles recognised (${NON_ARTICLE_TYPES.join(', ')}): ${recognised} of ${nonArticles.length} (${pct(recognised, nonArticles.length).trim()})`);
  const rate = (key: 'title' | 'author' | 'date'): string => {
    const scored = articles.filter((p) => p[key] !== null);
    const right = scored.filter((p) => p[key] === true).length;
    return `${key} ${pct(right, scored.length).trim()} (${right}/${scored.length})`;
  };
  console.log(`article metadata: ${rate('title')}, ${rate('author')}, ${rate('date')}`);
}

function benchWcxb(args: Args): void {
  const truthDir = join(args.wcxb, 'ground-truth');
  const htmlDir = join(args.wcxb, 'html');
  if (!existsSync(truthDir) || !existsSync(htmlDir)) {
    console.log(`WCXB skipped: ground-truth/ and html/ not found in ${args.wcxb}`);
    return;
  }
  const ids = readdirSync(truthDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
  const pages: WcxbPage[] = [];
  let parseNs = 0n;
  // One page at a time: the whole set decoded does not fit the capped old space.
  for (const id of ids) {
    const htmlPath = join(htmlDir, `${id}.html.gz`);
    if (!existsSync(htmlPath)) continue;
    const truth = JSON.parse(readFileSync(join(truthDir, `${id}.json`), 'utf8')) as WcxbTruth;
    const html = gunzipSync(readFileSync(htmlPath)).toString('utf8');
    const started = process.hrtime.bigint();
    const outcome = parse(html, truth.url);
    parseNs += process.hrtime.bigint() - started;
    const gt = truth.ground_truth;
    const text = outcome.article?.text ?? '';
    const isArticle = truth._internal.page_type.primary === 'article';
    pages.push({
      id,
      url: truth.url,
      type: truth._internal.page_type.primary,
      holdout: isHoldout(id),
      score: wordScore(gt.main_content ?? '', text),
      withFound: snippetsFound(text, gt.with ?? []),
      withFoundFolded: snippetsFound(foldQuotes(text), (gt.with ?? []).map(foldQuotes)),
      withoutFoundFolded: snippetsFound(foldQuotes(text), (gt.without ?? []).map(foldQuotes)),
      withTotal: gt.with?.length ?? 0,
      withoutFound: snippetsFound(text, gt.without ?? []),
      withoutTotal: gt.without?.length ?? 0,
      rejected: outcome.rejected,
      title: isArticle && gt.title ? titleMatches(gt.title, outcome.article?.title ?? null) : null,
      author: isArticle && gt.author ? authorMatches(gt.author, outcome.article?.authors ?? []) : null,
      date: isArticle && gt.publish_date ? dateMatches(gt.publish_date, outcome.article?.publishedAt ?? null) : null,
    });
  }
  console.log(`\n== WCXB dev (word F1, snippets, rejections, metadata) — ${args.wcxb}`);
  console.log(`pages/s    ${(pages.length / (Number(parseNs) / 1e9)).toFixed(1)} (parse time only, one pass, one thread)`);
  summarize('all pages', pages);
  summarize('held-out fifth (not used for tuning)', pages.filter((p) => p.holdout));

  const reasons = new Map<string, number>();
  for (const p of pages) if (p.rejected !== null) reasons.set(`${p.type} → ${p.rejected.pageType}`, (reasons.get(`${p.type} → ${p.rejected.pageType}`) ?? 0) + 1);
  console.log('\nrejections, true type → named type:');
  for (const [key, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${key}`);

  if (args.worst > 0) {
    const articles = pages.filter((p) => p.type === 'article').sort((a, b) => a.score.f1 - b.score.f1);
    console.log(`\nworst ${Math.min(args.worst, articles.length)} articles:`);
    for (const p of articles.slice(0, args.worst)) {
      const why = p.rejected === null ? '' : `  REJECTED: ${p.rejected.reason.slice(0, 80)}`;
      console.log(`${f3(p.score.f1)}  P ${f3(p.score.precision)}  R ${f3(p.score.recall)}  ${p.id}${p.holdout ? '*' : ' '} ${p.url.slice(0, 90)}${why}`);
    }
    const missed = pages.filter((p) => NON_ARTICLE_TYPES.includes(p.type) && p.rejected === null);
    console.log(`\nnon-articles taken for articles: ${missed.length} (first ${Math.min(args.worst, missed.length)})`);
    for (const p of missed.slice(0, args.worst)) console.log(`  ${p.type.padEnd(10)} ${p.id}${p.holdout ? '*' : ' '} ${p.url.slice(0, 100)}`);
  }
}

/**
 * Old-space cap for the run, as a parse worker is meant to be started (`node --max-old-space-size`):
 * without it V8 lets dead DOMs pile up to ~400 MB before a full collection. The flag only works
 * at start-up, so the script re-runs itself in a child process with it.
 */
const OLD_SPACE_MB = 128;
const CHILD_ENV = 'SITREP_BENCH_PARSE_CHILD';

function main(): void {
  if (process.env[CHILD_ENV] === undefined) {
    const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${OLD_SPACE_MB}`, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, [CHILD_ENV]: '1' },
    });
    process.exitCode = child.status ?? 1;
    return;
  }
  const args = readArgs(process.argv.slice(2));
  if (args.only !== 'wcxb') bench181(args);
  if (args.only !== '181') benchWcxb(args);
}

main();
