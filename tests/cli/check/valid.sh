# The shipped definitions are valid.
jsna-check -v "$TOP"/indicators/cla_rate.ini 2>&1 | sed "s|$TOP/||"
