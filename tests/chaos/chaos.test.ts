import { rmSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runChaos, type ChaosReport } from '../../scripts/chaos/run-chaos.js';
import { privateRedisUnavailable } from '../helpers/private-redis.js';

// The small chaos run (npm run chaos is the full one): 300 URLs through two real `sitrep worker`
// processes (two, not three: the suite shares the machine) on a private Redis with AOF, worker
// kill -9s, a killed `sitrep enqueue` repeated, and one Redis kill -9 restarted from its AOF.
// No timing is asserted; quiescence is awaited, not required.
const unavailable = privateRedisUnavailable();
if (unavailable) console.log(`chaos test skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)('chaos, small: workers and Redis die while 300 URLs go through', () => {
  let report: ChaosReport;
  beforeAll(async () => {
    report = await runChaos({ urls: 300, batch: 150, workers: 2, chaosSeconds: 10, faultsPastEnqueueSeconds: 0, redisFaults: ['kill'], settleSeconds: 240, cli: 'source', ports: [7160, 7179] });
    console.log(`chaos (small): ${JSON.stringify({ seed: report.seed, faults: report.faults, outcomes: report.outcomes, timing: report.timing })}`);
    if (report.workDir) rmSync(report.workDir, { recursive: true, force: true });
  }, 420_000);

  it('runs every URL through real processes while the faults happen', () => {
    expect(report.urls).toBe(300);
    expect(report.outcomes.units).toBeGreaterThan(300);
    expect(report.faults.workerKills).toBeGreaterThanOrEqual(1);
    expect(report.faults.redisKills).toBe(1);
    expect(report.faults.enqueueKills).toBe(1);
    // Every behaviour's outcome is decided by the pipeline, not by the harness.
    expect(report.outcomes.records + report.outcomes.deadLetters).toBeGreaterThan(0);
  });

  // Failed on the first queue core (issue #8: second deaths, admission gaps, emit's split writes).
  it('keeps the conservation law: one outcome per URL, the expected one, every record streamed', () => {
    const failed = report.checks.filter((c) => !c.pass && !c.name.startsWith('quiescent') && !c.name.startsWith('Redis used_memory'));
    expect(failed, JSON.stringify(report.problems.slice(0, 10), null, 2)).toEqual([]);
  });
});
