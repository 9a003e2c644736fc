import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registerQueueCollectors } from '../../src/metrics/queue-collectors.js';
import { createSitrepMetrics } from '../../src/metrics/sitrep-metrics.js';
import type { SitrepQueues } from '../../src/queues/sitrep-queues.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('the provisioned Grafana dashboard', () => {
  const dashboard = JSON.parse(read('deploy/grafana/dashboards/sitrep.json')) as {
    panels: Array<{ title: string; datasource: { uid: string }; targets: Array<{ expr: string }> }>;
    templating: { list: Array<{ name: string; type: string; query: { query: string } }> };
  };

  it('only queries metrics sitrep exports (histograms by their _bucket series)', async () => {
    const metrics = createSitrepMetrics();
    registerQueueCollectors(metrics, {} as SitrepQueues); // collectors are only named here, never run
    const exported = new Set(metrics.registry.getMetricsAsArray().flatMap((m) => {
      const { name, type } = m as unknown as { name: string; type: string };
      return type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
    }));
    const queried = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/\bsitrep_[a-z_]+/g) ?? [])));
    expect(queried.size).toBeGreaterThan(8);
    for (const name of queried) expect(exported, name).toContain(name);
  });

  it('uses the provisioned datasource', () => {
    const uid = /uid:\s*(\S+)/.exec(read('deploy/grafana/provisioning/datasources/prometheus.yml'))?.[1];
    for (const panel of dashboard.panels) expect(panel.datasource.uid, panel.title).toBe(uid);
  });

  it('has stage, instance and subscriber variables, and every panel with such a label filters by them', () => {
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['stage', 'instance', 'subscriber']);
    for (const variable of dashboard.templating.list) expect(variable.query.query, variable.name).toMatch(/^label_values\(/);
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    for (const expr of exprs.filter((e) => /sitrep_(jobs_|job_duration|job_queue_wait|submit_to_record)/.test(e))) expect(expr).toContain('stage=~"$stage"');
    for (const expr of exprs.filter((e) => /sitrep_webhook_/.test(e))) expect(expr).toContain('subscriber=~"$subscriber"');
    // Worker-side series come from several replicas; the API's queue and per-host gauges from one.
    for (const expr of exprs.filter((e) => !/sitrep_(queue_jobs|dead_letters|host_)/.test(e))) expect(expr).toContain('instance=~"$instance"');
    expect(exprs.some((e) => e.includes('sitrep_job_queue_wait_seconds_bucket'))).toBe(true);
    expect(exprs.some((e) => e.includes('sitrep_submit_to_record_seconds_bucket'))).toBe(true);
  });
});
