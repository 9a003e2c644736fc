import type { LookupAddress } from 'node:dns';
import { SitrepError } from '../errors/sitrep-error.js';
import { createSsrfGuard, type SsrfGuard } from '../pipeline/fetch/ssrf-guard.js';

/**
 * A subscriber on a loopback, private or otherwise blocked address is refused when it registers,
 * with the same guard (and fetch.allow exceptions) its deliveries pass — not accepted, then failing
 * every delivery into the dead-letter queue. A name that does not resolve now is let through: its
 * deliveries retry, and DNS may be back by then.
 */
export async function assertSubscriberAllowed(url: string, allow: readonly string[], guard: SsrfGuard = createSsrfGuard(allow)): Promise<void> {
  const target = new URL(url);
  const refuse = (error: unknown): never => {
    const coded = error as SitrepError;
    throw new SitrepError('SITREP_ERR_BLOCKED_ADDRESS', `${coded.message.replace('to fetch it', 'to deliver to it')}`, { details: { ...coded.details, field: 'body.url', status: 400 } });
  };
  try {
    guard.assertUrlAllowed(target);
  } catch (error) {
    refuse(error);
  }
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const blocked = await new Promise<unknown>((resolve) =>
    guard.lookup(host, { all: true }, (error: NodeJS.ErrnoException | null, _addresses: string | LookupAddress[]) => resolve(error)),
  );
  if (blocked instanceof SitrepError && blocked.code === 'SITREP_ERR_BLOCKED_ADDRESS') refuse(blocked);
}
