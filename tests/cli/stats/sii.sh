# The slope and relative indices of inequality per area, on values worked
# out by hand (test_stats_sii.c has the working): five quintiles of equal
# population have relative ranks 0.1, 0.3, ..., 0.9.
#  A: 10, 12, 14, 16, 18 lie on 9 + 10 b: SII 10, RII 19/9, intercept 9;
#  B: 10, 14, 12, 16, 18: SII 9, RII 37/19, intercept 9.5;
# rows in any order (B's). With se 0 every simulated repetition is the
# fit itself, so the limits are the values. Printed to 10 digits.
show() {
	awk -F, '{ for (i = 1; i <= NF; i++) { if (i > 1) printf ","; if ($i ~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) printf "%.10g", $i; else printf "%s", $i } print "" }'
}
input() {
	cat <<'CSV'
area,quantile,population,value,se
A,1,500,10,0
A,2,500,12,0
A,3,500,14,0
A,4,500,16,0
A,5,500,18,0
B,5,700,18,0
B,4,700,16,0
B,3,700,12,0
B,2,700,14,0
B,1,700,10,0
CSV
}
input | jsna-stats sii --repetitions 1000 | show
# A negative multiplier turns the SII over and inverts the RII (9/19 and
# 19/37); two levels add four columns.
input | jsna-stats sii --repetitions 1000 --multiplier -2 --confidence 95,99.8 | show

# With se 1 everywhere A's simulated SII is Normal(10, 2.5) (weights -1,
# -0.5, 0, 0.5, 1 on the values), so its 95% limits are 10 -+ 1.959964 x
# sqrt(2.5) = 6.901025 and 13.098975; 100000 repetitions come within
# 0.05. The same seed gives the same bytes, another seed other limits.
input | sed 's/,0$/,1/' | grep -v '^B' > a.csv
jsna-stats sii < a.csv > run1.csv
jsna-stats sii --seed 4357 < a.csv > run2.csv
jsna-stats sii --seed 11 < a.csv > run3.csv
awk -F, 'NR == 2 {
	d1 = $3 - 6.901024838477192; d2 = $4 - 13.098975161522808
	if (d1 < 0) d1 = -d1; if (d2 < 0) d2 = -d2
	print (d1 < 0.05 && d2 < 0.05) ? "limits within 0.05 of 10 -+ 3.098975" : "limits " $3 " " $4 " not near 6.901025, 13.098975"
}' run1.csv
cmp -s run1.csv run2.csv && echo "the default seed is 4357: the same bytes"
cmp -s run1.csv run3.csv || echo "another seed: other limits"
