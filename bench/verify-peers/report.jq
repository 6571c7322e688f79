# bench/results/verify-peers.json from the runs (one JSON line per verifier and bundle) and the cases (jq -n).
def r1: . * 10 | round / 10;
def r3: . * 1000 | round / 1000;
def summary:
  .iterations as $it
  | ($it | map(.ops) | add) as $ops | ($it | map(.seconds) | add) as $s | ($it | map(.cpuSeconds) | add) as $cpu
  | {verifier, version, runtime, opsPerSecond: ($ops / $s | r1), msPerOp: ($s * 1000 / $ops | r3),
     opsPerProcessCpuSecond: (if $cpu > 0 then $ops / $cpu | r1 else null end),
     processCpuShareOfOneCore: ($cpu / $s | r3),
     iterationsOpsPerSecond: ($it | map(.ops / .seconds | r1)), measuredOps: $ops, measuredSeconds: ($s | r3),
     warmupOps: .warmup.ops, loadAverageBefore};
def ratio($a; $b): if $a == null or $b == null or $b == 0 then null else $a / $b | . * 100 | round / 100 end;
def geomean: if length == 0 then null else (map(log) | add / length | exp | . * 100 | round / 100) end;

["sigstore-java", "@sigstore/verify"] as $peers
| [$cases[0].cases[] | . as $c
   | ([$runs[] | select(.case == $c.id) | summary] | map({key: .verifier, value: .}) | from_entries) as $res
   | {id, origin, description, content, subjectDigest: .digest.algorithm,
      bundle: (.bundle | if test("/shared/vectors/") then sub(".*/shared/vectors/"; "shared/vectors/") else "signed at bench time" end),
      identity, excluded: .exclude, results: $res,
      hallmarkOver: ([$peers[] as $p | {key: $p, value: ratio($res["hallmark-core"].opsPerSecond; $res[$p].opsPerSecond)}]
                     | from_entries),
      hallmarkOverPerCpuSecond: ([$peers[] as $p | {key: $p, value: ratio($res["hallmark-core"].opsPerProcessCpuSecond;
                     $res[$p].opsPerProcessCpuSecond)}] | from_entries)}] as $rows
| {
    benchmark: "verify-peers",
    startedAt: $started,
    machine: {cores: $cores, cpu: $cpu, os: $os, loadAverageAtStart: $loadStart, loadAverageAtEnd: $loadEnd},
    runtimes: ([$runs[] | {verifier, version, runtime}] | unique),
    settings: $settings,
    notes: [
      "One thread per verifier, each (verifier, bundle) in a process of its own: warm-up, then the measured iterations back to back; opsPerSecond = verifications / wall seconds over all measured iterations, so it is per core.",
      "Each verification parses the bundle JSON and verifies it against the trusted root (built once per process) with the exact SAN and issuer as policy; for DSSE the in-toto subject must carry the artifact digest (hallmark-core and sigstore-java check it; for @sigstore/verify the harness compares it as pacote does). The first failed verification aborts the run.",
      "opsPerProcessCpuSecond divides by the CPU time of the whole process over the window (JIT, GC and helper threads included): other load on the machine changes it less than opsPerSecond.",
      "hallmark-core and sigstore-java get the artifact digest; @sigstore/verify takes the artifact bytes for message signatures (it hashes them itself; the artifacts are 33 bytes to 11 KB)."
    ],
    cases: $rows,
    summary: ([$peers[] as $p
      | ($rows | map(.hallmarkOver[$p]) | map(select(. != null))) as $rs
      | ($rows | map(.hallmarkOverPerCpuSecond[$p]) | map(select(. != null))) as $cs
      | ($rows | map(select(.results[$p] != null and .results["hallmark-core"] != null))) as $both
      | {key: $p, value: {cases: ($rs | length),
                          hallmarkGeometricMeanOpsPerSecond: ($both | map(.results["hallmark-core"].opsPerSecond) | geomean),
                          peerGeometricMeanOpsPerSecond: ($both | map(.results[$p].opsPerSecond) | geomean),
                          geometricMeanRatio: ($rs | geomean), minRatio: ($rs | min),
                          maxRatio: ($rs | max), geometricMeanRatioPerCpuSecond: ($cs | geomean),
                          excludedFrom: [$rows[] | select(.excluded[$p] != null) | .id]}}] | from_entries),
    hallmarkGeometricMeanOpsPerSecond: ([$rows[] | .results["hallmark-core"].opsPerSecond | select(. != null)] | geomean)
  }
