/* inifile.c - the only file that includes libinih's <ini.h>. */
#include "jsna/inifile.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <string.h>

#include "jsna/util.h"

struct stream {
	FILE *f;
	const char *path;
	unsigned long line;
	int too_long;
	inifile_key_fn *fn;
	void *ctx;
	int failed;
};

/* Called by libinih for each line: counts lines and refuses lines longer
 * than libinih's buffer instead of letting it cut them silently. */
static char *read_line(char *str, int num, void *vs)
{
	struct stream *s = vs;
	size_t n;

	if (!fgets(str, num, s->f))
		return NULL;
	s->line++;
	n = strlen(str);
	if (n == (size_t)num - 1 && str[n - 1] != '\n' && !feof(s->f)) {
		int c;

		error_at(s->path, s->line, 0,
			 "line longer than %d characters", num - 2);
		s->failed = 1;
		while ((c = fgetc(s->f)) != EOF && c != '\n')
			;
		str[0] = '\0';
	}
	/* libinih takes an indented line as the continuation of the value
	 * above it, so an indented key or [section] would vanish into the
	 * previous value: read every line as if it were not indented. */
	n = strspn(str, " \t");
	if (n)
		memmove(str, str + n, strlen(str + n) + 1);
	return str;
}

static int on_pair(void *vs, const char *section, const char *name,
		   const char *value)
{
	struct stream *s = vs;
	struct ini_key k;

	k.path = s->path;
	k.line = s->line;
	k.section = section;
	k.name = name;
	k.value = value;
	if (s->fn(&k, s->ctx) < 0)
		s->failed = 1;
	return 1;
}

int inifile_read(const char *path, inifile_key_fn *fn, void *ctx)
{
	struct stream s;
	int ret;

	memset(&s, 0, sizeof(s));
	s.path = path;
	s.fn = fn;
	s.ctx = ctx;
	s.f = fopen(path, "r");
	if (!s.f)
		return error_errno("cannot open '%s'", path);
	ret = ini_parse_stream(read_line, &s, on_pair, &s);
	if (ferror(s.f)) {
		error_errno("cannot read '%s'", path);
		s.failed = 1;
	}
	fclose(s.f);
	if (ret > 0) {
		error_at(path, (unsigned long)ret, 0,
			 "not a 'key = value' line or a '[section]' header");
		s.failed = 1;
	} else if (ret < 0) {
		error("cannot read '%s'", path);
		s.failed = 1;
	}
	return s.failed ? -1 : 0;
}

int inifile_split_list(char *s, char **items, int max)
{
	int n = 0;
	char *tok, *save = NULL;

	for (tok = strtok_r(s, ",", &save); tok && n < max;
	     tok = strtok_r(NULL, ",", &save)) {
		tok = str_trim(tok);
		if (*tok)
			items[n++] = tok;
	}
	return n;
}
