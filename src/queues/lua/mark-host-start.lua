--[[
  Called as a granted fetch's request leaves the worker: the host's next start is one interval
  after now, not after the grant. A worker whose event loop was busy between the grant and the
  request (parsing, a starved CPU) would otherwise send it late, and the next worker's request
  could reach the site less than an interval after it.

  KEYS[1] state   ARGV[1] base interval ms   ARGV[2] state ttl ms
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'nextAt', 'factor')
local nextAt = tonumber(state[1]) or 0
local factor = tonumber(state[2]) or 1
local earliest = now + math.floor(tonumber(ARGV[1]) * factor)
if earliest > nextAt then
  redis.call('HSET', KEYS[1], 'nextAt', earliest)
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
end
return earliest
