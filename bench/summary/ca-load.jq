# run-all summary rows from bench/run-ca-load's JSON ($r) and the run record ($run).
$r[0] as $r
| [($r.issuance // [])[] | select(.path == "http")
   | {benchmark: "ca-load", measure: "certificates/s over HTTP, \(.clients) client(s) (p99 \(.p99Millis) ms, \(.errors) errors)",
      unit: "/s", hallmark: .certsPerSecond, peerName: null, peer: null, ratio: null, higherIsBetter: true,
      goal: "≥ 3,000/s with p99 < 20 ms", met: (.certsPerSecond >= 3000 and .p99Millis < 20 and .errors == 0)}]
