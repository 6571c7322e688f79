# run-all summary row from bench/run-soak's JSON ($r).
$r[0] as $r | $r.verdict as $v
| [{benchmark: "soak", measure: "heap after GC under mixed load, \($r.seconds // "?") s: slope (RSS \($v.rssMiB.slopePerMinute) MiB/min)",
    unit: "MiB/min", hallmark: $v.heapAfterGcMiB.slopePerMinute, peerName: null, peer: null, ratio: null,
    higherIsBetter: false, goal: "flat: heap, open files, threads",
    met: ($v.heapFlat and $v.openFilesFlat and $v.threadsFlat)}]
