# Byar's method from 10 events, exact Poisson below; per 100,000 by default.
printf 'area,numerator,denominator\nA,496,66870\nB,9,44100\nC,0,1000\nD,10,1000\n' | jsna-stats rate
printf 'numerator,denominator\n496,66870\n' | jsna-stats rate --multiplier 10000 --confidence 99.8
