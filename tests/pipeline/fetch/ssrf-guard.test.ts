import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sitrepErrorOf } from '../../helpers/sitrep-error-of.js';
import { SitrepError } from '../../../src/errors/sitrep-error.js';
import { blockedRange, createSsrfGuard } from '../../../src/pipeline/fetch/ssrf-guard.js';

describe('blockedRange: IPv4', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['192.88.99.1', 'reserved (6to4 relay)'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
  ])('%s is %s', (address, reason) => {
    expect(blockedRange(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '9.255.255.255', '11.0.0.0', '100.63.255.255', '100.128.0.0', '126.255.255.255', '128.0.0.0', '169.253.255.255', '169.255.0.0', '172.15.255.255', '172.32.0.0', '192.167.255.255', '192.169.0.0', '198.17.255.255', '198.20.0.0', '223.255.255.255'])(
    '%s is public',
    (address) => {
      expect(blockedRange(address)).toBeNull();
    },
  );
});

describe('blockedRange: IPv6', () => {
  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['fc00::1', 'unique local'],
    ['fd12:3456:789a::1', 'unique local'],
    ['ff02::1', 'multicast'],
    ['ff05::1:3', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001::1', 'Teredo'],
    ['2001:2::1', 'benchmarking'],
    ['2001:10::1', 'ORCHID'],
    ['100::1', 'discard-only'],
    ['64:ff9b:1::1', 'NAT64 local-use'],
    ['1::1', 'reserved'],
    ['4000::1', 'reserved'],
    // IPv4 embedded in IPv6 is judged by the IPv4 address.
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
    ['::ffff:0.0.0.0', 'IPv4-mapped unspecified'],
    ['::ffff:0:7f00:1', 'IPv4-translated loopback'],
    ['::7f00:1', 'IPv4-compatible loopback'],
    // ipaddr.js reads the dotted form "::a.b.c.d" as IPv4-mapped; the verdict is the same.
    ['::127.0.0.1', 'IPv4-mapped loopback'],
    ['::a00:1', 'IPv4-compatible private'],
    ['64:ff9b::7f00:1', 'NAT64 loopback'],
    ['64:ff9b::192.168.0.1', 'NAT64 private'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 link-local'],
    ['2002:7f00:1::', '6to4 loopback'],
    ['2002:c0a8:101::1', '6to4 private'],
    ['2002:a00:1:1::1', '6to4 private'],
  ])('%s is %s', (address, reason) => {
    expect(blockedRange(address)).toBe(reason);
  });

  it.each(['2606:4700:4700::1111', '2a00:1450:4001:82a::200e', '2001:4860:4860::8888', '::ffff:8.8.8.8', '::ffff:808:808', '64:ff9b::808:808', '64:ff9b::93.184.216.34', '2002:808:808::1'])('%s is public', (address) => {
    expect(blockedRange(address)).toBeNull();
  });

  it('refuses what is not an IP address', () => {
    expect(blockedRange('example.com')).toBe('not an IP address');
    expect(blockedRange('')).toBe('not an IP address');
  });
});


describe('createSsrfGuard', () => {
  it('lets allow-listed addresses and CIDRs through, and only those', () => {
    const guard = createSsrfGuard(['127.0.0.0/8', '::1', '10.1.0.0/16']);
    for (const address of ['127.0.0.1', '127.0.0.9', '::1', '::ffff:127.0.0.1', '10.1.2.3', '8.8.8.8']) {
      expect(() => guard.assertAllowed(address, address), address).not.toThrow();
    }
    for (const address of ['10.2.0.1', '192.168.0.1', 'fe80::1', '169.254.169.254']) {
      expect(sitrepErrorOf(() => guard.assertAllowed(address, address)).code, address).toBe('SITREP_ERR_BLOCKED_ADDRESS');
    }
  });

  it('blocks private addresses by default with an operator message', () => {
    const error = sitrepErrorOf(() => createSsrfGuard([]).assertAllowed('169.254.169.254', 'metadata.internal'));
    expect(error.message).toBe('blocked address: metadata.internal (169.254.169.254) is link-local; add it to fetch.allow to fetch it');
    expect(error.details).toEqual({ host: 'metadata.internal', address: '169.254.169.254', range: 'link-local' });
    expect(error.retryable).toBe(false);
  });

  it('rejects an allow-list entry that is not an IP or CIDR, and skips empty ones', () => {
    expect(sitrepErrorOf(() => createSsrfGuard(['intranet'])).code).toBe('SITREP_ERR_CONFIG');
    expect(sitrepErrorOf(() => createSsrfGuard(['', ' ']).assertAllowed('127.0.0.1', 'localhost')).code).toBe('SITREP_ERR_BLOCKED_ADDRESS');
  });

  /** Resolves every name to `addresses`, honouring the `all` option as dns.lookup does. */
  function resolvingTo(addresses: string[]): LookupFunction {
    const entries: LookupAddress[] = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    return ((_hostname, options, callback) => {
      process.nextTick(() => (options.all ? callback(null, entries) : callback(null, entries[0].address, entries[0].family)));
    }) as LookupFunction;
  }

  function lookupResult(lookup: LookupFunction, all: boolean): Promise<{ error: NodeJS.ErrnoException | null; address: unknown }> {
    return new Promise((resolve) => lookup('host.example', { all }, (error, address) => resolve({ error, address })));
  }

  it('its lookup passes public answers through unchanged, single or all', async () => {
    const guard = createSsrfGuard([], resolvingTo(['93.184.216.34', '2606:4700::1']));
    expect(await lookupResult(guard.lookup, false)).toEqual({ error: null, address: '93.184.216.34' });
    expect((await lookupResult(guard.lookup, true)).address).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:4700::1', family: 6 },
    ]);
  });

  it('its lookup refuses a name when any answer is blocked', async () => {
    const guard = createSsrfGuard([], resolvingTo(['93.184.216.34', '10.0.0.7']));
    const { error } = await lookupResult(guard.lookup, true);
    expect(error).toBeInstanceOf(SitrepError);
    expect((error as SitrepError).details).toMatchObject({ host: 'host.example', address: '10.0.0.7' });
  });

  it('its lookup passes DNS errors through', async () => {
    const failing = ((_hostname, _options, callback) => callback(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }), '', 0)) as LookupFunction;
    const { error } = await lookupResult(createSsrfGuard([], failing).lookup, false);
    expect(error?.code).toBe('ENOTFOUND');
  });
});
