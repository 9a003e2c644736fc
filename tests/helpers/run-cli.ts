import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { offlineArgv } from './offline.js';

const ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunCliOptions {
  /** In a network namespace of its own: no resolver, no Redis on 6379 (see helpers/offline.ts). */
  offline?: boolean;
}

/** Spawns `sitrep <args>` as a user would, with only the given SITREP_* variables set. */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string, options: RunCliOptions = {}): Promise<CliResult> {
  const started = Date.now();
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SITREP_') && k !== 'REDIS_URL'));
  const argv: [string, string[]] = [process.execPath, ['--import', 'tsx', ENTRY, ...args]];
  const [command, commandArgs] = options.offline ? offlineArgv(...argv) : argv;
  const child = spawn(command, commandArgs, { cwd: ROOT, env: { ...clean, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  if (input !== undefined) child.stdin.end(input);
  else child.stdin.end();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })));
}
