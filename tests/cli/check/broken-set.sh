# A set of broken definitions: jsna-check rejects each one, exit 1, with a
# message that names the file and the line to mend.
mkdir -p d
n=0
broken() {	# NAME, then the file on stdin
	n=$((n + 1))
	cat > "d/$1.ini"
	jsna-check "d/$1.ini" 2>&1
	echo "exit $?"
}
# a Wilson interval on a mean
broken mean_wilson <<'EOF'
[indicator]
id = mean_wilson
title = A mean
type = mean
polarity = high_is_good
ci = wilson
[value]
dataset = d
measure = m
EOF
# a t interval without the spread
broken mean_t <<'EOF'
[indicator]
id = mean_t
title = A mean
type = mean
polarity = high_is_good
ci = t
[value]
dataset = d
measure = m
EOF
# a gap with one group
broken gap_one <<'EOF'
[indicator]
id = gap_one
title = A gap
type = gap
polarity = low_is_good
[group_a]
indicator = x
EOF
# a gap whose group names no definition
broken gap_missing <<'EOF'
[indicator]
id = gap_missing
title = A gap
type = gap
polarity = low_is_good
[group_a]
indicator = nowhere
[group_b]
indicator = nowhere
category = fsm
EOF
# a target with no polarity
broken target_none <<'EOF'
[indicator]
id = target_none
title = A rate
type = rate
multiplier = 10000
polarity = none
target = 50
[numerator]
dataset = d
measure = m
[denominator]
dataset = d
measure = p
EOF
# an average without months
broken average_nomonths <<'EOF'
[indicator]
id = average_nomonths
title = An average
type = average
polarity = low_is_good
[numerator]
dataset = d
measure = m
EOF
# months that are not months
broken average_badmonths <<'EOF'
[indicator]
id = average_badmonths
title = An average
type = average
months = 12, 13
polarity = low_is_good
[numerator]
dataset = d
measure = m
EOF
# a prevalence without its rate
broken prevalence_norate <<'EOF'
[indicator]
id = prevalence_norate
title = A prevalence
type = prevalence
polarity = not_applicable
[denominator]
dataset = d
measure = p
EOF
# a ratio with an interval
broken ratio_ci <<'EOF'
[indicator]
id = ratio_ci
title = A ratio
type = ratio
polarity = high_is_good
ci = wilson
[numerator]
dataset = d
measure = m
[denominator]
dataset = d
measure = p
EOF
# a part before its whole
broken part_first <<'EOF'
[indicator]
id = part_first
title = A count
type = count
polarity = none
[numerator.ehc]
dataset = d
measure = m
EOF
# a breakdown that replaces nothing
broken category_nothing <<'EOF'
[indicator]
id = category_nothing
title = A proportion
type = proportion
polarity = high_is_good
[numerator]
dataset = d
measure = m
where = characteristic = Total
[denominator]
dataset = d
measure = p
where = characteristic = Total
[category fsm]
category_type = Free school meals
category = Eligible
where = sex = Girls
EOF
# a breakdown without its Category
broken category_label <<'EOF'
[indicator]
id = category_label
title = A proportion
type = proportion
polarity = high_is_good
[numerator]
dataset = d
measure = m
where = characteristic = Total
[denominator]
dataset = d
measure = p
[category fsm]
where = characteristic = FSM
EOF
# a range that runs down, and two 'where' on one column
broken where_range <<'EOF'
[indicator]
id = where_range
title = A count
type = count
polarity = none
[numerator]
dataset = d
measure = m
where = age = 17..0
where = sex = Persons
where = sex = Male
EOF
# a fallback key in a section of its own, and a misspelt period_as
broken fallback_bad <<'EOF'
[indicator]
id = fallback_bad
title = A count
type = count
polarity = none
[numerator]
dataset = d
measure = m
[fallback]
dataset = lait
measure = X
period_as = academic_year
[fallback.]
dataset = lait
EOF
# a multiplier on a gap, and an unknown type of interval
broken gap_multiplier <<'EOF'
[indicator]
id = gap_multiplier
title = A gap
type = gap
multiplier = 100
ci = bootstrap
polarity = low_is_good
[group_a]
indicator = a
[group_b]
indicator = b
EOF
# a count that "continues" another (only a projection carries on
# estimates), and a projection that continues an indicator with no
# definition (the folder is read, so the link is checked)
broken continues_count <<'EOF'
[indicator]
id = continues_count
title = A count
type = count
polarity = none
continues = pop_0_17
[numerator]
dataset = d
measure = m
EOF
# a title too long to head a chart
broken long_title <<'EOF'
[indicator]
id = long_title
title = Hospital admissions caused by unintentional and deliberate injuries in children aged 0 to 14
type = count
polarity = none
[numerator]
dataset = d
measure = m
EOF
mkdir -p links
cat > links/proj.ini <<'EOF'
[indicator]
id = proj
title = A projection
type = projection
polarity = not_applicable
continues = no_such_indicator
[numerator]
dataset = d
measure = m
EOF
n=$((n + 1))
jsna-check links/proj.ini 2>&1
echo "exit $?"
echo "$n broken definitions"
