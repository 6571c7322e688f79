# The side-by-side table bench/run-registry-load prints, from its results JSON (jq -r).
def pad($n): tostring | if length < $n then . + (" " * ($n - length)) else . end;
def lpad($n): tostring | if length < $n then (" " * ($n - length)) + . else . end;
def num: if . == null then "n/a" else tostring | until(test("^[0-9]{4}") | not; sub("^(?<a>[0-9]+)(?<b>[0-9]{3})"; "\(.a),\(.b)")) end;
def num0: if . == null then null else round end | num;
def yn: if . == null then "n/a" elif . then "met" else "NOT met" end;
def mp($s): if $s == null then "n/a" else "\($s.median) (\($s.p90))" end;
def load($t; $name): first(($t.load // [])[] | select(.name == $name)) // null;
def ms: if . == null then "n/a" else (. | round | num) end;

. as $r
| $r.targets as $ts
| [["", ($ts[] | .target)]]
  + [["server", ($ts[] | .server)]]
  + (if any($ts[]; .load != null) then
  [["npm publish, wall ms: median (p90)", ($ts[] | mp(.publish.npmPublishWallMs))]]
  + [["  its PUT as npm logs it, ms", ($ts[] | mp(.publish.npmLoggedPutMs))]]
  + [["PUT replayed with curl, ms", ($ts[] | mp(.publish.curlPutMs))]]
  + [["PUT in the server's log, ms: all", ($ts[] | mp(.publish.serverLogPutMs.all))]]
  + [["  npm's / curl's", ($ts[] | .publish.serverLogPutMs
        | if . == null then "n/a" else "\(.npm.median) / \(.curl.median)" end)]]
  + ([["packument, full", "packument, abbreviated", "tarball"][] as $name
      | [("GET " + $name + ", req/s"), ($ts[] | load(.; $name).requestsPerSecond | num0)],
        ["  per CPU-second of the server", ($ts[] | load(.; $name).requestsPerServerCpuSecond | num0)],
        ["  latency p50 / p99 ms", ($ts[] | load(.; $name).latencyMs | "\(.p50) / \(.p99)")],
        ["  non-2xx, socket errors", ($ts[] | load(.; $name) | "\(.nonSuccess), \(.socketErrors)")],
        ["  CPU % of all cores: server/wrk/other/idle", ($ts[] | load(.; $name)
          | [.serverCpuShare, .wrkCpuShare, .otherCpuShare, .machineIdleShare] | map(. * 100 | round | tostring)
          | join(" / "))],
        ["  server RSS, MiB", ($ts[] | load(.; $name).serverRssMiB)]])
  + [["response bytes (full / abbrev. / tgz)",
      ($ts[] | .served | "\(.packumentFullBytes) / \(.packumentAbbreviatedBytes) / \(.tarballBytes)")]]
    else [] end)
  + (if any($ts[]; .tree != null) then
      [["tree: npm publish × \($r.settings.tree.packages), total s", ($ts[] | .tree.publish.totalSeconds // "n/a")],
       ["  per publish, wall ms: median (p90)", ($ts[] | mp(.tree.publish.perPublishMs))]]
      + [[["cold", "npm install (no lockfile, empty cache)"], ["ci-cold", "npm ci (lockfile, empty cache)"],
          ["ci-warm", "npm ci (lockfile, warm cache)"]][] as [$s, $what]
         | ["tree: " + $what + ", median ms", ($ts[] | .tree.install[$s].medianMs | ms)],
           ["  every run, ms", ($ts[] | .tree.install[$s].runsMs // [] | map(ms) | join(" / "))],
           ["  requests to the registry (npm's log)", ($ts[] | .tree.install[$s].registryRequests // "n/a")],
           ["  server CPU seconds, every run", ($ts[] | .tree.install[$s].serverCpuSeconds // [] | map(tostring) | join(" / "))]]
    else [] end)
| map(map(tostring))
| (map(.[0] | length) | max) as $w0
| (.[0] | length) as $cols
| ([range(1; $cols) as $c | map(.[$c] | length) | max | [., 12] | max]) as $ws
| (.[] | [(.[0] | pad($w0))] + [range(1; $cols) as $c | .[$c] | lpad($ws[$c - 1])] | join("   ")),
  ($r.hallmarkOverVerdaccio // empty | ""),
  ($r.hallmarkOverVerdaccio // empty | select(.packumentFullRequestsPerSecond != null)
     | "Hallmark / Verdaccio: packument full \(.packumentFullRequestsPerSecond)×, "
     + "abbreviated \(.packumentAbbreviatedRequestsPerSecond)×, tarball \(.tarballRequestsPerSecond)× the req/s; "
     + "npm publish wall time \(.npmPublishWallMedian)×, curl PUT time \(.curlPutMedian)×"),
  ($r.hallmarkOverVerdaccio // empty | select(.packumentFullRequestsPerSecond != null)
     | "Hallmark / Verdaccio, requests per server CPU-second: packument full "
     + "\(.packumentFullRequestsPerServerCpuSecond)×, abbreviated \(.packumentAbbreviatedRequestsPerServerCpuSecond)×, "
     + "tarball \(.tarballRequestsPerServerCpuSecond)×"),
  ($r.hallmarkOverVerdaccio // empty | select(.treePublishTotal != null)
     | "Hallmark / Verdaccio, tree of \($r.settings.tree.packages): npm publish total time \(.treePublishTotal)×; install "
       + "time: cold \(.treeInstallColdMedian)×, npm ci empty cache \(.treeCiColdCacheMedian)×, npm ci warm cache "
       + "\(.treeCiWarmCacheMedian)× (below 1: Hallmark faster)"),
  ($r.goals | select(.packumentAtLeast10xVerdaccio != null or .publishServerTimeUnder30Ms != null)
     | "Goals (issue 5): packument ≥ 10× Verdaccio: \(.packumentAtLeast10xVerdaccio | yn); publish server time < 30 ms: "
       + "\(.publishServerTimeUnder30Ms | yn) (\(.publishServerTimeMs) ms, \(.publishServerTimeFrom))"),
  "",
  ($r.notes[] | "- " + .),
  "- machine: \($r.machine.cores) cores, \($r.machine.cpu), load average \($r.machine.loadAverageAtStart) at start, \($r.machine.loadAverageAtEnd) at end"
