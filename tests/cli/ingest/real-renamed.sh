# A real DfE file copied under next year's name loads as the same dataset
# (../shared/data/real, when present).
. "$TOP/tests/cli/lib.sh"
f="$SHARED/data/real/dfe_ees/children_social_care/b1_children_in_need_2013_to_2025.csv"
if [ ! -f "$f" ]; then
	echo "skipped: no '$f'" >&2
	exit 0
fi
mkdir -p inputs/sources
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$f" inputs/b1_children_in_need_2013_to_2026.csv
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest || exit 1
[ "$(sql "SELECT dataset || ' ' || rows FROM source_file")" = "dfe_cin_b1 2132" ] || fail "not loaded as dfe_cin_b1"
