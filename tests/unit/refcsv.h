/* refcsv.h - a small reader for the reference CSV files of
 * ../shared/reference, shared by the statistics unit tests: a line at a
 * time, quoted fields with commas, columns by name. Include it after
 * <cmocka.h>; the functions are static inline, so a test uses what it
 * needs. Numbers are read by each test (csv_num), since their rules
 * differ (NA, percentages).
 */
#ifndef JSNA_TEST_REFCSV_H
#define JSNA_TEST_REFCSV_H

#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

/* The PHEindicatormethods reference folder: ../shared, or
 * JSNA_PIM_REFDIR. */
static int refdir_reported;	/* said once per test program */

static inline const char *refdir(void)
{
	const char *d = getenv("JSNA_PIM_REFDIR");

	return d && *d ? d : "../shared/reference/pheindicatormethods";
}

/* Skips the calling test when the reference folder is absent. A missing
 * file inside a present folder is a failure, not a skip. */
#define REQUIRE_REFDIR() \
	do { \
		struct stat st_; \
		if (stat(refdir(), &st_) != 0 || !S_ISDIR(st_.st_mode)) { \
			if (!refdir_reported++) \
				print_message("reference tests skipped: " \
					      "folder '%s' not found\n", \
					      refdir()); \
			skip(); \
		} \
	} while (0)

#define CSV_MAXF 32
#define CSV_MAXLINE 4096

struct csv {
	FILE *f;
	char path[1024];
	unsigned long lineno;
	char head_buf[CSV_MAXLINE];
	char *head[CSV_MAXF];
	int nhead;
	char buf[CSV_MAXLINE];
	char *field[CSV_MAXF];
	int nf;
};

/* Splits s in place into fields; returns the count or -1. */
static inline int csv_split(char *s, char **field)
{
	int n = 0;
	char *r = s, *w;

	for (;;) {
		if (n == CSV_MAXF)
			return -1;
		field[n++] = w = r;
		if (*r == '"') {
			r++;
			for (;;) {
				if (*r == '\0')
					return -1;
				if (*r == '"' && r[1] == '"') {
					*w++ = '"';
					r += 2;
				} else if (*r == '"') {
					r++;
					break;
				} else {
					*w++ = *r++;
				}
			}
			if (*r != ',' && *r != '\0')
				return -1;
		} else {
			while (*r != ',' && *r != '\0')
				*w++ = *r++;
		}
		if (*r == '\0') {
			*w = '\0';
			return n;
		}
		r++;
		*w = '\0';
	}
}

/* Reads one line into c->buf and splits it; 1 for a row, 0 at the end. */
static inline int csv_read(struct csv *c, char *buf, char **field, int *nf)
{
	size_t len;

	if (!fgets(buf, CSV_MAXLINE, c->f)) {
		assert_false(ferror(c->f));
		return 0;
	}
	c->lineno++;
	len = strlen(buf);
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	else
		assert_true(feof(c->f));	/* else the line was too long */
	if (len > 0 && buf[len - 1] == '\r')
		buf[--len] = '\0';
	*nf = csv_split(buf, field);
	if (*nf < 0) {
		print_error("%s:%lu: malformed CSV line\n", c->path,
			    c->lineno);
		fail();
	}
	return 1;
}

/* Opens a reference file and reads its header. Fails the test if the
 * file cannot be opened (the folder was found). */
static inline void csv_open(struct csv *c, const char *name)
{
	memset(c, 0, sizeof *c);
	snprintf(c->path, sizeof c->path, "%s/%s", refdir(), name);
	c->f = fopen(c->path, "r");
	if (!c->f) {
		print_error("cannot open '%s'\n", c->path);
		fail();
	}
	assert_true(csv_read(c, c->head_buf, c->head, &c->nhead));
}

static inline int csv_next(struct csv *c)
{
	if (!csv_read(c, c->buf, c->field, &c->nf))
		return 0;
	if (c->nf != c->nhead) {
		print_error("%s:%lu: %d fields, header has %d\n", c->path,
			    c->lineno, c->nf, c->nhead);
		fail();
	}
	return 1;
}

static inline void csv_close(struct csv *c)
{
	if (c->f)
		fclose(c->f);
	c->f = NULL;
}

/* Index of the column named name; fails the test when there is none. */
static inline int csv_col(const struct csv *c, const char *name)
{
	for (int i = 0; i < c->nhead; i++)
		if (strcmp(c->head[i], name) == 0)
			return i;
	print_error("%s: no column '%s'\n", c->path, name);
	fail();
	return -1;
}

static inline const char *csv_str(const struct csv *c, int col)
{
	return c->field[col];
}

/* A number; an empty field or "NA" is NA, read as NaN; anything else
 * fails the test. Needs <math.h>. */
static inline double csv_number(const struct csv *c, int col)
{
	const char *s = c->field[col];
	char *end;
	double v;

	if (*s == '\0' || strcmp(s, "NA") == 0)
		return NAN;
	v = strtod(s, &end);
	if (end == s || *end != '\0') {
		print_error("%s:%lu: '%s' is not a number\n", c->path,
			    c->lineno, s);
		fail();
	}
	return v;
}

#endif
