--[[
  retrying: a failed attempt will be retried; the unit shows the error meanwhile. Ignored when the
  unit is no longer pending in this run.
  KEYS[1] unit   ARGV[1] runId   ARGV[2] stage   ARGV[3] attempts   ARGV[4] error code
  ARGV[5] error message   ARGV[6] now (ISO)
]]
local unit = redis.call('HMGET', KEYS[1], 'runId', 'state')
if unit[1] ~= ARGV[1] or unit[2] == 'completed' or unit[2] == 'dead' then return 0 end
redis.call('HSET', KEYS[1], 'stage', ARGV[2], 'state', 'retrying', 'attempts', ARGV[3], 'errorCode', ARGV[4], 'errorMessage', ARGV[5], 'updatedAt', ARGV[6])
return 1
