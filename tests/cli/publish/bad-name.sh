# Edition names are 1 to 64 of A-Z a-z 0-9 . _ -, not starting with '.'
# (nor ending in .tmp, the name of one being frozen); anything else, and a
# missing or doubled command, is a usage error (exit 2) with nothing done.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna refresh -q || fail "refresh exited $?"
for name in .hidden 'a/b' 'board 2026' x.tmp '' \
	12345678901234567890123456789012345678901234567890123456789012345; do
	jsna publish --edition "$name"
	echo "'$name': exit $?"
done
jsna publish 2> /dev/null
echo "no command: exit $?"
jsna publish --list --verify x 2> /dev/null
echo "two commands: exit $?"
jsna publish --verify nosuch
echo "verify an unknown edition: exit $?"
[ -e outputs/editions ] && fail "an edition folder was made"
true
