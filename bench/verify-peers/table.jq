# The table bench/run-verify-peers prints, from bench/results/verify-peers.json (jq -r).
def pad($n): tostring | if length < $n then . + (" " * ($n - length)) else . end;
def lpad($n): tostring | if length < $n then (" " * ($n - length)) + . else . end;
def num: if . == null then "—" else (. | round | tostring | until(test("^[0-9]{4}") | not; sub("^(?<a>[0-9]+)(?<b>[0-9]{3})"; "\(.a),\(.b)"))) end;
def cell($r): if $r == null then "excluded" else "\($r.opsPerSecond | num) (\($r.msPerOp) ms)" end;
def cpu($r): if $r == null then "" else "\($r.opsPerProcessCpuSecond | num)/cpu-s" end;
def x: if . == null then "—" else "\(.)×" end;

. as $r
| ["sigstore-java", "@sigstore/verify"] as $peers
| [["bundle", "hallmark-core", "sigstore-java", "@sigstore/verify", "HC / java", "HC / js"]]
  + [$r.cases[] | . as $c
     | [.id, cell(.results["hallmark-core"]), cell(.results["sigstore-java"]), cell(.results["@sigstore/verify"]),
        (.hallmarkOver["sigstore-java"] | x), (.hallmarkOver["@sigstore/verify"] | x)],
       ["", cpu(.results["hallmark-core"]), cpu(.results["sigstore-java"]), cpu(.results["@sigstore/verify"]),
        (.hallmarkOverPerCpuSecond["sigstore-java"] | x), (.hallmarkOverPerCpuSecond["@sigstore/verify"] | x)]]
| (map(.[0] | length) | max) as $w0
| ([range(1; 6) as $i | map(.[$i] | length) | max]) as $ws
| (.[] | [(.[0] | pad($w0))] + [range(1; 6) as $i | .[$i] | lpad($ws[$i - 1])] | join("  "))
, ""
, "verifications per second on one thread (ms each); second line: per CPU-second of the verifier's process"
, ($peers[] as $p | $r.summary[$p]
   | "hallmark-core / \($p): geometric mean \(.geometricMeanRatio | x) over \(.cases) bundles (min \(.minRatio | x), max \(.maxRatio | x)); per CPU-second \(.geometricMeanRatioPerCpuSecond | x)"
     + (if (.excludedFrom | length) > 0 then "; excluded from " + (.excludedFrom | join(", ")) else "" end))
, ($r.cases[] | select(.excluded | length > 0) | . as $c | .excluded | to_entries[] | "- \($c.id): \(.key) excluded: \(.value)")
, ($r.runtimes[] | "- \(.verifier) \(.version) on \(.runtime)")
, "- machine: \($r.machine.cores) cores, \($r.machine.cpu), load average \($r.machine.loadAverageAtStart) at start, \($r.machine.loadAverageAtEnd) at end"
