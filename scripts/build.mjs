// `npm run build`, and with --if-stale `prepare`. prepare runs at `npm ci`, and again when `npx sitrep`
// installs this project into npx's cache — on the first `npx sitrep` after `npm ci` — where a second
// full tsc build cost that run 10–30 s. --if-stale builds only when a source changed since the last
// build. Plain JavaScript: tsx would add its own start-up to every npx first run.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => join(root, path);
/** Touched (to the time the build started) after each successful build. */
const STAMP = at('dist/.build-stamp');
/** What the build reads; a directory's own mtime covers files deleted or renamed in it. */
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

if (process.argv.includes('--if-stale')) {
  // A copy without sources (the Docker image: dist/ built, src/ left out) has nothing to build.
  if (!existsSync(at('src'))) process.exit(0);
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= Math.max(...INPUTS.map((path) => newestChange(at(path))))) process.exit(0);
}
// A source saved while tsc runs must still count as newer than this build.
const started = new Date();
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const { status } = spawnSync(process.execPath, [tsc, '-p', at('tsconfig.build.json')], { stdio: 'inherit' });
if (status !== 0) process.exit(status ?? 1);
cpSync(at('src/queues/lua'), at('dist/queues/lua'), { recursive: true });
writeFileSync(STAMP, '');
utimesSync(STAMP, started, started);
