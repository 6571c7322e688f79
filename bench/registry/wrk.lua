-- wrk script for bench/run-registry-load.
--   WRK_ACCEPT  Accept header to send (the full packument: application/json; the abbreviated one:
--               npm's own "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*")
--   WRK_REPORT  file the summary is written to, as one JSON object (wrk's own text output is kept as well)
local accept = os.getenv("WRK_ACCEPT")
if accept ~= nil and accept ~= "" then
  wrk.headers["Accept"] = accept
end

-- No response() callback: defining one makes wrk hand every response to Lua, which costs the client CPU it shares
-- with the server on this machine. Non-2xx/3xx responses are counted by wrk itself (summary.errors.status).
function done(summary, latency, requests)
  local path = os.getenv("WRK_REPORT")
  if path == nil or path == "" then
    return
  end
  local e = summary.errors
  local f = assert(io.open(path, "w"))
  f:write(string.format(
    '{"requests":%d,"durationUs":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyUs":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
  f:close()
end
