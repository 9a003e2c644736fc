// Regenerates the README's configuration and error-code tables from their single sources.
// Usage: npm run docs
import { readFileSync, writeFileSync } from 'node:fs';
import { listSettings } from '../src/config/config-schema.js';
import { ERROR_CODES } from '../src/errors/error-codes.js';

const README = new URL('../README.md', import.meta.url);
const defaults = JSON.parse(readFileSync(new URL('../config/default.json', import.meta.url), 'utf8'));
const valueAt = (path: string) => path.split('.').reduce((n, k) => (n as Record<string, unknown>)?.[k], defaults as unknown);
const cell = (text: string) => text.replaceAll('|', '\\|');

const config = ['| setting | env var | default | meaning |', '| --- | --- | --- | --- |'];
for (const { path, def } of listSettings()) {
  const env = [def.env, ...(def.envAliases ?? [])].map((e) => `\`${e}\``).join(', ');
  config.push(`| \`${path}\` | ${env} | \`${cell(JSON.stringify(valueAt(path)))}\` | ${cell(def.description)}${def.secret ? ' (secret: redacted)' : ''} |`);
}
const errors = ['| code | retried? | meaning |', '| --- | --- | --- |'];
for (const [code, { retryable, description }] of Object.entries(ERROR_CODES)) {
  errors.push(`| \`${code}\` | ${retryable ? 'yes' : 'no → dead letter'} | ${cell(description)} |`);
}

function between(text: string, name: string, body: string[]): string {
  const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`);
  if (!pattern.test(text)) throw new Error(`README.md has no ${name} markers`);
  return text.replace(pattern, (_m, start: string, end: string) => `${start}${body.join('\n')}${end}`);
}

writeFileSync(README, between(between(readFileSync(README, 'utf8'), 'config-table', config), 'error-table', errors));
