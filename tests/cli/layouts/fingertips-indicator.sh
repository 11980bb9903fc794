# An indicator definition selects from a Fingertips export: the count of
# 90284 for Persons aged 0-14, the area's own rows (no category), as a
# rate over the denominator the export gives, per 10,000.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/ohid indicators
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP"/tests/data/layouts/fingertips/injuries_2324.csv inputs/ohid/
printf '[area]\ncode = E06000050\n' > jsna.ini
cat > indicators/injuries_0_14.ini <<'END'
[indicator]
id          = injuries_0_14
title       = Hospital admissions for injuries, children aged 0-14
type        = rate
multiplier  = 10000
polarity    = low_is_good
decimals    = 1
age         = <15 yrs

[numerator]
dataset     = ohid_fingertips
measure     = 90284:count
where       = sex = Persons
where       = age = <15 yrs
where       = category_type =

[denominator]
dataset     = ohid_fingertips
measure     = 90284:denominator
where       = sex = Persons
where       = age = <15 yrs
where       = category_type =
END
jsna-ingest && jsna-calc 2>&1 || exit 1
sql "SELECT area, year, round(value, 5), count, denominator, cmp_england FROM indicator_value ORDER BY area, year"
