// The sites of bench:politeness, in a process of their own (forked by scripts/bench-politeness.ts,
// detached: its own session, so its own scheduling group). Each site stamps a request's arrival
// on this process's event loop; in the bench's process, at the default priority of a loaded
// 2-core machine, the stamps came up to 640 ms after the worker wrote the request (checked
// against Redis-side marks of each write) and one late stamp made the next gap look short:
// "violations" no worker made. Here nothing else runs on the loop, and the process's group takes
// the highest priority (nice -20) when it may, so a stamp is the arrival, give or take a few ms.
import { writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { articleHtml } from '../tests/helpers/article-html.js';
import { startMeteredHost, type MeteredHost } from '../tests/helpers/metered-host.js';

/** What the bench asks for: the sites (address, how long a page takes) and their robots.txt. */
export interface SitesSpec {
  sites: Array<{ address: string; answerMs: number }>;
  robots: string;
}

/** What the sites tell the bench, once started ("ready") and when asked at the end ("report"). */
export type SitesMessage =
  | { kind: 'ready'; baseUrls: string[]; clock: string }
  | { kind: 'report'; hosts: Array<{ host: string; log: MeteredHost['log']; maxInFlight: number }>; loopLateMaxMs: number; loopLateP99Ms: number };

/** Nice -20 for the process's scheduling group (autogroup: a session's nice) and its main thread; what it got, in words. */
function raisePriority(): string {
  const got: string[] = [];
  try {
    writeFileSync('/proc/self/autogroup', '-20');
    got.push('own scheduling group at nice -20');
  } catch {
    // No autogroup (or no right to raise it): the thread's own nice is all there is.
  }
  try {
    setPriority(-20);
    got.push('nice -20');
  } catch (error) {
    got.push(`default priority (${(error as Error).message}): expect coarser stamps on a loaded machine`);
  }
  return got.join(', ');
}

const send = (message: SitesMessage) => process.send?.(message);
const spec = JSON.parse(process.argv[2]) as SitesSpec;
const loop = monitorEventLoopDelay({ resolution: 10 });
const hosts: MeteredHost[] = [];
for (const site of spec.sites) {
  hosts.push(
    await startMeteredHost(site.address, async (_req, res, path) => {
      if (path === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(spec.robots);
        return;
      }
      await new Promise((r) => setTimeout(r, site.answerMs));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articleHtml(`Report ${path} from ${site.address}`));
    }),
  );
}
const clock = raisePriority();
loop.enable();
process.on('message', async (message) => {
  if (message !== 'report') return;
  send({
    kind: 'report',
    hosts: hosts.map((h) => ({ host: h.host, log: h.log, maxInFlight: h.maxInFlight() })),
    loopLateMaxMs: loop.max / 1e6,
    loopLateP99Ms: loop.percentile(99) / 1e6,
  });
  await Promise.all(hosts.map((h) => h.close()));
  process.disconnect();
});
// The bench is gone (it ended, or died): so are its sites.
process.on('disconnect', () => process.exit(0));
send({ kind: 'ready', baseUrls: hosts.map((h) => h.baseUrl), clock });
