import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encoded, failTimes, html, rateLimited, redirect, respond, startScriptedServer } from './scripted-server.js';

describe('startScriptedServer', () => {
  it('scripts, counts, replaces routes at run time and falls back', async () => {
    const server = await startScriptedServer(
      { '/flaky': failTimes(1, html('ok')), '/moved': redirect('/flaky', 301), '/busy': rateLimited(3), '/boom': () => { throw new Error('crash'); } },
      { fallback: (req, res) => respond({ body: `generated ${req.url}` })(req, res, { count: 0, baseUrl: '' }) },
    );
    try {
      expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(server.url('/flaky'))).status).toBe(503);
      expect(await (await fetch(server.url('/flaky'))).text()).toBe('ok');
      const moved = await fetch(server.url('/moved'), { redirect: 'manual' });
      expect([moved.status, moved.headers.get('location')]).toEqual([301, '/flaky']);
      expect((await fetch(server.url('/busy'))).headers.get('retry-after')).toBe('3');
      expect(await (await fetch(server.url('/page/7?x=1'))).text()).toBe('generated /page/7?x=1');
      await expect(fetch(server.url('/boom'))).rejects.toThrow();

      server.route('/flaky', respond({ status: 503 }));
      expect((await fetch(server.url('/flaky'))).status).toBe(503);
      expect(server.requests('/flaky')).toBe(3);
      expect(server.totalRequests()).toBe(7);
      expect(server.connections()).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('serves legacy encodings byte for byte', async () => {
    const server = await startScriptedServer({ '/ru': encoded('<p>Привет</p>', 'koi8-r') });
    try {
      const response = await fetch(server.url('/ru'));
      expect(response.headers.get('content-type')).toBe('text/html; charset=koi8-r');
      expect(iconv.decode(Buffer.from(await response.arrayBuffer()), 'koi8-r')).toBe('<p>Привет</p>');
    } finally {
      await server.close();
    }
  });
});
