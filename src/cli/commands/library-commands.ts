import { SitrepError } from '../../errors/sitrep-error.js';
import { extractFacts } from '../../pipeline/extract/extract-facts.js';
import { parseArticle } from '../../pipeline/parse/parse-article.js';
import { readInput, readText } from '../read-input.js';

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `sitrep parse <file> [--url U]`: the parse stage alone, no Redis. */
export async function parseCommand(file: string, options: { url?: string }): Promise<number> {
  const input = await readInput(file);
  if (input.kind === 'url') throw new SitrepError('SITREP_ERR_INVALID_INPUT', 'sitrep parse takes a file (or -), not a URL: use `sitrep run <url>` to fetch');
  const body = input.contentType === 'text/html' ? { html: input.content } : { text: input.content };
  print(parseArticle({ ...body, url: options.url ?? null, contentType: input.contentType }));
  return 0;
}

/** `sitrep extract <file|-> [--published-at D]`: entities and casualty figures of a text, no Redis. */
export async function extractCommand(file: string, options: { publishedAt?: string }): Promise<number> {
  if (options.publishedAt !== undefined && Number.isNaN(Date.parse(options.publishedAt))) {
    throw new SitrepError('SITREP_ERR_INVALID_INPUT', `--published-at ${JSON.stringify(options.publishedAt)} is not an ISO 8601 date`);
  }
  print(extractFacts(await readText(file), { publishedAt: options.publishedAt ?? null }));
  return 0;
}
