# With -v on a terminal the bars still show, and every message of every
# stage reaches the terminal whole, on a line of its own: the bar is
# cleared before it and drawn again after it. Without a neighbour list,
# calc warns too.
. "$TOP/tests/cli/lib.sh"
setup_small
sed -i '/^neighbours/d' jsna.ini
TERM=xterm SHELL=/bin/sh script -qec 'jsna refresh -v' /dev/null > typescript ||
	fail "refresh exited $?"
tr '\r' '\n' < typescript | awk -f "$TOP/tests/cli/progress/bars.awk"
# Split where the terminal returns to the line's start; a message line
# is then whole once the "clear to the end of line" before it is gone.
tr '\r' '\n' < typescript | sed 's/\x1b\[K//g' | grep '^jsna-' > shown.txt
grep '^jsna-' outputs/logs/*.log > logged.txt
cmp -s shown.txt logged.txt || { diff logged.txt shown.txt >&2; fail "messages differ"; }
echo "$(wc -l < shown.txt) messages shown whole, as logged"
grep -c '^jsna-calc: warning: no statistical-neighbour list' shown.txt
