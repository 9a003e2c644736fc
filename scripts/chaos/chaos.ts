// npm run chaos -- [--urls N] [--workers N] [--seed N] [--chaos-seconds S] [--no-faults] [--no-redis-faults]
//                  [--cluster] [--no-build] [--json]
// Faults against real `sitrep` processes on a private Redis, then the conservation law checked per URL.
// Prints figures; exits 1 when a check fails. See scripts/chaos/run-chaos.ts for what happens.
import { parseArgs } from 'node:util';
import { killPrivateRedisSync, privateRedisUnavailable } from '../../tests/helpers/private-redis.js';
import { clusterRedisSettings, runChaos, type ChaosReport } from './run-chaos.js';
import { buildDist, killSitrepProcessesSync } from './sitrep-processes.js';

// Interrupted: nothing this run started may outlive it.
process.on('exit', () => {
  killSitrepProcessesSync();
  killPrivateRedisSync();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const { values } = parseArgs({
  options: {
    urls: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '3' },
    seed: { type: 'string' },
    'chaos-seconds': { type: 'string', default: '60' },
    'no-faults': { type: 'boolean', default: false },
    'no-redis-faults': { type: 'boolean', default: false },
    cluster: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const unavailable = privateRedisUnavailable();
if (unavailable) {
  console.log(`chaos skipped: ${unavailable}`);
  process.exit(0);
}
if (values.cluster && !clusterRedisSettings([{ host: '127.0.0.1', port: 7211 }])) {
  console.log('chaos --cluster: not available: this tree has no `redis.cluster` setting taking seed nodes');
  process.exit(2);
}
if (!values['no-build']) buildDist();

const log = (line: string) => process.stderr.write(`chaos: ${line}\n`);
const report = await runChaos({
  urls: Number(values.urls),
  workers: Number(values.workers),
  seed: values.seed === undefined ? undefined : Number(values.seed),
  chaosSeconds: Number(values['chaos-seconds']),
  noFaults: values['no-faults'],
  redisFaults: values['no-redis-faults'] ? [] : ['shutdown', 'kill'],
  cluster: values.cluster,
  log,
});

if (values.json) console.log(JSON.stringify(report, null, 2));
else print(report);
process.exitCode = report.checks.every((c) => c.pass) ? 0 : 1;

function print(r: ChaosReport): void {
  const f = r.faults;
  const o = r.outcomes;
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  console.log(`seed ${r.seed}, ${r.redisMode} Redis: ${r.urls} URLs (${o.units} units), ${r.behaviours} behaviours, ${r.workers} workers, ${r.timing.totalSeconds} s`);
  console.log(
    `faults: ${f.workerKills} worker kill -9, ${f.workerSigterms} SIGTERM, ${f.redisShutdowns} Redis SHUTDOWN, ${f.redisKills} Redis kill -9, ` +
      `${f.enqueueKills} enqueue kill -9; ${f.enqueueRepeats} enqueue calls repeated; ${f.workersStarted} workers started, ${f.unexpectedWorkerExits} exited on their own`,
  );
  console.log(`records ${o.records}, dead letters ${o.deadLetters}, stream entries ${o.streamEntries}, unexpected units ${o.unexpectedUnits}`);
  console.log(`enqueue took ${r.timing.enqueueSeconds} s; quiescent ${r.timing.quiescentAfterLastFaultSeconds ?? 'never'} s after the last fault, ${r.timing.quiescentAfterLastEnqueueSeconds ?? 'never'} s after the last enqueue`);
  console.log(`Redis after the run: used_memory ${mb(r.redis.usedMemoryBytes)}, ${r.redis.keys} keys (${r.redis.keysWithoutTtl} without TTL${r.redis.keysPerNode.length > 1 ? `; per master ${r.redis.keysPerNode.join(', ')}` : ''})`);
  if (r.lastOutcomes.length) console.log(`ended last (s after the last fault): ${r.lastOutcomes.map((u) => `${u.behaviour} ${u.outcome}${u.attempts ? ` ×${u.attempts}` : ''} +${u.afterLastFaultSeconds}`).join(', ')}`);
  const families = Object.entries(r.redis.withoutTtlByFamily).sort((a, b) => b[1] - a[1]);
  if (families.length) console.log(`keys without TTL by family: ${families.map(([family, n]) => `${family} ${n}`).join(', ')}`);
  console.log('');
  console.log('| check | value | limit | |');
  console.log('|---|---|---|---|');
  for (const c of r.checks) console.log(`| ${c.name} | ${c.value ?? '—'} | ${c.limit} | ${c.pass ? 'ok' : 'FAIL'} |`);
  const bad = Object.entries(r.byBehaviour).filter(([, b]) => b.lost + b.both + b.wrong + b.missingFromStream > 0);
  if (bad.length) {
    console.log('');
    console.log('| behaviour | units | lost | both | wrong | not in stream |');
    console.log('|---|---|---|---|---|---|');
    for (const [name, b] of bad) console.log(`| ${name} | ${b.units} | ${b.lost} | ${b.both} | ${b.wrong} | ${b.missingFromStream} |`);
  }
  if (r.problems.length) {
    console.log('');
    console.log(`first problems of ${r.problems.length}:`);
    for (const p of r.problems.slice(0, 12)) console.log(`  ${p.behaviour} ${p.url}: expected ${p.expected}, got ${p.got}`);
  }
  if (r.workDir) console.log(`\nworker logs and Redis data kept in ${r.workDir}`);
}
