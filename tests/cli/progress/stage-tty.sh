# A stage run alone on a terminal draws its own bar on stderr, and keeps
# its messages whole; with TERM=dumb, -q, or stderr not a terminal, none.
. "$TOP/tests/cli/lib.sh"
setup_small
sed -i '/^neighbours/d' jsna.ini
jsna-ingest -q || fail "ingest exited $?"
cr=$(printf '\r') esc=$(printf '\033')

TERM=xterm SHELL=/bin/sh script -qec 'jsna-calc' /dev/null > typescript ||
	fail "calc exited $?"
grep -q "${cr}calc    \[" typescript || fail "no bar drawn over the line"
tr '\r' '\n' < typescript | awk -f "$TOP/tests/cli/progress/bars.awk"
# the warning comes before the bar starts; the line it is on is whole
tr '\r' '\n' < typescript | sed 's/\x1b\[K//g' | grep '^jsna-'

TERM=xterm SHELL=/bin/sh script -qec 'jsna-calc -v' /dev/null > typescript ||
	fail "calc -v exited $?"
tr '\r' '\n' < typescript | awk -f "$TOP/tests/cli/progress/bars.awk"
tr '\r' '\n' < typescript | sed 's/\x1b\[K//g' | grep '^jsna-'

for how in 'TERM=dumb jsna-calc' 'TERM=xterm jsna-calc -q'; do
	SHELL=/bin/sh script -qec "$how" /dev/null > typescript ||
		fail "$how exited $?"
	if grep -q "$esc" typescript || sed "s/$cr\$//" typescript | grep -q "$cr"; then
		fail "$how: a bar"
	fi
	echo "$how: no bar"
done
# stderr is the runner's file here: the golden holds the warning alone
TERM=xterm jsna-calc || fail "calc exited $?"
