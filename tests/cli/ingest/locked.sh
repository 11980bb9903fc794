# Two writers at once: while another process holds the warehouse lock, a
# writer exits 4 at once, naming the holder, and does nothing.
. "$TOP/tests/cli/lib.sh"
setup_small
mkdir -p var
# A holder that writes its PID in the lock file, as jsna does.
flock -o var/jsna.db.lock sh -c 'echo $$ > var/jsna.db.lock; echo ready > held; exec sleep 30' &
holder=$!
i=0
while [ ! -s held ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
jsna-ingest
rc=$?
jsna-calc
rc2=$?
echo "ingest $rc calc $rc2"
[ -f var/jsna.db ] && fail "the warehouse was created while locked"
# The lock of a killed holder is free again at once.
kill -9 "$(cat var/jsna.db.lock)" $holder 2>/dev/null
wait 2>/dev/null
jsna-ingest && echo "after the holder died: ok"
