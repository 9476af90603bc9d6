-- wrk script: POST /api/subscriptions with a fresh address every request.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

-- optional argument: milliseconds each connection waits, on average, between an answer and its next
-- request (paced load: C connections waiting D ms offer at most C * 1000 / D requests per second). The
-- wait is drawn uniformly from 0..2D so that the connections do not fire in lockstep waves.
local pause = 0

function init(args)
  math.randomseed(os.time() * 1000 + tid)
  pause = tonumber(args[1] or "0")
end

function delay()
  if pause == 0 then return 0 end
  return math.random(0, 2 * pause)
end

function request()
  counter = counter + 1
  local body = string.format('{"email":"b%d-%d-%d@bench.example.org","name":"Bench Reader","lists":["bench"]}',
    tid, math.random(1, 1000000000), counter)
  return wrk.format("POST", "/api/subscriptions", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
