--[[
  Called as a request's headers are written to the socket (each hop of a redirect chain): the
  host's last start is now, not when it was granted or confirmed. A worker whose event loop was
  busy in between sends late, and the next start, reserved or not, must count from the real one;
  the lease's start is no longer pending.

  KEYS[1] state   ARGV[1] base interval ms   ARGV[2] state ttl ms   ARGV[3] lease id
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'nextAt', 'lastStart', 'factor', 'pending')
local nextAt = tonumber(state[1]) or 0
local lastStart = tonumber(state[2]) or 0
local factor = tonumber(state[3]) or 1
redis.call('HSET', KEYS[1], 'lastStart', math.max(lastStart, now), 'nextAt', math.max(nextAt, now + math.floor(tonumber(ARGV[1]) * factor)))
if state[4] == ARGV[3] then redis.call('HDEL', KEYS[1], 'pending') end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return now
