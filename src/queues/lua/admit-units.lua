--[[
  admit: one or more units of one run enter the pipeline, each with its job, in one atomic step.
  A URL already admitted within the dedupe window (and not dead) is a duplicate: nothing is written
  for it but its place in the run's duplicate set. A crash leaves each unit fully admitted or not
  at all; a repeated submission admits what is not.

  KEYS[1..9]   BullMQ keys of the target queue, in addStandardJob order
  KEYS[10..18] the same queue's keys in addPrioritizedJob order
  KEYS[19]     run:<runId>:submitted
  KEYS[20]     run:<runId>:duplicate
  ARGV[1] unit key prefix   ARGV[2] now (ms)   ARGV[3] now (ISO)   ARGV[4] dedupe window (ms)
  ARGV[5] unit TTL (s)      ARGV[6] run TTL (s)  ARGV[7] runId    ARGV[8] stage
  then 7 per unit: unitId, url ('' for none), dedupe ('1'/'0'), add script ('s'/'p'),
                   BullMQ packed args, job data, packed job options
  Returns per unit 1 (admitted), 0 (duplicate: seen within the window) or 2 (already a unit of this
  run: a repeated step of the same run changes nothing).
]]
local rcall = redis.call

--- @bullmq addStandardJob
--- @bullmq addPrioritizedJob

local standardKeys = {KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9]}
local prioritizedKeys = {KEYS[10], KEYS[11], KEYS[12], KEYS[13], KEYS[14], KEYS[15], KEYS[16], KEYS[17], KEYS[18]}
local now = tonumber(ARGV[2])
local dedupeMs = tonumber(ARGV[4])
local results = {}
local i = 9
while i <= #ARGV do
  local unitId, url, dedupe = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local unitKey = ARGV[1] .. unitId
  local seen = rcall('HMGET', unitKey, 'state', 'seenAt', 'runId')
  local duplicate = dedupe == '1' and seen[1] ~= false and seen[1] ~= 'dead' and seen[2] ~= false and tonumber(seen[2]) + dedupeMs > now
  if seen[3] == ARGV[7] then
    results[#results + 1] = 2
  elseif duplicate then
    rcall('SADD', KEYS[20], url)
    rcall('EXPIRE', KEYS[20], ARGV[6])
    results[#results + 1] = 0
  else
    -- The job first: a script stopped by an error keeps what it wrote, so a unit is never recorded without its job.
    local jobArgs = {ARGV[i + 4], ARGV[i + 5], ARGV[i + 6]}
    local added
    if ARGV[i + 3] == 'p' then added = addPrioritizedJob(prioritizedKeys, jobArgs) else added = addStandardJob(standardKeys, jobArgs) end
    if type(added) == 'number' and added < 0 then return redis.error_reply('BullMQ add failed: ' .. added) end
    rcall('DEL', unitKey)
    rcall('HSET', unitKey, 'stage', ARGV[8], 'state', 'waiting', 'runId', ARGV[7], 'url', url, 'attempts', 0, 'updatedAt', ARGV[3])
    if url ~= '' then rcall('HSET', unitKey, 'seenAt', now) end
    rcall('EXPIRE', unitKey, ARGV[5])
    rcall('SADD', KEYS[19], unitId)
    rcall('EXPIRE', KEYS[19], ARGV[6])
    results[#results + 1] = 1
  end
  i = i + 7
end
return results
