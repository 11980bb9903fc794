jsna-stats rate < /dev/null
