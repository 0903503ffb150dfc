-- A slot of one GigaChat model's concurrency limit across all replicas, with one fair queue
-- (io.gigagate.state.RedisModelConcurrency). Callers poll: each call either takes a slot, joins the queue, or
-- keeps its place (and proves it is alive). A caller whose replica died leaves the queue when its place expires,
-- and a slot whose holder died frees itself when its lease expires.
-- KEYS[1] slots (sorted set: lease id -> lease expiry, ms); KEYS[2] queue (sorted set: waiter id -> ticket);
-- KEYS[3] waiters alive (sorted set: waiter id -> expiry, ms); KEYS[4] ticket counter
-- ARGV[1] the model's limit, ARGV[2] how many may wait, ARGV[3] this caller's id, ARGV[4] the slot lease, ms,
-- ARGV[5] how long a waiter's place lasts without a poll, ms
-- Returns 1 slot taken, 0 waiting, -1 refused (the queue is full).
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local limit = tonumber(ARGV[1])
local id = ARGV[3]
local lease = tonumber(ARGV[4])
local place = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local gone = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
for _, waiter in ipairs(gone) do
  redis.call('ZREM', KEYS[2], waiter)
  redis.call('ZREM', KEYS[3], waiter)
end
local free = limit - redis.call('ZCARD', KEYS[1])
local rank = redis.call('ZRANK', KEYS[2], id)
if not rank then
  if free > 0 and redis.call('ZCARD', KEYS[2]) == 0 then
    redis.call('ZADD', KEYS[1], now + lease, id)
    redis.call('PEXPIRE', KEYS[1], lease * 2)
    return 1
  end
  if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then
    return -1
  end
  redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[4]), id)
  redis.call('ZADD', KEYS[3], now + place, id)
  redis.call('PEXPIRE', KEYS[2], place * 2)
  redis.call('PEXPIRE', KEYS[3], place * 2)
  redis.call('PEXPIRE', KEYS[4], 86400000)
  return 0
end
if rank < free then
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
  redis.call('ZADD', KEYS[1], now + lease, id)
  redis.call('PEXPIRE', KEYS[1], lease * 2)
  return 1
end
redis.call('ZADD', KEYS[3], now + place, id)
redis.call('PEXPIRE', KEYS[2], place * 2)
redis.call('PEXPIRE', KEYS[3], place * 2)
return 0
