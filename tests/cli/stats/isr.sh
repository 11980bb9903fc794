# Indirectly standardised ratio (x 100 here) and rate, per group.
in='area,count,pop,refcount,refpop
A,10,1000,200,10000
A,30,2000,900,30000
B,2,500,200,10000
B,5,500,900,30000'
echo "$in" | jsna-stats isr --multiplier 100
echo "$in" | jsna-stats israte
