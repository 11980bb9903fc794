# Rows that cannot be computed are named with their line, written back
# with empty result cells; the other rows are still computed; exit 1.
printf 'numerator,denominator\n233,468\n49x,100\n,100\nNA,100\n5,0\n-1,7\n8,7\n1,2,3\n50,50\n' | jsna-stats proportion --multiplier 100
