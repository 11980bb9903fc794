# The mye2 options: a fixed year and sex, the year as {yy} and {yyyy}
# (digits running on do not match), the sex from the name; a file name
# that lacks the year or the sex, both forms of an option at once, a
# malformed pattern, and no year at all.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/ons
printf '[area]\ncode = E06000050\n' > jsna.ini
src=$TOP/tests/data/layouts/mye2/mye22final_MYE2_Females.csv

# define OPTIONS...: the definition, one option a line
define() {
	{
		printf '[source]\nid = mye2_test\nlayout = mye2\n'
		printf 'require = Code, Name, Geography, All ages\n'
		for o in "$@"; do printf '%s\n' "$o"; done
	} > inputs/sources/mye2_test.ini
}
# try NAME: ingests the fixture as inputs/ons/NAME alone
try() {
	rm -f inputs/ons/*.csv var/jsna.db*
	cp "$src" "inputs/ons/$1"
	echo "== $1: $(sed -n '5,$p' inputs/sources/mye2_test.ini | tr '\n' ';')"
	jsna-ingest -q
	echo "exit $?"
	[ -f var/jsna.db ] && sql "SELECT DISTINCT year, kind, substr(filters, 1, instr(filters, char(31)) - 1) FROM observation"
}

define 'year = 2021' 'sex = Persons'
try population.csv 2>&1
define 'year_from_name = {yy}' 'sex_from_name = Females=Female, Males=Male'
try pop_2023_21_Females.csv 2>&1
define 'year_from_name = mid-{yyyy}' 'sex_from_name = Females=Female, Males=Male'
try mid-2020-Females.csv 2>&1
try MID-2019-males.csv 2>&1
try mid-2020.csv 2>&1
try mid-20201-Females.csv 2>&1
define 'year = 2021' 'year_from_name = mye{yy}' 'sex = Persons'
try mye22.csv 2>&1
define 'year_from_name = mye' 'sex = Persons'
try mye22.csv 2>&1
define 'sex = Persons'
try mye22.csv 2>&1
define 'year = 21' 'sex = Persons'
try mye22.csv 2>&1
