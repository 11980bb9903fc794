# An edition never changes: later refreshes, with different data, leave
# every byte of it as frozen (and --verify says so), while the published
# outputs do move on.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna refresh -q || fail "refresh exited $?"
jsna publish -q --edition 2026-board || fail "publish exited $?"
E=outputs/editions/2026-board
find $E -type f | LC_ALL=C sort | xargs sha256sum > before
cp outputs/indicators.csv live-before.csv

# 496 children in care in 2025 become 510.
sed -i 's/each year,66870,496,74/each year,66870,510,76/' inputs/dfe/cla.csv
grep -q ',510,76' inputs/dfe/cla.csv || fail "the input was not changed"
jsna refresh -q || fail "second refresh exited $?"
jsna refresh -q || fail "third refresh exited $?"

find $E -type f | LC_ALL=C sort | xargs sha256sum > after
cmp -s before after || { diff before after >&2; fail "the edition changed"; }
echo "edition: byte for byte as frozen"
jsna publish --verify 2026-board
echo "verify: exit $?"
cmp -s live-before.csv outputs/indicators.csv && fail "the published export did not change"
grep -q '^cla_rate,.*,E06000050,.*,2025,.*,510,' outputs/indicators.csv || fail "the new count is not published"
grep -q '^cla_rate,.*,E06000050,.*,2025,.*,496,' $E/indicators.csv || fail "the edition lost its count"
echo "published outputs: moved on to the new data"
jsna publish --list | cut -f1,3
chmod -R u+w outputs/editions
