# The bundled statistical-neighbour list (tools/gen-sample.c, DfE's
# layout) loads with the shipped definition: one row per authority, ten
# neighbours each, as the file itself says (counted here with awk).
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/reference
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP"/inputs/reference/statistical_neighbours.csv inputs/reference/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest || fail "jsna-ingest exited $?"
file=inputs/reference/statistical_neighbours.csv
rows=$(awk 'END { print NR - 1 }' "$file")
[ "$(sql "SELECT dataset || ' ' || rows FROM source_file")" = "dfe_statistical_neighbours $rows" ] ||
	fail "not loaded as dfe_statistical_neighbours with $rows rows"
[ "$(sql "SELECT count(*) FROM lookup WHERE kind = 'neighbour'")" = $((rows * 10)) ] ||
	fail "not ten neighbours for each of the $rows authorities"
# Cheshire West and Chester's, in order, as written (its name holds no
# comma, so awk can split the line).
want=$(awk -F, '$1 == 896 { for (i = 6; i < 26; i += 2) print $i " " $(i + 1) }' "$file" | tr -d '\r')
got=$(sql "SELECT other || ' ' || label FROM lookup WHERE kind = 'neighbour' AND code = '896' ORDER BY rank")
[ "$got" = "$want" ] || fail "neighbours of 896: got
$got
expected
$want"
echo "$rows authorities, $((rows * 10)) neighbours"
