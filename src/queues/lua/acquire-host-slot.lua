--[[
  Per-host politeness gate, shared by every worker: at most maxInFlight leases, and at most one
  start per interval. All keys belong to one host and share its {hash tag}.

  KEYS[1] leases (zset: lease id -> expiry ms)   KEYS[2] state (hash: nextAt, horizon, factor, avgMs)
  ARGV[1] lease id   ARGV[2] lease ms   ARGV[3] max in flight   ARGV[4] base interval ms   ARGV[5] state ttl ms

  Returns {1, 0, inFlight} when granted, else {0, waitMs, inFlight}:
  - rate-gated: the caller gets the next free turn (the "horizon"), so waiters wake one per
    interval instead of all at once;
  - every slot taken: come back when the oldest fetch is likely done (its start + average duration).
  Leases expire, so a worker that dies mid-fetch frees its slot after ARGV[2] ms.
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local leaseMs = tonumber(ARGV[2])
local maxInFlight = tonumber(ARGV[3])
local base = tonumber(ARGV[4])
local ttl = tonumber(ARGV[5])

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local state = redis.call('HMGET', KEYS[2], 'nextAt', 'horizon', 'factor', 'avgMs')
local nextAt = tonumber(state[1]) or 0
local horizon = tonumber(state[2]) or 0
local factor = tonumber(state[3]) or 1
local avgMs = tonumber(state[4]) or base
local interval = math.floor(base * factor)
local inFlight = redis.call('ZCARD', KEYS[1])

if now >= nextAt and inFlight < maxInFlight then
  redis.call('ZADD', KEYS[1], now + leaseMs, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], leaseMs)
  redis.call('HSET', KEYS[2], 'nextAt', now + interval)
  redis.call('PEXPIRE', KEYS[2], ttl)
  return {1, 0, inFlight + 1}
end

if now >= nextAt then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local started = tonumber(oldest[2]) - leaseMs
  local wait = math.max(started + avgMs - now, 20)
  return {0, math.min(wait, leaseMs), inFlight}
end

local turn = math.max(horizon, nextAt)
redis.call('HSET', KEYS[2], 'horizon', turn + interval)
redis.call('PEXPIRE', KEYS[2], ttl)
return {0, turn - now, inFlight}
