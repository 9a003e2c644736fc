import { readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';
import { addPrioritizedJob } from 'bullmq/dist/esm/scripts/addPrioritizedJob-9.js';
import { addStandardJob } from 'bullmq/dist/esm/scripts/addStandardJob-9.js';

export type RedisClient = Redis | Cluster;

/** BullMQ's own add scripts, embedded where a script says `--- @bullmq <name>`, so a job is added in the same step. */
const BULLMQ_SCRIPTS: Record<string, string> = {
  addStandardJob: addStandardJob.content,
  addPrioritizedJob: addPrioritizedJob.content,
};

interface ScriptSpec {
  file: string;
  keys: number;
}

/** The unit state machine's transitions (src/queues/lua/*.lua): each one atomic, each on one slot. */
export const SCRIPTS = {
  admitUnits: { file: 'admit-units.lua', keys: 20 },
  finishUnit: { file: 'finish-unit.lua', keys: 5 },
  buryUnit: { file: 'bury-unit.lua', keys: 4 },
  noteRetry: { file: 'note-retry.lua', keys: 1 },
  reviveUnit: { file: 'revive-unit.lua', keys: 2 },
  // Per-host politeness (src/queues/host-limiter.ts): each on one host's slot.
  acquireHostSlot: { file: 'acquire-host-slot.lua', keys: 3 },
  markHostStart: { file: 'mark-host-start.lua', keys: 1 },
  releaseHostSlot: { file: 'release-host-slot.lua', keys: 3 },
} as const satisfies Record<string, ScriptSpec>;

export type ScriptName = keyof typeof SCRIPTS;

const sources = new Map<ScriptName, string>();

/** A Lua file with BullMQ's scripts wrapped in local functions of the same name (KEYS and ARGV become parameters). */
export function scriptSource(name: ScriptName): string {
  let source = sources.get(name);
  if (!source) {
    const raw = readFileSync(new URL(`./lua/${SCRIPTS[name].file}`, import.meta.url), 'utf8');
    source = raw.replace(/^--- @bullmq (\w+)$/gm, (_, script: string) => {
      const content = BULLMQ_SCRIPTS[script];
      if (!content) throw new Error(`unknown BullMQ script ${script}`);
      return `local function ${script}(KEYS, ARGV)\n${content}\nend`;
    });
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
