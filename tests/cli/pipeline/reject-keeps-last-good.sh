# A refresh with a malformed extract carries on with the last good load of
# that source, publishes, says what was rejected, and exits 1.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna refresh -q || fail "first refresh"
before=$(cat outputs/indicators.csv | cksum)
cp "$TOP/tests/data/small/bad/cla_nonnumeric.csv" inputs/dfe/cla.csv
jsna refresh -q
echo "exit $?"
[ "$(cat outputs/indicators.csv | cksum)" = "$before" ] || fail "the values changed"
ls outputs/logs | wc -l
grep -c 'file rejected' outputs/logs/*run*.log | awk -F: '{ s += $2 } END { print s " rejection logged" }'
sed -n '/^## Inputs/,/^## /p' outputs/changes.md | grep '^- '
# The same night again: nothing changed, the file is still rejected.
jsna refresh -q
echo "exit $?"
grep -c '^Nothing changed' outputs/changes.md
sed -n '/^## Inputs still rejected/,$p' outputs/changes.md | grep '^- '
