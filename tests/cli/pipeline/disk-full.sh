# Out of room: a refresh whose writes fail exits 3, says in plain words
# which file it could not write and why, publishes nothing (the outputs are
# the previous set, byte for byte) and leaves the warehouse sound; once
# there is room again, the next refresh publishes the new data.
#
# The room runs out through a file-size limit (prlimit --fsize, with
# SIGXFSZ ignored, so write(2) fails with EFBIG as a full disk fails with
# ENOSPC): once with a limit that the warehouse reaches first, once with
# one that only the largest output passes. Then the same on a real full
# file system (a small tmpfs, in a mount namespace of our own), where this
# machine lets us mount one; where not, that part says the same lines
# without running (tmpfs.skipped in the scratch folder says so).
. "$TOP/tests/cli/lib.sh"
setup_small

# The helpers, in a file of their own: the tmpfs part runs them too.
cat > helpers.sh <<'EOF'
# Every published file, through the links, in one sum.
fingerprint() {
	(cd outputs && find -L indicators.csv changes.md index.html charts tables \
		report -type f 2>/dev/null | sort | xargs sha256sum) | sha256sum | cut -c1-64
}
# Cheshire West and Chester's 2025 count of children in care.
set_count() {
	sed "s/^\(2025,.*,E06000050,Children looked after on 31 March each year,[0-9]*\),[0-9]*,/\1,$1,/" \
		inputs/dfe/cla.csv > cla.tmp && mv cla.tmp inputs/dfe/cla.csv
}
published_count() {
	sqlite3 -batch -noheader :memory: '.import --csv outputs/indicators.csv x' \
		"SELECT Count FROM x WHERE \"Indicator ID\" = 'cla_rate' AND
		 \"Area Code\" = 'E06000050' AND \"Time period\" = '2025'" 2>/dev/null
}
# A refresh whose files may not grow past $1 bytes; status in rc.
limited() {
	(trap '' XFSZ; exec prlimit --fsize="$1" jsna refresh -q) 2> err
	rc=$?
}
# What a failed refresh left: say LABEL PATTERN, PATTERN what the message
# must say.
verdict() {
	cp err "err.$(echo "$1" | tr ' ' -)"
	echo "$1: exit $rc"
	grep -E "killed by signal|BUG" err && echo "$1: a program died"
	if grep -qE "$2" err; then
		echo "$1: the message names the file and says why"
	else
		echo "$1: no message like /$2/:"
		cat err
	fi
	[ "$(fingerprint)" = "$fp" ] && echo "$1: outputs intact"
	echo "$1: integrity $(sql 'PRAGMA integrity_check')"
	echo "$1: sets left half-built: $(find outputs/.runs -maxdepth 1 -name '*.tmp' | wc -l)"
}
# With room again: what the next refresh publishes.
room_again() {
	jsna refresh -q
	echo "$1: with room again: exit $?, count $(published_count)"
	[ "$(fingerprint)" != "$fp" ] || echo "$1: nothing new published"
	fp=$(fingerprint)
}
EOF
. ./helpers.sh

set_count 500
jsna refresh -q || fail "first refresh"
fp=$(fingerprint)

# 1. A limit the warehouse reaches first (its log grows past 32 KiB in the
# first stage, long before any output is that big).
set_count 501
limited 32768
verdict warehouse "warehouse 'var/jsna.db': cannot [^:]*: .*File too large"
room_again warehouse

# 2. A limit only the largest output passes: 4 KiB above the next largest
# file (the warehouse stays well below: checked by the message).
sizes=$(find -L outputs/.current -type f -exec stat -c '%s %n' {} + | sort -n | tail -2)
big=$(echo "$sizes" | sed -n '2s/^[0-9]* outputs\/.current\///p')
limit=$(($(echo "$sizes" | sed -n '1s/ .*//p') + 4096))
[ "$limit" -lt "$(echo "$sizes" | sed -n '2s/ .*//p')" ] ||
	fail "no output is 4 KiB bigger than the others: $sizes"
set_count 502
limited $limit
verdict outputs "cannot write '?outputs/[^ ]*/$big(\.tmp)?'?: File too large"
room_again outputs

# 3. A real full file system: first the outputs', then the warehouse's.
cat > tmpfs.sh <<'EOF'
# Run by unshare -m: mounts here are ours alone and go when we end.
# mount_small DIR KIB: DIR's content on a tmpfs with KIB to spare.
mount_small() {
	used=$(du -sk "$1" | cut -f1)
	cp -a "$1" "$1.copy" &&
		mount -t tmpfs -o size=$((used + $2))k tmpfs "$1" &&
		cp -a "$1.copy/." "$1/" && rm -rf "$1.copy" ||
		fail "cannot put $1 on a tmpfs"
}
# (The room comes back before the verdict: sqlite3 needs some to read.)
mount_small outputs 64
set_count 503
jsna refresh -q 2> err
rc=$?
mount -o remount,size=64m outputs
verdict "full outputs" "cannot (write|create) '?outputs/[^ ]*: No space left on device"
room_again "full outputs"
mount_small var 100
set_count 504
jsna refresh -q 2> err
rc=$?
mount -o remount,size=64m var
verdict "full warehouse" "warehouse 'var/jsna.db': cannot [^:]*: database or disk is full"
room_again "full warehouse"
EOF
mkdir probe
if unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs probe' 2>/dev/null; then
	unshare -m sh -c ". '$TOP/tests/cli/lib.sh'; . ./helpers.sh; fp=$fp; . ./tmpfs.sh"
	rc=$?
else
	rc=77
fi
if [ $rc -eq 77 ]; then
	echo "mounting a tmpfs is not allowed here: skipped" > tmpfs.skipped
	cat <<'SAME'
full outputs: exit 3
full outputs: the message names the file and says why
full outputs: outputs intact
full outputs: integrity ok
full outputs: sets left half-built: 0
full outputs: with room again: exit 0, count 503
full warehouse: exit 3
full warehouse: the message names the file and says why
full warehouse: outputs intact
full warehouse: integrity ok
full warehouse: sets left half-built: 0
full warehouse: with room again: exit 0, count 504
SAME
fi
