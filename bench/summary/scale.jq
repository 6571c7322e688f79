# run-all summary rows from bench/run-scale's JSON ($r): the growth factor (value at the largest size / at the
# smallest) of a few throughput figures per table; no goal (the issue asks how they grow).
$r[0] as $r
| {"log-sqlite": ["appendPerSecond", "inclusionPerSecond"], "log-postgres": ["appendPerSecond", "inclusionPerSecond"],
   "registry": ["hotAbbreviatedPerSecond", "randomAbbreviatedPerSecond", "publishP50Millis"],
   "versions": ["hotAbbreviatedPerSecond"]} as $pick
| [($r.tables // {}) | to_entries[] | .key as $t | .value as $v | ($pick[$t] // [])[] as $m | select($v[$m] != null)
   | {benchmark: "scale", measure: "\($t) \($m): growth from the smallest to the largest size measured", unit: "×",
      hallmark: $v[$m].growth, peerName: null, peer: null, ratio: null, higherIsBetter: null, goal: null, met: null}]
