# A definition naming a dataset that is not loaded is left out with its
# FILE:LINE; the other indicators go on; exit 1.
. "$TOP/tests/cli/lib.sh"
setup_small
sed 's/^dataset     = dfe_population_0_17/dataset = dfe_population_0_19/' indicators/cla_rate.ini > indicators/cla_rate.tmp
mv indicators/cla_rate.tmp indicators/cla_rate.ini
jsna-ingest || exit 1
jsna-calc
