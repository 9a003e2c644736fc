import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SitrepError } from '../errors/sitrep-error.js';
import { redactSecrets } from '../redact-secrets.js';
import { configSchema, listSettings, type SettingDefinition, type SitrepConfig } from './config-schema.js';

const DEFAULT_FILE = fileURLToPath(new URL('../../config/default.json', import.meta.url));

export interface LoadConfigOptions {
  /** A JSON file layered over config/default.json. Default: $SITREP_CONFIG, else none. */
  file?: string;
  /** Environment to read SITREP_* variables from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Values layered last (CLI flags, tests). */
  overrides?: DeepPartial<SitrepConfig>;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

type Json = Record<string, unknown>;

function readJson(path: string): Json {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Json;
  } catch (error) {
    throw new SitrepError('SITREP_ERR_CONFIG', `cannot read config file ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: Json, layer: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? merge(out[key] as Json, value) : value;
  }
  return out;
}

function parseEnvValue(raw: string, def: SettingDefinition, name: string): unknown {
  switch (def.envKind) {
    case 'string':
      return raw === '' ? null : raw;
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || Number.isNaN(n)) throw new SitrepError('SITREP_ERR_CONFIG', `${name}=${JSON.stringify(raw)} is not a number`);
      return n;
    }
    case 'boolean':
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off)$/i.test(raw)) return false;
      throw new SitrepError('SITREP_ERR_CONFIG', `${name}=${JSON.stringify(raw)} is not a boolean (true/false)`);
    case 'list':
      return raw.split(',').map((s) => s.trim()).filter(Boolean);
    case 'json':
      try {
        return JSON.parse(raw);
      } catch {
        throw new SitrepError('SITREP_ERR_CONFIG', `${name} is not valid JSON`);
      }
  }
}

function setPath(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Json;
  }
  node[keys[keys.length - 1]] = value;
}

function envLayer(env: NodeJS.ProcessEnv): Json {
  const layer: Json = {};
  for (const { path, def } of listSettings()) {
    // The SITREP_ name wins over a conventional alias such as REDIS_URL.
    const name = [def.env, ...(def.envAliases ?? [])].find((n) => env[n] !== undefined);
    if (name) setPath(layer, path, parseEnvValue(env[name] as string, def, name));
  }
  return layer;
}

/** Defaults ← config file ← environment ← overrides, validated once. */
export function loadConfig(options: LoadConfigOptions = {}): SitrepConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.SITREP_CONFIG;
  let merged = readJson(DEFAULT_FILE);
  if (file) merged = merge(merged, readJson(file));
  merged = merge(merged, envLayer(env));
  if (options.overrides) merged = merge(merged, options.overrides as Json);
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new SitrepError('SITREP_ERR_CONFIG', `invalid configuration: ${problems}`);
  }
  return result.data as SitrepConfig;
}

/** A copy safe to print: secret settings masked, credentials masked in URLs (every form ioredis accepts). */
export function redactConfig(config: SitrepConfig): SitrepConfig {
  const copy = structuredClone(config) as unknown as Json;
  for (const { path, def } of listSettings()) {
    if (!def.secret) continue;
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce<Json>((node, key) => node[key] as Json, copy);
    const key = keys[keys.length - 1];
    const value = parent[key];
    if (value === null || value === undefined) continue;
    parent[key] = typeof value === 'string' ? redactString(value) : '[redacted]';
  }
  // Any other URL with credentials (a node list, a setting added later) is masked too.
  return maskCredentials(copy) as unknown as SitrepConfig;
}

function maskCredentials(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (Array.isArray(value)) return value.map(maskCredentials);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskCredentials(v)]));
  return value;
}

function redactString(value: string): string {
  // A URL keeps its host (useful when diagnosing) with every credential form masked; anything else goes.
  const masked = redactSecrets(value);
  return masked !== value || value.includes('://') ? masked : '[redacted]';
}
