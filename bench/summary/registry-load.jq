# run-all summary rows from bench/run-registry-load's JSON ($r) and the run record ($run).
def load($t; $name): first(($t.load // [])[] | select(.name == $name)) // null;
def row($m; $unit; $h; $v; $better; $goal; $met):
  {benchmark: "registry-load", measure: $m, unit: $unit, hallmark: $h, peerName: (if $v == null then null else "Verdaccio 6" end), peer: $v,
   ratio: (if $h == null or $v == null or $v == 0 then null else ($h / $v * 100 | round / 100) end),
   higherIsBetter: $better, goal: $goal, met: $met};
$r[0] as $r
| (first($r.targets[] | select(.target == "hallmark")) // null) as $h
| (first($r.targets[] | select(.target == "verdaccio")) // null) as $v
| [(["packument, full", "packument, abbreviated", "tarball"][] as $n
    | (load($h; $n).requestsPerSecond) as $hh | (load($v; $n).requestsPerSecond) as $vv
    | select($hh != null)
    | row("GET \($n), req/s (wrk, 64 connections)"; "/s"; $hh; $vv; true;
          (if $n == "tarball" then null else "≥ 10× Verdaccio" end);
          (if $n == "tarball" or $vv == null then null else $hh >= 10 * $vv end))),
   (select($h.publish != null) | row("publish PUT, server time (Hallmark's access log), median"; "ms";
      $r.goals.publishServerTimeMs; null; false; "< 30 ms"; $r.goals.publishServerTimeUnder30Ms)),
   (select($h.publish != null) | row("`npm publish` wall time, median"; "ms"; $h.publish.npmPublishWallMs.median;
      $v.publish.npmPublishWallMs.median; false; null; null)),
   (select($h.tree != null) | row("`npm publish` of the \($h.tree.packages)-package tree, total"; "s";
      $h.tree.publish.totalSeconds; $v.tree.publish.totalSeconds; false; null; null)),
   (select($h.tree != null) | [["cold", "`npm install` of the tree, no lockfile, empty cache"],
      ["ci-cold", "`npm ci` of the tree, lockfile, empty cache"], ["ci-warm", "`npm ci` of the tree, lockfile, warm cache"]][]
      as [$s, $what] | row($what + ", median"; "ms"; $h.tree.install[$s].medianMs; $v.tree.install[$s].medianMs; false; null; null))]
