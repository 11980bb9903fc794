jsna-stats median < /dev/null
