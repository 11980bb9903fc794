# A non-numeric value and a zero denominator: line and column named, the
# good row still computed.
printf 'numerator,denominator\n496,66870\n49x,100\n5,0\n' | jsna-stats rate
