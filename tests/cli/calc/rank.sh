# Ranks among authorities (LAs only, not England or the regions): 1 = best
# by polarity, ties share the lowest rank, a withheld value has none and
# is not counted in "of"; the rank within the region (Bath and North East
# Somerset is in the South West, the others in the North West); LAIT's
# quartile bands (A best); the statistical neighbours' average (the mean
# of the neighbours with a value, from reference/neighbours.csv by DfE LA
# number: 896 -> 876, 877; 876 -> 877, 896; 877 -> 895, 896; 895 -> 896,
# 877) and the rank among the area and its neighbours.
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Reporting year" inputs/dfe/cases.csv <<'CSV'
area,time_period,group,cases,population
E92000001,2024,Total,5000,10000
E12000002,2024,Total,700,1000
E06000006,2024,Total,80,100
E06000007,2024,Total,60,100
E06000049,2024,Total,60,100
E06000050,2024,Total,70,100
E06000022,2024,Total,90,100
E06000006,2025,Total,80,100
E06000007,2025,Total,3,100
E06000049,2025,Total,60,100
E06000050,2025,Total,70,100
CSV
for pol in high_is_good low_is_good; do
	cat > indicators/t_$pol.ini <<INI
[indicator]
id       = t_$pol
title    = Test proportion $pol
type     = proportion
polarity = $pol

[numerator]
dataset  = t_cases
measure  = cases
where    = group = Total

[denominator]
dataset  = t_cases
measure  = population
where    = group = Total
INI
done
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
for pol in high_is_good low_is_good; do
	echo "$pol: area year value rank/of region/of quartile neighbours: average rank/of"
	values t_$pol "area, year, value, rank, rank_of, rank_region, rank_region_of, quartile, round(neighbour_avg, 6), rank_neighbours, rank_neighbours_of"
done

# By hand, 2024, high is good: 90 (1), 80 (2), 70 (3), 60 and 60 (4, 4) of
# 5; in the North West 80 (1), 70 (2), 60, 60 (3, 3) of 4; quartile cut
# points of 60 60 70 80 90 are 60, 70, 80, 90: 90 A, 80 B, 70 C, 60 D.
# Low is good: 60, 60 (1, 1), 70 (3), 80 (4), 90 (5).
# Neighbours of 896 (70): 876 (80) and 877 (60), average 70, rank 2 of 3;
# in 2025 877 is withheld: average 80, rank 2 of 2.
check() {	# ID AREA YEAR COLUMN WANT
	[ "$(value $1 $2 $3 $4)" = "$5" ] || fail "$1 $2 $3 $4: '$(value $1 $2 $3 $4)', want '$5'"
}
check t_high_is_good E06000022 2024 rank 1
check t_high_is_good E06000006 2024 rank 2
check t_high_is_good E06000050 2024 rank 3
check t_high_is_good E06000007 2024 rank 4
check t_high_is_good E06000049 2024 rank 4
check t_high_is_good E06000049 2024 rank_of 5
check t_high_is_good E06000049 2024 rank_region 3
check t_high_is_good E06000049 2024 rank_region_of 4
check t_high_is_good E06000022 2024 rank_region_of 1
check t_high_is_good E06000022 2024 quartile A
check t_high_is_good E06000049 2024 quartile D
check t_low_is_good E06000007 2024 rank 1
check t_low_is_good E06000049 2024 rank 1
check t_low_is_good E06000050 2024 rank 3
check t_low_is_good E06000022 2024 rank 5
check t_low_is_good E06000049 2024 quartile A
check t_high_is_good E06000050 2024 neighbour_avg 70.0
check t_high_is_good E06000050 2024 rank_neighbours 2
check t_high_is_good E06000050 2024 rank_neighbours_of 3
check t_high_is_good E06000050 2025 neighbour_avg 80.0
check t_high_is_good E06000050 2025 rank_neighbours_of 2
check t_high_is_good E06000007 2025 rank ""
check t_high_is_good E06000050 2025 rank_of 3
echo "ranks as worked out by hand"
