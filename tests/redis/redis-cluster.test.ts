import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logger.js';
import { createCluster, parseClusterNodes } from '../../src/redis/redis-cluster.js';
import { connectRedis } from '../../src/redis/redis-connection.js';
import { clusterRedisSettings, runChaos } from '../../scripts/chaos/run-chaos.js';
import { freePort, privateRedisUnavailable, startPrivateRedisCluster } from '../helpers/private-redis.js';

// The pipeline on a real local Redis Cluster: three masters on loopback ports (no replicas), sitrep
// configured through `redis.cluster`, real `sitrep enqueue` and `sitrep worker` processes, the chaos
// origin's behaviours without faults. Each queue has a slot of its own, so keys must sit on every master.
const skip = privateRedisUnavailable() ?? (clusterRedisSettings([{ host: '127.0.0.1', port: 7201 }]) ? null : 'this tree has no `redis.cluster` setting');
if (skip) console.log(`Redis Cluster test skipped: ${skip}`);

describe.skipIf(skip !== null)('Redis Cluster (three local masters)', () => {
  it('takes every URL to its expected outcome through redis.cluster, with keys on every master', async () => {
    const report = await runChaos({ cluster: true, noFaults: true, urls: 60, batch: 60, workers: 2, settleSeconds: 240, cli: 'source', ports: [7201, 7209] });
    if (report.workDir) rmSync(report.workDir, { recursive: true, force: true });
    console.log(`cluster: ${JSON.stringify({ outcomes: report.outcomes, keysPerNode: report.redis.keysPerNode })}`);
    // Timings and memory are the chaos script's to print, not a test's to assert.
    const failed = report.checks.filter((c) => !c.pass && !c.name.startsWith('quiescent') && !c.name.startsWith('Redis used_memory'));
    expect(failed, JSON.stringify(report.problems.slice(0, 10), null, 2)).toEqual([]);
    expect(report.redis.keysPerNode).toHaveLength(3);
    for (const keys of report.redis.keysPerNode) expect(keys).toBeGreaterThan(0);
  }, 420_000);

  it('waits out a master killed and restarted from its AOF: no command fails meanwhile', async () => {
    const ports: number[] = [];
    for (let p = 7225; ports.length < 3; p = ports[ports.length - 1] + 1) ports.push(await freePort(p, 7239));
    const nodes = await startPrivateRedisCluster(ports);
    const client = createCluster(ports.map((port) => `127.0.0.1:${port}`), null);
    client.on('error', () => undefined);
    try {
      await client.connect();
      // Keys in every master's slots, incremented all along.
      const keys = Array.from({ length: 30 }, (_, i) => `blip-${i}`);
      const failures: string[] = [];
      let done = 0;
      let stop = false;
      const load = (async () => {
        while (!stop) {
          await Promise.all(keys.map((key) => client.incr(key).then(() => done++, (error: Error) => void failures.push(error.message))));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await nodes.nodes[1].kill();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await nodes.nodes[1].start();
      await nodes.waitUntilOk(60_000);
      stop = true;
      await load;
      expect(failures.slice(0, 3)).toEqual([]);
      expect(done).toBeGreaterThan(0);
    } finally {
      client.disconnect();
      await nodes.stop();
    }
  }, 120_000);
});

describe('redis.cluster', () => {
  it('reads host:port seed nodes, IPv6 in brackets, and refuses anything else', () => {
    expect(parseClusterNodes(['127.0.0.1:7000', 'redis-a.internal:6379', '[::1]:7001'])).toEqual([
      { host: '127.0.0.1', port: 7000 },
      { host: 'redis-a.internal', port: 6379 },
      { host: '::1', port: 7001 },
    ]);
    expect(() => parseClusterNodes(['127.0.0.1'])).toThrow(/not host:port/);
    expect(() => loadConfig({ env: { SITREP_REDIS_CLUSTER: 'a:1,b' } })).toThrow(/redis\.cluster/);
  });

  it('connects through a Cluster client, and says clearly when no seed answers', async () => {
    // Port 1 on loopback: nothing listens there.
    const config = loadConfig({ env: { SITREP_REDIS_CLUSTER: '127.0.0.1:1' } });
    await expect(connectRedis(config, createLogger('silent'))).rejects.toMatchObject({ code: 'SITREP_ERR_REDIS_UNAVAILABLE', message: expect.stringMatching(/Redis Cluster at 127\.0\.0\.1:1 does not answer/) });
  });
});
