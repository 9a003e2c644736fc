import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

function capture(format: 'auto' | 'json' | 'pretty', tty = false) {
  const out = Object.assign(new PassThrough(), { isTTY: tty });
  let text = '';
  out.on('data', (d) => (text += d));
  const logger = createLogger('info', { format, destination: out });
  return { logger, text: () => text };
}

describe('createLogger', () => {
  it('pretty: a readable line (level name, clock time, message, fields), secrets still redacted', () => {
    const { logger, text } = capture('pretty');
    logger.info({ queue: 'fetch', headers: { authorization: 'Bearer hunter2hunter2hunter2' } }, 'workers started');
    expect(text()).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: workers started\n/);
    expect(text()).toContain('queue: "fetch"');
    expect(text()).not.toContain('hunter2');
    expect(text()).not.toContain('"level":30');
  });

  it('json: one JSON object per line for collectors', () => {
    const { logger, text } = capture('json');
    logger.warn({ queue: 'fetch' }, 'slow');
    expect(JSON.parse(text())).toMatchObject({ level: 40, msg: 'slow', queue: 'fetch', app: 'sitrep' });
  });

  it('masks secret fields at the top level and nested (token, password, secret, authorization, cookies)', () => {
    const { logger, text } = capture('json');
    logger.info({ token: 'hunter2a', job: { password: 'hunter2b' }, req: { headers: { authorization: 'Basic hunter2c', cookie: 'sid=hunter2d' } }, secret: 'hunter2e' }, 'x');
    expect(text()).not.toContain('hunter2');
    expect(JSON.parse(text())).toMatchObject({ token: '[redacted]', job: { password: '[redacted]' }, req: { headers: { authorization: '[redacted]' } } });
  });

  it('auto: readable on a terminal, JSON otherwise', () => {
    const tty = capture('auto', true);
    tty.logger.info('hello');
    expect(tty.text()).toMatch(/INFO.*hello/);
    const pipe = capture('auto', false);
    pipe.logger.info('hello');
    expect(JSON.parse(pipe.text())).toMatchObject({ msg: 'hello' });
  });
});
