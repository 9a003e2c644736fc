--[[
  admit, second write: units of one run are recorded, after their jobs were added (jobs first, each
  under its fixed id `<unit>.<run>`, so a crash in between leaves jobs that end their units
  themselves: see finish-unit and bury-unit). A duplicate — a URL admitted within the dedupe window
  (and not dead), or the same pasted article (same content key) within it — writes only the run's
  duplicate set.

  KEYS[1] run:<runId>:submitted   KEYS[2] run:<runId>:duplicate
  ARGV[1] unit key prefix   ARGV[2] now (ms)   ARGV[3] now (ISO)   ARGV[4] dedupe window (ms)
  ARGV[5] unit TTL (s)      ARGV[6] run TTL (s)  ARGV[7] runId    ARGV[8] stage
  then 4 per unit: unitId, url ('' for none), dedupe key, job added ('1'/'0'); the dedupe key is ''
  (never a duplicate: a refresh), 'url' (a duplicate of any recent unit of that URL, pasted or
  fetched) or an article's content key (a duplicate only of the same content)
  Returns per unit 1 (admitted), 0 (duplicate: seen within the window, or no job was added for it)
  or 2 (already a unit of this run: a repeated step changes nothing).
]]
local rcall = redis.call
local now = tonumber(ARGV[2])
local dedupeMs = tonumber(ARGV[4])
local results = {}
local i = 9
while i <= #ARGV do
  local unitId, url, dedupeKey, added = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local unitKey = ARGV[1] .. unitId
  local seen = rcall('HMGET', unitKey, 'state', 'seenAt', 'runId', 'seenKey')
  local recent = seen[1] ~= false and seen[1] ~= 'dead' and seen[2] ~= false and tonumber(seen[2]) + dedupeMs > now
  local duplicate = recent and (dedupeKey == 'url' or (dedupeKey ~= '' and seen[4] == dedupeKey))
  if seen[3] == ARGV[7] then
    rcall('SADD', KEYS[1], unitId)
    results[#results + 1] = 2
  elseif duplicate or added ~= '1' then
    if url ~= '' then rcall('SADD', KEYS[2], url) end
    rcall('EXPIRE', KEYS[2], ARGV[6])
    results[#results + 1] = 0
  else
    rcall('DEL', unitKey)
    rcall('HSET', unitKey, 'stage', ARGV[8], 'state', 'waiting', 'runId', ARGV[7], 'url', url, 'attempts', 0, 'updatedAt', ARGV[3])
    if url ~= '' or dedupeKey ~= '' then rcall('HSET', unitKey, 'seenAt', now) end
    if dedupeKey ~= '' and dedupeKey ~= 'url' then rcall('HSET', unitKey, 'seenKey', dedupeKey) end
    rcall('EXPIRE', unitKey, ARGV[5])
    rcall('SADD', KEYS[1], unitId)
    rcall('EXPIRE', KEYS[1], ARGV[6])
    results[#results + 1] = 1
  end
  i = i + 4
end
return results
