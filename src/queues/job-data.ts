import type { ParsedArticle } from '../record/record.js';

/**
 * One job per unit, from admission to record or dead letter. fetch: a URL is fetched, parsed,
 * extracted and emitted; discover: a pasted article's references are admitted, then it is parsed,
 * extracted and emitted. No page body and no intermediate article ever crosses Redis.
 */
export const STAGES = ['discover', 'fetch'] as const;
export type StageName = (typeof STAGES)[number];

/** A pipeline stage's queue, as opposed to the dead-letter or a webhook queue. */
export function isStage(queueName: string): queueName is StageName {
  return (STAGES as readonly string[]).includes(queueName);
}

/** The trace of pipeline job data; null for jobs of other queues (webhook deliveries). */
export function traceOf(data: unknown): JobTrace | null {
  const d = data as Partial<JobTrace> | null;
  return d && typeof d.unitId === 'string' && typeof d.runId === 'string' ? (d as JobTrace) : null;
}

/** Carried by every job so a unit of work can be traced from submission to record or dead letter. */
export interface JobTrace {
  /** The submission (CLI invocation, API request) this unit belongs to. */
  runId: string;
  /** One unit = one would-be record; its id is the record id. */
  unitId: string;
  /** 0 for what an operator submitted, 1 for its references, … */
  depth: number;
  /** Record id of the article that referenced this one. */
  parentId: string | null;
}

export type DiscoverInput =
  | { kind: 'url'; url: string }
  | {
      kind: 'article';
      /** Plain text, Markdown or HTML. */
      content: string;
      /** text/plain, text/markdown or text/html; sniffed when absent. */
      contentType?: string;
      /** The article's own URL when the submitter knows it. */
      url?: string;
      /** Where it came from (file name), for logs and dead letters. */
      name?: string;
    };

export interface DiscoverJobData extends JobTrace {
  input: Extract<DiscoverInput, { kind: 'article' }>;
  /** Operator labels given at submission. */
  metadata?: Record<string, string>;
}

export interface FetchJobData extends JobTrace {
  url: string;
  /** Operator labels given at submission. */
  metadata?: Record<string, string>;
}

/** A parsed article and where it came from: what a record is built from (in the worker, never in Redis). */
export interface ParsedUnit extends JobTrace {
  source: 'fetched' | 'submitted';
  article: ParsedArticle;
  finalUrl: string | null;
  fetchedAt: string | null;
}

/** How a pipeline job ended: a new record (or version), or a refetch that found nothing new. */
export type UnitOutcome = 'record' | 'unchanged' | 'not-modified';

export interface StageJobData {
  discover: DiscoverJobData;
  fetch: FetchJobData;
}
