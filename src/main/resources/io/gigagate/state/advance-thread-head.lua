-- Moves a GigaChat storage thread's head (the stored response that last went into the thread) from the
-- expected response to the next one, only if it is the expected one now: of two requests continuing the
-- same response through the thread, one wins (1) and the other (0) rebuilds the conversation instead.
-- KEYS[1]  the thread's head key
-- ARGV[1]  the expected head (a response id)
-- ARGV[2]  the next head
-- ARGV[3]  the store's TTL in milliseconds
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0
