# Which folder the inputs walk leaves out as definitions: the configured
# sources folder. With the default (INPUTS/sources), every folder named
# 'sources' is left out, as before the key existed; with sources set to
# another folder under inputs, that folder is left out (a CSV there is not
# an extract) and inputs/sources is walked like any other folder. A sources
# folder that does not exist is a configuration error (exit 2), not a run
# that recognises nothing.
. "$TOP/tests/cli/lib.sh"
snpp="$TOP/tests/data/layouts/snpp"
mkdir -p inputs/ons/sources inputs/sources inputs/defs
cp "$TOP/inputs/sources/ons_snpp.ini" inputs/sources/
cp "$TOP/inputs/sources/ons_snpp.ini" inputs/defs/
cp "$snpp/2018 SNPP Population males.csv" inputs/ons/males.csv
cp "$snpp/2018 SNPP Population males.csv" inputs/ons/sources/nested.csv
cp "$snpp/2018 SNPP Population males.csv" inputs/sources/in_sources.csv
cp "$snpp/2018 SNPP Population males.csv" inputs/defs/in_defs.csv
loaded() {
	echo "$1: exit $2; loaded: $(sql "SELECT group_concat(path, ' ') FROM (SELECT path FROM source_file ORDER BY path)")"
	rm -rf var
}
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest -q
loaded "default" $?
printf '[area]\ncode = E06000050\n[paths]\nsources = inputs/sources\n' > jsna.ini
jsna-ingest -q
loaded "sources = inputs/sources" $?
printf '[area]\ncode = E06000050\n[paths]\nsources = ./inputs/defs\n' > jsna.ini
jsna-ingest -q
loaded "sources = ./inputs/defs" $?
printf '[area]\ncode = E06000050\n[paths]\nsources = inputs/nowhere\n' > jsna.ini
jsna-ingest -q
echo "sources = inputs/nowhere: exit $?"
