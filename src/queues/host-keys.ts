/**
 * Keys of one host's politeness state. They carry the host as their {hash tag}, so each host's
 * keys share a Redis Cluster slot (each Lua script touches one host only) while different hosts
 * spread over the cluster. The queue prefix loses its own braces here: a key has one hash tag.
 */
export function hostKeys(prefix: string, host: string) {
  const base = `${prefix.replace(/[{}]/g, '')}:host:{${host.toLowerCase()}}`;
  return {
    /** zset of fetch leases: lease id → expiry (ms). */
    leases: `${base}:leases`,
    /** hash: nextAt, lastStart, pending, pausedUntil, horizon, factor, avgMs (see lua/acquire-host-slot.lua). */
    state: `${base}:state`,
    /** zset of waiting callers: caller id → its turn (ms). */
    turns: `${base}:turns`,
  };
}

/** Keys of one origin's robots.txt: the cached entry and the lock of the worker fetching it. */
export function robotsKeys(prefix: string, origin: string) {
  const host = new URL(origin).hostname;
  const base = `${prefix.replace(/[{}]/g, '')}:host:{${host.toLowerCase()}}:robots:${origin}`;
  return { entry: base, lock: `${base}:lock` };
}

/** zset of host names → when a fetch last asked for the host (ms): which hosts /metrics reports. */
export function activeHostsKey(prefix: string): string {
  return `${prefix.replace(/[{}]/g, '')}:host:active`;
}

/** Pattern matching every key above under one prefix (tests clean up with it). */
export function hostKeyPattern(prefix: string): string {
  return `${prefix.replace(/[{}]/g, '')}:host:*`;
}
