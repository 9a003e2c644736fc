import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registerQueueCollectors } from '../../src/metrics/queue-collectors.js';
import { createSitrepMetrics } from '../../src/metrics/sitrep-metrics.js';
import type { SitrepQueues } from '../../src/queues/sitrep-queues.js';

const path = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const config = parse(readFileSync(path('deploy/prometheus/prometheus.yml'), 'utf8'));
const rules = parse(readFileSync(path('deploy/prometheus/alerts.yml'), 'utf8')) as { groups: Array<{ rules: Array<{ alert: string; expr: string; for: string; annotations: Record<string, string> }> }> };
const alerts = rules.groups.flatMap((g) => g.rules);

// Debian's `prometheus` package (and the official image) ship promtool; without it the structural checks below still run.
const promtool = spawnSync('promtool', ['--version']).status === 0;
if (!promtool) console.warn('tests/deploy/prometheus.test.ts: promtool not found (apt-get install prometheus): promtool checks skipped');

describe('Prometheus config and alert rules', () => {
  it.skipIf(!promtool)('pass `promtool check config` outside the container (the token file is a relative placeholder) and `promtool check rules`', () => {
    expect(execFileSync('promtool', ['check', 'config', path('deploy/prometheus/prometheus.yml')], { encoding: 'utf8' })).toContain('SUCCESS');
    expect(execFileSync('promtool', ['check', 'rules', path('deploy/prometheus/alerts.yml')], { encoding: 'utf8' })).toContain('SUCCESS: 4 rules found');
  });

  it('loads the alert rules, and reads the scrape token from a placeholder that holds no secret', () => {
    expect(config.rule_files).toEqual(['alerts.yml']);
    const api = config.scrape_configs.find((s: { job_name: string }) => s.job_name === 'sitrep-api');
    expect(api.authorization.credentials_file).toBe('secrets/sitrep-metrics-token');
    expect(statSync(path('deploy/prometheus/secrets/sitrep-metrics-token')).size).toBe(0);
    const compose = parse(readFileSync(path('docker-compose.yml'), 'utf8'), { merge: true });
    expect(compose.services.prometheus.volumes).toContain('./deploy/prometheus:/etc/prometheus:ro');
    expect(compose.services.prometheus.tmpfs).toEqual(['/etc/prometheus/secrets']);
    expect(compose.services.prometheus.command.join(' ')).toContain('> /etc/prometheus/secrets/sitrep-metrics-token');
  });

  it('alert on rising dead letters, queue wait, no live workers and Redis memory near its limit, with metrics sitrep exports', () => {
    expect(alerts.map((a) => a.alert)).toEqual(['SitrepDeadLettersRising', 'SitrepQueueWaitHigh', 'SitrepNoLiveWorkers', 'SitrepRedisMemoryNearLimit']);
    const metrics = createSitrepMetrics();
    registerQueueCollectors(metrics, {} as SitrepQueues); // only named, never collected
    const exported = new Set(metrics.registry.getMetricsAsArray().flatMap((m) => {
      const { name, type } = m as unknown as { name: string; type: string };
      return type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
    }));
    for (const alert of alerts) {
      expect(alert.for, alert.alert).toMatch(/^\d+m$/);
      expect(alert.annotations.summary, alert.alert).toBeTruthy();
      for (const name of alert.expr.match(/\bsitrep_[a-z_]+/g) ?? []) expect(exported, `${alert.alert}: ${name}`).toContain(name);
    }
    expect(alerts.find((a) => a.alert === 'SitrepNoLiveWorkers')?.expr).toContain('up{job="sitrep-worker"}');
  });
});
