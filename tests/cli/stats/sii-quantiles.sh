# More than 10 quantiles: computed, with PHEindicatormethods' warning.
# Twelve of equal population have ranks (i - 0.5) / 12, so values i lie
# on 0.5 + 12 b: SII 12, intercept 0.5, RII 12.5 / 0.5 = 25.
{
	echo "quantile,population,value,se"
	i=1
	while [ $i -le 12 ]; do
		echo "$i,1000,$i,0"
		i=$((i + 1))
	done
} | jsna-stats sii --repetitions 1000 |
	awk -F, 'NR == 1 { print; next } { for (i = 1; i <= NF; i++) printf "%s%.10g", (i > 1 ? "," : ""), $i; print "" }'
