// Runs the CLI from source (tests must not depend on a stale dist/).
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
// The command is over: whatever is left (an abandoned fetch after --timeout) must not keep the process alive.
setTimeout(() => process.exit(), 2000).unref();
