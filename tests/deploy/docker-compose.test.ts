import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// No Docker engine here: the compose file is checked for syntax and for the settings BullMQ relies on.
const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true });

describe('docker-compose.yml', () => {
  it('parses and defines redis, worker and api', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['redis', 'worker', 'api', 'prometheus', 'grafana']));
  });

  it('runs Redis durably and without eviction', () => {
    const command = compose.services.redis.command.join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--maxmemory-policy noeviction');
  });

  it('starts the worker and the API with the sitrep CLI against that Redis', () => {
    expect(compose.services.worker.command).toEqual(['npx', 'sitrep', 'worker']);
    expect(compose.services.api.command).toEqual(['npx', 'sitrep', 'serve']);
    expect(compose.services.worker.environment.REDIS_URL).toBe('redis://redis:6379');
  });
});
