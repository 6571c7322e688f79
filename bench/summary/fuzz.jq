# run-all summary row for bench/run-fuzz (its JSON goes to bench/results/fuzz.json; the last line counts findings).
[{benchmark: "fuzz", measure: ($run.lastLines | map(select(test("^findings:"))) | first // "fuzzing every parser")
   | sub("; wrote .*"; ""),
  unit: null, hallmark: (if $run.exit == 0 then "no findings" else "FINDINGS" end), peerName: null, peer: null,
  ratio: null, higherIsBetter: null, goal: "no finding", met: ($run.exit == 0)}]
