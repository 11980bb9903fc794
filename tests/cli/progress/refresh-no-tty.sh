# Not on a terminal (cron, a pipe, a file): no bar, no progress pipe, and
# not a '\r' or an escape anywhere, even with -v and a TERM that could
# draw one; the stages' messages are as they always were.
. "$TOP/tests/cli/lib.sh"
setup_small
sed -i '/^neighbours/d' jsna.ini
TERM=xterm jsna refresh -v > out.txt 2> err.txt || fail "refresh exited $?"
[ -s out.txt ] && fail "something on stdout"
cr=$(printf '\r') esc=$(printf '\033')
for f in err.txt outputs/logs/*.log; do
	if grep -q -e "$cr" -e "$esc" "$f"; then
		fail "a bar in $f"
	fi
done
echo "no carriage return and no escape in stderr or the run log"
# The stages' messages, as the run log holds them too.
grep '^jsna-' err.txt > shown.txt
grep '^jsna-' outputs/logs/*.log > logged.txt
cmp -s shown.txt logged.txt || { diff logged.txt shown.txt >&2; fail "messages differ"; }
echo "$(wc -l < shown.txt) messages, as logged"
