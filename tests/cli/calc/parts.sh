# Adding up: a range of choices (age = 0..2) and a list of choices
# (sex = Male | Female) add the rows of every choice; a part
# ([numerator.other], another dataset) is added to [numerator]. A missing
# choice leaves no sum; a withheld choice or part ('c') withholds the sum;
# a part with no row for an area and year leaves no sum.
. "$TOP/tests/data/types/lib.sh"
setup_types
cat > pop.txt <<'CSV'
area,time_period,sex,age,people
E06000050,2024,Persons,0,100
E06000050,2024,Persons,1,110
E06000050,2024,Persons,2,120
E06000050,2024,Persons,3,999
E06000050,2024,Male,0,51
E06000050,2024,Male,1,56
E06000050,2024,Male,2,61
E06000050,2024,Female,0,49
E06000050,2024,Female,1,54
E06000050,2024,Female,2,59
E06000006,2024,Persons,0,80
E06000006,2024,Persons,2,90
E06000007,2024,Persons,0,70
E06000007,2024,Persons,1,75
E06000007,2024,Persons,2,c
E06000049,2024,Persons,0,200
E06000049,2024,Persons,1,210
E06000049,2024,Persons,2,220
E06000049,2025,Persons,0,201
E06000049,2025,Persons,1,211
E06000049,2025,Persons,2,221
CSV
ees "Calendar year" inputs/dfe/pop.csv < pop.txt
cat > extra.txt <<'CSV'
area,time_period,sex,age,people_other
E06000050,2024,Persons,0,1
E06000050,2024,Persons,1,2
E06000050,2024,Persons,2,3
E06000006,2024,Persons,0,1
E06000006,2024,Persons,1,1
E06000006,2024,Persons,2,1
E06000007,2024,Persons,0,1
E06000007,2024,Persons,1,1
E06000007,2024,Persons,2,1
E06000049,2024,Persons,0,5
E06000049,2024,Persons,1,c
E06000049,2024,Persons,2,5
CSV
ees "Calendar year" inputs/dfe/extra.csv < extra.txt
cat > indicators/t_range.ini <<'INI'
[indicator]
id       = t_range
title    = Test people aged 0 to 2
type     = count
polarity = not_applicable

[numerator]
dataset  = t_population
measure  = people
where    = sex = Persons
where    = age = 0..2
INI
cat > indicators/t_choices.ini <<'INI'
[indicator]
id       = t_choices
title    = Test males and females aged 0 to 2
type     = count
polarity = not_applicable

[numerator]
dataset  = t_population
measure  = people
where    = sex = Male | Female
where    = age = 0 | 1 | 2
INI
cat > indicators/t_parts.ini <<'INI'
[indicator]
id       = t_parts
title    = Test people and other people aged 0 to 2
type     = count
polarity = not_applicable

[numerator]
dataset  = t_population
measure  = people
where    = sex = Persons
where    = age = 0..2

[numerator.other]
dataset  = t_extra
measure  = people_other
where    = sex = Persons
where    = age = 0..2
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
for id in t_range t_choices t_parts; do
	echo "$id:"
	values $id "area, year, value, note"
done

# By hand from pop.txt and extra.txt: 100 + 110 + 120 = 330 (age 3 left
# out); males and females 51 + 56 + 61 + 49 + 54 + 59 = 330, as persons;
# with the other part 330 + 1 + 2 + 3 = 336; Cheshire East 2024
# 200 + 210 + 220 = 630.
sum() { awk -F, -v a="$2" -v y="$3" -v s="$4" \
	'$1 == a && $2 == y && $3 ~ s && $4 ~ /^[012]$/ { t += $5 } END { print t }' "$1"; }
near "range" "$(value t_range E06000050 2024 value)" "$(sum pop.txt E06000050 2024 '^Persons$')" 0
near "range, Cheshire East" "$(value t_range E06000049 2024 value)" "$(sum pop.txt E06000049 2024 '^Persons$')" 0
near "choices" "$(value t_choices E06000050 2024 value)" "$(sum pop.txt E06000050 2024 '^(Male|Female)$')" 0
near "parts" "$(value t_parts E06000050 2024 value)" \
	"$(( $(sum pop.txt E06000050 2024 '^Persons$') + $(sum extra.txt E06000050 2024 '^Persons$') ))" 0
[ "$(value t_range E06000006 2024 value)" = "" ] || fail "Halton has no age 1 but a sum"
[ "$(value t_parts E06000049 2025 value)" = "" ] || fail "Cheshire East 2025 has no other part but a sum"
echo "sums as worked out by hand"
