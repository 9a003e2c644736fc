import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const semver = require('semver') as { satisfies(version: string, range: string): boolean; minVersion(range: string): { version: string } };
const pkg = require('../../package.json') as { engines: { node: string }; allowScripts?: Record<string, boolean> };
const lock = require('../../package-lock.json') as { packages: Record<string, { version?: string; optional?: boolean; hasInstallScript?: boolean; engines?: { node?: string } }> };

describe('npm ci prints no engine warnings', () => {
  it('every installed package runs on the oldest Node our engines field allows', () => {
    const oldest = semver.minVersion(pkg.engines.node).version;
    expect(oldest.startsWith('20.')).toBe(true);
    // Platform binaries npm skips (optional) do not warn; everything it installs must accept the oldest Node 20.
    const wanting = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && !p.optional && p.engines?.node && !semver.satisfies(oldest, p.engines.node))
      .map(([path, p]) => `${path}@${p.version} wants node ${p.engines?.node}`);
    expect(wanting).toEqual([]);
  });
});

describe('npm ci prints no install-script warnings (npm 11 allowScripts)', () => {
  it('every package with an install script is reviewed in package.json allowScripts (`npm approve-scripts <pkg>`)', () => {
    const reviewed = new Set(Object.keys(pkg.allowScripts ?? {}).map((key) => key.replace(/(.)@[^@]*$/, '$1')));
    const unreviewed = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
      .filter((name) => !reviewed.has(name));
    expect(unreviewed).toEqual([]);
  });
});
