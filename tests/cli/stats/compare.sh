# Fingertips' rule: the benchmark against the area's interval (inclusive),
# read through the polarity.
in='area,value,lowercl,uppercl,benchmark
A,74,68,81,65
B,66,60,72,65
C,60,55,65,65
D,50,40,60,65'
echo "$in" | jsna-stats compare
echo "$in" | jsna-stats compare --polarity low_is_good
echo "$in" | jsna-stats compare --polarity high_is_good
