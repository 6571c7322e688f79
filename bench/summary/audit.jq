# run-all summary row from bench/run-audit's JSON ($r) and the run record ($run).
$r[0] as $r
| ($r.hallmark.launcher.medianWallMs) as $h | ($r.npm.warmCache.medianWallMs) as $n
| [{benchmark: "audit", measure: "`hallmark audit` vs `npm audit signatures`, \($r.setup.packages // "?") installed packages, wall median",
    unit: "ms", hallmark: $h, peerName: "npm audit signatures", peer: $n,
    ratio: (if $h == null or $n == null or $n == 0 then null else ($h / $n * 100 | round / 100) end), higherIsBetter: false,
    goal: "< 1 s and ≥ 10× faster than npm", met: (if $h == null or $n == null then null else ($h < 1000 and $n >= 10 * $h) end)}]
