import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig, redactConfig } from '../src/config/load-config.js';
import { SitrepError, toSitrepError } from '../src/errors/sitrep-error.js';
import { createLogger } from '../src/logger.js';
import { redactSecrets } from '../src/redact-secrets.js';
import { connectRedis } from '../src/redis/redis-connection.js';
import { runCli } from './helpers/run-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every way ioredis takes a password (userinfo, lone user name, query options), plain and TLS, single and lists. */
const FORMS = [
  'redis://:S3cr3tPw@127.0.0.1:1',
  'redis://default:S3cr3tPw@127.0.0.1:1/0',
  'rediss://user:S3cr3tPw@127.0.0.1:1',
  'redis://S3cr3tPw@127.0.0.1:1',
  'redis://127.0.0.1:1/?password=S3cr3tPw',
  'redis://127.0.0.1:1/0?db=1&password=S3cr3tPw&family=4',
  'rediss://127.0.0.1:1?sentinelPassword=S3cr3tPw',
  'redis://127.0.0.1:1?username=u&Password=S3cr3tPw',
  'redis://a:S3cr3tPw@10.0.0.1:7000,redis://b:S3cr3tPw@10.0.0.2:7000',
  'user:S3cr3tPw@127.0.0.1:6379',
  'redis://u:S3cr%40tPw:more@127.0.0.1:1',
];

describe('secrets are never printed, in any form ioredis accepts', () => {
  it('masks each form and keeps the host for diagnosis', () => {
    for (const url of FORMS) {
      const shown = redactSecrets(url);
      expect(shown, url).not.toMatch(/S3cr/);
      expect(shown, url).toMatch(/127\.0\.0\.1|10\.0\.0\.1/);
    }
    expect(redactSecrets('write to bob@example.com at 10:30')).toBe('write to bob@example.com at 10:30');
    expect(redactSecrets('https://example.com/a?page=2')).toBe('https://example.com/a?page=2');
  });

  it('in `sitrep config` (the library call and the CLI)', async () => {
    for (const url of FORMS.filter((u) => URL.canParse(u))) {
      const printed = JSON.stringify(redactConfig(loadConfig({ env: { REDIS_URL: url } })));
      expect(printed, url).not.toContain('S3cr');
    }
    // A setting not marked secret that holds URLs (node lists) is masked too.
    const nodes = redactConfig(loadConfig({ env: { SITREP_FETCH_ALLOW: 'redis://a:S3cr3tPw@10.0.0.1:7000,rediss://10.0.0.2:7000?password=S3cr3tPw' } }));
    expect(JSON.stringify(nodes)).not.toContain('S3cr');
    const cli = await runCli(['config'], { REDIS_URL: 'redis://127.0.0.1:1/?password=S3cr3tPw' });
    expect(cli.code).toBe(0);
    expect(cli.stdout).not.toContain('S3cr');
    expect(JSON.parse(cli.stdout).redis.url).toBe('redis://127.0.0.1:1/?password=***');
  });

  it('in error messages: SITREP_ERR_REDIS_UNAVAILABLE and any SitrepError', async () => {
    const logger = createLogger('silent');
    for (const url of ['redis://127.0.0.1:1/?password=S3cr3tPw', 'rediss://u:S3cr3tPw@127.0.0.1:1']) {
      const error = await connectRedis(loadConfig({ env: { REDIS_URL: url } }), logger).catch((e: unknown) => e as SitrepError);
      expect(error).toBeInstanceOf(SitrepError);
      expect((error as SitrepError).code).toBe('SITREP_ERR_REDIS_UNAVAILABLE');
      expect((error as SitrepError).message).toContain('127.0.0.1:1');
      expect((error as SitrepError).message).not.toContain('S3cr');
    }
    expect(toSitrepError(new Error('connect to redis://:S3cr3tPw@h failed')).message).not.toContain('S3cr');
  });

  it('in log lines of the root logger: messages, fields and serialized errors', async () => {
    const script = `
      import { createLogger } from './src/logger.ts';
      const log = createLogger('info').child({ worker: 'w1' });
      log.info({ redis: ${JSON.stringify(FORMS[4])}, nodes: [${JSON.stringify(FORMS[8])}] }, ${JSON.stringify(`connecting to ${FORMS[0]}`)});
      log.error({ err: new Error(${JSON.stringify(`lost ${FORMS[2]}`)}) }, 'failed');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise((resolve) => child.on('close', resolve));
    const lines = stderr.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(stderr).toContain('127.0.0.1');
    expect(stderr).not.toContain('S3cr');
  });
});
