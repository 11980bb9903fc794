# Fingertips' recent trend per area: the 5 latest valid points, weighted
# least squares, chi-squared above 9.5495 and the leave-one-out check.
# A is Fingertips' own test series (chi-squared 46.77, increasing); B has
# a missing year among six, so its five latest valid points skip it; C
# has only four points.
cat <<'CSV' | jsna-stats trend --polarity low_is_good
area,period,value,lowercl,uppercl,count,denominator
A,2014,24.67,23.16,26.25,994,40299
A,2015,24.6,23.15,26.19,1023,41527
A,2016,28,26.44,29.64,1193,42560
A,2017,30.2,28.63,31.9,1306,43199
A,2018,30.6,28.98,32.25,1344,43989
B,2013,40,37,43,800,20000
B,2014,38,35,41,760,20000
B,2015,,,,,
B,2016,36,33,39,720,20000
B,2017,34,31,37,680,20000
B,2018,31,28,34,620,20000
C,2015,10,9,11,100,1000
C,2016,11,10,12,110,1000
C,2017,12,11,13,120,1000
C,2018,13,12,14,130,1000
CSV
