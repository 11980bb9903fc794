# An unknown polarity.
mkdir -p d
sed 's/^polarity .*/polarity = up/' "$TOP/indicators/cla_rate.ini" > d/cla_rate.ini
jsna-check d/cla_rate.ini
