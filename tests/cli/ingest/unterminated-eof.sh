# A quote opened on the last line and never closed.
. "$TOP/tests/cli/lib.sh"
setup_small
{ cat "$TOP/tests/data/small/inputs/ons/population.csv"; printf '2022,Reporting year,National,E92000001,"England,,,,,,Children aged 0 to 17 years,1\n'; } > eof.csv
rm -rf inputs var
ingest_bad eof.csv
