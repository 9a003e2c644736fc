--[[
  Called when a lease's reserved start comes: the start happens now only if it is one interval
  after the last start that really happened (a worker whose event loop was busy may have sent the
  previous request late) and the host is not paused (a 429 since the reservation). Records it as
  the host's last start.

  KEYS[1] state   ARGV[1] base interval ms   ARGV[2] state ttl ms
  Returns 0 (start now) or how many ms to wait before confirming again.
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'lastStart', 'pausedUntil', 'factor')
local lastStart = tonumber(state[1]) or 0
local pausedUntil = tonumber(state[2]) or 0
local factor = tonumber(state[3]) or 1
local earliest = math.max(lastStart + math.floor(tonumber(ARGV[1]) * factor), pausedUntil)
if now < earliest then return earliest - now end
redis.call('HSET', KEYS[1], 'lastStart', now)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 0
