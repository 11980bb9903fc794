# A file named on the command line that does not exist is a system error.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna-ingest inputs/nothere.csv
