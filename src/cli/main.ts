import { Command, CommanderError } from 'commander';
import { toSitrepError } from '../errors/sitrep-error.js';
import { configCommand } from './commands/config-command.js';
import { dlqCommand } from './commands/dlq-command.js';
import { extractCommand, parseCommand } from './commands/library-commands.js';
import { enqueueCommand, statusCommand, submitCommand } from './commands/queue-commands.js';
import { runCommand } from './commands/run-command.js';
import { serveCommand } from './commands/serve-command.js';
import { tailCommand } from './commands/tail-command.js';
import { workerCommand } from './commands/worker-command.js';

type Action = (...args: never[]) => Promise<number>;

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('sitrep')
    .description('Turn news links and pasted articles into structured records: text, entities, casualty figures.')
    .option('-c, --config <file>', 'JSON config layered over config/default.json (or $SITREP_CONFIG)')
    .option('--log-level <level>', 'pino log level (logs go to stderr)')
    .option('-v, --verbose', 'debug logs, and stack traces on errors')
    .exitOverride()
    .showHelpAfterError();

  // Every action receives its own options merged with the global ones.
  const wrap =
    (action: Action) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const opts = { ...program.opts(), ...command.opts() };
      setExit(await (action as (...a: unknown[]) => Promise<number>)(...args.slice(0, -2), opts));
    };

  program
    .command('run')
    .description('run every stage in-process on URLs, files (.txt/.md/.html) or - (stdin) until all are recorded or dead-lettered')
    .argument('<input...>')
    .option('-o, --out <file>', 'write records (JSON Lines) here instead of stdout')
    .option('--timeout <seconds>', 'give up waiting after this long', '600')
    .action(wrap(runCommand as Action));
  program.command('parse').description('parse an article file (no Redis); JSON to stdout').argument('<file>').option('--url <url>', "the article's own URL").action(wrap(parseCommand as Action));
  program.command('extract').description('entities and casualty figures of a text file or - (no Redis)').argument('<file>').option('--published-at <date>', 'publication date for relative dates').action(wrap(extractCommand as Action));
  program
    .command('enqueue')
    .description('put URLs on the queues; prints job ids')
    .argument('<url...>')
    .option('--refresh', 'fetch again even if recently fetched (conditional request; a changed text makes a new record version)')
    .action(wrap(enqueueCommand as Action));
  program.command('submit').description('put article files on the queues; prints job ids').argument('<file...>').action(wrap(submitCommand as Action));
  program
    .command('worker')
    .description('run long-lived stage workers; SIGINT/SIGTERM shut down gracefully')
    .option('--stages <list>', 'comma-separated: discover,fetch,parse,extract,emit (default all)')
    .option('--concurrency <n>', 'jobs at once per stage')
    .action(wrap(workerCommand as Action));
  program.command('status').description('job counts per queue and state, dead-letter count').option('--json', 'machine-readable').action(wrap(statusCommand as Action));
  program
    .command('dlq')
    .description('dead letters: list | show <id> | replay <id>|--all | purge <id>|--all')
    .argument('<action>')
    .argument('[id]')
    .option('--all', 'every dead letter (replay, purge)')
    .option('--json', 'machine-readable (list)')
    .option('--limit <n>', 'list at most n', '50')
    .option('--offset <n>', 'list from the n-th', '0')
    .action(wrap(dlqCommand as Action));
  program.command('tail').description('follow the record stream as a consumer-group member (JSON Lines)').option('--group <name>', 'consumer group', 'sitrep-tail').option('--from <id>', "where a new group starts: '$' new only, '0' all", '$').action(wrap(tailCommand as Action));
  program
    .command('serve')
    .description('the HTTP API, live status page (/), dashboard (/admin/queues) and /metrics')
    .option('--host <address>', 'listen address (default api.host)')
    .option('--port <n>', 'listen port (default api.port)')
    .action(wrap(serveCommand as Action));
  program.command('config').description('print the effective configuration, secrets redacted').action(wrap(configCommand as Action));
  return program;
}

/** Parses argv, runs one command, returns the exit code; errors become one clear line on stderr. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (thrown) {
    if (thrown instanceof CommanderError) return thrown.exitCode === 0 ? 0 : 2;
    const error = toSitrepError(thrown);
    const verbose = argv.includes('-v') || argv.includes('--verbose');
    process.stderr.write(`sitrep: ${error.code}: ${error.message}\n`);
    if (verbose && error.stack) process.stderr.write(`${(error.cause as Error | undefined)?.stack ?? error.stack}\n`);
    return 1;
  }
}
