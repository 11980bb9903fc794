# The bundled inputs are exactly what the generator writes, every time.
gen-sample -o a || exit 1
gen-sample -o b || exit 1
for f in dfe/cla_number_and_rate_per_10k_children.csv \
	ons/ons_mid-year_population_estimates_2012_to_2024.csv \
	ons/sape/sapelsoasyoa_mid-2024.csv \
	reference/imd2025_lsoa.csv \
	reference/statistical_neighbours.csv; do
	cmp a/$f b/$f || exit 1
	cmp a/$f "$TOP/inputs/$f" || exit 1
done
echo "deterministic and as bundled"
