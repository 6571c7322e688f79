# run-all summary row from bench/run-reliability's JSON ($r; one part) and the run record ($run).
$r[0] as $r
| [{benchmark: "reliability",
    measure: "overload and recovery: \($r.checks | map(select(.passed == true)) | length) of \($r.checks | map(select(.passed != null)) | length) checks passed",
    unit: null, hallmark: (if $r.passed then "passed" else "FAILED" end), peerName: null, peer: null, ratio: null,
    higherIsBetter: null, goal: "every check", met: $r.passed}]
