# The national data set (gen-sample --national) is the same every time,
# and its small areas keep the rules the pipeline relies on. A full run
# writes some 290 MB, so this writes a part twice (-f): mid-2011's SAPE
# and MYE2 and the reference lists. Then the same rules on the bundled
# small-area files.
part() {
	gen-sample --national -o "$1" -f 'ons/sape/*2011.csv' \
		-f 'ons/mye11*' -f 'reference/*' || exit 1
}
part a
part b
diff -r a b > /dev/null || { echo "two runs differ"; exit 1; }
(cd a && find . -type f | sort)

# Districts and their upper tiers; a row's upper tier is the first code
# after its own (a name may hold a comma).
awk -F, 'NR > 1 {
	n++
	for (k = 2; k <= NF; k++)
		if ($k ~ /^E[0-9]+$/) { up[$k] = 1; break }
} END {
	for (c in up) u++
	print n " districts in " u " upper-tier authorities"
}' a/reference/LTLA-UTLA_Apr23_Lookup_England.csv

# Every LSOA's F and M cells add up to its Total, and over an authority's
# LSOAs to the authority's MYE2 figure of every age and sex. Cells are
# counted from the end of the row: names may hold commas.
awk -F, '
FILENAME ~ /LTLA/ {
	if (FNR > 1)
		for (k = 2; k <= NF; k++)
			if ($k ~ /^E[0-9]+$/) { up[$1] = $k; break }
	next
}
FNR == 1 { next }
FILENAME ~ /Females/ { for (a = 0; a <= 90; a++) want[$1 " F" a] = $(NF - 90 + a); next }
FILENAME ~ /Males/ { for (a = 0; a <= 90; a++) want[$1 " M" a] = $(NF - 90 + a); next }
FILENAME ~ /Persons/ { next }
{
	n++
	for (k = 3; k <= NF; k++)
		if ($k ~ /^E01[0-9][0-9][0-9][0-9][0-9][0-9]$/) break
	if ($k <= prev) order++
	prev = $k
	la = up[$1]
	t = 0
	for (a = 0; a <= 90; a++) {
		f = $(NF - 181 + a); m = $(NF - 90 + a)
		if (f < 0 || m < 0) neg++
		got[la " F" a] += f; got[la " M" a] += m
		t += f + m
	}
	if (t != $(NF - 182)) total++
}
END {
	for (c in want) {
		if (c !~ /^E(06|08|09|10)/) continue
		cells++
		if (got[c] != want[c]) bad++
	}
	print n " LSOAs in mid-2011, " order + 0 " out of code order, " neg + 0 " negative, " total + 0 " totals wrong"
	print cells " authority cells of age and sex, " bad + 0 " not the LSOAs sum"
}' a/reference/LTLA-UTLA_Apr23_Lookup_England.csv a/ons/mye11tablesen_MYE2_Females.csv \
	a/ons/mye11tablesen_MYE2_Males.csv a/ons/sape/sapelsoasyoa_mid-2011.csv

# IMD ranks: 1..N once each; deciles as the IoD cuts them; the showcase's
# rows are the bundled file's.
awk -F, 'NR > 1 {
	n++; r = $(NF - 1); d = $NF
	if (seen[r]++) dup++
	if (r > max) max = r
	per[d]++
	dec[NR] = d; rank[NR] = r
} END {
	for (i in dec)
		if (dec[i] != int((rank[i] - 1) * 10 / n) + 1) wrong++
	printf "%d LSOAs ranked, %d repeated, highest %d, %d deciles wrong; per decile:", n, dup, max, wrong
	for (d = 1; d <= 10; d++) printf " %d", per[d]
	printf "\n"
}' a/reference/imd2025_lsoa.csv
grep ',E06000050,' a/reference/imd2025_lsoa.csv > national.txt
tail -n +2 "$TOP/inputs/reference/imd2025_lsoa.csv" | cmp -s - national.txt &&
	echo "the showcase's $(wc -l < national.txt) LSOAs rank as in the bundled file"

# --- the bundled small-area files (E06000050, a unitary: its LSOAs' LAD
# is the authority) ---
in=$TOP/inputs
for y in 2021 2022 2023 2024; do
	yy=${y#20}
	awk -F, -v la=E06000050 -v y=$y '
	FNR == 1 { file++; next }
	file == 1 && $1 == la { for (a = 0; a <= 90; a++) want["F" a] = $(NF - 90 + a); next }
	file == 2 && $1 == la { for (a = 0; a <= 90; a++) want["M" a] = $(NF - 90 + a); next }
	file == 3 {
		if ($1 != la) other++
		n++; t = 0
		for (a = 0; a <= 90; a++) {
			got["F" a] += $(NF - 181 + a); got["M" a] += $(NF - 90 + a)
			t += $(NF - 181 + a) + $(NF - 90 + a)
		}
		if (t != $(NF - 182)) total++
	}
	END {
		for (c in want) if (got[c] != want[c]) bad++
		print "mid-" y ": " n " LSOAs (" other + 0 " of other areas), " total + 0 " totals wrong, " bad + 0 " of 182 MYE2 cells not their sum"
	}' "$in/ons/mye${yy}tablesen_MYE2_Females.csv" "$in/ons/mye${yy}tablesen_MYE2_Males.csv" \
		"$in/ons/sape/sapelsoasyoa_mid-$y.csv"
done

# Each LSOA in one locality; the reach never above the LSOA's under-5s
# (mid-years 2021 to 2024, those with a SAPE file).
awk -F, 'FNR == 1 { file++; next }
file == 1 { loc[$1]++; size[$(NF - 1)]++; next }
{ sape++; if (!($3 in loc)) lost++ }
END {
	for (c in loc) if (loc[c] != 1) twice++
	for (l in size) printf "%s: %d LSOAs\n", l, size[l] | "sort"
	close("sort")
	print sape " LSOAs, " lost + 0 " without a locality, " twice + 0 " in two"
}' "$in/reference/localities.csv" "$in/ons/sape/sapelsoasyoa_mid-2024.csv"
for y in 2021 2022 2023 2024; do
	awk -F, -v y=$y 'FNR == 1 { file++; next }
	file == 1 {
		u5 = 0
		for (a = 0; a < 5; a++) u5 += $(NF - 181 + a) + $(NF - 90 + a)
		under5[$3] = u5; next
	}
	substr($(NF - 1), 1, 4) == y {
		n++
		if ($NF > under5[$1]) over++
		if ($NF < 6) small++
	} END { print y "-" (y + 1) % 100 ": " n " LSOAs reached, " over + 0 " above their under-5s, " small + 0 " under 6" }' \
		"$in/ons/sape/sapelsoasyoa_mid-$y.csv" "$in/local/childrens_centre_reach_lsoa.csv"
done
