# On a terminal, `jsna refresh` draws a bar for each stage, over and over
# on one line ('\r'), from the records its stages send it, and leaves each
# at its total with the time it took. The run log gets none of it.
. "$TOP/tests/cli/lib.sh"
setup_small
TERM=xterm SHELL=/bin/sh script -qec 'jsna refresh' /dev/null > typescript ||
	fail "refresh exited $?"
cr=$(printf '\r')
for s in ingest calc chart table report; do
	grep -q "$cr$s *\[" typescript || fail "no bar drawn over the line for $s"
done
tr '\r' '\n' < typescript | awk -f "$TOP/tests/cli/progress/bars.awk"
# The small refresh has nothing else to say.
tr '\r' '\n' < typescript | sed 's/\x1b\[K//g' | grep -v '^$' |
	grep -Ev '^(ingest|calc|chart|table|report) +\[' && fail "other output"
esc=$(printf '\033')
if grep -l -e "$cr" -e "$esc" outputs/logs/*.log; then
	fail "the bar went into the run log"
fi
echo "the run log holds no bar"
