import { createRequire } from 'node:module';

// ioredis is CommonJS: an ESM `import` of it makes Node scan its sources for export names first
// (cjs-module-lexer), ~70 ms of every command's start-up; require() skips that.
const ioredis = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');

export const { Redis, Cluster } = ioredis;
export type Redis = import('ioredis').Redis;
export type Cluster = import('ioredis').Cluster;
