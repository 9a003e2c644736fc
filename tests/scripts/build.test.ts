import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A one-file project with the real build script and the repository's TypeScript. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-build-'));
  mkdirSync(join(dir, 'scripts'));
  cpSync(join(ROOT, 'scripts/build.mjs'), join(dir, 'scripts/build.mjs'));
  mkdirSync(join(dir, 'src/queues/lua'), { recursive: true });
  writeFileSync(join(dir, 'src/a.ts'), 'export const a = 1;\n');
  writeFileSync(join(dir, 'src/queues/lua/x.lua'), 'return 1\n');
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
  writeFileSync(join(dir, 'tsconfig.json'), '{"compilerOptions": {"module": "nodenext", "target": "es2022", "strict": true, "types": []}}\n');
  writeFileSync(join(dir, 'tsconfig.build.json'), '{"extends": "./tsconfig.json", "compilerOptions": {"rootDir": "src", "outDir": "dist"}, "include": ["src"]}\n');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// tsc starts slowly on a loaded machine: room, not a timing assertion.
describe('scripts/build.mjs', { timeout: 120_000 }, () => {
  it('--if-stale (prepare, also run by the first `npx sitrep`) builds only when a source changed since the last build', () => {
    const dir = project();
    dirs.push(dir);
    const build = (...args: string[]) => spawnSync(process.execPath, ['scripts/build.mjs', ...args], { cwd: dir, encoding: 'utf8' });
    const built = join(dir, 'dist/a.js');

    expect(build('--if-stale').status).toBe(0);
    expect(existsSync(built)).toBe(true);
    expect(existsSync(join(dir, 'dist/queues/lua/x.lua'))).toBe(true);

    rmSync(built);
    expect(build('--if-stale').status).toBe(0);
    expect(existsSync(built), 'nothing changed: no build').toBe(false);

    writeFileSync(join(dir, 'src/a.ts'), 'export const a = 2;\n');
    expect(build('--if-stale').status).toBe(0);
    expect(existsSync(built), 'a source changed: built').toBe(true);
  });

  it('--if-stale builds nothing in a copy without sources (the Docker image, where `npx sitrep` runs prepare too)', () => {
    const dir = project();
    dirs.push(dir);
    rmSync(join(dir, 'src'), { recursive: true });
    const result = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: dir, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });
});
