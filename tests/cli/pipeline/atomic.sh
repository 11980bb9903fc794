# Outputs are published as one set: the names are links through .current,
# the two sets before the current one are kept, and a refresh that fails
# (here: a definition folder that cannot be read) publishes nothing.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna refresh -q || fail "first refresh"
jsna refresh -q || fail "second refresh"
jsna refresh -q || fail "third refresh"
jsna refresh -q || fail "fourth refresh"
ls outputs/.runs | wc -l
readlink outputs/indicators.csv
cur=$(readlink outputs/.current)
sed 's/^indicators .*/indicators = nowhere/' jsna.ini > bad.ini
jsna refresh -q -c bad.ini
echo "exit $?"
[ "$(readlink outputs/.current)" = "$cur" ] || fail "a failed refresh switched the outputs"
ls outputs/.runs | grep -c tmp
true
