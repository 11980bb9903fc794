# Text saved by Excel as Windows-1252 is converted to UTF-8, said once,
# never stored as mojibake.
. "$TOP/tests/cli/lib.sh"
setup_small
for f in inputs/dfe/cla.csv inputs/ons/population.csv; do
	sed 's/Cheshire West and Chester/Cheshire W\xe9st \x96 Chester/' $f > p.csv
	mv p.csv $f
done
jsna-ingest
echo "exit $?"
sql "SELECT name, hex(name) FROM area WHERE code = 'E06000050'"
echo "integrity: $(sql 'PRAGMA integrity_check')"
