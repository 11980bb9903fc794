# A 10 MB field is a broken file, not data: rejected, memory bounded.
. "$TOP/tests/cli/lib.sh"
{ head -2 "$TOP/tests/data/small/inputs/ons/population.csv"; printf '2022,Reporting year,National,E92000001,England,,,,,,"'; head -c 10485760 /dev/zero | tr '\0' 'a'; printf '",1\n'; } > big.csv
ingest_bad big.csv
