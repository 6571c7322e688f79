# run-all summary rows from JMH's JSON result (-rf json) of VerifyBundleBenchmark ($r) and the run record ($run).
[$r[0][] | select(.benchmark | test("VerifyBundleBenchmark"))
 | {benchmark: "jmh", measure: "\(.benchmark | sub(".*\\."; "")) of the @playwright/cli provenance bundle (JMH, one thread)",
    unit: "/s", hallmark: (.primaryMetric.score | round), peerName: null, peer: null, ratio: null, higherIsBetter: true,
    goal: "≥ 3,000/s per core", met: (.primaryMetric.score >= 3000)}]
