# A where condition on a column the dataset does not have.
. "$TOP/tests/cli/lib.sh"
setup_small
sed 's/^where       = population_type/where = populaton_type/' indicators/cla_rate.ini > indicators/cla_rate.tmp
mv indicators/cla_rate.tmp indicators/cla_rate.ini
jsna-ingest || exit 1
jsna-calc
