# A misspelt key is an error at its line.
mkdir -p d
sed 's/^decimals /decimal /' "$TOP/indicators/cla_rate.ini" > d/cla_rate.ini
jsna-check d/cla_rate.ini
