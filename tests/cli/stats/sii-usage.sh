# Options of sii out of range, and sii's options with another method:
# each a usage error, exit 2.
for o in "--confidence 0.4" "--confidence 95,99.8,99" "--confidence 95,x" \
	 "--repetitions 999" "--repetitions 1e5" "--seed -1" \
	 "--seed 4294967296" "--value-type log" "--transform" \
	 "--multiplier 0"; do
	# shellcheck disable=SC2086
	printf 'quantile,population,value,se\n' | jsna-stats sii $o
	echo "$o: exit $?"
done
printf 'numerator,denominator\n1,2\n' | jsna-stats rate --seed 3
