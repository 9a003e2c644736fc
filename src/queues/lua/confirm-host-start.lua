--[[
  Called when a lease's reserved start comes: the start happens now only if it is one interval
  after the last start that really happened (a worker whose event loop was busy may have sent the
  previous request late), no other lease's start is still pending (claimed, its request not yet
  written: it may leave at any moment, so the next start cannot count from it), and the host is
  not paused (a 429 since the reservation). Records it as the host's last start, pending until
  mark-host-start.lua.

  KEYS[1] leases   KEYS[2] state
  ARGV[1] base interval ms   ARGV[2] state ttl ms   ARGV[3] lease id   ARGV[4] ms to look again while a start is pending
  Returns 0 (start now) or how many ms to wait before confirming again.
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[2], 'lastStart', 'pausedUntil', 'factor', 'pending')
local lastStart = tonumber(state[1]) or 0
local pausedUntil = tonumber(state[2]) or 0
local factor = tonumber(state[3]) or 1
local interval = math.floor(tonumber(ARGV[1]) * factor)
local earliest = math.max(lastStart + interval, pausedUntil)
-- Another lease's start, still pending while that lease lives (an expired one is a dead worker's);
-- it holds nothing on a host with no interval to keep.
local expiry = interval > 0 and state[4] and state[4] ~= ARGV[3] and tonumber(redis.call('ZSCORE', KEYS[1], state[4]))
if expiry and expiry > now then return math.max(earliest - now, tonumber(ARGV[4])) end
if now < earliest then return earliest - now end
redis.call('HSET', KEYS[2], 'lastStart', now, 'pending', ARGV[3])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[2]))
return 0
