# shellcheck shell=bash
# The "tree" part of bench/run-registry-load (sourced after lib.sh): stock npm publishes a generated tree of small
# packages (bench/registry/tree.mjs) to the running target, one `npm publish` per package, then installs the root
# project that depends on them, timed by wall clock:
#   cold      no lockfile, empty cache, no node_modules: `npm install` (resolves every packument, fetches every tarball)
#   ci-cold   lockfile, empty cache: `npm ci` (a CI runner without a cache: tarballs only)
#   ci-warm   lockfile, the cache the cold install filled: `npm ci` (npm may not ask the registry at all)
# Expects scratch, tree_packages, tree_top, installs, server_url, and npm_home already called for $dir.

tree_generate() { # once per run, the same tree for every target
  [ -f "$scratch/tree/packages.txt" ] && return 0
  mkdir -p "$scratch/tree"
  node "$bench/registry/tree.mjs" "$scratch/tree" "$tree_packages" "$tree_top" 7 >"$scratch/tree/summary.json" ||
    die "tree.mjs failed"
}

# Every package of the tree installed, each from this target: node_modules/.package-lock.json lists them and the
# lockfile resolves each to a tarball on this server with an integrity.
tree_check_install() { # project-dir label
  local n bad
  n=$(jq '[.packages | keys[] | select(startswith("node_modules/"))] | length' "$1/node_modules/.package-lock.json")
  [ "$n" -eq "$tree_packages" ] || die "$2: $n packages in node_modules, expected $tree_packages"
  bad=$(jq --arg u "$server_url/" '[.packages | to_entries[] | select(.key != "")
        | select((.value.resolved // "" | startswith($u) | not) or (.value.integrity // "" | startswith("sha512-") | not))]
        | length' "$1/package-lock.json")
  [ "$bad" -eq 0 ] || die "$2: $bad lockfile entries not resolved to $server_url with a sha512 integrity"
}

bench_tree() { # target dir -> writes $dir/tree.json
  local t=$1 dir=$2 d t0 i ms scenario project=$2/project cache fetches hits cpu0 cpu1 load
  tree_generate
  echo "== $t: npm publish × $tree_packages (the tree)" >&2
  : >"$dir/tree-publish-ms.txt"
  local all0 publish_load
  publish_load=$(cut -d' ' -f1 /proc/loadavg)
  all0=$(date +%s%N)
  while IFS= read -r d; do
    t0=$(date +%s%N)
    (cd "$d" && HOME=$dir/home npm publish --loglevel=warn) >"$dir/tree-publish.log" 2>&1 ||
      die "npm publish $(jq -r .name "$d/package.json") to $t failed: $(tail -5 "$dir/tree-publish.log")"
    ms_since "$t0" >>"$dir/tree-publish-ms.txt"
    echo >>"$dir/tree-publish-ms.txt"
  done <"$scratch/tree/packages.txt"
  local publish_total_ms
  publish_total_ms=$(ms_since "$all0")
  publish_load="$publish_load $(cut -d' ' -f1 /proc/loadavg)"

  : >"$dir/tree-installs.jsonl"
  for ((i = 1; i <= installs; i++)); do
    for scenario in cold ci-cold ci-warm; do
      rm -rf "$project"
      mkdir -p "$project"
      cp "$scratch/tree/project/package.json" "$project/"
      case $scenario in
        cold) cache=$dir/cache-cold-$i ;;
        ci-cold) cache=$dir/cache-ci-cold-$i; cp "$dir/lock/package-lock.json" "$project/" ;;
        ci-warm) cache=$dir/cache-cold-$i; cp "$dir/lock/package-lock.json" "$project/" ;;
      esac
      [ "$scenario" = ci-warm ] || rm -rf "$cache"
      echo "== $t: install $i/$installs, $scenario" >&2
      load=$(cut -d' ' -f1 /proc/loadavg)
      cpu0=$(cpu_seconds "$server_pid")
      t0=$(date +%s%N)
      (cd "$project" && HOME=$dir/home npm "$([ "$scenario" = cold ] && echo install || echo ci)" --cache "$cache" \
        --loglevel=http --no-audit --no-fund) >"$dir/install-$scenario-$i.log" 2>&1 ||
        die "npm install ($scenario) from $t failed: $(tail -5 "$dir/install-$scenario-$i.log")"
      ms=$(ms_since "$t0")
      cpu1=$(cpu_seconds "$server_pid")
      tree_check_install "$project" "$t $scenario"
      if [ "$scenario" = cold ] && [ ! -f "$dir/lock/package-lock.json" ]; then
        mkdir -p "$dir/lock"
        cp "$project/package-lock.json" "$dir/lock/"
      fi
      # npm-registry-fetch logs every fetch: "http fetch GET 200 <url> 12ms (cache hit|miss|revalidated|...)".
      fetches=$(grep -c 'http fetch GET' "$dir/install-$scenario-$i.log" || true)
      hits=$(grep -c 'http fetch GET.*(cache hit)' "$dir/install-$scenario-$i.log" || true)
      jq -nc --arg s "$scenario" --argjson ms "$ms" --argjson run "$i" --argjson fetches "$fetches" --argjson hits "$hits" \
        --argjson load "$load" --argjson serverCpu "$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { printf "%.2f", b - a }')" \
        --argjson cacheMiB "$(du -sm "$cache" | cut -f1)" \
        '{scenario: $s, run: $run, wallMs: $ms, cacheMiB: $cacheMiB, npmFetches: $fetches, servedFromCache: $hits,
          registryRequests: ($fetches - $hits), serverCpuSeconds: $serverCpu, loadAverageBefore: $load}' \
        >>"$dir/tree-installs.jsonl"
    done
    rm -rf "$dir/cache-cold-$i" "$dir/cache-ci-cold-$i"
  done

  jq -n --slurpfile installs "$dir/tree-installs.jsonl" --argjson publishTotalMs "$publish_total_ms" \
    --argjson perPublish "$(grep . "$dir/tree-publish-ms.txt" | stats)" --argjson packages "$tree_packages" \
    --argjson l0 "${publish_load% *}" --argjson l1 "${publish_load#* }" \
    '{packages: $packages, publish: {totalSeconds: ($publishTotalMs / 1000 * 10 | round / 10), perPublishMs: $perPublish,
                                     loadAverageAtStart: $l0, loadAverageAtEnd: $l1},
      install: ([$installs[] | .scenario] | unique | map(. as $s | {key: $s, value:
        ([$installs[] | select(.scenario == $s)] | {runsMs: map(.wallMs),
          medianMs: (map(.wallMs) | sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end),
          cacheMiB: (map(.cacheMiB) | max), registryRequests: (map(.registryRequests) | max),
          npmFetchesServedFromCache: (map(.servedFromCache) | max), serverCpuSeconds: map(.serverCpuSeconds),
          loadAverageBefore: map(.loadAverageBefore)})}) | from_entries)}' >"$dir/tree.json"
}
