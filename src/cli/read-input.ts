import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { SitrepError } from '../errors/sitrep-error.js';
import { sniffContentType } from '../pipeline/discover/plan-discovery.js';

export type CliInput = { kind: 'url'; url: string } | { kind: 'article'; content: string; contentType: string; name: string };

const TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a file (or stdin for '-') as UTF-8 text; a clear coded error when it cannot. */
export async function readText(path: string): Promise<string> {
  if (path === '-') return readStdin();
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new SitrepError('SITREP_ERR_INVALID_INPUT', `cannot read ${path}: ${reason}`);
  }
}

/** A URL stays a URL; anything else is a file (or '-' for stdin) holding an article. */
export async function readInput(arg: string): Promise<CliInput> {
  if (/^https?:\/\//i.test(arg)) return { kind: 'url', url: arg };
  const content = await readText(arg);
  if (content.trim() === '') throw new SitrepError('SITREP_ERR_INVALID_INPUT', `${arg === '-' ? 'stdin' : arg} is empty`);
  return { kind: 'article', content, contentType: sniffContentType(content, TYPES[extname(arg).toLowerCase()]), name: arg === '-' ? 'stdin' : arg };
}
