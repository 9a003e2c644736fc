import type { RedisClient } from './lua-scripts.js';
import type { RobotsEntry } from '../pipeline/fetch/robots-txt.js';
import { robotsKeys } from './host-keys.js';

export interface RobotsCacheOptions {
  /** Lifetime of a fetched robots.txt or of a 4xx (allow all), seconds. Default 86400 (config robots.ttlSeconds). */
  ttlSeconds: number;
  /** Lifetime of an unreachable robots.txt (disallow all), seconds. Default 600 (config robots.errorTtlSeconds). */
  errorTtlSeconds: number;
  /** How long one worker may hold the right to fetch an origin's robots.txt, ms. Default 60000 (fetch.totalTimeoutMs). */
  lockMs: number;
}

export interface CachedRobots {
  entry: RobotsEntry;
  /** Epoch ms when it must be fetched again. */
  expiresAt: number;
}

/** In-process copies kept at most: enough for the hosts a worker is busy with. */
const LOCAL_ENTRIES = 1000;

/**
 * robots.txt per origin, in Redis with a TTL, so every worker uses one fetch of it per TTL; a
 * lock (SET NX PX) lets exactly one worker fetch a missing one. Each worker keeps parsed copies
 * until the Redis entry expires.
 */
export class RobotsCache {
  private readonly local = new Map<string, CachedRobots>();

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly options: RobotsCacheOptions,
  ) {}

  async get(origin: string): Promise<CachedRobots | null> {
    const now = Date.now();
    const held = this.local.get(origin);
    if (held && held.expiresAt > now) return held;
    this.local.delete(origin);
    const key = robotsKeys(this.prefix, origin).entry;
    const [[, raw], [, ttl]] = (await this.redis.multi().get(key).pttl(key).exec()) as [[null, string | null], [null, number]];
    if (!raw || ttl <= 0) return null;
    const cached = { entry: JSON.parse(raw) as RobotsEntry, expiresAt: now + ttl };
    this.remember(origin, cached);
    return cached;
  }

  /** True when this worker may fetch the origin's robots.txt now (no other worker is). */
  async lock(origin: string): Promise<boolean> {
    return (await this.redis.set(robotsKeys(this.prefix, origin).lock, '1', 'PX', this.options.lockMs, 'NX')) === 'OK';
  }

  async unlock(origin: string): Promise<void> {
    await this.redis.del(robotsKeys(this.prefix, origin).lock);
  }

  async put(origin: string, entry: RobotsEntry): Promise<CachedRobots> {
    const seconds = entry.kind === 'unreachable' ? this.options.errorTtlSeconds : this.options.ttlSeconds;
    await this.redis.set(robotsKeys(this.prefix, origin).entry, JSON.stringify(entry), 'EX', seconds);
    const cached = { entry, expiresAt: Date.now() + seconds * 1000 };
    this.remember(origin, cached);
    return cached;
  }

  private remember(origin: string, cached: CachedRobots): void {
    if (this.local.size >= LOCAL_ENTRIES) this.local.delete(this.local.keys().next().value as string);
    this.local.set(origin, cached);
  }
}
