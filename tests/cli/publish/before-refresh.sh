# Before any refresh has published outputs there is nothing to freeze: a
# usage error (exit 2) that says what to run first.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna publish --edition 2026-board
rc=$?
[ -e outputs/editions ] && fail "an edition folder was made"
[ -e outputs/.current ] && fail "outputs were published"
jsna publish --list
exit $rc
