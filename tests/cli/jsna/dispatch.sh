# `jsna STAGE` runs jsna-STAGE; an unknown command is a usage error.
jsna stats --version | sed 's/ [0-9.]*$/ VERSION/'
jsna frobnicate
