/**
 * The README's first command as a new operator runs it, on a machine with no network: the wall time of
 * `npx sitrep run ../shared/seeds/belgorod-article.txt` in a network namespace of its own (loopback
 * only: no resolver, nothing on 127.0.0.1:6379, so a private redis-server starts), the same through
 * `node bin/sitrep.js` (sitrep's own share), and npx's own floor (`npx -c true`). Each run must give
 * the record and four dead letters. Median (min–max) of --runs, one run at a time; load before and after.
 * Runs the built CLI (dist/, as `npm ci` leaves it): `npm run build` after changing src/.
 *   npm run bench:cold-start [-- --runs N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { offlineArgv, offlineAvailable } from '../tests/helpers/offline.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEED = '../shared/seeds/belgorod-article.txt';

if (!offlineAvailable) {
  console.log('bench:cold-start needs `unshare -rn` (user namespaces) and iproute2 to take the network away: skipped');
  process.exit(0);
}
if (!existsSync(new URL(`../${SEED}`, import.meta.url))) {
  console.log(`bench:cold-start: ${SEED} is absent (../shared not beside the repo): skipped`);
  process.exit(0);
}

const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SITREP_') && k !== 'REDIS_URL' && !k.startsWith('npm_')));

/** One offline run's wall time, ms; `check` says what is wrong with its output, if anything. */
function timed(argv: string[], check: (out: { status: number | null; stdout: string; stderr: string }) => string | null): number {
  const [command, args] = offlineArgv(argv[0], argv.slice(1));
  const started = performance.now();
  const out = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8' });
  const ms = performance.now() - started;
  const problem = check(out);
  if (problem) throw new Error(`${argv.join(' ')}: ${problem}\n${out.stderr}`);
  return ms;
}

const seedRun = ({ status, stdout, stderr }: { status: number | null; stdout: string; stderr: string }) =>
  status !== 0 ? `exit ${status}` : stdout.trim().split('\n').length !== 1 ? 'not one record on stdout' : !/1 record, 4 dead letters/.test(stderr) ? 'not 1 record and 4 dead letters' : null;
const ok = ({ status }: { status: number | null }) => (status === 0 ? null : `exit ${status}`);

const cases: Array<[string, string[], typeof seedRun]> = [
  [`npx sitrep run ${SEED}`, ['npx', 'sitrep', 'run', SEED], seedRun],
  [`node bin/sitrep.js run ${SEED}`, [process.execPath, 'bin/sitrep.js', 'run', SEED], seedRun],
  ['npx -c true (npx alone)', ['npx', '-c', 'true'], ok],
  ['node bin/sitrep.js --version (node and the CLI alone)', [process.execPath, 'bin/sitrep.js', '--version'], ok],
];

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`offline (unshare -rn, loopback up); ${runs} runs each, one at a time; load average ${load()}`);
// One unmeasured run: npx links the project into its cache on its first use (see README, CLI).
timed(cases[0][1], seedRun);
for (const [name, argv, check] of cases) {
  const ms = Array.from({ length: runs }, () => timed(argv, check)).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  console.log(`${name.padEnd(56)} median ${(median / 1000).toFixed(2)} s (${(ms[0] / 1000).toFixed(2)}–${(ms[ms.length - 1] / 1000).toFixed(2)})`);
}
console.log(`load average after: ${load()}`);
