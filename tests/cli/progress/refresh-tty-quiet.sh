# `jsna refresh -q` on a terminal: only errors, and no bar. The pty turns
# each "\n" into "\r\n"; any other '\r', or an escape, would be a bar.
. "$TOP/tests/cli/lib.sh"
setup_small
TERM=xterm SHELL=/bin/sh script -qec 'jsna refresh -q' /dev/null > typescript ||
	fail "refresh exited $?"
cr=$(printf '\r') esc=$(printf '\033')
grep -q "$esc" typescript && fail "an escape on the terminal"
sed "s/$cr\$//" typescript | grep -q "$cr" && fail "a bar on the terminal"
echo "$(wc -c < typescript) bytes on the terminal"
