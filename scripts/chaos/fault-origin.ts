// The chaos harness's origin, a process of its own on loopback: answers each URL as its behaviour
// says (scripts/chaos/behaviours.ts), each behaviour on an address of its own (a site of its own).
// Prints the base URL of every behaviour as one JSON line on stdout; exits when its parent's stdin
// pipe closes (the harness ended, however it ended).
import { BEHAVIOURS, behaviourHost, routeFor } from './behaviours.js';
import { startScriptedServer } from '../../tests/helpers/scripted-server.js';

const servers = await Promise.all(
  BEHAVIOURS.map((b) => startScriptedServer({}, { host: behaviourHost(b.name), fallback: (req, res, context) => routeFor(new URL(req.url ?? '/', context.baseUrl).pathname)(req, res, context) })),
);
process.stdout.write(`${JSON.stringify(Object.fromEntries(BEHAVIOURS.map((b, i) => [b.name, servers[i].baseUrl])))}\n`);
const stop = () => void Promise.all(servers.map((s) => s.close())).finally(() => process.exit(0));
process.stdin.on('end', stop).on('error', stop).resume();
process.once('SIGTERM', stop);
