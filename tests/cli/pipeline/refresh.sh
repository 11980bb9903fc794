# The whole refresh on the small extracts: every output is written, and the
# numbers are those computed independently (tests/cli/expected-rates.awk)
# and by hand (the summary row below).
. "$TOP/tests/cli/lib.sh"
setup_small
jsna refresh || fail "refresh exited $?"
for f in var/jsna.db outputs/indicators.csv outputs/tables/summary.csv \
	outputs/report/population-needs.html outputs/charts/cla_rate_trend.png \
	outputs/charts/cla_rate_trend.svg outputs/charts/cla_rate_trend.pdf \
	outputs/charts/cla_rate_trend.csv outputs/charts/cla_rate_trend.txt; do
	[ -s "$f" ] || fail "missing $f"
done
echo "integrity: $(sql 'PRAGMA integrity_check')"

awk -f "$TOP/tests/cli/expected-rates.awk" inputs/ons/population.csv inputs/dfe/cla.csv > expected.csv
awk -v id=cla_rate -f "$TOP/tests/cli/compare-export.awk" expected.csv outputs/indicators.csv || fail "export differs"

# Suppressed: Isles of Scilly 2025 has 3 children: no value, 'c'.
grep '^cla_rate,.*,E06000053,.*,2025,' outputs/indicators.csv | cut -d, -f14-21
# Compared with England (65.4) and the region (87.6), by hand.
grep -E '^cla_rate,.*,(E06000050|E06000006|E06000007),.*,2025,' outputs/indicators.csv | awk -F, '{ print $6, $(NF-9), $(NF-8) }'

# The summary row, by hand: 496 / 66,870 = 74.2; England 79,150 / 12.1m = 65.4;
# North West 14,100 / 1.61m = 87.6; neighbours (132.3 + 2.0 + 76.2) / 3 = 70.2;
# 2024 was 504 / 66,732 = 75.5, so the change is 74 - 76 = -2; two
# years are too few for a recent trend (Fingertips needs five points).
cat > want.csv <<'CSV'
Indicator ID,Indicator,Period,Count,Value,Unit,Lower 95% limit,Upper 95% limit,England,Region,Statistical neighbours,Compared with England,Recent trend,Change since previous period,Rank,Quartile,Source
cla_rate,"Children in care per 10,000 children aged under 18",2025,496,74,"per 10,000 children aged under 18",68,81,65,88,70,Higher,Cannot be calculated,-2,,,"DfE, Children looked after in England; ONS mid-year estimates (DfE 0-17 series)"
CSV
cmp -s want.csv outputs/tables/summary.csv || { diff want.csv outputs/tables/summary.csv >&2; fail "summary.csv differs"; }
echo "summary.csv as computed by hand"

grep -q 'In 2025 there were 496 children in care in Cheshire West and Chester, a rate of 74 per 10,000 children aged under 18, higher than England (65).' \
	outputs/report/population-needs.html || fail "report sentence"
grep -q '<table' outputs/report/population-needs.html || fail "report table"
grep -q '<svg' outputs/report/population-needs.html || fail "report chart"
if grep -Eo '(src|href)="(https?:)?//[^"]*' outputs/report/population-needs.html; then
	fail "the report refers to the network"
fi
echo "report: sentence, table and chart inline"

png=outputs/charts/cla_rate_trend.png
[ "$(od -An -tx1 -N8 $png | tr -d ' ')" = 89504e470d0a1a0a ] || fail "not a PNG"
echo "png $(be32 $png 16)x$(be32 $png 20)"
grep -q '<title>Children in care per 10,000 children aged under 18</title>' outputs/charts/cla_rate_trend.svg || fail "svg title"
head -c 5 outputs/charts/cla_rate_trend.pdf | grep -q '%PDF-' || fail "not a PDF"
pdftotext outputs/charts/cla_rate_trend.pdf - | grep -q 'Children in care per 10,000 children aged under 18' || fail "pdf text"
echo "pdf title read back"
