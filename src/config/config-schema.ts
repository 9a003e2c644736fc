import { z } from 'zod';

/**
 * One schema for every setting. Each names its environment variable; its default lives in
 * config/default.json (a test keeps the two in step, and the README table is generated from here).
 */
type EnvKind = 'string' | 'number' | 'boolean' | 'list' | 'json';

export interface SettingDefinition<T extends z.ZodType = z.ZodType> {
  schema: T;
  /** Environment variable that overrides the file value. */
  env: string;
  /** Extra environment variables accepted for the same setting (conventional names such as REDIS_URL). */
  envAliases?: string[];
  envKind: EnvKind;
  description: string;
  /** Redacted in `sitrep config`, logs and the API. */
  secret?: boolean;
}

function setting<T extends z.ZodType>(
  schema: T,
  env: string,
  envKind: EnvKind,
  description: string,
  extra: Pick<SettingDefinition, 'secret' | 'envAliases'> = {},
): SettingDefinition<T> {
  return { schema, env, envKind, description, ...extra };
}

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

export const SETTINGS = {
  redis: {
    url: setting(z.string().url().nullable(), 'SITREP_REDIS_URL', 'string', 'Redis server (redis:// or rediss://). Null: 127.0.0.1:6379 (for `sitrep run` only, else a private redis-server when redis.embedded is on).', { secret: true, envAliases: ['REDIS_URL'] }),
    embedded: setting(z.boolean(), 'SITREP_REDIS_EMBEDDED', 'boolean', '`sitrep run` only: when no Redis is configured and none answers on 127.0.0.1:6379, start a private redis-server from PATH for the run. Other commands refuse instead (their work would vanish with it).'),
    cluster: setting(z.array(z.string().regex(/^(?:\[[^\]]+\]|[^:\s]+):\d{1,5}$/, 'host:port')), 'SITREP_REDIS_CLUSTER', 'list', 'Redis Cluster seed nodes as host:port (comma-separated); when set, sitrep talks to the cluster (credentials and TLS from redis.url, if set); README: Redis Cluster.'),
    readyTimeoutMs: setting(positiveInt, 'SITREP_REDIS_READY_TIMEOUT_MS', 'number', 'CLI commands give up (SITREP_ERR_REDIS_UNAVAILABLE) when Redis is not connected and ready within this long.'),
  },
  queue: {
    prefix: setting(z.string().min(1).regex(/^[^:\s]+$/, 'no colons or spaces'), 'SITREP_QUEUE_PREFIX', 'string', 'Key prefix of every queue and key. Without braces the pipeline\'s keys share the Redis Cluster slot `{<prefix>:intake}` and each webhook queue has its own; a {hash-tag} prefix puts everything in that one slot.'),
    attempts: setting(positiveInt, 'SITREP_ATTEMPTS', 'number', 'Attempts per job before it is dead-lettered (retryable errors only; permanent errors go at once).'),
    backoffBaseMs: setting(positiveInt, 'SITREP_BACKOFF_BASE_MS', 'number', 'First retry delay; doubles each attempt, with ±50% jitter.'),
    backoffMaxMs: setting(positiveInt, 'SITREP_BACKOFF_MAX_MS', 'number', 'Cap on one retry delay, Retry-After included.'),
    keepCompletedSeconds: setting(positiveInt, 'SITREP_KEEP_COMPLETED_SECONDS', 'number', 'How long finished (completed or failed) jobs stay in their queue; dead letters and records are kept apart.'),
    keepCompletedCount: setting(positiveInt, 'SITREP_KEEP_COMPLETED_COUNT', 'number', 'At most this many finished jobs kept per queue (no job holds a page: they carry URLs or parsed articles).'),
    dedupeTtlSeconds: setting(positiveInt, 'SITREP_DEDUPE_TTL_SECONDS', 'number', 'A canonical URL submitted again within this window is not fetched again.'),
    concurrency: setting(positiveInt, 'SITREP_CONCURRENCY', 'number', 'Jobs processed at once per stage worker (fetch: see fetch.concurrency).'),
    lockDurationMs: setting(positiveInt, 'SITREP_LOCK_DURATION_MS', 'number', 'A job\'s lock lasts this long unless renewed; a killed worker\'s jobs are taken again once it lapses (within lockDurationMs + stalledIntervalMs).'),
    lockRenewMs: setting(positiveInt, 'SITREP_LOCK_RENEW_MS', 'number', 'How often a live worker renews the locks of its running jobs, so long jobs (slow bodies) keep them; well under lockDurationMs.'),
    stalledIntervalMs: setting(positiveInt, 'SITREP_STALLED_INTERVAL_MS', 'number', 'How often workers look for jobs whose lock lapsed (their worker died) and put them back; each death counts, and a job that died queue.attempts times is dead-lettered with its last own error, or as SITREP_ERR_STALLED when it never failed on its own.'),
    unitTtlSeconds: setting(positiveInt, 'SITREP_UNIT_TTL_SECONDS', 'number', 'How long a unit\'s state (GET /v1/jobs/:id) and its run\'s accounting sets are kept.'),
    deadLetterRetentionSeconds: setting(positiveInt, 'SITREP_DEAD_LETTER_RETENTION_SECONDS', 'number', 'Dead letters expire after this long.'),
    deadLetterMaxCount: setting(positiveInt, 'SITREP_DEAD_LETTER_MAX_COUNT', 'number', 'At most this many dead letters are kept; the oldest go first.'),
  },
  pipeline: {
    maxDepth: setting(nonNegativeInt, 'SITREP_MAX_DEPTH', 'number', 'How far references are followed: 1 fetches the references of a submitted article or URL, not their own links.'),
    extractMaxChars: setting(positiveInt, 'SITREP_EXTRACT_MAX_CHARS', 'number', 'Longest article text entities and casualty figures are extracted from (characters); a longer text is read up to its last break before this length, and the record\'s `extractedChars` says where (its `text` is kept whole). Extraction takes about 2–4 µs and 200 bytes a character.'),
  },
  fetch: {
    concurrency: setting(positiveInt, 'SITREP_FETCH_CONCURRENCY', 'number', 'Fetches in flight per worker.'),
    maxPagesHeld: setting(positiveInt, 'SITREP_FETCH_MAX_PAGES_HELD', 'number', 'Page bodies one worker holds at most, being read or waiting for a CPU thread to parse them: while this many are held, a fetch whose headers are in waits before reading its body (backpressure from the CPU pool, so memory does not grow with the backlog; fetches waiting on slow sites are not held back). At least cpu.threads; README: Memory.'),
    connectTimeoutMs: setting(positiveInt, 'SITREP_FETCH_CONNECT_TIMEOUT_MS', 'number', 'TCP/TLS connect timeout.'),
    headersTimeoutMs: setting(positiveInt, 'SITREP_FETCH_HEADERS_TIMEOUT_MS', 'number', 'Time allowed for the response headers.'),
    bodyTimeoutMs: setting(positiveInt, 'SITREP_FETCH_BODY_TIMEOUT_MS', 'number', 'Longest silence while reading the body.'),
    totalTimeoutMs: setting(positiveInt, 'SITREP_FETCH_TOTAL_TIMEOUT_MS', 'number', 'Deadline for the whole fetch, redirects and body included.'),
    maxBodyBytes: setting(positiveInt, 'SITREP_FETCH_MAX_BODY_BYTES', 'number', 'Larger bodies are refused (permanent error).'),
    maxRedirects: setting(nonNegativeInt, 'SITREP_FETCH_MAX_REDIRECTS', 'number', 'Redirects followed per fetch; each hop passes the SSRF guard again.'),
    userAgent: setting(z.string().min(1), 'SITREP_FETCH_USER_AGENT', 'string', 'User-Agent header sent with every fetch.'),
    allow: setting(z.array(z.string()), 'SITREP_FETCH_ALLOW', 'list', 'SSRF guard allow-list: IPs or CIDRs (comma-separated) that may be fetched although private or loopback.'),
  },
  robots: {
    enabled: setting(z.boolean(), 'SITREP_ROBOTS_ENABLED', 'boolean', 'Obey robots.txt (RFC 9309) before every fetch; turn off only for sites you have the right to crawl regardless.'),
    userAgentToken: setting(z.string().regex(/^[A-Za-z_-]+$/, 'letters, _ and - only (RFC 9309 product token)'), 'SITREP_ROBOTS_USER_AGENT_TOKEN', 'string', 'Product token matched against robots.txt User-agent lines (the * group applies when none names it).'),
    ttlSeconds: setting(positiveInt, 'SITREP_ROBOTS_TTL_SECONDS', 'number', 'How long a fetched robots.txt (or a 4xx: allow all) is cached in Redis, per origin.'),
    errorTtlSeconds: setting(positiveInt, 'SITREP_ROBOTS_ERROR_TTL_SECONDS', 'number', 'How long an unreachable robots.txt (5xx, 429, network error: disallow all) is cached before it is fetched again; its URLs are retried after it.'),
  },
  politeness: {
    maxInFlight: setting(positiveInt, 'SITREP_POLITENESS_MAX_IN_FLIGHT', 'number', 'Fetches in flight per host, across all workers (enforced in Redis).'),
    requestsPerSecond: setting(z.number().positive(), 'SITREP_POLITENESS_REQUESTS_PER_SECOND', 'number', 'Requests started per second per host, across all workers; a robots.txt Crawl-delay can only make it slower.'),
    hosts: setting(z.record(z.string().min(1), z.object({ maxInFlight: positiveInt.optional(), requestsPerSecond: z.number().positive().optional() }).strict()), 'SITREP_POLITENESS_HOSTS', 'json', 'Per-host overrides as JSON {"example.com": {"maxInFlight": 4, "requestsPerSecond": 2}}; a name covers its subdomains, the longest match wins.'),
    maxBackoffFactor: setting(z.number().min(1), 'SITREP_POLITENESS_MAX_BACKOFF_FACTOR', 'number', 'Adaptive slow-down: each 429/503 doubles a host\'s request interval (each 5xx or timeout adds half), up to this factor; every success takes back 10%.'),
  },
  refetch: {
    everyHours: setting(z.number().nonnegative(), 'SITREP_REFETCH_EVERY_HOURS', 'number', 'Refetch schedule (a BullMQ job scheduler): every this many hours, fetched articles younger than refetch.maxAgeDays are fetched again with If-None-Match / If-Modified-Since. 0: off.'),
    maxAgeDays: setting(z.number().positive(), 'SITREP_REFETCH_MAX_AGE_DAYS', 'number', 'Articles published (or first fetched) within this many days are refetched by the schedule.'),
  },
  emit: {
    sinks: setting(z.array(z.enum(['redis-stream', 'jsonl'])).min(1), 'SITREP_EMIT_SINKS', 'list', 'Where records go: redis-stream and/or jsonl (comma-separated).'),
    streamMaxLen: setting(positiveInt, 'SITREP_EMIT_STREAM_MAXLEN', 'number', 'Approximate MAXLEN of the record stream (XADD MAXLEN ~): a live feed, about 4 KB an entry (the record, gzip); a consumer further behind catches up from the record store (GET /v1/records?since=).'),
    jsonlPath: setting(z.string().min(1), 'SITREP_EMIT_JSONL_PATH', 'string', 'File the jsonl sink appends records to.'),
    recordTtlSeconds: setting(positiveInt, 'SITREP_RECORD_TTL_SECONDS', 'number', 'How long records stay in the record store (by id, for the API and `sitrep run`).'),
  },
  api: {
    host: setting(z.string().min(1), 'SITREP_API_HOST', 'string', '`sitrep serve` listens on this address (0.0.0.0 in a container).'),
    port: setting(z.number().int().min(0).max(65535), 'SITREP_API_PORT', 'number', '`sitrep serve` listens on this port (0: any free port).'),
    tokens: setting(z.array(z.object({ token: z.string().min(16, 'tokens need at least 16 characters'), role: z.enum(['metrics', 'client', 'admin']) }).strict()), 'SITREP_API_TOKENS', 'json', 'Bearer tokens as JSON [{"token","role"}]; metrics may only scrape /metrics, client also submits and reads, admin also manages dead letters, webhooks and the dashboard. None: only the health endpoints answer.', { secret: true }),
    bodyLimitBytes: setting(positiveInt, 'SITREP_API_BODY_LIMIT_BYTES', 'number', 'Largest request body accepted (413 above).'),
    idempotencyTtlSeconds: setting(positiveInt, 'SITREP_API_IDEMPOTENCY_TTL_SECONDS', 'number', 'How long an Idempotency-Key replays its first response.'),
    workerMetricsHost: setting(z.string().min(1), 'SITREP_WORKER_METRICS_HOST', 'string', 'Address the `sitrep worker` metrics server listens on (unauthenticated: 0.0.0.0 only on a private network, as in docker-compose).'),
    submitRateLimit: setting(positiveInt, 'SITREP_API_SUBMIT_RATE_LIMIT', 'number', 'Requests one token may make per minute to each submission route (POST /v1/urls, POST /v1/articles), counted in Redis across API processes; 429 with Retry-After above.'),
    maxStreamsPerToken: setting(positiveInt, 'SITREP_API_MAX_STREAMS_PER_TOKEN', 'number', 'Event streams (GET /v1/records/stream, the status page) one token may hold open at once per API process; 429 above.'),
    workerMetricsPort: setting(z.number().int().min(0).max(65535), 'SITREP_WORKER_METRICS_PORT', 'number', '`sitrep worker` serves Prometheus /metrics (job counters and durations) on this port; 0 turns it off.'),
  },
  webhooks: {
    subscribers: setting(z.array(z.object({
      id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _ (at most 64)'),
      url: z.string().url().refine((u) => !/^[^/]*\/\/[^/@]*@/.test(u), 'no credentials (user:password@) in a webhook URL: deliveries are authenticated by their signature'),
      secret: z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'a whsec_<base64> secret'),
      previousSecrets: z.array(z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/)).optional(),
    }).strict()), 'SITREP_WEBHOOKS_SUBSCRIBERS', 'json', 'Webhook subscribers as JSON [{"id","url","secret","previousSecrets"?}]; each record is POSTed to each, signed the Standard Webhooks way (previousSecrets: also signed with these during a rotation). More can be registered over the API.', { secret: true }),
    attempts: setting(positiveInt, 'SITREP_WEBHOOKS_ATTEMPTS', 'number', 'Delivery attempts per record and subscriber (network errors, timeouts, 408, 429, 5xx) before the delivery is dead-lettered.'),
    timeoutMs: setting(positiveInt, 'SITREP_WEBHOOKS_TIMEOUT_MS', 'number', 'Time a subscriber has to answer one delivery.'),
    concurrency: setting(positiveInt, 'SITREP_WEBHOOKS_CONCURRENCY', 'number', 'Deliveries in flight per subscriber (each subscriber has its own queue, so a slow one delays only itself).'),
  },
  cpu: {
    deadlineMs: setting(positiveInt, 'SITREP_CPU_DEADLINE_MS', 'number', 'Longest a worker thread may parse, extract or discover one input; past it the thread is stopped and the job dead-lettered (SITREP_ERR_CPU_DEADLINE).'),
    threads: setting(nonNegativeInt, 'SITREP_CPU_THREADS', 'number', 'Worker threads for parse, extract and discovery per worker process. Each costs ~80 MB of RSS (its heap, the NER model). One is fastest where a worker shares 2 cores (bench:pipeline: 2 were slower and took 436 MB against 351 MB); a second helps only with a third core free (a page costs ~5.5 ms in the thread, ~3.3 ms on the event loop). 0: one per CPU core.'),
    threadHeapMb: setting(nonNegativeInt, 'SITREP_CPU_THREAD_HEAP_MB', 'number', 'Heap (old space) limit of each worker thread, MB (keeps worker RSS bounded without NODE_OPTIONS; V8 lets the heap float up towards it); an input that needs more is dead-lettered (SITREP_ERR_CPU_MEMORY) and the thread replaced. 96 holds a 5 MB page (fetch.maxBodyBytes), 64 does not: raise it with maxBodyBytes. 0: V8\'s own limit.'),
  },
  log: {
    level: setting(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'SITREP_LOG_LEVEL', 'string', 'pino log level.'),
    format: setting(z.enum(['auto', 'json', 'pretty']), 'SITREP_LOG_FORMAT', 'string', 'auto: readable lines on a terminal, JSON otherwise; json or pretty to choose.'),
  },
} as const;

type SettingTree = { [key: string]: SettingDefinition | SettingTree };
type Resolve<T> = T extends SettingDefinition<infer S> ? z.infer<S> : { [K in keyof T]: Resolve<T[K]> };

export type SitrepConfig = Resolve<typeof SETTINGS>;

function isSetting(node: SettingDefinition | SettingTree): node is SettingDefinition {
  return 'schema' in node && 'env' in node;
}

function toZod(tree: SettingTree): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, node] of Object.entries(tree)) shape[key] = isSetting(node) ? node.schema : toZod(node);
  return z.object(shape).strict();
}

export const configSchema = toZod(SETTINGS as unknown as SettingTree);

/** Every setting with its dotted path, for env parsing, redaction and the README table. */
export function listSettings(tree: SettingTree = SETTINGS as unknown as SettingTree, prefix = ''): Array<{ path: string; def: SettingDefinition }> {
  return Object.entries(tree).flatMap(([key, node]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return isSetting(node) ? [{ path, def: node }] : listSettings(node, path);
  });
}
