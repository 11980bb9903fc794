# A non-numeric value is reported with line and column; nothing is written.
printf 'numerator,denominator\n496,66870\n49x,100\n5,0\n' | jsna-stats rate
