# An impossible combination: a Wilson interval on a rate.
mkdir -p d
sed 's/^ci .*/ci = wilson/' "$TOP/indicators/cla_rate.ini" > d/cla_rate.ini
jsna-check d/cla_rate.ini
