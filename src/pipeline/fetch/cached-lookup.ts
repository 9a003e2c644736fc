import { ADDRCONFIG, lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';

/** How long an answer (or a failure) is reused. Short: only bursts share it, DNS changes still show within seconds. */
export const LOOKUP_MEMORY_MS = 5000;

/**
 * A lookup that asks once per name per LOOKUP_MEMORY_MS: calls for the same name at the same time,
 * or soon after, share one resolver query and its answer (a failure too). The fetch stage resolves a
 * name before waiting for its host's turn, and the connection then reuses that answer instead of
 * asking again. Calls for one address family (options.family 4 or 6) go straight to `base`.
 */
export function cachedLookup(base: LookupFunction = dnsLookup as LookupFunction, memoryMs = LOOKUP_MEMORY_MS): LookupFunction {
  const answers = new Map<string, Promise<LookupAddress[]>>();
  const ask = (hostname: string) => {
    const known = answers.get(hostname);
    if (known) return known;
    // hints as Node's own connect asks (ADDRCONFIG when no family is chosen), so the answer is the one it would get.
    const answer = new Promise<LookupAddress[]>((resolve, reject) =>
      base(hostname, { all: true, hints: ADDRCONFIG }, (error, addresses) => (error ? reject(error) : resolve(addresses as unknown as LookupAddress[]))),
    );
    answers.set(hostname, answer);
    const forget = () => setTimeout(() => answers.get(hostname) === answer && answers.delete(hostname), memoryMs).unref();
    answer.then(forget, forget);
    return answer;
  };
  return ((hostname, options, callback) => {
    if (options.family === 4 || options.family === 6) return base(hostname, options, callback);
    ask(hostname).then(
      (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family)),
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  }) as LookupFunction;
}
