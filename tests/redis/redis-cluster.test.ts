import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusterRedisSettings, runChaos } from '../../scripts/chaos/run-chaos.js';
import { privateRedisUnavailable } from '../helpers/private-redis.js';

// The pipeline on a real local Redis Cluster: three masters on loopback ports (no replicas), sitrep
// configured through `redis.cluster`, real `sitrep enqueue` and `sitrep worker` processes, the chaos
// origin's behaviours without faults. Each queue has a slot of its own, so keys must sit on every master.
const skip = privateRedisUnavailable() ?? (clusterRedisSettings([{ host: '127.0.0.1', port: 7201 }]) ? null : 'this tree has no `redis.cluster` setting');
if (skip) console.log(`Redis Cluster test skipped: ${skip}`);

describe.skipIf(skip !== null)('Redis Cluster (three local masters)', () => {
  it('takes every URL to its expected outcome through redis.cluster, with keys on every master', async () => {
    const report = await runChaos({ cluster: true, noFaults: true, urls: 60, batch: 60, workers: 2, settleSeconds: 90, cli: 'source', ports: [7201, 7209] });
    if (report.workDir) rmSync(report.workDir, { recursive: true, force: true });
    console.log(`cluster: ${JSON.stringify({ outcomes: report.outcomes, keysPerNode: report.redis.keysPerNode })}`);
    // Timings and memory are the chaos script's to print, not a test's to assert.
    const failed = report.checks.filter((c) => !c.pass && !c.name.startsWith('quiescent') && !c.name.startsWith('Redis used_memory'));
    expect(failed, JSON.stringify(report.problems.slice(0, 10), null, 2)).toEqual([]);
    expect(report.redis.keysPerNode).toHaveLength(3);
    for (const keys of report.redis.keysPerNode) expect(keys).toBeGreaterThan(0);
  }, 300_000);
});
