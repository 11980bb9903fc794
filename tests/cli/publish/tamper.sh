# --verify recomputes every hash against the manifest: a byte changed in
# place, a file removed and a file added are each named, and it exits 1.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna refresh -q || fail "refresh exited $?"
jsna publish -q --edition 2026-board || fail "publish exited $?"
E=outputs/editions/2026-board
chmod u+w $E/tables/summary.csv
printf 'X' | dd of=$E/tables/summary.csv bs=1 seek=10 conv=notrunc 2> /dev/null
jsna publish -q --verify 2026-board
echo "one byte: exit $?"
(cd $E && sha256sum -c --quiet MANIFEST.sha256 2> /dev/null)
chmod u+w $E $E/charts
rm $E/charts/cla_rate_trend.svg
echo extra > $E/notes.txt
jsna publish -q --verify 2026-board
echo "removed and added: exit $?"
chmod -R u+w outputs/editions
