-- wrk script of ./shaken-pki bench: sends requests from a prepared set and checks every answer.
--   wrk -t1 -c2 -d2s --latency -s requests.lua URL -- METHOD BODIES_FILE HEADERS_FILE MARKER
-- BODIES_FILE has one request body per line (sent in turn; "-" for none), HEADERS_FILE one "Name: value" per line
-- (a file, so that an API key is on no command line), MARKER a string every good answer's body holds. An answer
-- other than 200 or without the marker counts as failed, so that a failing server cannot look fast.
-- done() prints one line "BENCH key=value ..." that WrkOutput parses; cpu_s is wrk's own CPU time (os.clock).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local requests = {}
local next_request = 0
local marker = nil
failed = 0
first_failure = ""

function init(args)
  local method, bodies_file, headers_file = args[1], args[2], args[3]
  marker = args[4]
  local headers = {}
  for line in io.lines(headers_file) do
    local name, value = line:match("^([^:]+):%s*(.*)$")
    if name then headers[name] = value end
  end
  if bodies_file == "-" then
    requests[1] = wrk.format(method, nil, headers, nil)
  else
    for body in io.lines(bodies_file) do
      requests[#requests + 1] = wrk.format(method, nil, headers, body)
    end
  end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  if status ~= 200 or not (body and body:find(marker, 1, true)) then
    if failed == 0 then first_failure = status .. " " .. string.sub(body or "", 1, 200):gsub("%s", " ") end
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local failures, first = 0, ""
  for _, thread in ipairs(threads) do
    failures = failures + thread:get("failed")
    if first == "" then first = thread:get("first_failure") end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d status_errors=%d failed=%d p50_us=%d p99_us=%d cpu_s=%.4f\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status, failures,
    latency:percentile(50), latency:percentile(99), os.clock()))
  if first ~= "" then io.write("BENCH-FIRST-FAILURE " .. first .. "\n") end
end
