# A group with a bad row: the line is named, the group's results are
# empty, the other groups are computed; exit 1.
printf 'area,count,pop,stdpop\nA,10,1000,1\nA,-3,1000,1\nB,20,1000,1\nB,x,1000,1\nC,15,1000,1\nC,15,0,1\nD,12,1000,1\n' | jsna-stats dsr
printf 'area,count,pop\nA,10,1000\n' | jsna-stats dsr
