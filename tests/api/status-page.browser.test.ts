import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../src/api/serve.js';
import { startService, type RunningService } from '../../src/workers/start-service.js';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.js';
import { TOKENS } from './api-test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = new URL('../../test-output/', import.meta.url);
const available = existsSync(CHROMIUM);
if (!available) console.warn(`skipping the status page browser test: ${CHROMIUM} is missing (apt-get install -y chromium)`);

const ARTICLE = `Shelling of the bridge
Original url: https://news.example/2026/02/03/bridge

Twelve people were killed and about 30 were injured in the shelling of the bridge on Monday, officials said.
`;

// A browser and a worker on a loaded 2-core machine: room to wait, not a timing assertion.
describe.skipIf(!available)('status page in a real browser (headless Chromium)', { timeout: 150_000 }, () => {
  let rt: TestRuntime;
  let server: RunningServer;
  let service: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    rt = await createTestRuntime({ api: { tokens: [{ token: TOKENS.client, role: 'client' }, { token: TOKENS.admin, role: 'admin' }] } });
    service = await startService(rt, { metricsPort: 0 });
    server = await serve({ ...rt, host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    mkdirSync(OUTPUT, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await service?.close();
    await rt?.cleanup();
  });

  it('logs in, goes live, and shows a record with its casualty figures right after a submission', async () => {
    const context = await browser.newContext({ httpCredentials: { username: 'operator', password: TOKENS.client }, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}/`);
    await page.locator('#live[data-state="live"]').waitFor({ timeout: 40_000 });
    await page.locator('#queues tr[data-queue="discover"]').waitFor({ timeout: 40_000 });

    const res = await fetch(`${server.url}/v1/articles`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.client}`, 'content-type': 'application/json' }, body: JSON.stringify({ content: ARTICLE }) });
    const { jobId } = (await res.json()) as { jobId: string };
    const row = page.locator(`#records tr[data-record-id="${jobId}"]`);
    await row.waitFor({ timeout: 40_000 });
    expect(await row.textContent()).toContain('news.example/2026/02/03/bridge');
    await expect(row.locator('.fig[data-kind="killed"]').textContent()).resolves.toContain('12');
    const stage = page.locator('#stages tr[data-stage="discover"]');
    await stage.waitFor({ timeout: 40_000 });
    // Rates over the last seconds, not the last full minute (which is 0 right after the first job).
    await page.waitForFunction('Number(document.querySelector(\'#stages tr[data-stage="discover"] td[data-col="per-minute"]\')?.textContent) >= 1', undefined, { timeout: 40_000 });
    await expect(stage.locator('td[data-col="duration"]').textContent()).resolves.toMatch(/^≤.+ \/ ≤/);
    await expect(stage.locator('td[data-col="latency"]').textContent()).resolves.toMatch(/^≤.+ \/ ≤/);
    await expect(stage.locator('td[data-col="wait"]').textContent()).resolves.toMatch(/^≤.+ \/ ≤/);
    await expect(stage.locator('.spark').textContent()).resolves.toMatch(/max \d+\/min.*−15 min.*now/);
    await page.screenshot({ path: new URL('status-page.png', OUTPUT).pathname, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows an admin the dashboard link and dead letters by code with replay; a client neither', async () => {
    const blocked = await fetch(`${server.url}/v1/urls`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.client}`, 'content-type': 'application/json' }, body: JSON.stringify({ urls: ['http://10.9.8.7/private'] }) });
    expect(blocked.status).toBe(202);
    const admin = await browser.newContext({ httpCredentials: { username: 'admin', password: TOKENS.admin } });
    const page = await admin.newPage();
    await page.goto(`${server.url}/`);
    const replay = page.locator('#dead-letters tr[data-code="SITREP_ERR_BLOCKED_ADDRESS"] button[data-replay]');
    await replay.waitFor({ timeout: 40_000 });
    expect(await page.locator('#admin-link').isVisible()).toBe(true);
    expect(await page.locator('#dead-letters tr[data-code="SITREP_ERR_BLOCKED_ADDRESS"] a').getAttribute('href')).toBe('v1/dead-letters?code=SITREP_ERR_BLOCKED_ADDRESS');
    await replay.click();
    await page.locator('#dl-result', { hasText: 'replayed 1 SITREP_ERR_BLOCKED_ADDRESS' }).waitFor({ timeout: 40_000 });
    await admin.close();

    const client = await browser.newContext({ httpCredentials: { username: 'ops', password: TOKENS.client } });
    const view = await client.newPage();
    await view.goto(`${server.url}/`);
    await view.locator('#dead-letters tr[data-code="SITREP_ERR_BLOCKED_ADDRESS"]').waitFor({ timeout: 40_000 });
    expect(await view.locator('#admin-link').isVisible()).toBe(false);
    expect(await view.locator('#dead-letters button').count()).toBe(0);
    await client.close();
  });

  it('fits a phone: nothing overflows the page at 420 px', async () => {
    const context = await browser.newContext({ httpCredentials: { username: 'ops', password: TOKENS.client }, viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator('#stages tr[data-stage]').first().waitFor({ timeout: 40_000 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(420);
    await page.screenshot({ path: new URL('status-page-phone.png', OUTPUT).pathname, fullPage: true });
    await context.close();
  });

  it('opens the bull-board dashboard for an admin, and not for a client', async () => {
    const admin = await browser.newContext({ httpCredentials: { username: 'admin', password: TOKENS.admin } });
    const page = await admin.newPage();
    const response = await page.goto(`${server.url}/admin/queues`);
    expect(response?.status()).toBe(200);
    await page.getByText('discover').first().waitFor({ timeout: 40_000 });
    await page.screenshot({ path: new URL('dashboard.png', OUTPUT).pathname });
    await admin.close();

    const client = await browser.newContext({ httpCredentials: { username: 'ops', password: TOKENS.client } });
    const denied = await (await client.newPage()).goto(`${server.url}/admin/queues`);
    expect(denied?.status()).toBe(403);
    await client.close();
  });
});
