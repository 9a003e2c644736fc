--[[
  dead: the dead letter is written and the unit marked dead, in one atomic step, before the job is
  failed. Only a unit still pending in this run can die: a stage the unit has moved on from, or a
  run that was superseded, writes nothing. Dead letters expire after their retention and the oldest
  go first beyond the count cap.

  KEYS[1] unit (any key when the job is no unit's)   KEYS[2] run:<runId>:dead
  KEYS[3] dead letter   KEYS[4] dead-letter index   KEYS[5] run:<runId>:submitted
  ARGV[1] runId ('' when the job is no unit's)   ARGV[2] stage   ARGV[3] dead letter JSON
  ARGV[4] dead letter id   ARGV[5] now (ms)   ARGV[6] now (ISO)   ARGV[7] retention (s)
  ARGV[8] count cap   ARGV[9] attempts   ARGV[10] error code   ARGV[11] error message
  ARGV[12] run TTL (s)   ARGV[13] unit id   ARGV[14] dead-letter key prefix
  Returns 1, or 0 when the unit was no longer pending (nothing written).
]]
local rcall = redis.call
if ARGV[1] ~= '' then
  local unit = rcall('HMGET', KEYS[1], 'runId', 'state')
  -- A unit that is not there (its submission died between the job and the unit, or it expired) does
  -- not stop its job: the job is then the only trace of it, and this step records the unit.
  if unit[1] and (unit[1] ~= ARGV[1] or unit[2] == 'completed' or unit[2] == 'dead') then return 0 end
  if not unit[1] then
    rcall('HSET', KEYS[1], 'runId', ARGV[1])
    rcall('EXPIRE', KEYS[1], ARGV[12])
    rcall('SADD', KEYS[5], ARGV[13])
    rcall('EXPIRE', KEYS[5], ARGV[12])
  end
  rcall('HSET', KEYS[1], 'stage', ARGV[2], 'state', 'dead', 'attempts', ARGV[9], 'errorCode', ARGV[10], 'errorMessage', ARGV[11], 'updatedAt', ARGV[6])
  -- A URL that failed may be submitted afresh: only pending or successful URLs are deduplicated.
  rcall('HDEL', KEYS[1], 'seenAt')
  rcall('SADD', KEYS[2], ARGV[13])
  rcall('EXPIRE', KEYS[2], ARGV[12])
end
local now = tonumber(ARGV[5])
rcall('SET', KEYS[3], ARGV[3], 'EX', ARGV[7])
rcall('ZADD', KEYS[4], now, ARGV[4])
rcall('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - tonumber(ARGV[7]) * 1000)
local excess = rcall('ZCARD', KEYS[4]) - tonumber(ARGV[8])
if excess > 0 then
  for index, id in ipairs(rcall('ZPOPMIN', KEYS[4], excess)) do
    if index % 2 == 1 then rcall('DEL', ARGV[14] .. id) end
  end
end
return 1
