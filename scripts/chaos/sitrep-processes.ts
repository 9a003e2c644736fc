import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/**
 * `sitrep` as separate processes, the way an operator runs it: worker processes that can be killed
 * and replaced, and CLI commands (enqueue, status, dlq) whose exit code and output are read.
 */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** How to start the CLI: the built one (bin/sitrep.js → dist/), or from source through tsx (tests). */
export type CliMode = 'dist' | 'source';

export function cliCommand(mode: CliMode): string[] {
  return mode === 'dist' ? [join(ROOT, 'bin/sitrep.js')] : ['--import', 'tsx', join(ROOT, 'tests/helpers/cli-entry.ts')];
}

/** Brings dist/ up to date with `npm run build` (what `npm ci` does through prepare: tsc, and the Lua scripts copied), so bin/sitrep.js runs this tree's code. */
export function buildDist(): void {
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** The parent's environment without sitrep settings, plus the given ones: each run is configured by its own file. */
export function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SITREP_') && k !== 'REDIS_URL'));
  return { ...clean, ...extra };
}

const running = new Set<ChildProcess>();

/** Registers a child so that killSitrepProcessesSync stops it too. */
export function tracked<T extends ChildProcess>(child: T): T {
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

/** SIGKILLs every sitrep process started here that still runs: for an exit handler (Ctrl-C). */
export function killSitrepProcessesSync(): void {
  for (const child of running) child.kill('SIGKILL');
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs one CLI command to the end; SIGKILL on the way (a crashed submission) once `killWhen` answers true (polled every 20 ms). */
export async function runSitrep(mode: CliMode, args: string[], env: NodeJS.ProcessEnv, options: { killWhen?: () => Promise<boolean> } = {}): Promise<CliRun> {
  const started = Date.now();
  const child = tracked(spawn(process.execPath, [...cliCommand(mode), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const closed = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  let running = true;
  void closed.then(() => (running = false));
  if (options.killWhen) {
    while (running && !(await options.killWhen().catch(() => false))) await sleep(20);
    if (running) child.kill('SIGKILL');
  }
  const [code, signal] = await closed;
  return { code, signal, stdout, stderr, ms: Date.now() - started };
}

/** CPU time (user + system) and peak RSS of a live process, from /proc (Linux). */
export function processUsage(pid: number): { cpuMs: number; peakRssBytes: number } | undefined {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return { cpuMs: ticks * 10, peakRssBytes: Number(hwm ?? 0) * 1024 };
  } catch {
    return undefined;
  }
}

export interface WorkerPoolOptions {
  mode: CliMode;
  env: NodeJS.ProcessEnv;
  /** Worker processes kept running. */
  size: number;
  /** Each worker's stderr (its JSON logs) is appended to `<logDir>/worker-<slot>.log`. */
  logDir: string;
  /** More `sitrep worker` arguments. */
  args?: string[];
}

export interface PoolEvents {
  /** Processes started, replacements included. */
  started: number;
  /** Exits nobody asked for (a worker that gave up on its own); each is replaced after a second. */
  unexpectedExits: Array<{ slot: number; code: number | null; signal: string | null }>;
}

/**
 * `size` `sitrep worker` processes. A worker we kill is replaced at once; one that exits on its own
 * is counted and replaced after a second (the supervisor a deployment would have).
 */
export class WorkerPool {
  readonly events: PoolEvents = { started: 0, unexpectedExits: [] };
  private readonly slots: Array<ChildProcess | undefined> = [];
  private readonly intended = new Set<ChildProcess>();
  private stopping = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  start(): void {
    for (let slot = 0; slot < this.options.size; slot++) this.spawn(slot);
  }

  pids(): number[] {
    return this.slots.flatMap((c) => (c?.pid !== undefined && c.exitCode === null && c.signalCode === null ? [c.pid] : []));
  }

  private spawn(slot: number): void {
    if (this.stopping) return;
    const log = openSync(join(this.options.logDir, `worker-${slot}.log`), 'a');
    const child = tracked(
      spawn(process.execPath, [...cliCommand(this.options.mode), 'worker', ...(this.options.args ?? [])], {
        cwd: ROOT,
        env: this.options.env,
        stdio: ['ignore', log, log],
      }),
    );
    closeSync(log);
    this.slots[slot] = child;
    this.events.started++;
    child.on('exit', (code, signal) => {
      if (this.slots[slot] !== child || this.stopping) return;
      if (this.intended.delete(child)) return this.spawn(slot);
      this.events.unexpectedExits.push({ slot, code, signal });
      setTimeout(() => this.spawn(slot), 1000);
    });
  }

  /** Sends `signal` to a random live worker (replaced as soon as it exits); its PID, or undefined. */
  signalRandom(signal: NodeJS.Signals, rand: () => number): number | undefined {
    const live = this.slots.filter((c): c is ChildProcess => c !== undefined && c.exitCode === null && c.signalCode === null);
    if (live.length === 0) return undefined;
    const victim = live[Math.floor(rand() * live.length)];
    this.intended.add(victim);
    victim.kill(signal);
    return victim.pid;
  }

  /** The live worker processes (for CPU and RSS readings). */
  live(): ChildProcess[] {
    return this.slots.filter((c): c is ChildProcess => c !== undefined && c.exitCode === null && c.signalCode === null);
  }

  /** SIGTERM to all (graceful), SIGKILL to any still running after `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    this.stopping = true;
    const live = this.live();
    await Promise.all(
      live.map(async (child) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const exit = once(child, 'exit');
        child.kill('SIGTERM');
        await exit;
        clearTimeout(timer);
      }),
    );
  }
}
