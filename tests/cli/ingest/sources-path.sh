# [paths] sources: the definitions read from a folder outside inputs, so
# that inputs can be a read-only folder of the files as published
# (../shared/data/real) and the project's own inputs/sources is used in
# place, nothing copied: every file loads, as in real-all.sh, none is
# unrecognised or rejected. Skips, saying so, when the folder is absent.
. "$TOP/tests/cli/lib.sh"
real="$SHARED/data/real"
if [ ! -d "$real" ]; then
	echo "skipped: no '$real'" >&2
	exit 0
fi
cat > jsna.ini <<INI
[area]
code = E06000050
[paths]
inputs  = $real
sources = $TOP/inputs/sources
INI
jsna-ingest -q
echo "exit $?"
echo "integrity: $(sql 'PRAGMA integrity_check')"
echo "-- files by dataset (their rows are real-all.sh's business)"
sql "SELECT dataset, count(*) FROM source_file GROUP BY dataset ORDER BY dataset"
echo "-- unrecognised or rejected"
sql "SELECT path, status FROM file_status WHERE status NOT IN ('loaded', 'unchanged') ORDER BY path"
# Every CSV but the EES companions is loaded, recorded relative to inputs.
find "$real" -name '*.csv' ! -name '*.meta.csv' | sed "s|^$real/||" | sort > all.txt
sql "SELECT path FROM source_file ORDER BY path" > got.txt
cmp -s all.txt got.txt || fail "the files loaded are not the CSVs of '$real'"
echo "$(wc -l < got.txt) files, named relative to inputs"
