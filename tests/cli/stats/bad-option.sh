printf 'numerator,denominator\n1,2\n' | jsna-stats rate --confidence 0.5
printf 'numerator,denominator\n1,2\n' | jsna-stats compare --polarity up
