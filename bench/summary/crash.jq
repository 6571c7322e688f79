# run-all summary row for bench/run-crash (no JSON; $run holds its exit status and last lines).
[{benchmark: "crash", measure: ($run.lastLines | map(select(test("crash campaign: .*kills"))) | last // "crash campaign"
   | sub(", load average at end.*"; "")),
  unit: null, hallmark: (if $run.exit == 0 then "passed" else "FAILED" end), peerName: null, peer: null, ratio: null,
  higherIsBetter: null, goal: "every acknowledged entry kept, proofs valid", met: ($run.exit == 0)}]
