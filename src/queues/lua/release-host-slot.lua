--[[
  Ends a lease and adapts the host's pace to how the fetch went (AutoThrottle style): a 429 or 503
  doubles the interval factor and pauses the host for Retry-After; another 5xx, a timeout or a
  refused connection multiplies it by 1.5; every success takes back 10%, down to 1.

  KEYS[1] leases   KEYS[2] state   KEYS[3] turns
  ARGV[1] lease id   ARGV[2] outcome: ok | throttled | error | unused   ARGV[3] Retry-After ms (0: none)
  ARGV[4] fetch duration ms   ARGV[5] max factor   ARGV[6] base interval ms   ARGV[7] state ttl ms

  Returns the new factor (as a string: Lua numbers lose their fraction on the way out).
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local outcome = ARGV[2]
local retryAfter = tonumber(ARGV[3])
local duration = tonumber(ARGV[4])
local maxFactor = tonumber(ARGV[5])
local base = tonumber(ARGV[6])

redis.call('ZREM', KEYS[1], ARGV[1])
local state = redis.call('HMGET', KEYS[2], 'factor', 'avgMs', 'nextAt')
local factor = tonumber(state[1]) or 1
local avgMs = tonumber(state[2])
local nextAt = tonumber(state[3]) or 0

if outcome == 'ok' then
  factor = math.max(1, factor * 0.9)
  if avgMs then avgMs = math.floor(avgMs * 0.8 + duration * 0.2) else avgMs = duration end
  redis.call('HSET', KEYS[2], 'factor', tostring(factor), 'avgMs', avgMs)
elseif outcome == 'throttled' then
  factor = math.min(maxFactor, factor * 2)
  local pause = math.max(retryAfter, math.floor(base * factor))
  nextAt = math.max(nextAt, now + pause)
  -- Turns handed out at the old pace are void: waiters line up again behind the pause, and
  -- starts already reserved wait for it when they confirm.
  redis.call('HSET', KEYS[2], 'factor', tostring(factor), 'nextAt', nextAt, 'horizon', nextAt, 'pausedUntil', now + pause)
  redis.call('DEL', KEYS[3])
elseif outcome == 'error' then
  factor = math.min(maxFactor, factor * 1.5)
  redis.call('HSET', KEYS[2], 'factor', tostring(factor))
end
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[7]))
return tostring(factor)
