# The id must be the file's name, so that a definition is found by its id.
mkdir -p d
cp "$TOP/indicators/cla_rate.ini" d/cla_rates.ini
jsna-check d/cla_rates.ini
