--[[
  complete: the record is stored, appended to the record stream (the same compressed bytes) and the
  unit completed, in one atomic step. Only a unit still pending in this run completes: a repeated emit (after a crash
  between this step and the job's completion) writes nothing, so the stream gets no duplicate.

  KEYS[1] unit   KEYS[2] run:<runId>:completed   KEYS[3] record   KEYS[4] record index
  KEYS[5] record stream   KEYS[6] run:<runId>:submitted
  ARGV[1] runId   ARGV[2] record id   ARGV[3] stored record (compressed)   ARGV[4] record TTL (s)
  ARGV[5] processedAt (ms): the record index's score   ARGV[6] now (ISO)   ARGV[7] run TTL (s)
  ARGV[8] stream MAXLEN (0: no stream)   ARGV[9] the unit's URL ('' for none)   ARGV[10] unit TTL (s)
  ARGV[11] event (record.emitted | record.updated)   ARGV[12] record version
  Returns 1, or 0 when the unit was no longer pending (nothing written).
]]
local rcall = redis.call
local unit = rcall('HMGET', KEYS[1], 'runId', 'state')
-- A unit that is not there (its submission died between the job and the unit, or it expired) does
-- not stop its job: the job is then the only trace of it, and this step records the unit.
if unit[1] and (unit[1] ~= ARGV[1] or unit[2] == 'completed' or unit[2] == 'dead') then return 0 end
if not unit[1] then
  rcall('HSET', KEYS[1], 'runId', ARGV[1], 'stage', ARGV[9] ~= '' and 'fetch' or 'discover', 'url', ARGV[9], 'attempts', 0)
  if ARGV[9] ~= '' then rcall('HSET', KEYS[1], 'seenAt', tonumber(ARGV[5])) end
  rcall('EXPIRE', KEYS[1], ARGV[10])
  rcall('SADD', KEYS[6], ARGV[2])
  rcall('EXPIRE', KEYS[6], ARGV[7])
end
local processedAt = tonumber(ARGV[5])
rcall('SET', KEYS[3], ARGV[3], 'EX', ARGV[4])
rcall('ZADD', KEYS[4], processedAt, ARGV[2])
rcall('ZREMRANGEBYSCORE', KEYS[4], '-inf', processedAt - tonumber(ARGV[4]) * 1000)
if tonumber(ARGV[8]) > 0 then
  rcall('XADD', KEYS[5], 'MAXLEN', '~', ARGV[8], '*', 'id', ARGV[2], 'record', ARGV[3], 'encoding', 'gzip', 'event', ARGV[11], 'version', ARGV[12])
end
-- The record's id is the unit's: not stored again (32–72 bytes a unit, MEMORY USAGE).
rcall('HSET', KEYS[1], 'state', 'completed', 'updatedAt', ARGV[6])
rcall('HDEL', KEYS[1], 'errorCode', 'errorMessage')
rcall('SADD', KEYS[2], ARGV[2])
rcall('EXPIRE', KEYS[2], ARGV[7])
return 1
