import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// A loader hook (run in the loader's thread) that reports every package an import resolves to,
// synchronously on fd 2, so the reports stay in order with the script's own marks.
const HOOK = `import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const pkg = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url);
  if (pkg) writeSync(2, 'package ' + pkg[1] + '\\n');
  return result;
}`;

/**
 * The packages (from node_modules) that importing each module, one after the other in a fresh
 * process, asks for: what a command pays for at start-up before it does anything.
 * `modules`: paths from the repository root (src/….ts).
 */
export function packagesLoadedBy(modules: string[]): string[][] {
  const script = `import { register } from 'node:module';
import { writeSync } from 'node:fs';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOK)}));
for (const module of ${JSON.stringify(modules.map((m) => `./${m}`))}) {
  await import(module);
  writeSync(2, 'imported\\n');
}`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`importing ${modules.join(', ')} failed: ${child.stderr}`);
  const groups: string[][] = [[]];
  for (const line of child.stderr.split('\n')) {
    if (line === 'imported') groups.push([]);
    else if (line.startsWith('package ')) groups[groups.length - 1].push(line.slice('package '.length));
  }
  return groups.slice(0, modules.length).map((group) => [...new Set(group)].sort());
}
