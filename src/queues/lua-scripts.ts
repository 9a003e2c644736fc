import { readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';

export type RedisClient = Redis | Cluster;

interface ScriptSpec {
  file: string;
  keys: number;
}

/** The unit state machine's transitions (src/queues/lua/*.lua): each one atomic, each on one slot. */
export const SCRIPTS = {
  admitUnits: { file: 'admit-units.lua', keys: 2 },
  finishUnit: { file: 'finish-unit.lua', keys: 6 },
  buryUnit: { file: 'bury-unit.lua', keys: 5 },
  noteRetry: { file: 'note-retry.lua', keys: 1 },
  reviveUnit: { file: 'revive-unit.lua', keys: 2 },
  // Per-host politeness (src/queues/host-limiter.ts): each on one host's slot.
  acquireHostSlot: { file: 'acquire-host-slot.lua', keys: 3 },
  confirmHostStart: { file: 'confirm-host-start.lua', keys: 2 },
  markHostStart: { file: 'mark-host-start.lua', keys: 1 },
  releaseHostSlot: { file: 'release-host-slot.lua', keys: 3 },
} as const satisfies Record<string, ScriptSpec>;

export type ScriptName = keyof typeof SCRIPTS;

const sources = new Map<ScriptName, string>();

function scriptSource(name: ScriptName): string {
  let source = sources.get(name);
  if (!source) {
    source = readFileSync(new URL(`./lua/${SCRIPTS[name].file}`, import.meta.url), 'utf8');
    sources.set(name, source);
  }
  return source;
}

const COMMAND_PREFIX = 'sitrep_';

/** Runs one transition script (EVALSHA, loading it on first use); keys first, then arguments. */
export function runScript(redis: RedisClient, name: ScriptName, keys: readonly string[], args: ReadonlyArray<string | number | Buffer>): Promise<unknown> {
  const command = `${COMMAND_PREFIX}${name}`;
  const client = redis as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  if (typeof client[command] !== 'function') redis.defineCommand(command, { numberOfKeys: SCRIPTS[name].keys, lua: scriptSource(name) });
  if (keys.length !== SCRIPTS[name].keys) throw new Error(`${name} takes ${SCRIPTS[name].keys} keys, got ${keys.length}`);
  return client[command](...keys, ...args);
}
