import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listSettings } from '../../src/config/config-schema.js';
import { loadConfig, redactConfig } from '../../src/config/load-config.js';

const defaults = JSON.parse(readFileSync(new URL('../../config/default.json', import.meta.url), 'utf8'));

describe('config', () => {
  it('has a default in config/default.json and a SITREP_ env var for every setting, each env var once', () => {
    const settings = listSettings();
    for (const { path, def } of settings) {
      const value = path.split('.').reduce((node, key) => (node as Record<string, unknown>)?.[key], defaults as unknown);
      expect(value, `default for ${path}`).not.toBeUndefined();
      expect(def.env).toMatch(/^SITREP_[A-Z0-9_]+$/);
    }
    const names = settings.map((s) => s.def.env);
    expect(new Set(names).size).toBe(names.length);
  });

  it('loads the defaults', () => {
    const config = loadConfig({ env: {} });
    expect(config.queue.prefix).toBe('sitrep');
    expect(config.redis.url).toBeNull();
  });

  it('layers file < env < overrides, coercing env strings by type', () => {
    const config = loadConfig({
      env: { SITREP_ATTEMPTS: '7', SITREP_REDIS_EMBEDDED: 'false', SITREP_FETCH_ALLOW: '127.0.0.1, 10.0.0.0/8', REDIS_URL: 'redis://:pw@db:6379/0' },
      overrides: { queue: { concurrency: 9 } },
    });
    expect(config.queue.attempts).toBe(7);
    expect(config.redis.embedded).toBe(false);
    expect(config.fetch.allow).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(config.redis.url).toBe('redis://:pw@db:6379/0');
    expect(config.queue.concurrency).toBe(9);
  });

  it('prefers the SITREP_ name over its conventional alias', () => {
    const config = loadConfig({ env: { REDIS_URL: 'redis://a:6379', SITREP_REDIS_URL: 'redis://b:6379' } });
    expect(config.redis.url).toBe('redis://b:6379');
  });

  it('rejects bad values with a message naming the setting', () => {
    expect(() => loadConfig({ env: { SITREP_ATTEMPTS: 'many' } })).toThrow(/SITREP_ATTEMPTS/);
    expect(() => loadConfig({ env: { SITREP_ATTEMPTS: '0' } })).toThrow(/queue\.attempts/);
    expect(() => loadConfig({ env: { SITREP_QUEUE_PREFIX: 'a:b' } })).toThrow(/queue\.prefix/);
    expect(() => loadConfig({ env: {}, file: '/nonexistent/sitrep.json' })).toThrow(/cannot read config file/);
  });

  it('redacts secrets when printed', () => {
    const config = loadConfig({ env: { REDIS_URL: 'redis://user:hunter2@db:6379' } });
    const printed = JSON.stringify(redactConfig(config));
    expect(printed).not.toContain('hunter2');
    expect(printed).toContain('db:6379');
  });
});

describe('README configuration table', () => {
  it('lists every setting with its env var', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const { path, def } of listSettings()) {
      expect(readme, path).toContain(`\`${path}\``);
      expect(readme, def.env).toContain(`\`${def.env}\``);
    }
  });
});
