# A line longer than the reader's limit is an error, never cut silently.
mkdir -p d
{ sed -n '1,/^source/p' "$TOP/indicators/cla_rate.ini"; printf 'title = %0250d\n' 0; } > d/cla_rate.ini
jsna-check d/cla_rate.ini
