# The project's own definitions (indicators/*.ini, inputs/sources/*.ini,
# unchanged) on ALL of the real published files of ../shared/data/real
# (see its README.md), checked for every local authority against what the
# publishers themselves print, read here from the files with sqlite3's own
# CSV reader and awk, never from a run of the pipeline:
#   1. cla_rate, rounded, equals DfE's rate_per_10000;
#   2. cin_rate and cpp_rate, computed from counts, equal LAIT's CIN and
#      CPP_rate at 1 dp;
#   3. eyfs_gld for FSM pupils 2021/22 equals gld_number / children_number
#      x 100 of DfE's file, and rounds to its gld_percentage;
#   4. ks4_att8_fsm_gap and ks4_att8_sen_gap 2018/19 equal the difference
#      of the two published avg_att8 of DfE's file;
#   5. every catalogue value LAIT also publishes (computed from another
#      source) equals LAIT's figure at LAIT's precision, and every LAIT
#      fallback named in indicators/*.ini is the measure it stands in for;
# plus: every definition ran (those left out only for data the real files
# lack, listed), no authority is shown twice (under two area codes) for
# one indicator, group and period of the export, and which ids have values
# for E06000050. One ingest and one calc serve every check (about 30 s).
#
# The summary (stdout) must equal real-conformance.expected, so that a
# change in coverage shows; UPDATE=1 rewrites that file. The failing
# checks and every mismatch (area, year, ours, published) go to standard
# error. Skips, saying so, without the real files.
. "$TOP/tests/cli/lib.sh"
real="$SHARED/data/real"
expected="$TOP/tests/cli/pipeline/real-conformance.expected"
if [ ! -f "$real/dfe_lait/bds_long_0_jsna_subset.csv" ]; then
	echo "skipped: the real extracts are not in '$real'" >&2
	echo "skipped"
	exit 0
fi
: > summary.txt
: > mismatches.txt
: > failing.txt
say() {
	printf '%s\n' "$*" | tee -a summary.txt
}

# --- the project, on a copy of every real file --------------------------
mkdir -p inputs indicators
cp -R "$real"/. inputs/
mkdir -p inputs/sources
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP"/indicators/*.ini indicators/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest -q 2> ingest.err || { cat ingest.err >&2; fail "jsna-ingest failed on the real files"; }
jsna-calc 2> calc.err
calc_rc=$?
jsna-table 2> table.err || { cat table.err >&2; fail "jsna-table failed"; }

# Every definition ran: jsna-calc's only errors may be the data the real
# files lack, a dataset no source definition gives or a measure of a
# loaded dataset that no real file carries (checked here: no real file has
# it as a column, as a LAIT Short Desc, or as a Fingertips Indicator ID),
# and the indicators left out for want of them.
[ "$calc_rc" -eq 0 ] || [ "$calc_rc" -eq 1 ] || { cat calc.err >&2; fail "jsna-calc exited $calc_rc"; }
in_real() { # MEASURE: true when some real file carries it
	case $1 in
	[0-9]*:*)
		awk -F, -v id="${1%%:*}" 'FNR > 1 && $1 == id { f = 1; exit } END { exit !f }' "$real"/ohid_fingertips/*.csv ;;
	*)
		find "$real" -name '*.csv' -exec head -n 1 {} \; |
			sed 's/^\xef\xbb\xbf//; s/\r$//; s/"//g' | tr ',' '\n' | grep -Fxq -- "$1" ||
			awk -F, -v m="$1" 'FNR > 1 && $1 == m { f = 1; exit } END { exit !f }' "$real/dfe_lait/bds_long_0_jsna_subset.csv" ;;
	esac
}
pre="^jsna-calc: indicators/\([a-z0-9_]*\)\.ini:[0-9]*: \[[a-z_.]*\] "
no_ds=$(sed -n "s|${pre}no source definition gives a dataset '\([^']*\)'.*|\1 (\2)|p" calc.err | sort -u)
no_ms=$(sed -n "s|${pre}dataset '\([^']*\)' has no measure '\([^']*\)' loaded.*|\1 (\2 \3)|p" calc.err | sort -u)
printf '%s\n' "$no_ms" | while read -r id ds m; do
	[ -n "$id" ] || continue
	m=${m%)}
	if in_real "$m"; then
		echo "jsna-calc says $ds has no measure '$m' ($id), but the real files carry it" >&2
		echo x
	fi
done | grep -q x && fail "jsna-calc missed a measure the real files have"
others=$(grep -v -e '^jsna-calc: warning: ' \
	-e "${pre}no source definition gives a dataset '" \
	-e "${pre}dataset '[^']*' has no measure '[^']*' loaded" calc.err |
	while IFS= read -r line; do
		id=$(printf '%s\n' "$line" | sed -n "s|^jsna-calc: indicators/\([a-z0-9_]*\)\.ini: indicator '\1' left out$|\1|p")
		if [ -n "$id" ] && printf '%s\n%s\n' "$no_ds" "$no_ms" | grep -q "^$id "; then
			continue
		fi
		printf '%s\n' "$line"
	done)
if [ -n "$others" ]; then
	printf '%s\n' "$others" >&2
	fail "jsna-calc reported errors other than data the real files lack"
fi
if [ "$calc_rc" -ne 0 ] && [ -z "$no_ds$no_ms" ]; then
	cat calc.err >&2
	fail "jsna-calc exited $calc_rc with no missing data to explain it"
fi
list() { # lines -> "a, b, c", or none
	if [ -n "$1" ]; then printf '%s\n' "$1" | paste -sd';' - | sed 's/;/, /g'; else echo none; fi
}
ids=$(for f in indicators/*.ini; do basename "$f" .ini; done | grep -v '^sections$')
say "definitions: $(printf '%s\n' "$ids" | wc -l | tr -d ' ') ran on the real files; jsna-calc exit $calc_rc"
say "  left out for a dataset no source definition gives: $(list "$no_ds")"
say "  left out for a measure no real file carries: $(list "$no_ms")"
say "  with no value at all (none of their data is among the real files): $(list "$(sed -n "s|^jsna-calc: warning: indicators/\([a-z0-9_]*\)\.ini: no values: .*|\1|p" calc.err | sort -u)")"

# --- the published files, read by sqlite3 --------------------------------
ees="$real/dfe_ees"
rm -f pub.db
sqlite3 -batch pub.db \
	".import --csv '$ees/children_social_care/cla_number_and_rate_per_10k_children.csv' cla" \
	".import --csv '$ees/children_social_care/b1_children_in_need_2013_to_2025.csv' b1" \
	".import --csv '$ees/children_social_care/d5_cpps_at31march_by_duration_2013_to_2025.csv' d5" \
	".import --csv '$real/ons/ons_mid-year_population_estimates_2012_to_2024.csv' pop" \
	".import --csv '$ees/eyfsp/1_eyfsp_headline_measures_2022.csv' eyfs" \
	".import --csv '$ees/ks4/201819_LA_characteristics_data_including_sen_description.csv' ks4" \
	".import --csv '$ees/neet/UD_NEETNK_LA_dashboard_2021_vg_removed.csv' neet21" \
	".import --csv '$ees/neet/UD_NEETNK_LA_dashboard_2022_final.csv' neet22" \
	".import --csv '$ees/neet/UD_NEETNK_LA_dashboard_2023_final.csv' neet23" \
	".import --csv '$ees/neet/commit_4e3a0d5/UD_NEETNK_LA_dashboard_final.csv' neet24" \
	".import --csv '$ees/neet/UD_NEETNK_LA_dashboard_final.csv' neet25" \
	".import --csv '$real/dfe_lait/bds_long_0_jsna_subset.csv' lait" \
	".import --csv '$real/dfe_lait/lait_data_dictionary.csv' dict" \
	".import --csv outputs/indicators.csv export" || fail "sqlite3 could not read the real files"

# Our values: every local-authority row of the last calc run. LAIT names
# authorities by DfE's old three-digit LA number: the EES files give each
# GSS code's. LAIT's values lose their float noise at its precision: the
# dps of its dictionary, else the decimals it writes for that measure and
# year (the greatest among the authorities, once rounded to 6 dp).
sqlite3 -batch pub.db "
	ATTACH 'var/jsna.db' AS w;
	CREATE TABLE ours AS
	SELECT v.indicator, v.area, v.kind, v.year, v.category, v.value, v.note
	FROM w.indicator_value v JOIN w.area a ON a.code = v.area AND a.level = 'LA'
	WHERE v.run = (SELECT max(run) FROM w.indicator_value);
	CREATE TABLE nd AS
	SELECT time_period AS y, new_la_code AS code, old_la_code AS la, geographic_level AS g, Age AS age, NEET_not_known_percent AS v FROM neet21
	UNION ALL SELECT time_period, new_la_code, old_la_code, geographic_level, Age, NEET_not_known_percent FROM neet22
	UNION ALL SELECT time_period, new_la_code, old_la_code, geographic_level, Age, NEET_not_known_percent FROM neet23
	UNION ALL SELECT time_period, new_la_code, old_la_code, geographic_level, Age, NEET_not_known_percent FROM neet24
	UNION ALL SELECT time_period, new_la_code, old_la_code, geographic_level, Age, NEET_not_known_percent FROM neet25;
	CREATE TABLE lamap AS SELECT DISTINCT new_la_code AS code, old_la_code AS la FROM (
		SELECT geographic_level, new_la_code, old_la_code FROM pop
		UNION ALL SELECT geographic_level, new_la_code, old_la_code FROM cla
		UNION ALL SELECT geographic_level, new_la_code, old_la_code FROM b1
		UNION ALL SELECT geographic_level, new_la_code, old_la_code FROM d5
		UNION ALL SELECT geographic_level, new_la_code, old_la_code FROM eyfs
		UNION ALL SELECT geographic_level, new_la_code, old_la_code FROM ks4
		UNION ALL SELECT g, code, la FROM nd)
	WHERE geographic_level = 'Local authority' AND new_la_code <> '' AND old_la_code <> '';
	CREATE TABLE lv AS
	SELECT \"Short Desc\" AS m, CAST(Years AS int) AS y, \"LA Number\" AS la, \"Values\" AS v,
	       rtrim(rtrim(printf('%.6f', CAST(\"Values\" AS real)), '0'), '.') AS s
	FROM lait WHERE \"Values\" <> '-' AND \"LA Number\" <> '';
	CREATE TABLE ldec AS
	SELECT m, y, max(CASE WHEN instr(s, '.') = 0 THEN 0 ELSE length(s) - instr(s, '.') END) AS d
	FROM lv GROUP BY m, y;
	CREATE TABLE ddps AS SELECT Measure_short AS m, max(CAST(dps AS int)) AS d
	FROM dict WHERE dps GLOB '[0-9]' GROUP BY Measure_short;
	CREATE VIEW lprec AS
	SELECT l.m, l.y, coalesce(p.d, l.d) AS d,
	       CASE WHEN p.d IS NULL THEN 'as LAIT writes it, its dictionary gives no dps' ELSE 'its dictionary''s dps' END AS why
	FROM ldec l LEFT JOIN ddps p ON p.m = l.m;
	-- ks4_att8 and ks4_p8 take DfE's published (rounded) averages: the
	-- unrounded ones, total over pupils, decide whether a figure is a tie.
	CREATE TABLE ks4cat (category TEXT, breakdown TEXT, fsm TEXT, sen TEXT);
	INSERT INTO ks4cat VALUES ('', 'Total', 'Total', 'Total'),
		('Eligible for free school meals', 'Free school meals', 'FSM', 'Total'),
		('Not eligible for free school meals', 'Free school meals', 'FSM all other', 'Total'),
		('No identified SEN', 'SEN status', 'Total', 'No SEN'),
		('SEN support', 'SEN status', 'Total', 'SEN Supp'),
		('EHC plan', 'SEN status', 'Total', 'SEN State EHC');
	CREATE TABLE unrounded AS
	SELECT i.indicator, c.category, k.new_la_code AS area, 2 AS kind, CAST(substr(k.time_period, 1, 4) AS int) AS year,
	       CASE i.indicator
	       WHEN 'ks4_att8' THEN iif(k.t_pupils GLOB '[1-9]*', CAST(k.t_att8 AS real) / CAST(k.t_pupils AS real), NULL)
	       ELSE iif(k.t_inp8calc GLOB '[1-9]*', CAST(k.t_p8score AS real) / CAST(k.t_inp8calc AS real), NULL) END AS u
	FROM ks4 k JOIN ks4cat c ON c.breakdown = k.breakdown AND c.fsm = k.characteristic_free_school_meals
		AND c.sen = k.characteristic_sen_status
	JOIN (SELECT 'ks4_att8' AS indicator UNION ALL SELECT 'ks4_p8') i
	WHERE k.geographic_level = 'Local authority' AND k.characteristic_gender = 'Total'
		AND k.characteristic_sen_description = 'Total';
" || fail "sqlite3 could not build the comparison tables"
[ "$(sqlite3 pub.db 'SELECT count(*) FROM ours')" -gt 0 ] || fail "no local-authority value in the warehouse"
[ "$(sqlite3 pub.db 'SELECT count(*) FROM (SELECT code FROM lamap GROUP BY code HAVING count(*) > 1)')" -eq 0 ] ||
	fail "a GSS code has two LA numbers in the EES files"

q() {
	sqlite3 -batch -noheader -separator '|' pub.db "$1" || fail "sqlite3: $1"
}

# cmp.awk: lines NAME|AREA|YEAR|OURS|PUBLISHED|D[|UNROUNDED]. D is the
# published decimals (OURS is rounded half up to D and must equal
# PUBLISHED; one unit either way only when the unrounded value, OURS or
# else UNROUNDED where OURS is itself a published average, lies within
# 1e-9 of a .5 tie, as DfE rounds the exact value and some files the
# binary double), or x: OURS must equal PUBLISHED within 1e-9. OURS empty:
# no value of ours, a mismatch. Prints per NAME "NAME|N|MATCHED|TIES|YMIN|
# YMAX"; mismatches to stderr.
cat > cmp.awk <<'EOF'
BEGIN { FS = "|" }
function floor(x) { return (x == int(x) || x >= 0) ? int(x) : int(x) - 1 }
function abs(x) { return x < 0 ? -x : x }
{
	name = $1; n[name]++
	if (!(name in order)) { order[name] = ++names; list[names] = name }
	if (!(name in ymin) || $3 + 0 < ymin[name]) ymin[name] = $3 + 0
	if (!(name in ymax) || $3 + 0 > ymax[name]) ymax[name] = $3 + 0
	ok = 0
	if ($4 == "") {
		why = "no value of ours"
	} else if ($6 == "x") {
		if (abs($4 - $5) <= 1e-9) ok = 1
		else why = sprintf("differs by %.3g", $4 - $5)
	} else {
		f = 10 ^ $6
		s = $4 * f
		r = floor(s + 0.5)
		k = floor($5 * f + 0.5)
		if (r == k) ok = 1
		else {
			u = ($7 != "" ? $7 : $4)
			if (abs(r - k) == 1 && abs(u - (floor(u * f) + 0.5) / f) < 1e-9) { ok = 1; ties[name]++ }
			else why = "rounds to " sprintf("%." $6 "f", r / f) " at " $6 " dp"
		}
	}
	if (ok) good[name]++
	else printf "%s mismatch: %s %s: ours %s, published %s (%s)\n", name, $2, $3, ($4 == "" ? "none" : $4), $5, why > "/dev/stderr"
}
END {
	for (i = 1; i <= names; i++) {
		m = list[i]
		printf "%s|%d|%d|%d|%d|%d\n", m, n[m], good[m], ties[m], ymin[m], ymax[m]
	}
}
EOF

# check FILE SUMMARY-FORMAT [info]: compares; fails the case (at the end)
# on any mismatch or when no row was compared; prints one summary a name,
# from the format (arguments: name, matched, n, first year, last year,
# ties). With info, only says (mismatches in FILE.mismatches).
check() {
	if [ "${3:-}" = info ]; then
		res=$(awk -f cmp.awk "$1" 2> "$1.mismatches")
	else
		res=$(awk -f cmp.awk "$1" 2>> mismatches.txt)
	fi
	if [ -z "$res" ]; then
		echo "$1: nothing to compare" >> failing.txt
		return
	fi
	printf '%s\n' "$res" | while IFS='|' read -r name n good ties y0 y1; do
		say "$(printf "$2" "$name" "$good" "$n" "$y0" "$y1" "$ties")"
	done
	[ "${3:-}" = info ] && return
	printf '%s\n' "$res" | awk -F'|' '$2 != $3 || $2 == 0 { printf "%s: %d of %d differ\n", $1, $2 - $3, $2 }' >> failing.txt
}

# --- 1. cla_rate against DfE's published rate -----------------------------
q "SELECT 'cla_rate', c.new_la_code, c.time_period, iif(o.value IS NULL, '', printf('%.17g', o.value)), c.rate_per_10000, 0
   FROM cla c LEFT JOIN ours o ON o.indicator = 'cla_rate' AND o.kind = 1 AND o.category = ''
	AND o.area = c.new_la_code AND o.year = CAST(c.time_period AS int)
   WHERE c.geographic_level = 'Local authority'
	AND c.population_type = 'Children looked after on 31 March each year'
	AND c.rate_per_10000 GLOB '[0-9]*'" > c1.txt
check c1.txt "%s: %s of %s LA rates (%s-%s) round to DfE's published rate_per_10000 (0 dp); %s by the .5 tie allowance"
say "  of which from LAIT's LAC (the fallback), not from counts: $(q "SELECT count(*) || ' (' || coalesce(group_concat(area || ' ' || year, ', '), '') || ')' FROM (SELECT o.area, o.year FROM cla c JOIN ours o ON o.indicator = 'cla_rate' AND o.kind = 1 AND o.category = '' AND o.area = c.new_la_code AND o.year = CAST(c.time_period AS int) WHERE c.geographic_level = 'Local authority' AND c.population_type = 'Children looked after on 31 March each year' AND c.rate_per_10000 GLOB '[0-9]*' AND o.note = 'published value' ORDER BY o.area, o.year)")"

# --- 2 and 5. against LAIT, on values computed from another source --------
# NAME|indicator|category|LAIT measure; LAIT's year Y is our period Y
# (years ending 31 March), academic (Y-1)/Y or financial (Y-1)/Y.
q "CREATE TABLE pair (name TEXT, indicator TEXT, category TEXT, kind INT, m TEXT, yoff INT, info INT DEFAULT 0);
   INSERT INTO pair VALUES
	('cin_rate', 'cin_rate', '', 1, 'CIN', 0, 0),
	('cpp_rate', 'cpp_rate', '', 1, 'CPP_rate', 0, 0),
	('eyfs_gld', 'eyfs_gld', '', 2, 'FSP_NEW_GOODDEV', 1, 0),
	('eyfs_gld FSM', 'eyfs_gld', 'Eligible for free school meals', 2, 'FSP_Gooddev_FSM', 1, 0),
	('eyfs_gld not FSM', 'eyfs_gld', 'Not eligible for free school meals', 2, 'FSP_Gooddev_FSM_Other', 1, 1),
	('eyfs_gld SEN support', 'eyfs_gld', 'SEN support', 2, 'FSP_Gooddev_Without_SENSTATE', 1, 0),
	('eyfs_gld EHC plan', 'eyfs_gld', 'EHC plan', 2, 'FSP_Gooddev_With_SENSTATE', 1, 0),
	('ks4_att8', 'ks4_att8', '', 2, 'AVG_Attain8_Score', 1, 0),
	('ks4_att8 FSM', 'ks4_att8', 'Eligible for free school meals', 2, 'FSM_AVG_Attain8_Score', 1, 0),
	('ks4_att8 not FSM', 'ks4_att8', 'Not eligible for free school meals', 2, 'NonFSM_AVG_Attain8_Score', 1, 0),
	('ks4_att8 no SEN', 'ks4_att8', 'No identified SEN', 2, 'SEN_NoID_AVG_Attain8_Score', 1, 0),
	('ks4_att8 SEN support', 'ks4_att8', 'SEN support', 2, 'SEN_WoStat_AVG_Attain8_Score', 1, 0),
	('ks4_att8 EHC plan', 'ks4_att8', 'EHC plan', 2, 'SEN_Stat_AVG_Attain8_Score', 1, 0),
	('ks4_p8', 'ks4_p8', '', 2, 'AVG_Prog8_Score', 1, 0),
	('ks4_p8 FSM', 'ks4_p8', 'Eligible for free school meals', 2, 'FSM_AVG_Prog8_Score', 1, 0),
	('ks4_p8 not FSM', 'ks4_p8', 'Not eligible for free school meals', 2, 'NonFSM_AVG_Prog8_Score', 1, 0),
	('ks4_p8 no SEN', 'ks4_p8', 'No identified SEN', 2, 'SEN_NoID_AVG_Prog8_Score', 1, 0),
	('ks4_p8 SEN support', 'ks4_p8', 'SEN support', 2, 'SEN_WoStat_AVG_Prog8_Score', 1, 0),
	('ks4_p8 EHC plan', 'ks4_p8', 'EHC plan', 2, 'SEN_Stat_AVG_Prog8_Score', 1, 0),
	('cla_rate', 'cla_rate', '', 1, 'LAC', 0, 0),
	('cla_count', 'cla_count', '', 1, 'LACnum', 0, 0),
	('cpp_count', 'cpp_count', '', 1, 'CPP_Num', 0, 0),
	('injuries_0_14_rate', 'injuries_0_14_rate', '', 3, 'HospAd0-14', 1, 0);"
q "CREATE VIEW c25 AS
   SELECT p.rowid AS prow, p.info, p.name || ' vs LAIT ' || p.m || ' at ' || d.d || ' dp' AS name, o.area, l.y,
	iif(o.value IS NULL, '', printf('%.17g', o.value)) AS ours, l.v, d.d, p.m, d.why,
	iif(u.u IS NULL, '', printf('%.17g', u.u)) AS u
   FROM pair p JOIN ours o ON o.indicator = p.indicator AND o.category = p.category AND o.kind = p.kind
   JOIN lamap m ON m.code = o.area
   JOIN lv l ON l.m = p.m AND l.la = m.la AND l.y = o.year + p.yoff
   JOIN lprec d ON d.m = l.m AND d.y = l.y
   LEFT JOIN unrounded u ON u.indicator = o.indicator AND u.category = o.category AND u.area = o.area
	AND u.kind = o.kind AND u.year = o.year
   WHERE o.note <> 'published value' AND o.value IS NOT NULL"
q "SELECT name, area, y, ours, v, d, u FROM c25 WHERE info = 0 ORDER BY prow, y, area" > c25.txt
check c25.txt "%s: %s of %s LA rows computed from counts or DfE's own averages equal it (LAIT years %s-%s); %s by the .5 tie allowance"
# DfE's "not known to be eligible" (every pupil not eligible) is not what
# LAIT publishes as FSP_Gooddev_FSM_Other: said, not failed here (the
# fallback check below fails while a definition puts the two in one series).
q "SELECT name, area, y, ours, v, d, u FROM c25 WHERE info = 1 ORDER BY prow, y, area" > c25info.txt
check c25info.txt "%s: %s of %s LA rows computed from counts equal it (LAIT years %s-%s; %s by the .5 tie allowance): a different measure, said and not failed" info
say "  LAIT's precision: $(q "SELECT group_concat(x, '; ') FROM (SELECT m || ' ' || group_concat(DISTINCT d) || ' dp (' || why || ')' AS x FROM c25 GROUP BY m, why ORDER BY min(prow))")"
say "  injuries_0_14_rate: LAIT's HospAd0-14 year Y is Fingertips' financial year (Y-1)/Y; read as Y/Y+1 instead, $(q "SELECT count(*) FROM ours o JOIN lamap m ON m.code = o.area JOIN lv l ON l.m = 'HospAd0-14' AND l.la = m.la AND l.y = o.year WHERE o.indicator = 'injuries_0_14_rate' AND o.category = '' AND o.kind = 3 AND o.note <> 'published value' AND o.value IS NOT NULL AND abs(round(o.value, 2) - CAST(l.v AS real)) < 0.001") of $(q "SELECT count(*) FROM ours o JOIN lamap m ON m.code = o.area JOIN lv l ON l.m = 'HospAd0-14' AND l.la = m.la AND l.y = o.year WHERE o.indicator = 'injuries_0_14_rate' AND o.category = '' AND o.kind = 3 AND o.note <> 'published value' AND o.value IS NOT NULL") would agree at 2 dp"

# NEET: both figures are published, by the NCCIS dashboard (ours, the
# fallback) and by LAIT: ours must be the dashboard's, and LAIT's the same.
q "SELECT 'neet_16_17 = NCCIS dashboard NEET_not_known_percent', d.code, d.y, iif(o.value IS NULL, '', printf('%.17g', o.value)), d.v, 'x'
   FROM nd d LEFT JOIN ours o ON o.indicator = 'neet_16_17' AND o.kind = 0 AND o.category = ''
	AND o.area = d.code AND o.year = CAST(d.y AS int)
   WHERE d.g = 'Local authority' AND d.code <> '' AND d.age = '16-17' AND d.v GLOB '[0-9]*'
   ORDER BY d.y, d.code" > neet1.txt
check neet1.txt "%s: %s of %s LA rows (%s-%s) equal it%.0s"
q "SELECT 'neet_16_17 (NCCIS dashboard) vs 16-17_not known_NEET', d.code, d.y, iif(o.value IS NULL, '', printf('%.17g', o.value)), l.v, p.d
   FROM nd d JOIN ours o ON o.indicator = 'neet_16_17' AND o.kind = 0 AND o.category = ''
	AND o.area = d.code AND o.year = CAST(d.y AS int)
   JOIN lv l ON l.m = '16-17_not known_NEET' AND l.la = d.la AND l.y = CAST(d.y AS int)
   JOIN lprec p ON p.m = l.m AND p.y = l.y
   WHERE d.g = 'Local authority' AND d.code <> '' AND d.age = '16-17' AND d.v GLOB '[0-9]*'
   ORDER BY d.y, d.code" > neet2.txt
check neet2.txt "%s: %s of %s LA rows equal LAIT (years %s-%s); %s by the .5 tie allowance"
say "  left out: $(q "SELECT count(*) FROM nd WHERE g = 'Local authority' AND code = ''") dashboard row(s) at LA level with no area code ($(q "SELECT group_concat(DISTINCT y) FROM nd WHERE g = 'Local authority' AND code = ''"), a demo row)"

say "not checked: KS2 reading, writing and maths by FSM and SEN (LAIT FSM_NEW_KS2_RWM, NonFSM_NEW_KS2_RWM, NEW_KS2_RWM_Sen_W/Osta, NEW_KS2_RWM_Sen_Withsta, NoID_SEN_NEW_KS2_RWM): the real files have them only in LAIT itself, and LAIT against LAIT proves nothing"

# Every LAIT fallback in the definitions stands in for the same measure:
# where the counts give a value, LAIT's figure (if any) must agree.
awk '
	function trim(s) { sub(/[ \t]*;.*$/, "", s); gsub(/^[ \t]+|[ \t\r]+$/, "", s); return s }
	function flush() {
		if (sec ~ /^\[fallback(\.[a-z0-9_]+)?\]$/ && ds == "dfe_lait") {
			print id "||" ms "|" (pa == "" ? "year" : pa)
			if (sec == "[fallback]") { fbm[id] = ms; fbp[id] = (pa == "" ? "year" : pa) }
		}
		if (sec ~ /^\[category / && cfb != "" && cfb != "none") cats[++nc] = id "|" cat "|" cfb
		ds = ms = pa = cat = cfb = ""
	}
	FNR == 1 { flush(); sec = ""; id = FILENAME; sub(/.*\//, "", id); sub(/\.ini$/, "", id) }
	{ line = trim($0) }
	line ~ /^\[/ { flush(); sec = line; next }
	line ~ /=/ {
		k = line; sub(/[ \t]*=.*/, "", k); v = line; sub(/^[^=]*=[ \t]*/, "", v)
		if (k == "dataset") ds = v; else if (k == "measure") ms = v
		else if (k == "period_as") pa = v; else if (k == "category") cat = v
		else if (k == "fallback") cfb = v
	}
	END {
		flush()
		for (i = 1; i <= nc; i++) {
			split(cats[i], f, "|")
			if (f[1] in fbm) print f[1] "|" f[2] "|" f[3] "|" fbp[f[1]]
		}
	}' indicators/*.ini > fallbacks.txt
[ -s fallbacks.txt ] || fail "no LAIT fallback found in indicators/*.ini"
q "CREATE TABLE fb (indicator TEXT, category TEXT, m TEXT, period_as TEXT)"
while IFS='|' read -r id cat m pa; do
	q "INSERT INTO fb VALUES ('$id', '$(printf '%s' "$cat" | sed "s/'/''/g")', '$m', '$pa')"
done < fallbacks.txt
q "SELECT f.indicator || CASE f.category WHEN '' THEN '' ELSE ' [' || f.category || ']' END || ' and its LAIT fallback ' || f.m,
	o.area, l.y, iif(o.value IS NULL, '', printf('%.17g', o.value)), l.v, d.d, iif(u.u IS NULL, '', printf('%.17g', u.u))
   FROM fb f JOIN ours o ON o.indicator = f.indicator AND o.category = f.category
   JOIN lamap m ON m.code = o.area
   JOIN lv l ON l.m = f.m AND l.la = m.la
	AND l.y = o.year + (CASE WHEN f.period_as IN ('academic', 'financial') THEN 1 ELSE 0 END)
   JOIN lprec d ON d.m = l.m AND d.y = l.y
   LEFT JOIN unrounded u ON u.indicator = o.indicator AND u.category = o.category AND u.area = o.area
	AND u.kind = o.kind AND u.year = o.year
   WHERE o.note <> 'published value' AND o.value IS NOT NULL
   ORDER BY f.indicator, f.category, f.m, o.area, o.year" > fallback.txt
check fallback.txt "%s: %s of %s LA rows computed from counts agree (LAIT years %s-%s); %s by the .5 tie allowance"
say "  LAIT fallbacks with no computed LA row in LAIT's years: $(q "SELECT coalesce(group_concat(x, ', '), 'none') FROM (SELECT f.indicator || CASE f.category WHEN '' THEN '' ELSE ' [' || f.category || ']' END || ' ' || f.m AS x FROM fb f WHERE NOT EXISTS (SELECT 1 FROM ours o JOIN lamap m ON m.code = o.area JOIN lv l ON l.m = f.m AND l.la = m.la AND l.y = o.year + (CASE WHEN f.period_as IN ('academic', 'financial') THEN 1 ELSE 0 END) WHERE o.indicator = f.indicator AND o.category = f.category AND o.note <> 'published value' AND o.value IS NOT NULL) ORDER BY 1)")"

# --- 3. EYFS GLD of FSM pupils 2021/22 against DfE's counts ----------------
# Rows DfE gives as z (no pupils) must have no value of ours either.
q "SELECT e.new_la_code, iif(o.value IS NULL, '', printf('%.17g', o.value)), e.gld_number, e.children_number, e.gld_percentage, o.note
   FROM eyfs e LEFT JOIN ours o ON o.indicator = 'eyfs_gld' AND o.kind = 2 AND o.year = 2021
	AND o.category = 'Eligible for free school meals' AND o.area = e.new_la_code
   WHERE e.geographic_level = 'Local authority' AND e.gender = 'Total'
	AND e.characteristic = 'Free school meal eligibility'
	AND e.characteristic_type = 'Known to be eligible for free school meals'
   ORDER BY e.new_la_code" > eyfs.txt
awk -F'|' '
	$3 ~ /^[0-9]+$/ && $4 ~ /^[0-9]+$/ && $4 > 0 {
		print "eyfs_gld FSM 2021/22 = gld_number / children_number x 100 (to 1e-9)|" $1 "|2021|" $2 "|" sprintf("%.17g", $3 / $4 * 100) "|x"
		print "eyfs_gld FSM 2021/22 vs gld_percentage at 1 dp|" $1 "|2021|" $2 "|" $5 "|1"
		next
	}
	$2 != "" { printf "eyfs_gld FSM mismatch: %s 2021: ours %s, published %s / %s\n", $1, $2, $3, $4 > "/dev/stderr"; e = 1 }
	{ z++ }
	END { print z + 0 > "eyfs.z"; if (e) print "eyfs_gld FSM 2021/22: a value of ours where DfE gives none" >> "failing.txt" }' eyfs.txt > c3.txt 2>> mismatches.txt
check c3.txt "%s: %s of %s LA rows%.0s%.0s; %s by the .5 tie allowance"
say "  and $(cat eyfs.z) LA row(s) DfE gives as z, with no value of ours: $(awk -F'|' '!($3 ~ /^[0-9]+$/ && $4 ~ /^[0-9]+$/ && $4 > 0) { printf "%s%s (%s)", s, $1, ($6 == "" ? "none" : $6); s = ", " }' eyfs.txt)"

# --- 4. KS4 Attainment 8 gaps 2018/19 against DfE's averages --------------
ks4_gap() { # NAME BREAKDOWN COLUMN A B
	q "SELECT '$1 = avg_att8($4) - avg_att8($5)', a.new_la_code, 2018, iif(o.value IS NULL, '', printf('%.17g', o.value)), a.avg_att8, b.avg_att8
	   FROM ks4 a LEFT JOIN ks4 b ON b.geographic_level = a.geographic_level AND b.new_la_code = a.new_la_code
		AND b.breakdown = a.breakdown AND b.characteristic_gender = 'Total'
		AND b.characteristic_free_school_meals = CASE '$3' WHEN 'fsm' THEN '$5' ELSE 'Total' END
		AND b.characteristic_sen_status = CASE '$3' WHEN 'sen' THEN '$5' ELSE 'Total' END
		AND b.characteristic_sen_description = 'Total'
	   LEFT JOIN ours o ON o.indicator = '$1' AND o.kind = 2 AND o.year = 2018 AND o.category = ''
		AND o.area = a.new_la_code
	   WHERE a.geographic_level = 'Local authority' AND a.breakdown = '$2'
		AND a.characteristic_gender = 'Total' AND a.characteristic_sen_description = 'Total'
		AND a.characteristic_free_school_meals = CASE '$3' WHEN 'fsm' THEN '$4' ELSE 'Total' END
		AND a.characteristic_sen_status = CASE '$3' WHEN 'sen' THEN '$4' ELSE 'Total' END
	   ORDER BY a.new_la_code"
}
{
	ks4_gap ks4_att8_fsm_gap 'Free school meals' fsm 'FSM all other' FSM
	ks4_gap ks4_att8_sen_gap 'SEN status' sen 'No SEN' 'SEN State EHC'
} > ks4.txt
awk -F'|' '
	$5 ~ /^-?[0-9.]+$/ && $6 ~ /^-?[0-9.]+$/ { print $1 "|" $2 "|" $3 "|" $4 "|" sprintf("%.17g", $5 - $6) "|x"; next }
	$4 != "" { printf "%s mismatch: %s 2018: ours %s, but DfE gives no pair of averages (%s, %s)\n", $1, $2, $4, $5, $6 > "/dev/stderr"; e = 1 }
	{ split($1, w, " "); if (w[1] in z) z[w[1]] = z[w[1]] ", " $2; else z[w[1]] = $2 }
	END {
		for (k in z) print k ": " z[k] > "ks4.z"
		if (e) print "ks4 gaps 2018/19: a value of ours where DfE gives no pair" >> "failing.txt"
	}' ks4.txt > c4.txt 2>> mismatches.txt
check c4.txt "%s: %s of %s LA rows, to 1e-9%.0s%.0s%.0s"
[ -f ks4.z ] && say "  and LA rows where DfE gives only one of the two groups, with no value of ours: $(sort ks4.z | paste -sd';' - | sed 's/;/; /g')"

# --- the export: one value per authority, indicator, group and period ------
# An authority whose code changed (North Yorkshire E10000023 -> E06000065)
# or whose LAIT figures land on another code must not be shown twice.
q "SELECT \"Indicator ID\", \"Area Name\", \"Category Type\" || '/' || Category, \"Time period\",
	group_concat(\"Area Code\" || '=' || Value || iif(\"Value note\" = '', '', ' (' || \"Value note\" || ')'), ', ')
   FROM export WHERE \"Area Type\" = 'Counties & UAs (from Apr 2023)' AND Value <> ''
   GROUP BY 1, 2, 3, 4 HAVING count(DISTINCT \"Area Code\") > 1 ORDER BY 1, 2, 3, 4" > twice.txt
awk -F'|' '{ printf "shown twice: %s %s %s %s: %s\n", $1, $2, ($3 == "/" ? "all" : $3), $4, $5 }' twice.txt >> mismatches.txt
say "export: $(q "SELECT count(*) FROM export WHERE \"Area Type\" = 'Counties & UAs (from Apr 2023)' AND Value <> ''") LA rows with a value; one authority shown under two codes for the same indicator, group and period: $(wc -l < twice.txt | tr -d ' ') times ($(list "$(cut -d'|' -f2 twice.txt | sort | uniq -c | awk '{ n = $1; $1 = ""; sub(/^ /, ""); print $0 " " n }')"))"
[ -s twice.txt ] && echo "one authority under two area codes: $(wc -l < twice.txt | tr -d ' ') rows" >> failing.txt

# --- E06000050 in the export ----------------------------------------------
have=$(q "SELECT DISTINCT \"Indicator ID\" FROM export WHERE \"Area Code\" = 'E06000050' AND Value <> '' ORDER BY 1")
say "E06000050 has values for: $(printf '%s\n' "$have" | paste -sd, - | sed 's/,/, /g')"
say "E06000050 has no value for: $(printf '%s\n' "$ids" | while read -r id; do printf '%s\n' "$have" | grep -qx "$id" || echo "$id"; done | paste -sd, - | sed 's/,/, /g')"

# --- the summary, as expected -----------------------------------------------
# Failing checks first (the runner shows the head of standard error), then
# the change of summary, then every mismatch.
if [ "${UPDATE:-0}" = 1 ]; then
	cp summary.txt "$expected"
elif ! diff -u "$expected" summary.txt > summary.diff; then
	echo "the summary differs from $expected (UPDATE=1 rewrites it)" >> failing.txt
fi
if [ -s failing.txt ]; then
	sed 's/^/failing: /' failing.txt >&2
	[ -s summary.diff ] && cat summary.diff >&2
	cat mismatches.txt >&2
	fail "the real files disagree with the pipeline ($(wc -l < failing.txt | tr -d ' ') failing, mismatches above)"
fi
