# An unknown section is an error at its line.
mkdir -p d
sed 's/^\[denominator\]/[denominater]/' "$TOP/indicators/cla_rate.ini" > d/cla_rate.ini
jsna-check d/cla_rate.ini
