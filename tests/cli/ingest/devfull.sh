# A write error on the standard output is a system error (exit 3).
. "$TOP/tests/cli/lib.sh"
setup_small
jsna-ingest || exit 1
jsna-check --datasets > /dev/full
