import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { SitrepRecord } from '../../src/record/record.js';
import { runCli } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';
import { articleHtml } from '../helpers/article-html.js';
import { hang, html, startScriptedServer } from '../helpers/scripted-server.js';
import { TEST_REDIS_URL } from '../helpers/test-runtime.js';
import { packagesLoadedBy } from '../helpers/packages-loaded.js';

const SEED = fileURLToPath(new URL('../../../shared/seeds/belgorod-article.txt', import.meta.url));
const EXPECTED = fileURLToPath(new URL('../../../shared/seeds/belgorod-article.expected.json', import.meta.url));
const haveSeed = existsSync(SEED);
if (!haveSeed) console.warn(`skipping the seed run: ${SEED} is absent (../shared not beside the repo)`);

const prefixes: string[] = [];
function env(): Record<string, string> {
  const prefix = `{sitrep-test-${randomBytes(4).toString('hex')}}`;
  prefixes.push(prefix);
  return { SITREP_REDIS_URL: TEST_REDIS_URL, SITREP_QUEUE_PREFIX: prefix };
}

afterAll(async () => {
  const redis = new Redis(TEST_REDIS_URL);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

// Spawned CLIs start slowly on a loaded machine: room, not a timing assertion.
describe('sitrep run', { timeout: 120_000 }, () => {
  it.skipIf(!haveSeed)('turns the seed article into its record and dead-letters its four unreachable references, quickly', async () => {
    const expected = JSON.parse(readFileSync(EXPECTED, 'utf8'));
    const result = await runCli(['run', SEED], env());
    expect(result.code, result.stderr).toBe(0);
    const records = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as SitrepRecord);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record.url).toBe(expected.url);
    expect(record.source.kind).toBe('submitted');
    expect(record.publishedAt).toBe(expected.publishedAt);
    expect(record.references.map((r) => r.url).sort()).toEqual([...expected.references].sort());
    const people = record.entities.filter((e) => e.type === 'person').map((e) => e.name);
    expect(people).toEqual(expect.arrayContaining(['Vladimir Putin', 'Vyacheslav Gladkov']));
    expect(record.casualties.some((c) => c.kind === 'killed' && c.count === 25)).toBe(true);
    expect(record.schemaVersion).toBe(1);
    expect(result.stderr).toMatch(/1 record, 4 dead letters \(SITREP_ERR_HOST_NOT_FOUND ×4\)/);
    for (const ref of expected.references) expect(result.stderr).toContain(ref);
    expect(result.stderr).toMatch(/host not found/i);
    // Not a speed target: retries with backoff would take minutes; 60 s leaves room for a loaded machine (20 s failed under load).
    expect(result.ms).toBeLessThan(60_000);
  });

  it('reads an article from stdin and exits 0 with its record', async () => {
    const text = 'Two people were killed and five injured when a shell hit a market in Kharkiv on Monday, Governor Oleh Syniehubov said.\n';
    const result = await runCli(['run', '-'], env(), text);
    expect(result.code, result.stderr).toBe(0);
    const record = JSON.parse(result.stdout.trim()) as SitrepRecord;
    expect(record.text).toContain('Kharkiv');
    expect(record.source.kind).toBe('submitted');
    expect(result.stderr).toMatch(/1 record, 0 dead letters/);
  });

  it('writes the records to --out instead of stdout', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sitrep-run-')), 'records.jsonl');
    const result = await runCli(['run', '-', '--out', out], env(), 'Nine people were injured in Odesa on Friday.\n');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    const [record] = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as SitrepRecord);
    expect(record.casualties).toEqual([expect.objectContaining({ kind: 'injured', count: 9 })]);
  });

  it('fails with one clear line and a non-zero code on a missing file', async () => {
    const result = await runCli(['run', 'no-such-file.txt'], env());
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('sitrep: SITREP_ERR_INVALID_INPUT: cannot read no-such-file.txt: no such file');
    expect(result.stdout).toBe('');
  });

  it('fails clearly on an invalid configuration', async () => {
    const result = await runCli(['config'], { SITREP_ATTEMPTS: 'lots' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sitrep: SITREP_ERR_CONFIG: .*SITREP_ATTEMPTS/);
  });

  it('prints the effective config with secrets redacted', async () => {
    const result = await runCli(['config'], { REDIS_URL: 'redis://u:hunter2@127.0.0.1:6379' });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('hunter2');
    expect(JSON.parse(result.stdout).queue.prefix).toBe('sitrep');
  });

  it('exits 0 only when every input became a record: 3 when some did not, 4 when none did', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-run-'));
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const article = 'Three people were injured in Sumy on Monday, the regional governor said.\n';
    // In this process, one after another: four tsx start-ups at once are slow on a busy machine.
    const none = await runMain(['run', 'http://127.0.0.1:1/blocked'], env());
    const some = await runMain(['run', file('a.txt', article), 'http://127.0.0.1:1/blocked'], env());
    const referencesOnly = await runMain(['run', file('b.txt', `${article}See http://10.0.0.1/report\n`)], env());
    const strict = await runMain(['run', file('c.txt', `${article}See http://10.0.0.2/report\n`), '--strict'], env());
    expect(none.code, none.stderr).toBe(4);
    expect(none.stderr).toMatch(/exit 4: 1 of 1 input\(s\) did not become a record/);
    expect(some.code, some.stderr).toBe(3);
    expect(some.stderr).toMatch(/1 record, 1 dead letter .*\n[\s\S]*exit 3: 1 of 2 input\(s\)/);
    expect(referencesOnly.code, referencesOnly.stderr).toBe(0);
    expect(referencesOnly.stderr).toMatch(/1 record, 1 dead letter \(SITREP_ERR_BLOCKED_ADDRESS ×1\)/);
    expect(strict.code, strict.stderr).toBe(3);
    expect(strict.stderr).toMatch(/exit 3: 1 unit\(s\) dead-lettered \(--strict\)/);
  });

  it('shows progress while it runs (a plain line when stderr is not a terminal), and exits 5 at --timeout', async () => {
    const server = await startScriptedServer({
      '/slow': async (req, res, ctx) => {
        await sleep(1500);
        await html(articleHtml('A slow page'))(req, res, ctx);
      },
      '/hang': hang(),
    });
    try {
      const allow = { SITREP_FETCH_ALLOW: '127.0.0.1' };
      const [slow, stuck] = await Promise.all([
        runCli(['run', server.url('/slow'), '--progress-every', '0.2'], { ...env(), ...allow }),
        runCli(['run', server.url('/hang'), '--timeout', '1', '--no-progress'], { ...env(), ...allow, SITREP_FETCH_HEADERS_TIMEOUT_MS: '60000' }),
      ]);
      expect(slow.code, slow.stderr).toBe(0);
      expect(slow.stderr).toMatch(/^sitrep run: \d+\.\d s, 0\/1 units finished \(0 records, 0 dead\), 0\.0 units\/s; fetch 1 in flight$/m);
      expect(stuck.code, stuck.stderr).toBe(5);
      expect(stuck.stderr).toMatch(/^sitrep run: not finished after 1 s: 0 records, 0 dead letters of 1 units/m);
      expect(stuck.stderr).not.toMatch(/units finished/);
    } finally {
      await server.close();
    }
  });
});

describe('sitrep run start-up', { timeout: 60_000 }, () => {
  it('its module loads no queue library and no log pretty-printer: the CPU thread starts while this one loads them', () => {
    const [loaded] = packagesLoadedBy(['src/cli/commands/run-command.ts']);
    expect(loaded).toContain('piscina');
    for (const deferred of ['bullmq', 'ioredis', 'pino-pretty']) expect(loaded).not.toContain(deferred);
  });
});
