# Small areas added up (tests/data/smallarea/lib.sh has the six LSOAs):
# under-5s (F0 + M0) by authority, region, England and locality, and by
# deprivation decile ('deciles = IMD2025'); the share in the 30% most
# deprived (deciles 1 to 3); and the children's centres' reach there, from
# the council's extract by LSOA over the ONS estimates of the mid-year the
# financial year starts in. By hand:
#   Cheshire West and Chester: 22 + 7 + 38 + 30 = 97 under-5s, of whom
#     22 + 7 = 29 in deciles 1-3: 29/97 = 29.8969072165%;
#   Halton 17 + 45 = 62, all in deciles 1 and 3: 100%;
#   the North West and England (these six LSOAs): 159, 91 in deciles
#     1-3: 57.2327044025%;
#   Chester 22 + 7 = 29 (decile 2 alone is 7, under the localities'
#     threshold of 10: withheld, and the next smallest decile with it);
#   Vale Royal 38 + 30 = 68, none in deciles 1-3 (0%);
#   reach in deciles 1-3: (20 + 5) / 29 = 86.2068965517%, the same in
#     Chester; none for Vale Royal (no under-5s there to reach); none for
#     the region or England, whose other LSOAs the extract does not cover;
#   reached, all deciles: 32 in the authority, 25 in Chester, 4 + 3 = 7 in
#     Vale Royal, under the threshold of 10: withheld;
#   under-5s by the authority's own deciles (its LSOAs by IMD rank, small
#     area i of n in decile floor(10 i / n) + 1): Cheshire West and
#     Chester's four (ranks 1, 5, 22, 40) in deciles 1, 3, 6 and 8 (22, 7,
#     38, 30 under-5s), Halton's two (ranks 2, 9) in 1 and 6 (17, 45);
#     none for the region or England.
. "$TOP/tests/data/smallarea/lib.sh"
setup_smallarea
cat > indicators/u5.ini <<'INI'
[indicator]
id       = u5
title    = Children aged 0 to 4
type     = count
polarity = not_applicable
deciles  = IMD2025
[numerator]
dataset  = ons_sape
measure  = population
where    = sex = Female | Male
where    = age = 0..4
INI
cat > indicators/u5_deprived.ini <<'INI'
[indicator]
id       = u5_deprived
title    = Under-5s living in the 30% most deprived areas
type     = share
polarity = none
[numerator]
dataset  = ons_sape
measure  = population
where    = sex = Female | Male
where    = age = 0..4
where    = imd_decile = 1..3
[denominator]
dataset  = ons_sape
measure  = population
where    = sex = Female | Male
where    = age = 0..4
INI
cat > indicators/reach.ini <<'INI'
[indicator]
id       = reach
title    = Children's centre reach in the most deprived areas
type     = proportion
polarity = high_is_good
[numerator]
dataset  = local_childrens_centre_reach
measure  = Under 5s reached
where    = imd_decile = 1..3
[denominator]
dataset  = ons_sape
measure  = population
where    = sex = Female | Male
where    = age = 0..4
where    = imd_decile = 1..3
period_as     = financial
period_offset = -1
INI
cat > indicators/reached.ini <<'INI'
[indicator]
id       = reached
title    = Under-5s reached by children's centres
type     = count
polarity = not_applicable
[numerator]
dataset  = local_childrens_centre_reach
measure  = Under 5s reached
INI
cat > indicators/u5_local.ini <<'INI'
[indicator]
id       = u5_local
title    = Children aged 0 to 4
type     = count
polarity = not_applicable
local_deciles = IMD2025
[numerator]
dataset  = ons_sape
measure  = population
where    = sex = Female | Male
where    = age = 0..4
INI
jsna-ingest -q || fail "ingest failed"
jsna-calc -q 2>/dev/null || fail "calc failed"
sql "SELECT v.indicator, v.area, a.level, v.category, v.year,
	CASE WHEN v.value IS NULL THEN '-' ELSE printf('%.10g', v.value) END, v.note
FROM indicator_value v JOIN area a ON a.code = v.area
WHERE v.run = (SELECT max(run) FROM indicator_value)
  AND (v.category = '' OR v.category LIKE 'Most%' OR v.category LIKE 'Second most%'
       OR v.category LIKE 'Third more%' OR v.category LIKE 'Least%'
       OR (v.indicator = 'u5_local' AND v.category LIKE 'Fifth less%')
       OR (v.indicator = 'u5_local' AND v.category LIKE 'Third less%'))
ORDER BY v.indicator, v.area, v.category"
