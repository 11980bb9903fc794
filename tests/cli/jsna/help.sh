# Every program answers --help on stdout and --version, and exits 0.
for p in jsna jsna-ingest jsna-calc jsna-chart jsna-table jsna-report jsna-check jsna-stats jsna-publish; do
	$p --help | head -1 | grep -q "^usage: $p" || echo "$p: no usage line"
	$p --version | grep -q "^$p [0-9]" || echo "$p: no version"
done
echo done
