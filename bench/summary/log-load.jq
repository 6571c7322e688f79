# run-all summary rows from bench/run-log-load's JSON ($r) and the run record ($run).
$r[0] as $r
| [($r.appends // [])[] | select(.store == "sqlite")
   | {benchmark: "log-load", measure: "durable appends/s, SQLite, \(.submitters) submitters (p99 \(.p99Millis) ms)",
      unit: "/s", hallmark: .acksPerSecond, peerName: null, peer: null, ratio: null, higherIsBetter: true,
      goal: "≥ 20,000/s with p99 ≤ 300 ms", met: (.acksPerSecond >= 20000 and .p99Millis <= 300)}]
  + [($r.proofs // [])[] | select(.path == "in-process LogEngine.inclusionProof" and .store == "sqlite")
   | {benchmark: "log-load", measure: "inclusion proofs/s in-process, SQLite, \(.threads) thread(s)", unit: "/s",
      hallmark: .perSecond, peerName: null, peer: null, ratio: null, higherIsBetter: true, goal: "≥ 50,000/s",
      met: (.perSecond >= 50000)}]
