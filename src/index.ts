// Library entry point: the pure stages need no Redis; the queue layer is exported for embedding.
export { discoverReferences } from './pipeline/discover/discover-references.js';
export { canonicalizeUrl, urlKey } from './pipeline/discover/canonicalize-url.js';
export { parseArticle, type ParseArticleInput } from './pipeline/parse/parse-article.js';
export { extractFacts, type ExtractFactsOptions } from './pipeline/extract/extract-facts.js';
export { createPageFetcher, fetchPage, type FetchedPage, type PageFetcher } from './pipeline/fetch/fetch-page.js';
export type { FetchPageOptions } from './pipeline/fetch/fetch-options.js';
export type { RecordSink } from './pipeline/emit/record-sink.js';
export * from './record/record.js';
export { ERROR_CODES, type ErrorCode } from './errors/error-codes.js';
export { SitrepError } from './errors/sitrep-error.js';
export { loadConfig, redactConfig } from './config/load-config.js';
export type { SitrepConfig } from './config/config-schema.js';
export { SitrepQueues, type SubmitOptions, type SubmitResult } from './queues/sitrep-queues.js';
export type { DeadLetter } from './queues/dead-letter-queue.js';
export type { UnitView } from './queues/unit-state-machine.js';
export { startWorkers } from './workers/start-workers.js';
export { buildApp } from './api/build-app.js';
export { verifyWebhook, signWebhook, generateWebhookSecret, WebhookVerificationError } from './webhooks/webhook-signature.js';
