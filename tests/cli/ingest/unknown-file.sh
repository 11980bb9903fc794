# A CSV that no source definition recognises is skipped with a warning.
. "$TOP/tests/cli/lib.sh"
setup_small
printf 'a,b\n1,2\n' > inputs/other.csv
jsna-ingest
