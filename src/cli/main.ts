import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { listSettings } from '../config/config-schema.js';
import { toSitrepError } from '../errors/sitrep-error.js';
import { integerOption, secondsOption, streamIdOption } from './cli-options.js';
import { EXIT_CODES, EXIT_CODES_HELP } from './exit-codes.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const EXAMPLES = `Examples:
  sitrep run ../shared/seeds/belgorod-article.txt > records.jsonl   # everything in-process, records on stdout
  sitrep run https://example.org/news/1 https://example.org/news/2 --out records.jsonl
  echo 'Two people were killed in Kharkiv on Monday.' | sitrep run -
  REDIS_URL=redis://redis.internal:6379 sitrep worker --stages fetch --concurrency 32
  sitrep enqueue https://example.org/news/1        # onto the queues, for \`sitrep worker\`
  sitrep status                                    # queues, workers, dead letters, Redis memory
  sitrep dlq list --code SITREP_ERR_TIMEOUT        # then: sitrep dlq replay --all --code SITREP_ERR_TIMEOUT
  SITREP_API_TOKENS='[{"token":"…16+ chars…","role":"admin"}]' sitrep serve --port 3000`;

/** Every setting's environment variable, from the one config schema. */
function environmentHelp(): string {
  const rows = listSettings().map(({ path, def }) => [[def.env, ...(def.envAliases ?? [])].join(', '), path]);
  const width = Math.max(...rows.map(([env]) => env.length));
  return `Environment (over config/default.json and --config; \`sitrep config\` shows the result):\n${rows.map(([env, path]) => `  ${env.padEnd(width)}  ${path}`).join('\n')}\n  ${'SITREP_CONFIG'.padEnd(width)}  a JSON config file, as --config`;
}

type Action = (...args: never[]) => Promise<number>;

// Commands load on use: `sitrep run` should not pay for fastify and bull-board at start-up.
const commands = {
  run: async () => (await import('./commands/run-command.js')).runCommand,
  parse: async () => (await import('./commands/library-commands.js')).parseCommand,
  extract: async () => (await import('./commands/library-commands.js')).extractCommand,
  enqueue: async () => (await import('./commands/queue-commands.js')).enqueueCommand,
  submit: async () => (await import('./commands/queue-commands.js')).submitCommand,
  status: async () => (await import('./commands/status-command.js')).statusCommand,
  worker: async () => (await import('./commands/worker-command.js')).workerCommand,
  dlq: async () => (await import('./commands/dlq-command.js')).dlqCommand,
  tail: async () => (await import('./commands/tail-command.js')).tailCommand,
  serve: async () => (await import('./commands/serve-command.js')).serveCommand,
  config: async () => (await import('./commands/config-command.js')).configCommand,
} satisfies Record<string, () => Promise<Action>>;

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('sitrep')
    .description('Turn news links and pasted articles into structured records: text, entities, casualty figures.')
    .option('-c, --config <file>', 'JSON config layered over config/default.json (or $SITREP_CONFIG)')
    .option('--log-level <level>', 'pino log level (logs go to stderr)')
    .option('--log-format <format>', 'auto (readable on a terminal, JSON otherwise), json or pretty')
    .option('-v, --verbose', 'debug logs, and stack traces on errors')
    .version(version, '-V, --version', 'print the version')
    .addHelpText('after', `\n${EXAMPLES}\n\n${EXIT_CODES_HELP}\n\n${environmentHelp()}`)
    .exitOverride()
    .showHelpAfterError();

  // Every action receives its own options merged with the global ones.
  const wrap =
    (load: () => Promise<Action>) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const opts = { ...program.opts(), ...command.opts() };
      const action = (await load()) as (...a: unknown[]) => Promise<number>;
      setExit(await action(...args.slice(0, -2), opts));
    };

  program
    .command('run')
    .description('run every stage in-process on URLs, files (.txt/.md/.html) or - (stdin) until all are recorded or dead-lettered')
    .argument('<input...>')
    .option('-o, --out <file>', 'write records (JSON Lines) here instead of stdout')
    .option('--timeout <seconds>', 'give up waiting after this long (exit 5)', secondsOption, 600)
    .option('--strict', 'exit 3 when any unit is dead-lettered, references included (default: inputs only)')
    .option('--no-progress', 'no progress display on stderr')
    .option('--progress-every <seconds>', 'when stderr is not a terminal, a progress line this often', secondsOption, 5)
    .addHelpText('after', `\n${EXIT_CODES_HELP}`)
    .action(wrap(commands.run));
  program.command('parse').description('parse an article file (no Redis); JSON to stdout').argument('<file>').option('--url <url>', "the article's own URL").action(wrap(commands.parse));
  program.command('extract').description('entities and casualty figures of a text file or - (no Redis)').argument('<file>').option('--published-at <date>', 'publication date for relative dates').action(wrap(commands.extract));
  program
    .command('enqueue')
    .description('put URLs on the queues; prints job ids')
    .argument('<url...>')
    .option('--refresh', 'fetch again even if recently fetched (conditional request; a changed text makes a new record version)')
    .option('--idempotency-key <key>', 'names this submission: repeating it (say, after a crash) adds only what is missing')
    .action(wrap(commands.enqueue));
  program
    .command('submit')
    .description('put article files on the queues; prints job ids')
    .argument('<file...>')
    .option('--idempotency-key <key>', 'names this submission: repeating it (say, after a crash) adds only what is missing')
    .action(wrap(commands.submit));
  program
    .command('worker')
    .description('run long-lived stage workers; SIGINT/SIGTERM shut down gracefully')
    .option('--stages <list>', 'comma-separated: discover,fetch (default all)')
    .option('--concurrency <n>', 'jobs at once per stage', integerOption(1))
    .option('--grace <seconds>', 'at SIGINT/SIGTERM, how long active jobs may take to finish (a second signal: at once)', secondsOption, 30)
    .action(wrap(commands.worker));
  program.command('status').description('per queue (stages, webhook subscribers): live workers, backlog, last hour done/failed, dead letters; Redis memory and its largest key families').option('--json', 'machine-readable').option('--sample-keys <n>', 'keys sized to find the largest key families', integerOption(1), 10000).action(wrap(commands.status));
  program
    .command('dlq')
    .description('dead letters: list | show <id> | replay <id>|--all | purge <id>|--all')
    .argument('<action>')
    .argument('[id]')
    .option('--all', 'every dead letter (replay, purge), or every one matching --code/--stage')
    .option('--code <code>', 'only dead letters with this error code (list, replay --all, purge --all)')
    .option('--stage <stage>', 'only dead letters of this stage or queue (list, replay --all, purge --all)')
    .option('--yes', 'purge --all without asking')
    .option('--json', 'machine-readable (list)')
    .option('--limit <n>', 'list at most n', integerOption(1), 50)
    .option('--offset <n>', 'list from the n-th', integerOption(0), 0)
    .addHelpText('after', '\nExamples:\n  sitrep dlq list --stage fetch --code SITREP_ERR_HOST_NOT_FOUND\n  sitrep dlq replay --all --code SITREP_ERR_TIMEOUT\n  sitrep dlq purge --all --yes')
    .action(wrap(commands.dlq));
  program.command('tail').description('follow the record stream as a consumer-group member (JSON Lines)').option('--group <name>', 'consumer group', 'sitrep-tail').option('--from <id>', "where a new group starts: '$' new only, '0' all, or an entry id", streamIdOption, '$').option('--claim-after <seconds>', 'take over records another consumer (one that died) left unacknowledged this long', secondsOption, 60).action(wrap(commands.tail));
  program
    .command('serve')
    .description('the HTTP API, live status page (/), dashboard (/admin/queues) and /metrics')
    .option('--host <address>', 'listen address (default api.host)')
    .option('--port <n>', 'listen port (default api.port)', integerOption(0, 65535))
    .option('--grace <seconds>', 'at SIGINT/SIGTERM, how long in-flight requests may take', secondsOption, 10)
    .action(wrap(commands.serve));
  program.command('config').description('print the effective configuration, secrets redacted').action(wrap(commands.config));
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
    if (thrown instanceof CommanderError) return thrown.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    const error = toSitrepError(thrown);
    const verbose = argv.includes('-v') || argv.includes('--verbose');
    process.stderr.write(`sitrep: ${error.code}: ${error.message}\n`);
    if (verbose && error.stack) process.stderr.write(`${(error.cause as Error | undefined)?.stack ?? error.stack}\n`);
    return EXIT_CODES.error;
  }
}
