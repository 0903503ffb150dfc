-- wrk script: POST the JSON body in the file named by $BENCH_BODY, with the bearer token in
-- $BENCH_TOKEN when set (the emulator wants one; the gateway on loopback does not).
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("BENCH_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
