--[[
  Per-host politeness gate, shared by every worker: at most maxInFlight leases, and at most one
  start per interval. All keys belong to one host and share its {hash tag}.

  KEYS[1] leases (zset: lease id -> expiry ms)
  KEYS[2] state (hash: nextAt, horizon, factor, avgMs)
  KEYS[3] turns (zset: caller id -> the time its turn came or comes, ms)
  ARGV[1] lease id   ARGV[2] lease ms   ARGV[3] max in flight   ARGV[4] base interval ms
  ARGV[5] state ttl ms   ARGV[6] caller id (the job's id: its turn survives the job's delay)

  Returns {1, 0, inFlight} when granted, else {0, waitMs, inFlight}. A caller that is held up by
  the rate gets a turn at the back of the host's line (the "horizon"), one interval after the
  last one handed out, so waiters come back one at a time; it keeps that turn until it is granted,
  and newcomers do not jump ahead of a turn that is due. A caller held up only because every slot
  is taken comes back when the oldest fetch is likely done (its start + the average duration).
  Leases expire, so a worker that dies mid-fetch frees its slot after ARGV[2] ms; turns nobody
  claims within a lease time are forgotten.
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local leaseMs = tonumber(ARGV[2])
local maxInFlight = tonumber(ARGV[3])
local base = tonumber(ARGV[4])
local ttl = tonumber(ARGV[5])
local caller = ARGV[6]

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - leaseMs)
local state = redis.call('HMGET', KEYS[2], 'nextAt', 'horizon', 'factor', 'avgMs')
local nextAt = tonumber(state[1]) or 0
local horizon = tonumber(state[2]) or 0
local factor = tonumber(state[3]) or 1
local avgMs = tonumber(state[4]) or base
local interval = math.floor(base * factor)
local inFlight = redis.call('ZCARD', KEYS[1])
local myTurn = redis.call('ZSCORE', KEYS[3], caller)
local rateOk = now >= nextAt
local slotFree = inFlight < maxInFlight

local function untilSlotFrees()
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local started = tonumber(oldest[2]) - leaseMs
  return math.min(math.max(started + avgMs - now, 20), leaseMs)
end

if rateOk and slotFree then
  -- A newcomer yields to a waiter whose turn has come.
  local due = myTurn and {} or redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, 1)
  if #due == 0 then
    redis.call('ZADD', KEYS[1], now + leaseMs, ARGV[1])
    redis.call('PEXPIRE', KEYS[1], leaseMs)
    redis.call('ZREM', KEYS[3], caller)
    redis.call('HSET', KEYS[2], 'nextAt', now + interval)
    redis.call('PEXPIRE', KEYS[2], ttl)
    return {1, 0, inFlight + 1}
  end
elseif myTurn then
  -- Keeps its turn: back as soon as the gate opens, or a slot frees.
  if not rateOk then return {0, nextAt - now, inFlight} end
  return {0, untilSlotFrees(), inFlight}
elseif rateOk then
  return {0, untilSlotFrees(), inFlight}
end

local turn = math.max(horizon, nextAt, now)
redis.call('ZADD', KEYS[3], turn, caller)
redis.call('PEXPIRE', KEYS[3], leaseMs + turn - now)
redis.call('HSET', KEYS[2], 'horizon', turn + interval)
redis.call('PEXPIRE', KEYS[2], ttl)
return {0, math.max(turn - now, 1), inFlight}
