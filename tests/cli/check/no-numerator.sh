# A definition without a numerator.
mkdir -p d
sed '/^\[numerator\]/,/^label/d' "$TOP/indicators/cla_rate.ini" > d/cla_rate.ini
jsna-check d/cla_rate.ini
