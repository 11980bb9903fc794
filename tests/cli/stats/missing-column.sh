printf 'count,population\n1,2\n' | jsna-stats rate
