# The real LAIT table, its data dictionary and the lookups of
# ../shared/data/real (when present) load whole: per file, the dataset and
# the rows loaded are those of that folder's README, typed in here. The
# statistical-neighbour lists hold 159 rows each (the README's "160 rows"
# counts the header line): 153 or 154 authorities, an "Old SNs:" heading
# row and the old lists of 5 or 4 predecessor authorities. With DfE's 0-17
# series loaded first, every LAIT authority finds its GSS code, and the
# README's figures for Halton and Cheshire West and Chester come out.
. "$TOP/tests/cli/lib.sh"
real=$SHARED/data/real
if [ ! -d "$real/dfe_lait" ] || [ ! -d "$real/lookups" ] ||
    [ ! -f "$real/ons/ons_mid-year_population_estimates_2012_to_2024.csv" ]; then
	echo "skipped: no '$real/dfe_lait', '$real/lookups' or the ONS 0-17 series" >&2
	exit 0
fi
mkdir -p inputs/sources inputs/dfe inputs/lait inputs/reference
cp "$TOP"/inputs/sources/*.ini inputs/sources/
# inputs/dfe/ sorts before inputs/lait/: the numbers are known in time.
cp "$real"/ons/ons_mid-year_population_estimates_2012_to_2024.csv inputs/dfe/
cp "$real"/dfe_lait/*.csv inputs/lait/
cp "$real"/lookups/*.csv inputs/reference/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest || fail "jsna-ingest exited $?"
got=$(sql "SELECT path || ' ' || dataset || ' ' || rows FROM source_file WHERE path NOT LIKE 'dfe/%' ORDER BY path")
want="lait/bds_long_0_jsna_subset.csv dfe_lait 102170
lait/lait_data_dictionary.csv dfe_lait_dictionary 448
reference/LTLA-UTLA_Apr23_Lookup_England-Wales.csv ons_ltla_utla_lookup 318
reference/la_code_list.csv dfe_la_code_list 171
reference/sn_april_2021.csv dfe_statistical_neighbours 159
reference/sn_may_2025.csv dfe_statistical_neighbours 159"
[ "$got" = "$want" ] || fail "loaded:
$got
expected:
$want"
# One observation per LAIT row; the README's 17,113 '-' cells kept as such.
[ "$(sql "SELECT count(*) || ' ' || sum(symbol = '-') FROM observation WHERE dataset = 'dfe_lait'")" = "102170 17113" ] ||
	fail "not one observation per LAIT row with 17113 '-'"
# Every authority by its GSS code: no number left as 'LA...'.
[ "$(sql "SELECT count(DISTINCT area) || ' ' || sum(area LIKE 'LA%') FROM observation WHERE dataset = 'dfe_lait'")" = "170 0" ] ||
	fail "LAIT's 170 areas not all found by GSS code"
# The README's figures: CIN, CPP and CLA rates at 31 March 2025, EYFSP
# 2022 GLD of FSM pupils (Halton).
got=$(sql "SELECT area || ' ' || measure || ' ' || value FROM observation WHERE dataset = 'dfe_lait' AND ((year = 2025 AND measure IN ('CIN', 'CPP_rate', 'LAC')) OR (year = 2022 AND measure = 'FSP_Gooddev_FSM' AND area = 'E06000006')) AND area IN ('E06000006', 'E06000050') ORDER BY area, measure")
want="E06000006 CIN 433.0
E06000006 CPP_rate 55.2
E06000006 FSP_Gooddev_FSM 49.8
E06000006 LAC 132.0
E06000050 CIN 314.5
E06000050 CPP_rate 41.5
E06000050 LAC 82.0"
[ "$got" = "$want" ] || fail "the README's figures:
$got
expected:
$want"
# Neighbours of Cheshire West and Chester (896) in each list, as written.
for f in sn_may_2025 sn_april_2021; do
	want=$(awk -F, '$1 == 896 { for (i = 6; i < 26; i += 2) print $i " " $(i + 1) }' "$real/lookups/$f.csv" | tr -d '\r')
	got=$(sql "SELECT l.other || ' ' || l.label FROM lookup l JOIN source_file f ON f.id = l.file WHERE f.path = 'reference/$f.csv' AND l.code = '896' ORDER BY l.rank")
	[ "$got" = "$want" ] || fail "neighbours of 896 in $f: got
$got
expected
$want"
done
# Every district under its upper tier; every LA number named.
[ "$(sql "SELECT count(*) FROM lookup WHERE kind = 'parent'") $(sql "SELECT count(*) FROM lookup WHERE kind = 'la_number'")" = "318 171" ] ||
	fail "parent or la_number rows"
[ "$(sql "SELECT other FROM lookup WHERE kind = 'parent' AND code = 'E06000050'")" = E06000050 ] ||
	fail "E06000050 not its own upper tier"
echo "6 files: rows as the README says"
