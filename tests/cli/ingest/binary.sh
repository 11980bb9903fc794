# Binary bytes (here a PNG's signature and header) named .csv: rejected.
. "$TOP/tests/cli/lib.sh"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\001\000' > picture.csv
ingest_bad picture.csv
