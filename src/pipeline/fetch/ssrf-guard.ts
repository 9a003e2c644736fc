import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { SitrepError } from '../../errors/sitrep-error.js';

/**
 * SSRF guard: which IP addresses a fetch may connect to. Everything that is not globally routable
 * unicast is refused unless allow-listed. The tables follow the IANA special-purpose address
 * registries; an IPv6 address that embeds an IPv4 address (mapped, compatible, NAT64, 6to4) is
 * judged by the IPv4 address it leads to.
 */
type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

function cidrs(entries: Array<[string, string]>): Array<{ name: string; range: Cidr }> {
  return entries.map(([name, cidr]) => ({ name, range: ipaddr.parseCIDR(cidr) }));
}

// First match names the reason, so the narrow broadcast entry precedes the reserved 240/4.
const BLOCKED_V4 = cidrs([
  ['unspecified', '0.0.0.0/8'],
  ['private', '10.0.0.0/8'],
  ['carrier-grade NAT', '100.64.0.0/10'],
  ['loopback', '127.0.0.0/8'],
  ['link-local', '169.254.0.0/16'],
  ['private', '172.16.0.0/12'],
  ['reserved', '192.0.0.0/24'],
  ['documentation', '192.0.2.0/24'],
  ['reserved (6to4 relay)', '192.88.99.0/24'],
  ['private', '192.168.0.0/16'],
  ['benchmarking', '198.18.0.0/15'],
  ['documentation', '198.51.100.0/24'],
  ['documentation', '203.0.113.0/24'],
  ['multicast', '224.0.0.0/4'],
  ['broadcast', '255.255.255.255/32'],
  ['reserved', '240.0.0.0/4'],
]);

// :: and ::1 sit inside the IPv4-compatible ::/96 but are IPv6 addresses in their own right.
const UNSPECIFIED_AND_LOOPBACK_V6 = cidrs([
  ['unspecified', '::/128'],
  ['loopback', '::1/128'],
]);

const BLOCKED_V6 = [
  ...UNSPECIFIED_AND_LOOPBACK_V6,
  ...cidrs([
    ['NAT64 local-use', '64:ff9b:1::/48'],
    ['discard-only', '100::/64'],
    ['Teredo', '2001::/32'],
    ['benchmarking', '2001:2::/48'],
    ['ORCHID', '2001:10::/28'],
    ['ORCHIDv2', '2001:20::/28'],
    ['documentation', '2001:db8::/32'],
    ['documentation', '3fff::/20'],
    ['unique local', 'fc00::/7'],
    ['link-local', 'fe80::/10'],
    ['site-local', 'fec0::/10'],
    ['multicast', 'ff00::/8'],
  ]),
];

// Only 2000::/3 is allocated as global unicast; anything else outside the embedding prefixes is refused.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/** IPv6 prefixes that carry an IPv4 address, and where its 4 bytes sit in the 16. */
const EMBEDDING_V6: Array<{ name: string; range: Cidr; offset: number }> = [
  { name: 'IPv4-mapped', range: ipaddr.parseCIDR('::ffff:0:0/96'), offset: 12 },
  { name: 'IPv4-translated', range: ipaddr.parseCIDR('::ffff:0:0:0/96'), offset: 12 },
  { name: 'IPv4-compatible', range: ipaddr.parseCIDR('::/96'), offset: 12 },
  { name: 'NAT64', range: ipaddr.parseCIDR('64:ff9b::/96'), offset: 12 },
  { name: '6to4', range: ipaddr.parseCIDR('2002::/16'), offset: 2 },
];

function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  return ipaddr.isValid(bare) ? ipaddr.parse(bare) : undefined;
}

function matches(ip: ipaddr.IPv4 | ipaddr.IPv6, range: Cidr): boolean {
  return ip.kind() === range[0].kind() && ip.match(range);
}

/** The IPv4 address an IPv6 address leads to, with the name of the embedding. */
function embeddedIPv4(ip: ipaddr.IPv6): { via: string; ipv4: ipaddr.IPv4 } | undefined {
  if (UNSPECIFIED_AND_LOOPBACK_V6.some(({ range }) => matches(ip, range))) return undefined;
  const embedding = EMBEDDING_V6.find(({ range }) => matches(ip, range));
  if (!embedding) return undefined;
  const bytes = ip.toByteArray().slice(embedding.offset, embedding.offset + 4);
  return { via: embedding.name, ipv4: new ipaddr.IPv4(bytes) };
}

/**
 * Why an address must not be fetched ("loopback", "IPv4-mapped private", …), or null when it is
 * globally routable. Unparseable input is refused too.
 */
export function blockedRange(address: string): string | null {
  const ip = parseAddress(address);
  if (!ip) return 'not an IP address';
  if (ip.kind() === 'ipv4') return BLOCKED_V4.find(({ range }) => matches(ip, range))?.name ?? null;
  const v6 = ip as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  if (embedded) {
    const reason = blockedRange(embedded.ipv4.toString());
    return reason === null ? null : `${embedded.via} ${reason}`;
  }
  const blocked = BLOCKED_V6.find(({ range }) => matches(v6, range));
  if (blocked) return blocked.name;
  return matches(v6, GLOBAL_UNICAST_V6) ? null : 'reserved';
}

export interface SsrfGuard {
  /** Throws SITREP_ERR_BLOCKED_ADDRESS when `address` may not be connected to; `host` names it in the message. */
  assertAllowed(address: string, host: string): void;
  /** A `lookup` for socket connect options that refuses a host when any address it resolves to is blocked. */
  lookup: LookupFunction;
  /** Literal IPs in a URL are never looked up, so `lookup` would not see them: check them before connecting. */
  assertUrlAllowed(url: URL): void;
}

function parseAllowList(allow: readonly string[]): Cidr[] {
  return allow.filter((entry) => entry.trim() !== '').map((entry) => {
    const text = entry.trim();
    if (ipaddr.isValidCIDR(text)) return ipaddr.parseCIDR(text);
    const ip = parseAddress(text);
    if (ip) return [ip, ip.kind() === 'ipv4' ? 32 : 128];
    throw new SitrepError('SITREP_ERR_CONFIG', `fetch.allow: "${entry}" is neither an IP address nor a CIDR`);
  });
}

/**
 * A guard for one allow-list. `baseLookup` resolves names (default dns.lookup; tests inject one to
 * make a name resolve to a private address). The check runs inside the connect-time lookup, on the
 * very addresses the socket will use, so a DNS answer that changes between check and connect
 * (rebinding) cannot slip through.
 */
export function createSsrfGuard(allow: readonly string[], baseLookup: LookupFunction = dnsLookup as LookupFunction): SsrfGuard {
  const allowed = parseAllowList(allow);

  function isAllowListed(address: string): boolean {
    const ip = parseAddress(address);
    if (!ip) return false;
    const ipv4 = ip.kind() === 'ipv6' ? embeddedIPv4(ip as ipaddr.IPv6)?.ipv4 : undefined;
    return allowed.some((range) => matches(ip, range) || (ipv4 !== undefined && matches(ipv4, range)));
  }

  function assertAllowed(address: string, host: string): void {
    const reason = blockedRange(address);
    if (reason === null || isAllowListed(address)) return;
    const named = host === address ? address : `${host} (${address})`;
    throw new SitrepError('SITREP_ERR_BLOCKED_ADDRESS', `blocked address: ${named} is ${reason}; add it to fetch.allow to fetch it`, {
      details: { host, address, range: reason },
    });
  }

  function assertUrlAllowed(url: URL): void {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host)) assertAllowed(host, host);
  }

  const lookup = ((hostname, options, callback) => {
    baseLookup(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      try {
        for (const candidate of addresses) assertAllowed(candidate, hostname);
      } catch (blocked) {
        return callback(blocked as NodeJS.ErrnoException, '', 0);
      }
      callback(null, address, family);
    });
  }) as LookupFunction;

  return { assertAllowed, assertUrlAllowed, lookup };
}
