# sii: a row that cannot be used is named with its line and column, and
# its group gets no result; a group without every quantile of the input,
# or with one twice, gets none either; the others are computed; exit 1.
# A: a population of -100; B: a value 'x'; C: an empty se; D: no
# quantile 4; E: complete, rows out of order (5 + 5 (b - 0.1): SII 5,
# intercept 4.5, RII 9.5 / 4.5); F: quantile 2 twice. Shown without the
# limits, to 10 digits.
cat > in.csv <<'CSV'
area,quantile,population,value,se
A,1,100,5,1
A,2,-100,6,1
A,3,100,7,1
A,4,100,8,1
A,5,100,9,1
B,1,100,5,1
B,2,100,x,1
B,3,100,7,1
B,4,100,8,1
B,5,100,9,1
C,1,100,5,1
C,2,100,6,
C,3,100,7,1
C,4,100,8,1
C,5,100,9,1
D,1,100,5,1
D,2,100,6,1
D,3,100,7,1
D,5,100,9,1
E,5,100,9,1
E,2,100,6,1
E,3,100,7,1
E,4,100,8,1
E,1,100,5,0.5
F,1,100,5,1
F,2,100,6,1
F,2,100,7,1
F,4,100,8,1
F,5,100,9,1
CSV
jsna-stats sii --repetitions 1000 --seed 1 < in.csv | cut -d, -f1,2,5,8 |
	awk -F, 'NR == 1 || $2 == "" { print; next } { printf "%s,%.10g,%.10g,%.10g\n", $1, $2, $3, $4 }'
# A proportion must lie strictly between 0 and 1 (its logit is sampled),
# and so must its limits; limits must be in order.
printf 'quantile,population,value,lowercl,uppercl\n1,100,0.5,0.4,0.6\n2,100,0.4,0.3,0.5\n3,100,1.2,0.3,0.5\n4,100,0.3,0.35,0.2\n5,100,0.3,0,0.4\n' | jsna-stats sii --value-type proportion
# Counts of a proportion: above 0, at most the population.
printf 'quantile,population,count,se\n1,100,0,0.1\n2,100,120,0.1\n3,100,30,0.1\n4,100,40,0.1\n5,100,50,0.1\n' | jsna-stats sii --value-type proportion
# Four quantiles are too few; columns the method needs.
printf 'quantile,population,value,se\n1,100,5,1\n2,100,6,1\n3,100,7,1\n4,100,8,1\n' | jsna-stats sii
printf 'quantile,population,value\n1,100,5\n' | jsna-stats sii
printf 'quantile,population,se\n1,100,5\n' | jsna-stats sii
printf 'quantile,population,value,se\n1,100,5,1\n' | jsna-stats sii --value-type rate --transform
