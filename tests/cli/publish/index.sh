# The published index lists an edition as soon as it is frozen, and later
# refreshes keep listing it: every link of its row reaches a file (links
# are relative to the outputs folder, where index.html is published).
. "$TOP/tests/cli/lib.sh"
setup_small
jsna refresh -q || fail "refresh exited $?"
grep -q 'editions/' outputs/index.html && fail "an index without editions names one"
cur=$(readlink outputs/.current)
jsna publish -q --edition board.2026_v1 || fail "publish exited $?"
[ "$(readlink outputs/.current)" != "$cur" ] || fail "the index was not published again"
check() {
	grep -o 'href="editions/[^"]*"' outputs/index.html | sed 's/^href="//; s/"$//' > links
	cat links
	while read -r l; do
		[ -f "outputs/$l" ] || fail "the link '$l' reaches no file"
	done < links
	grep -q '<th scope="row">board.2026_v1</th><td><time datetime="20[0-9-]*T[0-9:]*Z">20[0-9-]*</time>' outputs/index.html ||
		fail "the edition's row has no date"
}
check
# The edition's own index is the one it was frozen with.
cmp -s outputs/editions/board.2026_v1/index.html "outputs/.runs/${cur#.runs/}/index.html" ||
	fail "the edition's index is not the frozen one"
jsna refresh -q || fail "refresh after publish exited $?"
check > /dev/null
echo "still listed after a refresh"
chmod -R u+w outputs/editions
