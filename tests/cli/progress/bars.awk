# bars.awk - what a terminal was shown of the progress bars: the lines a
# bar drew (split at '\r' and '\n' beforehand), one summary per stage in
# the order they first showed, and any bar line that is not well formed.
#   tr '\r' '\n' < typescript | awk -f bars.awk
{ gsub(/\033\[K/, "") }
/^(ingest|calc|chart|table|report) +\[/ {
	s = $1
	if (!(s in seen)) { seen[s] = 1; order[++n] = s }
	if ($0 !~ /^[a-z]+ +\[[#.]+\]  +[0-9]+\/[0-9]+ [a-z]+(  [0-9]+\.[0-9]s)?$/) {
		print "malformed: " $0
		next
	}
	split($3, c, "/")
	if (c[1] + 0 > c[2] + 0)
		print "past its total: " $0
	done[s] = c[1]; total[s] = c[2]; unit[s] = $4
	timed[s] = NF == 5
	lines[s]++
}
END {
	for (i = 1; i <= n; i++) {
		s = order[i]
		printf "%s: a bar of %s, %s, %s\n", s, unit[s],
			done[s] == total[s] ? "ending at its total" : "ending at " done[s] " of " total[s],
			timed[s] ? "then the time it took" : "not finished"
	}
}
