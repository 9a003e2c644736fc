--[[
  Per-host politeness gate, shared by every worker: at most maxInFlight leases, and starts one
  interval apart. All keys belong to one host and share its {hash tag}.

  KEYS[1] leases (zset: lease id -> expiry ms)
  KEYS[2] state (hash: nextAt, lastStart, pausedUntil, horizon, factor, avgMs)
  KEYS[3] turns (zset: caller id -> the time its turn came or comes, ms)
  ARGV[1] lease id   ARGV[2] lease ms   ARGV[3] max in flight   ARGV[4] base interval ms
  ARGV[5] state ttl ms   ARGV[6] caller id (the job's id: its turn survives the job's delay)
  ARGV[7] hold ms: a start at most this far ahead is reserved now (the caller sleeps until it)

  Returns {1, startInMs, inFlight} when granted: the lease's start is reserved startInMs from now
  and the next start one interval after it (a token schedule), so callers sleep to their start
  instead of coming back through the delayed set. startInMs 0 counts as the start itself; a later
  start is confirmed by confirm-host-start.lua when it comes. Otherwise {0, waitMs, inFlight}.
  A start counts as pending (state 'pending': its lease id) until mark-host-start.lua says its
  request was written: while another lease's start is pending, no start is claimed here (the
  caller gets a reserved start and confirms it), as the pending request may leave at any moment
  (unless the host's interval is 0: then there is no spacing to keep).
  A caller that cannot start soon gets a turn at the back of the host's line (the "horizon"), one
  spacing after the last one handed out, so waiters come back one at a time; it keeps that turn
  until it is granted, and newcomers do not take a start a waiting turn is owed. A caller whose
  turn has come but finds every slot taken comes back when the oldest fetch is likely done (its
  start + the average duration). Leases expire, so a worker that dies mid-fetch frees its slot
  after ARGV[2] ms; turns nobody claims within a lease time are forgotten.
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local leaseMs = tonumber(ARGV[2])
local maxInFlight = tonumber(ARGV[3])
local base = tonumber(ARGV[4])
local ttl = tonumber(ARGV[5])
local caller = ARGV[6]
local holdMs = tonumber(ARGV[7])

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - leaseMs)
local state = redis.call('HMGET', KEYS[2], 'nextAt', 'lastStart', 'pausedUntil', 'horizon', 'factor', 'avgMs', 'pending')
local nextAt = tonumber(state[1]) or 0
local lastStart = tonumber(state[2]) or 0
local pausedUntil = tonumber(state[3]) or 0
local horizon = tonumber(state[4]) or 0
local factor = tonumber(state[5]) or 1
local avgMs = tonumber(state[6]) or base
local interval = math.floor(base * factor)
-- A pending start whose lease is gone (released, or expired with its worker) holds nothing; nor does
-- one on a host with no interval to keep (the next start may go with it: waiting would only cap the
-- host at one start per claim-to-write round trip, whatever its requestsPerSecond).
local pending = interval > 0 and state[7] and redis.call('ZSCORE', KEYS[1], state[7])
local start = math.max(now, nextAt, lastStart + interval, pausedUntil)
local inFlight = redis.call('ZCARD', KEYS[1])
local myTurn = redis.call('ZSCORE', KEYS[3], caller)
local slotFree = inFlight < maxInFlight
local soon = start - now <= holdMs

local function untilSlotFrees()
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local started = tonumber(oldest[2]) - leaseMs
  return math.min(math.max(started + avgMs - now, 25), leaseMs)
end

if slotFree and soon then
  -- A newcomer yields to a waiter whose turn is at or before this start.
  local due = myTurn and {} or redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', start, 'LIMIT', 0, 1)
  if #due == 0 then
    redis.call('ZADD', KEYS[1], start + leaseMs, ARGV[1])
    redis.call('PEXPIRE', KEYS[1], start - now + leaseMs)
    redis.call('ZREM', KEYS[3], caller)
    redis.call('HSET', KEYS[2], 'nextAt', start + interval)
    redis.call('PEXPIRE', KEYS[2], ttl)
    if start > now or pending then return {1, math.max(start - now, 1), inFlight + 1} end
    redis.call('HSET', KEYS[2], 'lastStart', now, 'pending', ARGV[1])
    return {1, 0, inFlight + 1}
  end
elseif myTurn then
  -- Keeps its turn: back as its start nears, or when a slot is likely free.
  if not soon then return {0, start - now, inFlight} end
  return {0, untilSlotFrees(), inFlight}
end

-- Turns are spaced by what the host can take: its interval, or its average fetch spread over its slots.
local spacing = math.max(interval, math.floor(avgMs / maxInFlight))
local turn = math.max(horizon, start)
redis.call('ZADD', KEYS[3], turn, caller)
redis.call('PEXPIRE', KEYS[3], leaseMs + turn - now)
redis.call('HSET', KEYS[2], 'horizon', turn + spacing)
redis.call('PEXPIRE', KEYS[2], ttl)
return {0, math.max(turn - now, 1), inFlight}
