// The chaos harness's origin, a process of its own on loopback: answers each URL as its behaviour
// says (scripts/chaos/behaviours.ts). Prints its port on stdout; exits when its parent's stdin pipe
// closes (the harness ended, however it ended).
import { routeFor } from './behaviours.js';
import { startScriptedServer } from '../../tests/helpers/scripted-server.js';

const server = await startScriptedServer({}, { fallback: (req, res, context) => routeFor(new URL(req.url ?? '/', context.baseUrl).pathname)(req, res, context) });
process.stdout.write(`${server.port}\n`);
const stop = () => void server.close().finally(() => process.exit(0));
process.stdin.on('end', stop).on('error', stop).resume();
process.once('SIGTERM', stop);
