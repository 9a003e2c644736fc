import { spawnSync } from 'node:child_process';

/**
 * `unshare -rn` gives a process its own network namespace with only a loopback interface: no
 * resolver, no route, nothing on 127.0.0.1:6379 — a machine with no network, without root.
 */
export const offlineAvailable = spawnSync('unshare', ['-rn', 'ip', 'link', 'set', 'lo', 'up']).status === 0;
if (!offlineAvailable) console.warn('skipping offline tests: `unshare -rn ip link set lo up` fails here (no user namespaces, or no iproute2)');

/** The argv that runs `command args…` offline (loopback up, so a private redis-server can listen). */
export function offlineArgv(command: string, args: string[]): [string, string[]] {
  const quoted = [command, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return ['unshare', ['-rn', 'sh', '-c', `ip link set lo up && exec ${quoted}`]];
}
