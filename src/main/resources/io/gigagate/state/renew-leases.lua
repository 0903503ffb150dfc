-- Extends leases still held (io.gigagate.state.LeaseKeeper): KEYS[1] a sorted set of leases, ARGV[1] the lease, ms,
-- ARGV[2..] the lease ids. Only leases that still exist are extended (XX): one that expired or was given back, or
-- that a restarted Redis forgot, is not brought back.
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local lease = tonumber(ARGV[1])
for i = 2, #ARGV do
  redis.call('ZADD', KEYS[1], 'XX', now + lease, ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], lease * 2)
return 0
