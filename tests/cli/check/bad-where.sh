# A where condition without '='.
mkdir -p d
sed 's/^where       = population_type = .*/where = population_type/' "$TOP/indicators/cla_rate.ini" > d/cla_rate.ini
jsna-check d/cla_rate.ini
