# One row each method cannot compute, among good ones: named with its
# line, written back (or its group) with empty results; exit 1.
printf 'numerator1,denominator1,numerator2,denominator2\n56,70,48,80\n9,10,12,10\n' | jsna-stats gap
printf 'mean,sd,n\n46.2,12.5,1500\n5,-1,10\n5,1,0\n' | jsna-stats mean
printf 'area,count,pop,refcount,refpop\nA,10,1000,200,10000\nB,10,1000,200,0\n' | jsna-stats isr
printf 'area,value,lowercl,uppercl,count,denominator\nA,5,6,4,1,10\n' | jsna-stats trend
