# sections.ini is checked with the definitions: an id with no definition,
# an unknown key and a section without a title are reported with their
# lines, exit 1.
mkdir -p d
cp "$TOP/indicators/cla_rate.ini" "$TOP/indicators/cla_count.ini" d/
cat > d/sections.ini <<'EOF'
[section care]
title      = Children in care
indicators = cla_rate, cla_count, cla_rates

[section other]
colour     = red
indicators = cla_rate
EOF
jsna-check d/*.ini
