# The real ONS MYE2 tables and OHID Fingertips exports of
# ../shared/data/real (when present) load whole: per file, the dataset and
# the rows loaded are those of that folder's README.
. "$TOP/tests/cli/lib.sh"
real=$SHARED/data/real
if [ ! -d "$real/ons" ] || [ ! -d "$real/ohid_fingertips" ]; then
	echo "skipped: no '$real/ons' or '$real/ohid_fingertips'" >&2
	exit 0
fi
mkdir -p inputs/sources inputs/ons inputs/ohid_fingertips
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$real"/ons/*.csv inputs/ons/
cp "$real"/ohid_fingertips/*.csv inputs/ohid_fingertips/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest || fail "jsna-ingest exited $?"
got=$(sql "SELECT path || ' ' || dataset || ' ' || rows FROM source_file WHERE dataset IN ('ons_mye2', 'ohid_fingertips') ORDER BY path")
want="ohid_fingertips/la_hospital_admissions_2223.csv ohid_fingertips 154
ohid_fingertips/la_hospital_admissions_2324.csv ohid_fingertips 7208
ohid_fingertips/region_hospital_admissions_2223.csv ohid_fingertips 10
ohid_fingertips/region_hospital_admissions_2324.csv ohid_fingertips 6847
ons/mye22final_MYE2_Females.csv ons_mye2 404
ons/mye22final_MYE2_Males.csv ons_mye2 404
ons/mye22final_MYE2_Persons.csv ons_mye2 404
ons/mye23tablesew_MYE2_Females.csv ons_mye2 357
ons/mye23tablesew_MYE2_Males.csv ons_mye2 357
ons/mye23tablesew_MYE2_Persons.csv ons_mye2 357"
[ "$got" = "$want" ] || fail "loaded:
$got
expected:
$want"
# The DfE series beside them is not taken for an MYE2 table.
[ "$(sql "SELECT dataset FROM source_file WHERE path LIKE '%ons_mid-year%'")" = dfe_population_0_17 ] ||
	fail "ons_mid-year_population_estimates_2012_to_2024.csv not loaded as dfe_population_0_17"
# The README's figures: injuries admissions 0-14, 2023/24, Persons.
[ "$(sql "SELECT area || ' ' || measure || ' ' || value FROM observation WHERE dataset = 'ohid_fingertips' AND year = 2023 AND area IN ('E06000006', 'E06000050') AND measure IN ('90284:count', '90284:denominator', '90284:value') AND filters LIKE '%sex=Persons%category_type=%parent=E92000001%' ORDER BY area, measure")" = "E06000006 90284:count 210.0
E06000006 90284:denominator 22578.0
E06000006 90284:value 93.0109
E06000050 90284:count 505.0
E06000050 90284:denominator 58495.0
E06000050 90284:value 86.33217" ] || fail "the README's 2023/24 figures for Halton and CWaC"
# England once per breakdown though the LA export gives its rows twice.
[ "$(sql "SELECT count(*) FROM observation o JOIN source_file f ON f.id = o.file WHERE f.path LIKE '%la_hospital_admissions_2324%' AND o.area = 'E92000001' AND o.measure = '90284:value'")" = 703 ] ||
	fail "England's rows of la_hospital_admissions_2324.csv not loaded once each"
echo "10 files: rows as the README says"
