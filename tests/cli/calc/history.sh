# Values are kept per run: after the extract is revised (one count of the
# area changes) and calc runs again, both runs' values can be read back,
# the old one as it was.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna-ingest -q && jsna-calc -q || fail "first refresh failed"
# The area's 2025 count 496 becomes 506 in the revised extract.
grep -q ',496,' inputs/dfe/cla.csv || fail "the fixture lost its 496"
sed -i 's/,496,/,506,/' inputs/dfe/cla.csv
jsna-ingest -q && jsna-calc -q || fail "second refresh failed"
sql "SELECT v.run, v.count, printf('%.6f', v.value) FROM indicator_value v
     JOIN run r ON r.id = v.run
     WHERE v.indicator = 'cla_rate' AND v.area = 'E06000050' AND v.year = 2025
     ORDER BY v.run"
# 496 and 506 over the same population (the rate's denominator).
den=$(sql "SELECT denominator FROM indicator_value WHERE indicator = 'cla_rate' AND area = 'E06000050' AND year = 2025 LIMIT 1")
awk -v d="$den" 'BEGIN { printf "by hand: %.6f then %.6f\n", 496 / d * 10000, 506 / d * 10000 }'
