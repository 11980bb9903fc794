# An edition is never replaced: freezing a name in use is a usage error
# that leaves the edition as it was.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna refresh -q || fail "refresh exited $?"
jsna publish -q --edition 2026-board || fail "publish exited $?"
sum=$(cat outputs/editions/2026-board/MANIFEST.sha256 | sha256sum)
jsna refresh -q || fail "second refresh exited $?"
jsna publish --edition 2026-board
rc=$?
[ "$(cat outputs/editions/2026-board/MANIFEST.sha256 | sha256sum)" = "$sum" ] || fail "the edition was replaced"
ls outputs/editions
chmod -R u+w outputs/editions
exit $rc
