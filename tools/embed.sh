#!/bin/sh
# embed.sh NAME < FILE > FILE.c: turns a text file into a C string constant.
name=$1
printf 'const char %s[] =\n' "$name"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$/\\n"/'
printf ';\n'
