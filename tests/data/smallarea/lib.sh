# lib.sh - a small-area project for the command-line tests: six small
# areas (LSOAs), four in Cheshire West and Chester (two localities, Chester
# and Vale Royal) and two in Halton, both in the North West; each LSOA's
# deprivation decile; the children's centres' contacts in Cheshire West
# and Chester; and sape_file, which writes an ONS small-area estimates
# file. Sourced by each case after tests/cli/lib.sh.
#
#   LSOA       authority  decile  locality    F0  M0   reached 2022-23
#   E01000001  E06000050   1      Chester     10  12   20
#   E01000002  E06000050   2      Chester      3   4    5
#   E01000003  E06000050   5      Vale Royal  20  18    4
#   E01000004  E06000050  10      Vale Royal  15  15    3
#   E01000005  E06000006   1      -            8   9    -
#   E01000006  E06000006   3      -           25  20    -
#
# Every LSOA also has 100 women and 100 men aged 30, and nobody else. The
# LTLA-UTLA lookup lists the two authorities: all of "England" here.
. "$TOP/tests/cli/lib.sh"

setup_smallarea() {
	cp -R "$TOP/tests/data/smallarea/inputs" inputs
	cp "$TOP/tests/data/smallarea/jsna.ini" jsna.ini
	mkdir -p inputs/sources indicators
	cp "$TOP"/inputs/sources/*.ini inputs/sources/
	sape_file inputs/ons/sapelsoasyoa_mid-2022.csv \
		"10 3 20 15 8 25" "12 4 18 15 9 20"
}

# sape_file FILE "F0 of each LSOA" "M0 of each LSOA": the six LSOAs in the
# published layout (LAD 2023 Code, ..., Total, F0 .. F90, M0 .. M90).
sape_file() {
	awk -v f="$2" -v m="$3" 'BEGIN {
		h = "LAD 2023 Code,LAD 2023 Name,LSOA 2021 Code,LSOA 2021 Name,Total"
		for (a = 0; a <= 90; a++) h = h ",F" a
		for (a = 0; a <= 90; a++) h = h ",M" a
		print h
		split("E06000050 E06000050 E06000050 E06000050 E06000006 E06000006", lad, " ")
		split(f, fs, " "); split(m, ms, " ")
		for (i = 1; i <= 6; i++) {
			name = lad[i] == "E06000050" ? "Cheshire West and Chester" : "Halton"
			r = lad[i] "," name ",E0100000" i "," name " 00" i "A," (fs[i] + ms[i] + 200)
			for (a = 0; a <= 90; a++) r = r "," (a == 0 ? fs[i] : a == 30 ? 100 : 0)
			for (a = 0; a <= 90; a++) r = r "," (a == 0 ? ms[i] : a == 30 ? 100 : 0)
			print r
		}
	}' > "$1"
}
