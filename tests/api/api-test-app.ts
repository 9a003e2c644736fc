import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/build-app.js';
import type { SitrepConfig } from '../../src/config/config-schema.js';
import type { DeepPartial } from '../../src/config/load-config.js';
import { createSitrepMetrics } from '../../src/metrics/sitrep-metrics.js';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.js';

export const TOKENS = {
  metrics: 'test-metrics-token-0001',
  client: 'test-client-token-00001',
  admin: 'test-admin-token-000001',
} as const;
export type TestRole = keyof typeof TOKENS;

export const bearer = (role: TestRole) => ({ authorization: `Bearer ${TOKENS[role]}` });
export const basic = (role: TestRole) => ({ authorization: `Basic ${Buffer.from(`someone:${TOKENS[role]}`).toString('base64')}` });

export interface ApiTestApp {
  rt: TestRuntime;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** A real Redis under a unique prefix, three tokens (one per role), the app not listening. */
export async function createApiTestApp(overrides: DeepPartial<SitrepConfig> = {}): Promise<ApiTestApp> {
  const rt = await createTestRuntime({
    ...overrides,
    api: { tokens: Object.entries(TOKENS).map(([role, token]) => ({ token, role: role as TestRole })), ...overrides.api },
  });
  const app = await buildApp({ ...rt, metrics: createSitrepMetrics({ defaultMetrics: false }) });
  await app.ready();
  return {
    rt,
    app,
    async close() {
      await app.close();
      await rt.cleanup();
    },
  };
}
