# Mistakes in a definition of the layout table, reported against the file
# it would read: a period_format the layout does not know, no measures, a
# 'filter.' without a name, thousands neither yes nor no, the area column
# missing from the file. An unknown option is refused when the
# definitions are read; filter.NAME keys are known.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/local
printf '[area]\ncode = E06000050\n' > jsna.ini
cat > inputs/sources/bad.ini <<'INI'
[source]
id            = local_bad
layout        = table
require       = Authority, Month, Count
area          = Area code
period        = Month
period_format = MM/YYYY
filter.       = x
filter.age    = 0 to 17
thousands     = sometimes
INI
printf 'Authority,Month,Count\nE06000050,04/2024,1\n' > inputs/local/bad.csv
jsna-ingest
echo "exit $?"
cat > inputs/sources/unknown.ini <<'INI'
[source]
id      = local_unknown
layout  = table
require = Authority, Week
week    = Week
INI
rm inputs/sources/bad.ini
jsna-ingest
echo "exit $?"
