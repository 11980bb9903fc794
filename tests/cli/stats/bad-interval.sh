printf 'value,lowercl,uppercl,benchmark\n5,6,4,5\n' | jsna-stats compare
