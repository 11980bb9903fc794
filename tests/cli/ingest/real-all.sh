# Every CSV under ../shared/data/real loads as the dataset its layout
# says, with exactly the number of data rows the folder's README gives
# (typed in below, not taken from a run); the three EES .meta.csv files
# are companions, read with their data file, not datasets of their own.
# The statistical-neighbour lists have 160 lines, the header included:
# 159 data rows (the README's "160 rows" counts the header line).
# Skips, saying so, when the folder is absent.
. "$TOP/tests/cli/lib.sh"
real="$SHARED/data/real"
if [ ! -d "$real" ]; then
	echo "skipped: no '$real'" >&2
	exit 0
fi
mkdir -p inputs/sources
cp -R "$real"/. inputs/
cp "$TOP"/inputs/sources/*.ini inputs/sources/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest -q
echo "exit $?"
echo "integrity: $(sql 'PRAGMA integrity_check')"
cat > want.txt <<'WANT'
dfe_ees/children_social_care/b1_children_in_need_2013_to_2025.csv dfe_cin_b1 2132
dfe_ees/children_social_care/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv dfe_cin_c1_referrals 2132
dfe_ees/children_social_care/c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv dfe_cin_c4_s47 2132
dfe_ees/children_social_care/cla_number_and_rate_per_10k_children.csv dfe_cla_number_and_rate 2505
dfe_ees/children_social_care/d3_cpps_subsequent_plan_2013_to_2025.csv dfe_cpp_d3_subsequent 2132
dfe_ees/children_social_care/d5_cpps_at31march_by_duration_2013_to_2025.csv dfe_cpp_d5_at31 2132
dfe_ees/children_social_care/la_children_who_ceased_during_the_year.csv dfe_cla_ceased 24215
dfe_ees/children_social_care/la_conviction_health_outcome_cla.csv dfe_cla_outcomes 15030
dfe_ees/eyfsp/1_eyfsp_headline_measures_2022.csv dfe_eyfsp_headline 12852
dfe_ees/eyfsp/EYFSP_APS_GLD_ELG_underlying_data_2013_2018.csv dfe_eyfsp_underlying 2934
dfe_ees/ks2/ks2_la.csv dfe_ks2_social_care 3444
dfe_ees/ks4/201819_LA_characteristics_data_including_sen_description.csv dfe_ks4_characteristics 8209
dfe_ees/ks4/KS4_2018_LA_Char_Testdata.csv dfe_ks4_characteristics 7044
dfe_ees/ks4/ks4_la.csv dfe_ks4_social_care 3444
dfe_ees/neet/UD_NEETNK_LA_dashboard_2021_vg_removed.csv dfe_neet_dashboard 161
dfe_ees/neet/UD_NEETNK_LA_dashboard_2022_final.csv dfe_neet_dashboard 160
dfe_ees/neet/UD_NEETNK_LA_dashboard_2023_final.csv dfe_neet_dashboard 160
dfe_ees/neet/UD_NEETNK_LA_dashboard_final.csv dfe_neet_dashboard 161
dfe_ees/neet/commit_4e3a0d5/UD_NEETNK_LA_dashboard_final.csv dfe_neet_dashboard 161
dfe_ees/sen/SEN2_AGE_STOCK.csv dfe_sen2_stock 8910
dfe_ees/sen/sen2_age_caseload.csv dfe_sen2_caseload 11814
dfe_ees/sen/sen2_age_new_plans.csv dfe_sen2_new_plans 11814
dfe_ees/sen/sen2_mi.csv dfe_sen2_mi 1456
dfe_ees/sen/sen_la.csv dfe_sen_social_care 2946
dfe_lait/bds_long_0_jsna_subset.csv dfe_lait 102170
dfe_lait/lait_data_dictionary.csv dfe_lait_dictionary 448
lookups/LTLA-UTLA_Apr23_Lookup_England-Wales.csv ons_ltla_utla_lookup 318
lookups/la_code_list.csv dfe_la_code_list 171
lookups/sn_april_2021.csv dfe_statistical_neighbours 159
lookups/sn_may_2025.csv dfe_statistical_neighbours 159
ohid_fingertips/la_hospital_admissions_2223.csv ohid_fingertips 154
ohid_fingertips/la_hospital_admissions_2324.csv ohid_fingertips 7208
ohid_fingertips/region_hospital_admissions_2223.csv ohid_fingertips 10
ohid_fingertips/region_hospital_admissions_2324.csv ohid_fingertips 6847
ons/mye22final_MYE2_Females.csv ons_mye2 404
ons/mye22final_MYE2_Males.csv ons_mye2 404
ons/mye22final_MYE2_Persons.csv ons_mye2 404
ons/mye23tablesew_MYE2_Females.csv ons_mye2 357
ons/mye23tablesew_MYE2_Males.csv ons_mye2 357
ons/mye23tablesew_MYE2_Persons.csv ons_mye2 357
ons/ons_mid-year_population_estimates_2012_to_2024.csv dfe_population_0_17 2132
WANT
# A unitary authority is its own district: the EYFSP 2022 file repeats it
# at "Local authority district" level (lad_code = new_la_code), counted
# another way; those rows are skipped, so that file loads the README's
# 12852 less them, counted here from the file itself.
eyfsp=dfe_ees/eyfsp/1_eyfsp_headline_measures_2022.csv
own=$(sqlite3 -batch -noheader :memory: ".import --csv inputs/$eyfsp t" \
	"SELECT count(*) FROM t WHERE geographic_level = 'Local authority district' AND lad_code <> '' AND lad_code = new_la_code")
[ "$own" -gt 0 ] || fail "no unitary district rows counted in $eyfsp"
sed -i "s|^$eyfsp dfe_eyfsp_headline 12852\$|$eyfsp dfe_eyfsp_headline $((12852 - own))|" want.txt
sql "SELECT path || ' ' || dataset || ' ' || rows FROM source_file ORDER BY path" > got.txt
sort want.txt > want.sorted
diff want.sorted got.txt >&2 || fail "files, datasets or rows differ from the README"
echo "$(wc -l < got.txt) files loaded with the README's row counts"
# Every CSV found is accounted for: loaded, or a companion .meta.csv.
find inputs -name '*.csv' ! -path 'inputs/sources/*' | sed 's|^inputs/||' | sort > all.txt
cut -d' ' -f1 got.txt > loaded.txt
grep -v '\.meta\.csv$' all.txt | cmp -s - loaded.txt || fail "a CSV was neither loaded nor a companion"
echo "$(grep -c '\.meta\.csv$' all.txt) companion .meta.csv files read with their data"
