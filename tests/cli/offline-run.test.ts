import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SitrepRecord } from '../../src/record/record.js';
import { offlineArgv, offlineAvailable } from '../helpers/offline.js';
import { runCli } from '../helpers/run-cli.js';

const SEED = fileURLToPath(new URL('../../../shared/seeds/belgorod-article.txt', import.meta.url));
const EXPECTED = fileURLToPath(new URL('../../../shared/seeds/belgorod-article.expected.json', import.meta.url));
const BATCH = fileURLToPath(new URL('../helpers/cli-batch.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const haveSeed = existsSync(SEED);
if (!haveSeed) console.warn(`skipping the offline seed run: ${SEED} is absent (../shared not beside the repo)`);

// Spawned CLIs start slowly on a loaded machine: room, not a timing assertion.
describe('sitrep run on a machine with no network', { timeout: 120_000 }, () => {
  it.skipIf(!offlineAvailable || !haveSeed)('gives the record and four dead letters at the first attempt: no resolver is permanent', async () => {
    const result = await runCli(['run', SEED], {}, undefined, { offline: true });
    expect(result.code, result.stderr).toBe(0);
    const records = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as SitrepRecord);
    expect(records).toHaveLength(1);
    // Every casualty figure a careful reader takes out of it.
    const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as { casualties: Array<{ kind: string; count: number | null; when?: string }> };
    for (const { kind, count, when } of expected.casualties) {
      expect(records[0].casualties, `${kind} ${count} ${when ?? ''}`).toContainEqual(expect.objectContaining({ kind, count, ...(when ? { when } : {}) }));
    }
    expect(result.stderr).toMatch(/1 record, 4 dead letters \(SITREP_ERR_HOST_NOT_FOUND ×4\)/);
    expect(result.stderr).toContain('EAI_AGAIN');
    // Progress while it runs, though it is shorter than --progress-every: a line at once, a last one before the summary.
    expect(result.stderr.match(/^sitrep run: \d+\.\d s, \d+\/\d+ units finished/gm)?.length).toBeGreaterThanOrEqual(2);
    expect(result.stderr).toMatch(/^sitrep run: \d+\.\d s, 5\/5 units finished \(1 records, 4 dead\)[^\n]*\nsitrep run: 1 record, 4 dead letters/m);
  });

  it.skipIf(!offlineAvailable)('one-shot commands refuse when no Redis answers, instead of a throw-away one (worker and serve wait for it)', async () => {
    const commands = [['enqueue', 'https://example.org/a'], ['submit', 'README.md'], ['status'], ['dlq', 'list'], ['tail']];
    const [command, args] = offlineArgv(process.execPath, ['--import', 'tsx', BATCH, JSON.stringify(commands)]);
    const child = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SITREP_') && k !== 'REDIS_URL')) });
    const results = JSON.parse(child.stdout) as Array<{ args: string[]; code: number; stdout: string; stderr: string }>;
    expect(results).toHaveLength(commands.length);
    for (const result of results) {
      expect(result.code, `${result.args.join(' ')}: ${result.stderr}`).toBe(1);
      expect(result.stderr).toMatch(/^sitrep: SITREP_ERR_REDIS_UNAVAILABLE: no Redis answers on redis:\/\/127\.0\.0\.1:6379.*only `sitrep run` starts a private one/m);
      expect(result.stdout).toBe('');
    }
  });
});
