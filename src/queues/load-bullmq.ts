import { createRequire } from 'node:module';

// BullMQ is CommonJS: an ESM `import` of it makes Node scan its index and every file it re-exports
// for export names first (cjs-module-lexer), ~135 ms of every command's start-up; require() skips that.
const bullmq = createRequire(import.meta.url)('bullmq') as typeof import('bullmq');

export const { Queue, Worker, DelayedError, UnrecoverableError } = bullmq;
export type Queue<T = unknown, R = unknown, N extends string = string> = import('bullmq').Queue<T, R, N>;
export type Worker<T = unknown, R = unknown, N extends string = string> = import('bullmq').Worker<T, R, N>;
