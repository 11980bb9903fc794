# Publishing while another process holds the warehouse lock does nothing
# and exits 4.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna refresh -q || fail "refresh exited $?"
flock var/jsna.db.lock sleep 5 &
holder=$!
i=0
while flock -n var/jsna.db.lock true; do	# until the holder has it
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the lock was never taken"
	sleep 0.05
done
jsna publish --edition 2026-board
echo "exit $?"
[ -e outputs/editions ] && fail "something was written"
wait $holder
jsna publish -q --edition 2026-board
echo "once free: exit $?"
chmod -R u+w outputs/editions
