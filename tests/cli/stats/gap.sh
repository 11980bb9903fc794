# Newcombe's hybrid score interval for p1 - p2.
printf 'numerator1,denominator1,numerator2,denominator2\n56,70,48,80\n' | jsna-stats gap
