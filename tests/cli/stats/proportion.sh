printf 'numerator,denominator\n233,468\n0,50\n50,50\n' | jsna-stats proportion --multiplier 100
