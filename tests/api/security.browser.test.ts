import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../src/api/serve.js';
import { startService, type RunningService } from '../../src/workers/start-service.js';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.js';
import { TOKENS } from './api-test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`skipping the browser security test: ${CHROMIUM} is missing (apt-get install -y chromium)`);

/** Another origin's page that posts a form to the API as soon as it loads: the forgery of issue #9. */
function forgeryPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${name}" value='${value}'>`).join('');
  return `<!doctype html><title>cute cats</title><form method="POST" enctype="text/plain" action="${action}">${inputs}</form><script>document.forms[0].submit()</script>`;
}

describe.skipIf(!available)('browser security (headless Chromium, offline)', () => {
  let rt: TestRuntime;
  let server: RunningServer;
  let service: RunningService;
  let browser: Browser;
  let evil: Server;
  let evilUrl: string;
  let evilPage = '';

  beforeAll(async () => {
    rt = await createTestRuntime({ api: { tokens: [{ token: TOKENS.client, role: 'client' }, { token: TOKENS.admin, role: 'admin' }] } });
    service = await startService(rt, { metricsPort: 0 });
    server = await serve({ ...rt, host: '127.0.0.1', port: 0 });
    evil = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(evilPage));
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => evil?.close(resolve));
    await server?.close();
    await service?.close();
    await rt?.cleanup();
  });

  /**
   * A logged-in browser with no internet: anything not on this machine is aborted and remembered, as
   * are console errors (CSP violations are reported there) and uncaught page errors.
   */
  async function loggedIn(token: string): Promise<{ context: BrowserContext; page: Page; problems: string[]; external: string[] }> {
    const context = await browser.newContext({ httpCredentials: { username: 'someone', password: token } });
    const problems: string[] = [];
    const external: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith(evilUrl)) return route.continue();
      external.push(url);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    return { context, page, problems, external };
  }

  it('shows the status page under its CSP with no console errors and nothing fetched from the internet', async () => {
    const { context, page, problems, external } = await loggedIn(TOKENS.client);
    const response = await page.goto(`${server.url}/`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
    await page.locator('#live[data-state="live"]').waitFor({ timeout: 10_000 });
    await page.locator('#queues tr[data-queue="discover"]').waitFor({ timeout: 10_000 });
    expect(problems).toEqual([]);
    expect(external).toEqual([]);
    await context.close();
  });

  it('shows bull-board under its CSP with no console errors, its fonts not fetched', async () => {
    const { context, page, problems, external } = await loggedIn(TOKENS.admin);
    const response = await page.goto(`${server.url}/admin/queues`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByText('discover').first().waitFor({ timeout: 15_000 });
    await page.getByText('fetch', { exact: true }).first().click();
    await page.waitForLoadState('networkidle');
    // Its own actions are same-origin requests: the cross-site guard lets them through.
    const [queue] = rt.queues.queues();
    const paused = await page.evaluate(async (name) => (await fetch(`api/queues/${name}/pause`, { method: 'PUT' })).status, queue.name);
    expect(paused).toBe(200);
    expect(await queue.isPaused()).toBe(true);
    await queue.resume();
    expect(problems).toEqual([]);
    expect(external).toEqual([]);
    await context.close();
  });

  it('refuses a cross-origin form post for a logged-in client: no article is planted', async () => {
    const { context, page } = await loggedIn(TOKENS.client);
    expect((await page.goto(`${server.url}/v1/status`))?.status()).toBe(200); // logged in
    evilPage = forgeryPage(`${server.url}/v1/articles`, { '{"content":"planted': 'x"}' });
    const answer = page.waitForResponse((r) => r.url() === `${server.url}/v1/articles`);
    await page.goto(evilUrl);
    const response = await answer;
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('SITREP_ERR_CROSS_SITE');
    expect(await rt.queues.queue('discover').count()).toBe(0);
    await context.close();
  });

  it('refuses a cross-origin form post for a logged-in admin: dead letters are not replayed', async () => {
    const { context, page } = await loggedIn(TOKENS.admin);
    expect((await page.goto(`${server.url}/v1/dead-letters`))?.status()).toBe(200); // logged in
    evilPage = forgeryPage(`${server.url}/v1/dead-letters/replay`, { x: 'y' });
    const answer = page.waitForResponse((r) => r.url() === `${server.url}/v1/dead-letters/replay`);
    await page.goto(evilUrl);
    const response = await answer;
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('SITREP_ERR_CROSS_SITE');
    await context.close();
  });
});
