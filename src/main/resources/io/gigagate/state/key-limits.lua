-- One API key's limits across all replicas, in one round trip (io.gigagate.state.RedisKeyLimits).
-- KEYS[1] the key's token bucket (hash: t = tokens, ts = when they were counted, ms)
-- KEYS[2] the key's requests in flight (sorted set: lease id -> when the lease expires, ms)
-- ARGV[1] requests per minute (0 = no rate limit), ARGV[2] requests at once (0 = no limit),
-- ARGV[3] this request's lease id, ARGV[4] the lease, ms
-- Returns {1, 0} admitted; {0, ms} refused by the rate (ms until a token); {-1, 0} refused: too many at once.
-- Nothing is spent when a request is refused. Time is Redis' own, so replicas' clocks do not matter.
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local rpm = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local tokens
if rpm > 0 then
  local bucket = redis.call('HMGET', KEYS[1], 't', 'ts')
  tokens = tonumber(bucket[1])
  local counted = tonumber(bucket[2])
  if tokens == nil or counted == nil then
    tokens = rpm
  else
    tokens = math.min(rpm, tokens + math.max(0, now - counted) * rpm / 60000)
  end
  if tokens < 1 then
    return {0, math.ceil((1 - tokens) * 60000 / rpm)}
  end
end
if max > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  if redis.call('ZCARD', KEYS[2]) >= max then
    return {-1, 0}
  end
  local lease = tonumber(ARGV[4])
  redis.call('ZADD', KEYS[2], now + lease, ARGV[3])
  redis.call('PEXPIRE', KEYS[2], lease * 2)
end
if rpm > 0 then
  redis.call('HSET', KEYS[1], 't', string.format('%.6f', tokens - 1), 'ts', now)
  redis.call('PEXPIRE', KEYS[1], 120000)
end
return {1, 0}
