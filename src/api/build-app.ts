import { createRequire } from 'node:module';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { SitrepConfig } from '../config/config-schema.js';
import type { Logger } from '../logger.js';
import { registerQueueCollectors } from '../metrics/queue-collectors.js';
import { createSitrepMetrics, type SitrepMetrics } from '../metrics/sitrep-metrics.js';
import { StageStats } from '../metrics/stage-stats.js';
import type { SitrepQueues } from '../queues/sitrep-queues.js';
import { SubscriberRegistry, webhookQueueName } from '../webhooks/subscriber-registry.js';
import type { ApiContext } from './api-context.js';
import { apiError, errorHandler, notFoundHandler } from './api-error.js';
import { installAuth, type Access } from './auth.js';
import { installCrossSiteGuard } from './cross-site-guard.js';
import { installRedisGuard } from './redis-guard.js';
import { registerRateLimit } from './rate-limit.js';
import { registerSecurityHeaders } from './security-headers.js';
import { DASHBOARD_PATH, dashboardRenderedStyles, registerDashboard } from './plugins/dashboard.js';
import { deadLettersPlugin } from './plugins/dead-letters.js';
import { healthPlugin } from './plugins/health.js';
import { jobsPlugin } from './plugins/jobs.js';
import { metricsPlugin } from './plugins/metrics.js';
import { registerOpenApi } from './plugins/openapi.js';
import { recordStreamPlugin } from './plugins/record-stream.js';
import { recordsPlugin } from './plugins/records.js';
import { statusPagePlugin } from './plugins/status-page.js';
import { submitPlugin } from './plugins/submit.js';
import { webhookSubscribersPlugin } from './plugins/webhook-subscribers.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Every route with its access level: what the auth and OpenAPI tests walk. */
export interface RouteSummary {
  method: string;
  url: string;
  access: Access;
  /** Left out of /openapi.json (bull-board's UI and API). */
  hidden: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    sitrepRoutes: readonly RouteSummary[];
  }
}

export interface BuildAppOptions {
  config: SitrepConfig;
  /** The process's queues; the app does not close them. */
  queues: SitrepQueues;
  /** The queues' connection; SSE readers duplicate it. The app does not close it. */
  connection: Redis;
  logger: Logger;
  /** Default: a new registry with Node.js process metrics. Queue collectors are added to it, so pass one registry to one app only. */
  metrics?: SitrepMetrics;
  /** Default: webhooks.subscribers from the config plus those registered over the API. */
  subscribers?: SubscriberRegistry;
}

/**
 * The HTTP API as a Fastify instance, not listening: `inject()` in tests, `listen()` in `sitrep serve`.
 * Auth, error shape and the OpenAPI generator are installed on the root; each feature is a plugin.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, queues, connection } = options;
  const app = Fastify({
    // pino 10's Logger type is wider than the pino 9 one Fastify declares; the instance is compatible.
    loggerInstance: options.logger.child({ component: 'api' }) as unknown as FastifyBaseLogger,
    bodyLimit: config.api.bodyLimitBytes,
    // Unknown fields are an error, not silently dropped; a lone string is accepted where an array is expected.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  const routes: RouteSummary[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access: route.config?.access ?? 'admin', hidden: Boolean((route.schema as { hide?: boolean } | undefined)?.hide) });
  });
  app.decorate('sitrepRoutes', routes);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  installCrossSiteGuard(app);
  installAuth(app, config.api.tokens);
  // Before the rate limit, whose counters live in Redis too.
  installRedisGuard(app, connection);
  await registerSecurityHeaders(app, { renderedStyles: { [DASHBOARD_PATH]: dashboardRenderedStyles() } });
  await registerRateLimit(app, connection, config.queue.prefix);
  // Any web page's form can send text/plain (and urlencoded, multipart: never parsed) with a logged-in
  // browser's credentials: no route takes it. Plain-text articles come as JSON {content, contentType}.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', (_request, _payload, done) =>
    done(apiError('SITREP_ERR_INVALID_INPUT', 'text/plain bodies are refused (a web form can send them): send JSON, e.g. {"content": "…", "contentType": "text/plain"} to /v1/articles', 415, 'headers.content-type')),
  );
  await registerOpenApi(app, version);

  const metrics = options.metrics ?? createSitrepMetrics();
  registerQueueCollectors(metrics, queues);
  const subscribers = options.subscribers ?? queues.subscribers;
  const webhookQueues = (await subscribers.list()).map((s) => queues.queue(webhookQueueName(s.id)));
  const dashboard = await registerDashboard(app, [...queues.queues(), ...webhookQueues], queues.deadLetters);

  const ctx: ApiContext = {
    config,
    queues,
    connection,
    metrics,
    stats: new StageStats(connection, { prefix: queues.keys.statsPrefix }),
    subscribers,
    onQueueCreated: (queue) => dashboard.addQueue(queue),
  };
  for (const plugin of [healthPlugin, submitPlugin, jobsPlugin, recordsPlugin, recordStreamPlugin, deadLettersPlugin, webhookSubscribersPlugin, metricsPlugin, statusPagePlugin]) {
    await app.register(plugin, ctx);
  }
  return app;
}
