# lib.sh - helpers for the command-line tests, sourced by each case.
# The runner sets TOP (the project), SHARED (../shared) and PATH.

# A small project in the current folder: the shipped definitions and
# source definitions, and the hand-made extracts of tests/data/small.
setup_small() {
	cp -R "$TOP/tests/data/small/inputs" inputs
	cp "$TOP/tests/data/small/jsna.ini" jsna.ini
	mkdir -p inputs/sources indicators
	cp "$TOP"/inputs/sources/*.ini inputs/sources/
	# the small extracts hold what cla_rate reads
	cp "$TOP"/indicators/cla_rate.ini indicators/
}

# Prints one SQL answer from the warehouse. Observations are kept in
# packed blocks (obs_block) that SQL cannot read: a query naming the
# observation table runs on a scratch database holding that table, built
# from `jsna-check --values`, with the warehouse attached for the rest.
sql() {
	case "$1" in
	*observation*)
		rm -f .obs.db .obs.csv
		jsna-check -q --values > .obs.csv 2> .obs.err ||
			fail "jsna-check --values: $(cat .obs.err)"
		sqlite3 -batch .obs.db \
			"CREATE TABLE raw(file, path, dataset, measure, area, period, kind, year, month, filters, value, symbol, note)" \
			".import --csv --skip 1 .obs.csv raw" \
			"CREATE TABLE observation AS SELECT CAST(file AS INTEGER) AS file, dataset, measure, area, CAST(kind AS INTEGER) AS kind, CAST(year AS INTEGER) AS year, CAST(month AS INTEGER) AS month, filters, CASE WHEN value = '' THEN NULL ELSE CAST(value AS REAL) END AS value, NULLIF(symbol, '') AS symbol, NULLIF(note, '') AS note FROM raw" \
			"DROP TABLE raw" || fail "cannot build the observation table"
		sqlite3 -batch -noheader .obs.db "ATTACH 'var/jsna.db' AS w" "$1"
		;;
	*)
		sqlite3 -batch -noheader var/jsna.db "$1"
		;;
	esac
}

# Fails the case with a message.
fail() {
	echo "FAILED: $*" >&2
	exit 1
}

# Reads a big-endian 32-bit number at offset $2 of file $1.
be32() {
	od -An -tu1 -j "$2" -N 4 "$1" | awk '{ print ($1 * 16777216) + ($2 * 65536) + ($3 * 256) + $4 }'
}

# Ingests the small extracts plus FILE as inputs/dfe/extra.csv; says the
# exit status and whether the warehouse is sound and kept its good loads.
ingest_bad() {
	setup_small
	jsna-ingest || fail "the good extracts did not load"
	before=$(sql "SELECT count(*), sum(value) FROM observation")
	cp "$1" inputs/dfe/extra.csv
	jsna-ingest
	echo "exit $?"
	echo "integrity: $(sql 'PRAGMA integrity_check')"
	echo "recorded: $(sql "SELECT status, errors FROM file_status WHERE path = 'dfe/extra.csv' ORDER BY run DESC LIMIT 1")"
	[ "$(sql "SELECT count(*), sum(value) FROM observation")" = "$before" ] ||
		fail "the good loads changed"
	echo "good loads kept"
}
