# An empty file is rejected: nothing to recognise, nothing replaced.
. "$TOP/tests/cli/lib.sh"
: > empty.csv
ingest_bad empty.csv
