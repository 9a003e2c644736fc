import type { ErrorCode } from '../../src/errors/error-codes.js';
import { articleHtml } from '../../tests/helpers/article-html.js';
import { encoded, failTimes, gzipped, hang, html, oversize, rateLimited, redirect, respond, trickle, type RouteHandler } from '../../tests/helpers/scripted-server.js';

/**
 * The fault-injecting origin's URL behaviours, each with the outcome fixed in advance. A URL is
 * `/<behaviour>/<token>`; the token is unique per URL and appears in the title of every page that
 * should become a record, so the verifier can tell a record of the right page from a wrong one.
 * Expected dead-letter codes assume the harness's worker settings (CHAOS_FETCH below).
 * Each behaviour is a site of its own (a loopback address, behaviourHost): politeness is per host,
 * so a 429's Retry-After pauses that site only, as it would in production — on one shared host the
 * 69 rate-limited URLs of a 2,000-URL run paused every URL for 1 s each, capping the run at ~28 URLs/s.
 */

export type Outcome = { kind: 'record' } | { kind: 'dead'; code: ErrorCode };

/** Fetch settings the chaos workers run with: a short total deadline so slow bodies fail fast. */
export const CHAOS_FETCH = { totalTimeoutMs: 3000, maxBodyBytes: 1024 * 1024 } as const;

export interface Behaviour {
  name: string;
  expect: Outcome;
  /** Relative share of the URLs (default 1): slow behaviours get less. */
  weight?: number;
  /** Pages this one references (fetched as units of their own at depth 1, each expected to be a record). */
  children?: number;
  handler: (token: string, path: string) => RouteHandler;
}

const record: Outcome = { kind: 'record' };
const dead = (code: ErrorCode): Outcome => ({ kind: 'dead', code });

export function chaosTitle(token: string): string {
  return `Chaos report ${token}`;
}

const article = (token: string, links: string[] = []) => html(articleHtml(chaosTitle(token), { links }));

/** Headers and half the declared body, then the connection is dropped. */
const resetMidBody: RouteHandler = (_req, res) => {
  const half = Buffer.from(articleHtml('never complete'));
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': half.length * 2 });
  res.write(half, () => res.socket?.destroy());
};

const RUSSIAN =
  '<p>Три человека погибли и двенадцать получили ранения, когда ракета попала в жилой дом в Харькове в понедельник, сообщил губернатор области. Спасатели работали всю ночь.</p>';

export const BEHAVIOURS: Behaviour[] = [
  { name: 'article', expect: record, weight: 6, handler: (t) => article(t) },
  {
    name: 'article-with-references',
    expect: record,
    children: 2,
    handler: (t) => (req, res, ctx) => article(t, [1, 2].map((k) => `${ctx.baseUrl}/child/${t}-${k}`))(req, res, ctx),
  },
  { name: 'flaky-503', expect: record, handler: (t) => failTimes(2, article(t)) },
  { name: 'flaky-500', expect: record, handler: (t) => failTimes(1, article(t), respond({ status: 500, body: 'oops' })) },
  { name: 'timeout-408-once', expect: record, handler: (t) => failTimes(1, article(t), respond({ status: 408 })) },
  { name: 'rate-limited-429', expect: record, handler: (t) => failTimes(1, article(t), rateLimited(1)) },
  { name: 'reset-once', expect: record, handler: (t) => failTimes(1, article(t), resetMidBody) },
  { name: 'slow-body-in-time', expect: record, weight: 0.5, handler: (t) => trickle({ chunks: splitInto(articleHtml(chaosTitle(t)), 4), intervalMs: 300 }) },
  { name: 'windows-1251', expect: record, handler: (t) => encoded(articleHtml(`Сводка ${chaosTitle(t)}`, { extra: RUSSIAN }).replace('charset="utf-8"', 'charset="windows-1251"'), 'windows-1251') },
  { name: 'gzip', expect: record, handler: (t) => gzipped(articleHtml(chaosTitle(t))) },
  { name: 'plain-text', expect: record, handler: (t) => respond({ headers: { 'content-type': 'text/plain; charset=utf-8' }, body: plainText(t) }) },
  {
    name: 'redirect-chain',
    expect: record,
    handler: (t, path) => {
      const hop = Number(/\/(\d)$/.exec(path)?.[1] ?? 0);
      return hop < 3 ? redirect(`/redirect-chain/${t}/${hop + 1}`, hop % 2 ? 302 : 301) : article(t);
    },
  },
  { name: 'server-error-forever', expect: dead('SITREP_ERR_HTTP_SERVER'), handler: () => respond({ status: 503, body: 'down' }) },
  { name: 'reset-always', expect: dead('SITREP_ERR_CONNECT'), handler: () => resetMidBody },
  { name: 'corrupt-gzip', expect: dead('SITREP_ERR_CONNECT'), handler: () => respond({ headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: 'this is not gzip at all' }) },
  { name: 'slow-body-past-deadline', expect: dead('SITREP_ERR_TIMEOUT'), weight: 0.5, handler: (t) => trickle({ chunks: splitInto(articleHtml(chaosTitle(t)), 12), intervalMs: 500 }) },
  { name: 'no-headers', expect: dead('SITREP_ERR_TIMEOUT'), weight: 0.5, handler: () => hang() },
  { name: 'not-found-404', expect: dead('SITREP_ERR_HTTP_CLIENT'), handler: () => respond({ status: 404, body: 'not found' }) },
  { name: 'gone-410', expect: dead('SITREP_ERR_HTTP_CLIENT'), handler: () => respond({ status: 410 }) },
  { name: 'oversize-declared', expect: dead('SITREP_ERR_BODY_TOO_LARGE'), handler: () => oversize(2 * CHAOS_FETCH.maxBodyBytes, { declareLength: true }) },
  { name: 'oversize-chunked', expect: dead('SITREP_ERR_BODY_TOO_LARGE'), weight: 0.5, handler: () => oversize(2 * CHAOS_FETCH.maxBodyBytes, { declareLength: false }) },
  {
    name: 'redirect-loop',
    expect: dead('SITREP_ERR_TOO_MANY_REDIRECTS'),
    handler: (t, path) => redirect(path.endsWith('/b') ? `/redirect-loop/${t}` : `/redirect-loop/${t}/b`),
  },
  { name: 'redirect-to-ftp', expect: dead('SITREP_ERR_BAD_REDIRECT'), handler: () => redirect('ftp://127.0.0.1/file') },
  { name: 'pdf', expect: dead('SITREP_ERR_UNSUPPORTED_CONTENT_TYPE'), handler: () => respond({ headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.4' }) },
  { name: 'empty-200', expect: dead('SITREP_ERR_NO_ARTICLE'), handler: () => html('') },
  {
    name: 'consent-wall',
    expect: dead('SITREP_ERR_NO_ARTICLE'),
    handler: () => html('<html><head><title>Before you continue</title></head><body><div>We value your privacy. Accept all cookies to continue.</div><button>Accept</button></body></html>'),
  },
];

const BY_NAME = new Map(BEHAVIOURS.map((b) => [b.name, b]));

/** The loopback address serving a behaviour: 127.0.0.10 onwards, one per behaviour (all of 127/8 is loopback). */
export function behaviourHost(name: string): string {
  const index = BEHAVIOURS.findIndex((b) => b.name === name);
  if (index < 0) throw new Error(`no such behaviour: ${name}`);
  return `127.0.0.${10 + index}`;
}

function splitInto(text: string, parts: number): string[] {
  const size = Math.ceil(text.length / parts);
  return Array.from({ length: parts }, (_, i) => text.slice(i * size, (i + 1) * size));
}

function plainText(token: string): string {
  return `${chaosTitle(token)}\n\nThree people were killed and twelve others were injured when a missile struck a residential building in Kharkiv on Monday, the regional governor said.\n\nRescue workers searched the rubble through the night, and the city administration said that power and water had been restored to most of the affected district by the morning.\n`;
}

/** The origin's router: `/child/<token>-<k>` is an article, `/<behaviour>/<token>[/…]` behaves as named, the rest is 404. */
export function routeFor(path: string): RouteHandler {
  const [, first, token] = path.split('/');
  if (first === 'child' && token) return article(token);
  const behaviour = BY_NAME.get(first);
  return behaviour && token ? behaviour.handler(token, path) : respond({ status: 404, body: 'unknown' });
}

/** A deterministic PRNG (mulberry32), so a seed replays the same URLs and fault times. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlannedUrl {
  url: string;
  behaviour: string;
  expect: Outcome;
  /** Token in the expected record's title. */
  token: string;
  /** Set on referenced pages: the URL that references them. */
  parent?: string;
}

export interface ChaosPlan {
  /** What is enqueued, in order. */
  submitted: PlannedUrl[];
  /** Every unit expected to end somewhere: the submitted URLs and the pages they reference. */
  units: PlannedUrl[];
}

/** `count` unique URLs, each on its behaviour's base URL (`baseUrls`, by behaviour name), spread over the behaviours by weight, shuffled by the seed. */
export function planUrls(baseUrls: Record<string, string>, count: number, seed: number): ChaosPlan {
  const rand = random(seed);
  const totalWeight = BEHAVIOURS.reduce((sum, b) => sum + (b.weight ?? 1), 0);
  const picks: Behaviour[] = [];
  // Every behaviour at least once, then by weight.
  for (const b of BEHAVIOURS) picks.push(b);
  for (const b of BEHAVIOURS) {
    const n = Math.round(((b.weight ?? 1) / totalWeight) * count) - 1;
    for (let i = 0; i < n; i++) picks.push(b);
  }
  while (picks.length < count) picks.push(BEHAVIOURS[0]);
  picks.length = Math.max(count, BEHAVIOURS.length);
  for (let i = picks.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [picks[i], picks[j]] = [picks[j], picks[i]];
  }
  const run = seed.toString(36);
  const submitted = picks.map((b, i) => {
    const token = `${run}-${i}`;
    return { url: `${baseUrls[b.name]}/${b.name}/${token}`, behaviour: b.name, expect: b.expect, token };
  });
  const units = submitted.flatMap((u) => {
    const n = BY_NAME.get(u.behaviour)?.children ?? 0;
    const children = Array.from({ length: n }, (_, k) => {
      const token = `${u.token}-${k + 1}`;
      return { url: `${baseUrls[u.behaviour]}/child/${token}`, behaviour: `${u.behaviour} (referenced page)`, expect: record, token, parent: u.url };
    });
    return [u, ...children];
  });
  return { submitted, units };
}
