# A key given twice.
mkdir -p d
sed 's/^decimals    = 0/decimals = 0\ndecimals = 1/' "$TOP/indicators/cla_rate.ini" > d/cla_rate.ini
jsna-check d/cla_rate.ini
