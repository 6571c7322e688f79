# run-all summary rows from bench/run-verify-peers' JSON ($r) and the run record ($run).
$r[0] as $r
| ["sigstore-java", "@sigstore/verify"] as $peers
| [$peers[] as $p | $r.summary[$p] | select(. != null and .cases > 0)
   | {benchmark: "verify-peers", measure: "bundle verifications/s, one thread, geometric mean over the \(.cases) bundles both verify",
      unit: "/s", hallmark: .hallmarkGeometricMeanOpsPerSecond, peerName: $p, peer: .peerGeometricMeanOpsPerSecond,
      ratio: .geometricMeanRatio, higherIsBetter: true, goal: "faster than \($p) (ratio > 1)",
      met: (.geometricMeanRatio > 1)}]
