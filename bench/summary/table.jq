# The table bench/run-all prints, from bench/results/summary.json (jq -r).
def pad($n): tostring | if length < $n then . + (" " * ($n - length)) else . end;
def lpad($n): tostring | if length < $n then (" " * ($n - length)) + . else . end;
def num: if . == null then "—" elif type == "number" then
    (if . >= 100 then round else . * 10 | round / 10 end | tostring
     | until(test("^[0-9]{4}") | not; sub("^(?<a>[0-9]+)(?<b>[0-9]{3})"; "\(.a),\(.b)")))
  else tostring end;
def withunit($u): if . == "—" or $u == null then . else . + " " + $u end;

. as $s
| [["benchmark", "measure", "Hallmark", "peer", "Hallmark / peer", "goal", "met?"]]
  + [$s.rows[] | . as $x | [.benchmark, .measure, (.hallmark | num | withunit($x.unit)),
      (if .peer == null then "—" else (.peer | num | withunit($x.unit)) + " (" + .peerName + ")" end),
      (if .ratio == null then "—" else "\(.ratio)×" + (if .higherIsBetter == false then " (time)" else "" end) end),
      (.goal // "—"), (if .met == null then "—" elif .met then "yes" else "NO" end)]]
| (. as $t | [range(0; 7) as $i | $t | map(.[$i] | length) | max]) as $w
| (.[] | [range(0; 7) as $i | .[$i] | if $i == 2 or $i == 3 or $i == 4 then lpad($w[$i]) else pad($w[$i]) end] | join("  "))
, ""
, ($s.benchmarks[] | "- \(.name): `\(.command)` exit \(.exit), \(.seconds) s, load average \(.loadAverageAtStart) → \(.loadAverageAtEnd)"
     + (if .results then ", \(.results)" else "" end))
, "- machine: \($s.machine.cores) cores, \($s.machine.cpu); load average \($s.machine.loadAverageAtStart) at start, \($s.machine.loadAverageAtEnd) at end"
