import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runMain as sitrep } from '../helpers/run-main.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

describe('sitrep arguments', () => {
  it.each([
    [['run', '-', '--timeout', 'abc'], '--timeout'],
    [['run', '-', '--timeout', '0'], '--timeout'],
    [['run', '-', '--progress-every', 'often'], '--progress-every'],
    [['dlq', 'list', '--limit', 'abc'], '--limit'],
    [['dlq', 'list', '--limit', '-1'], '--limit'],
    [['dlq', 'list', '--offset', '1.5'], '--offset'],
    [['worker', '--concurrency', '0'], '--concurrency'],
    [['serve', '--port', 'abc'], '--port'],
    [['serve', '--port', '70000'], '--port'],
    [['tail', '--from', 'bogus'], '--from'],
  ])('%j is refused as a usage error (exit 2) before anything runs', async (args, option) => {
    const result = await sitrep(args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`option '${option}`);
    expect(result.stderr).toMatch(/is invalid/);
  });

  it('--version prints the version', async () => {
    const result = await sitrep(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it('--help has examples, exit codes and every environment variable', async () => {
    const result = await sitrep(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Examples:\n  sitrep run ');
    expect(result.stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 .*\n {2}4 .*\n {2}5 /);
    for (const env of ['SITREP_REDIS_URL, REDIS_URL', 'SITREP_API_TOKENS', 'SITREP_LOG_LEVEL', 'SITREP_CONFIG']) expect(result.stdout).toContain(env);
  });
});
