--[[
  revive (replay, first step): a dead unit is pending again at the stage it died in. The dead
  letter stays until its job is back in the queue, so a replay cut short can simply be repeated.
  KEYS[1] unit   KEYS[2] run:<runId>:dead
  ARGV[1] runId   ARGV[2] stage   ARGV[3] unit id   ARGV[4] now (ISO)   ARGV[5] unit TTL (s)
]]
local rcall = redis.call
local unit = rcall('HMGET', KEYS[1], 'runId', 'state')
if unit[1] and unit[1] ~= ARGV[1] and unit[2] ~= 'dead' then return 0 end
rcall('SREM', KEYS[2], ARGV[3])
rcall('HSET', KEYS[1], 'runId', ARGV[1], 'stage', ARGV[2], 'state', 'waiting', 'attempts', 0, 'updatedAt', ARGV[4])
rcall('HDEL', KEYS[1], 'errorCode', 'errorMessage')
rcall('EXPIRE', KEYS[1], ARGV[5])
return 1
