printf 'mean,sd,n\n46.2,12.5,1500\n10,2,1\n' | jsna-stats mean
