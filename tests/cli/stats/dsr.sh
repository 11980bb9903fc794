# Directly standardised rates per group: ESP2013 by band position when
# there is no stdpop column, a given standard population otherwise;
# fewer than 10 events suppresses the value (the method's rule, not an
# error).
esp="5000 5500 5500 5500 6000 6000 6500 7000 7000 7000 7000 6500 6000 5500 5000 4000 2500 1500 1000"
{
	echo "area,band,count,pop"
	i=0
	for w in $esp; do
		i=$((i + 1))
		echo "A,$i,$((i * 3)),$((1000 + i * 10))"
		echo "B,$i,$((i % 2)),2000"
	done
} | jsna-stats dsr
printf 'count,pop,stdpop\n10,1000,1\n30,1000,3\n' | jsna-stats dsr --multiplier 1000
