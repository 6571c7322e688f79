# bench/results/registry-<date>.json from the per-target results (jq -s) and the run's arguments ($started …).
def load($t; $name): first(($t.load // [])[] | select(.name == $name)) // null;
def ratio($a; $b): if $a == null or $b == null or $b == 0 then null else ($a / $b * 10 | round / 10) end;
def reqs($t; $name): if $t == null then null else load($t; $name).requestsPerSecond end;
def perCpu($t; $name): if $t == null then null else load($t; $name).requestsPerServerCpuSecond end;
def install($t; $s): $t.tree.install[$s].medianMs // null;

. as $targets
| (first($targets[] | select(.target == "hallmark")) // null) as $h
| (first($targets[] | select(.target == "verdaccio")) // null) as $v
| ($h.publish.serverLogPutMs.all.median // null) as $serverPut
| {
    startedAt: $started,
    machine: {cores: $cores, cpu: $cpu, os: $os, loadAverageAtStart: $loadStart, loadAverageAtEnd: $loadEnd},
    tools: {wrk: $wrk, npm: $npm, nodeForNpm: $node},
    settings: $settings,
    treeShape: $treeShape,
    notes: [
      "The machine has \($cores) cores and wrk (\($settings.wrk.threads) threads) runs on them beside the server: req/s is what a server gets while the load tool takes its share of the CPU; serverCpuShare is the fraction of all cores the server process used during the measured run, and requestsPerServerCpuSecond the requests served per CPU-second the server used, a figure other load on the machine disturbs less than req/s.",
      "Targets run one after the other, never together, each on 127.0.0.1 with a fresh data directory; each load run follows a warm-up run of the same URL.",
      "wrk sends no Accept-Encoding, so neither server compresses; the full packument is asked for with Accept: application/json, the abbreviated one with the Accept header npm 11 sends.",
      "npmPublishWallMs: the whole `npm publish` command (node start-up, pack, the pre-publish GETs, the PUT). npmLoggedPutMs: the PUT alone as npm-registry-fetch logs it (request start to response, body upload on loopback included). curlPutMs: the PUT alone, with curl sending the body npm sends (shape checked against a capture of npm 11.19.1), fresh connection each. serverLogPutMs: the server's own access-log time for each publish PUT (Hallmark; Verdaccio logs no durations).",
      "Verdaccio: local storage, no uplink, web UI off, log level http (its default: one line per request) to a file. Hallmark: `hallmark serve` defaults, access log (one line per request) to a file.",
      "tree (when run, after the load part on the same server): the packages of bench/registry/tree.mjs (seed 7; treeShape), each published with `npm publish` one after the other (wall time per command, and the total), then the root project installed with stock npm and the same node for both targets: cold = `npm install` with no lockfile, an empty cache and no node_modules (every packument and tarball from the registry); ci-cold = `npm ci` with the lockfile the cold install wrote and an empty cache (tarballs only); ci-warm = `npm ci` with the lockfile and the cache the cold install of that round filled (npm serves from its cache and may not ask the registry). Every install is checked: all packages in node_modules, every lockfile entry resolved to the target with a sha512 integrity."
    ],
    targets: $targets,
    hallmarkOverVerdaccio: (if $h == null or $v == null then null else {
      packumentFullRequestsPerSecond: ratio(reqs($h; "packument, full"); reqs($v; "packument, full")),
      packumentAbbreviatedRequestsPerSecond: ratio(reqs($h; "packument, abbreviated"); reqs($v; "packument, abbreviated")),
      tarballRequestsPerSecond: ratio(reqs($h; "tarball"); reqs($v; "tarball")),
      packumentFullRequestsPerServerCpuSecond: ratio(perCpu($h; "packument, full"); perCpu($v; "packument, full")),
      packumentAbbreviatedRequestsPerServerCpuSecond:
        ratio(perCpu($h; "packument, abbreviated"); perCpu($v; "packument, abbreviated")),
      tarballRequestsPerServerCpuSecond: ratio(perCpu($h; "tarball"); perCpu($v; "tarball")),
      npmPublishWallMedian: ratio($h.publish.npmPublishWallMs.median; $v.publish.npmPublishWallMs.median),
      curlPutMedian: ratio($h.publish.curlPutMs.median; $v.publish.curlPutMs.median),
      treePublishTotal: ratio($h.tree.publish.totalSeconds; $v.tree.publish.totalSeconds),
      treeInstallColdMedian: ratio(install($h; "cold"); install($v; "cold")),
      treeCiColdCacheMedian: ratio(install($h; "ci-cold"); install($v; "ci-cold")),
      treeCiWarmCacheMedian: ratio(install($h; "ci-warm"); install($v; "ci-warm"))
    } end),
    goals: {
      packumentAtLeast10xVerdaccio: (if $h == null or $v == null or $h.load == null or $v.load == null then null else
        (reqs($h; "packument, full") >= 10 * reqs($v; "packument, full")
         and reqs($h; "packument, abbreviated") >= 10 * reqs($v; "packument, abbreviated")) end),
      publishServerTimeUnder30Ms: (if $h == null or $h.publish == null then null else
        (($serverPut // $h.publish.curlPutMs.median) < 30) end),
      publishServerTimeMs: (if $h == null or $h.publish == null then null else ($serverPut // $h.publish.curlPutMs.median) end),
      publishServerTimeFrom: (if $h == null or $h.publish == null then null elif $serverPut != null
        then "Hallmark's access log, median over every publish PUT (npm's and curl's)" else "curl PUT, median" end)
    }
  }
