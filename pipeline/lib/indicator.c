/* indicator.c - parsing and checking indicator definitions. */
#include "jsna/indicator.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/inifile.h"
#include "jsna/sha256.h"
#include "jsna/util.h"

/* The types, and which interval methods each one allows. */
static const struct {
	const char *name;
	enum ind_type type;
	unsigned cis;		/* bit per enum ind_ci */
	int needs_denominator;
} types[] = {
	{ "count", IND_COUNT, 1u << CI_NONE, 0 },
	{ "proportion", IND_PROPORTION, 1u << CI_NONE | 1u << CI_WILSON, 1 },
	{ "rate", IND_RATE, 1u << CI_NONE | 1u << CI_BYAR, 1 },
};

static const char *const ci_names[] = {
	[CI_NONE] = "none", [CI_WILSON] = "wilson", [CI_BYAR] = "byar"
};

static const struct {
	const char *name;
	enum stats_polarity p;
} polarities[] = {
	{ "none", POLARITY_NONE },
	{ "high_is_good", POLARITY_HIGH_GOOD },
	{ "low_is_good", POLARITY_LOW_GOOD },
	{ "not_applicable", POLARITY_NOT_APPLICABLE },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *indicator_type_name(enum ind_type t)
{
	size_t i;

	for (i = 0; i < NELEM(types); i++)
		if (types[i].type == t)
			return types[i].name;
	return "?";
}

const char *indicator_ci_name(enum ind_ci c)
{
	return ci_names[c];
}

const char *indicator_polarity_name(enum stats_polarity p)
{
	size_t i;

	for (i = 0; i < NELEM(polarities); i++)
		if (polarities[i].p == p)
			return polarities[i].name;
	return "?";
}

/* Keys seen, to report a missing one or a repeated one with its line. */
struct parse {
	struct indicator_def *d;
	unsigned long line_type, line_ci, line_mult;
	int have_type, have_ci, have_polarity, have_mult, have_decimals;
	int have_section[3];
	char *seen[64];
	size_t nseen;
	char *bad_section;	/* the last unknown section reported */
};

static int set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
	return 0;
}

static int parse_int(const struct ini_key *k, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(k->value, &end, 10);

	if (!*k->value || *end || v < lo || v > hi)
		return error_at(k->path, k->line, 0,
				"'%s' must be a whole number from %d to %d, not '%s'",
				k->name, lo, hi, k->value);
	*out = (int)v;
	return 0;
}

static int on_selection(const struct ini_key *k, struct ind_selection *s,
			int is_den)
{
	const char *n = k->name, *v = k->value;

	if (!s->line)
		s->line = k->line;
	if (!strcmp(n, "dataset"))
		return set_str(&s->dataset, v);
	if (!strcmp(n, "measure"))
		return set_str(&s->measure, v);
	if (!strcmp(n, "label"))
		return set_str(&s->label, v);
	if (!strcmp(n, "where")) {
		const char *eq = strchr(v, '=');
		char *col, *val;

		if (!eq)
			return error_at(k->path, k->line, 0,
					"'where' is 'column = value', not '%s'",
					v);
		if (s->nwhere == IND_MAX_WHERE)
			return error_at(k->path, k->line, 0,
					"at most %d 'where' conditions",
					IND_MAX_WHERE);
		col = xstrndup(v, (size_t)(eq - v));
		val = xstrdup(eq + 1);
		s->where[s->nwhere].column = xstrdup(str_trim(col));
		s->where[s->nwhere].value = xstrdup(str_trim(val));
		free(col);
		free(val);
		if (!*s->where[s->nwhere].column) {
			free(s->where[s->nwhere].column);
			free(s->where[s->nwhere].value);
			return error_at(k->path, k->line, 0,
					"'where' has no column name");
		}
		s->nwhere++;
		return 0;
	}
	if (is_den && !strcmp(n, "period_offset"))
		return parse_int(k, -10, 10, &s->period_offset);
	return error_at(k->path, k->line, 0, "unknown key '%s' in [%s]", n,
			k->section);
}

static int on_indicator(const struct ini_key *k, struct parse *p)
{
	struct indicator_def *d = p->d;
	const char *n = k->name, *v = k->value;
	size_t i;

	if (!strcmp(n, "id"))
		return set_str(&d->id, v);
	if (!strcmp(n, "title"))
		return set_str(&d->title, v);
	if (!strcmp(n, "domain"))
		return set_str(&d->domain, v);
	if (!strcmp(n, "source"))
		return set_str(&d->source, v);
	if (!strcmp(n, "sex"))
		return set_str(&d->sex, v);
	if (!strcmp(n, "age"))
		return set_str(&d->age, v);
	if (!strcmp(n, "type")) {
		for (i = 0; i < NELEM(types); i++)
			if (!strcmp(v, types[i].name)) {
				d->type = types[i].type;
				p->have_type = 1;
				p->line_type = k->line;
				return 0;
			}
		return error_at(k->path, k->line, 0,
				"unknown type '%s' (known: count, proportion, rate)",
				v);
	}
	if (!strcmp(n, "ci")) {
		for (i = 0; i < NELEM(ci_names); i++)
			if (!strcmp(v, ci_names[i])) {
				d->ci = (enum ind_ci)i;
				p->have_ci = 1;
				p->line_ci = k->line;
				return 0;
			}
		return error_at(k->path, k->line, 0,
				"unknown interval method '%s' (known: wilson, byar, none)",
				v);
	}
	if (!strcmp(n, "polarity")) {
		for (i = 0; i < NELEM(polarities); i++)
			if (!strcmp(v, polarities[i].name)) {
				d->polarity = polarities[i].p;
				p->have_polarity = 1;
				return 0;
			}
		return error_at(k->path, k->line, 0,
				"unknown polarity '%s' (known: high_is_good, low_is_good, none, not_applicable)",
				v);
	}
	if (!strcmp(n, "multiplier")) {
		char *end;
		double m = strtod(v, &end);

		if (!*v || *end || !(m > 0) || !isfinite(m))
			return error_at(k->path, k->line, 0,
					"'multiplier' must be a positive number, not '%s'",
					v);
		d->multiplier = m;
		p->have_mult = 1;
		p->line_mult = k->line;
		return 0;
	}
	if (!strcmp(n, "decimals")) {
		p->have_decimals = 1;
		return parse_int(k, 0, 6, &d->decimals);
	}
	return error_at(k->path, k->line, 0,
			"unknown key '%s' in [indicator]", n);
}

static int on_key(const struct ini_key *k, void *vp)
{
	struct parse *p = vp;
	struct buf key = BUF_INIT;
	size_t i;
	int ret;

	/* A key given twice is a mistake, except 'where' (a list). */
	buf_addf(&key, "%s.%s", k->section, k->name);
	if (strcmp(k->name, "where") != 0) {
		for (i = 0; i < p->nseen; i++)
			if (!strcmp(p->seen[i], key.buf)) {
				buf_release(&key);
				return error_at(k->path, k->line, 0,
						"'%s' is given twice in [%s]",
						k->name, k->section);
			}
		if (p->nseen < NELEM(p->seen))
			p->seen[p->nseen++] = buf_detach(&key, NULL);
	}
	buf_release(&key);

	if (!strcmp(k->section, "indicator")) {
		p->have_section[0] = 1;
		ret = on_indicator(k, p);
	} else if (!strcmp(k->section, "numerator")) {
		p->have_section[1] = 1;
		ret = on_selection(k, &p->d->numerator, 0);
	} else if (!strcmp(k->section, "denominator")) {
		p->have_section[2] = 1;
		p->d->has_denominator = 1;
		ret = on_selection(k, &p->d->denominator, 1);
	} else if (!p->bad_section || strcmp(p->bad_section, k->section)) {
		/* Once per unknown section, not once per key in it. */
		free(p->bad_section);
		p->bad_section = xstrdup(k->section);
		ret = error_at(k->path, k->line, 0,
			       "unknown section '[%s]' (known: indicator, numerator, denominator)",
			       k->section);
	} else {
		ret = -1;
	}
	return ret;
}

static int check_selection(const char *path, const struct ind_selection *s,
			   const char *section)
{
	int ret = 0;

	if (!s->dataset)
		ret = error_at(path, s->line, 0, "[%s] needs 'dataset'",
			       section);
	if (!s->measure)
		ret = error_at(path, s->line, 0, "[%s] needs 'measure'",
			       section);
	return ret;
}

/* The file name without folder and ".ini". */
static char *stem(const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b ? b + 1 : path;
	n = strlen(b);
	if (str_ends_with(b, ".ini"))
		n -= 4;
	return xstrndup(b, n);
}

int indicator_load(const char *path, struct indicator_def *d)
{
	struct parse p;
	char sha[65];
	long long size;
	int ret = 0;
	size_t i;

	memset(d, 0, sizeof(*d));
	memset(&p, 0, sizeof(p));
	p.d = d;
	d->path = xstrdup(path);
	d->multiplier = 1;
	if (inifile_read(path, on_key, &p) < 0)
		ret = -1;
	for (i = 0; i < p.nseen; i++)
		free(p.seen[i]);
	free(p.bad_section);
	if (ret < 0)
		goto out;

	if (!p.have_section[0])
		ret = error_at(path, 0, 0, "no [indicator] section");
	if (!d->id) {
		ret = error_at(path, 0, 0, "[indicator] needs 'id'");
	} else {
		char *s = stem(path);

		if (strcmp(s, d->id) != 0)
			ret = error_at(path, 0, 0,
				       "the id '%s' differs from the file name '%s.ini'",
				       d->id, s);
		free(s);
	}
	if (!d->title)
		ret = error_at(path, 0, 0, "[indicator] needs 'title'");
	if (!p.have_type)
		ret = error_at(path, 0, 0,
			       "[indicator] needs 'type' (count, proportion or rate)");
	if (!p.have_polarity)
		ret = error_at(path, 0, 0,
			       "[indicator] needs 'polarity' (high_is_good, low_is_good or none)");
	if (!p.have_section[1])
		ret = error_at(path, 0, 0, "no [numerator] section");
	else if (check_selection(path, &d->numerator, "numerator") < 0)
		ret = -1;
	if (p.have_type) {
		for (i = 0; i < NELEM(types); i++)
			if (types[i].type == d->type)
				break;
		if (!p.have_ci)
			d->ci = d->type == IND_RATE ? CI_BYAR :
				d->type == IND_PROPORTION ? CI_WILSON : CI_NONE;
		if (!(types[i].cis & (1u << d->ci)))
			ret = error_at(path, p.line_ci, 0,
				       "a %s cannot have a '%s' interval",
				       types[i].name, ci_names[d->ci]);
		if (types[i].needs_denominator && !p.have_section[2])
			ret = error_at(path, p.line_type, 0,
				       "a %s needs a [denominator] section",
				       types[i].name);
		if (!types[i].needs_denominator && p.have_section[2])
			ret = error_at(path, d->denominator.line, 0,
				       "a %s has no [denominator]",
				       types[i].name);
		if (d->type == IND_RATE && !p.have_mult)
			ret = error_at(path, p.line_type, 0,
				       "a rate needs 'multiplier' (1000, 10000 or 100000)");
		if (d->type == IND_COUNT && p.have_mult)
			ret = error_at(path, p.line_mult, 0,
				       "a count has no 'multiplier'");
		if (d->type == IND_PROPORTION && !p.have_mult)
			d->multiplier = 100;
	}
	if (p.have_section[2] &&
	    check_selection(path, &d->denominator, "denominator") < 0)
		ret = -1;
	if (ret < 0)
		goto out;
	if (!d->domain)
		d->domain = xstrdup("");
	if (!d->source)
		d->source = xstrdup("");
	if (!d->sex)
		d->sex = xstrdup("Persons");
	if (!d->age)
		d->age = xstrdup("");
	if (!d->numerator.label)
		d->numerator.label = xstrdup("");
	if (d->has_denominator && !d->denominator.label)
		d->denominator.label = xstrdup("");
	if (sha256_file(path, sha, &size) < 0) {
		ret = -1;
		goto out;
	}
	d->sha256 = xstrdup(sha);
out:
	if (ret < 0)
		indicator_release(d);
	return ret;
}

static void selection_release(struct ind_selection *s)
{
	size_t i;

	free(s->dataset);
	free(s->measure);
	free(s->label);
	for (i = 0; i < s->nwhere; i++) {
		free(s->where[i].column);
		free(s->where[i].value);
	}
	memset(s, 0, sizeof(*s));
}

void indicator_release(struct indicator_def *d)
{
	free(d->path);
	free(d->sha256);
	free(d->id);
	free(d->title);
	free(d->domain);
	free(d->source);
	free(d->sex);
	free(d->age);
	selection_release(&d->numerator);
	selection_release(&d->denominator);
	memset(d, 0, sizeof(*d));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int indicator_load_dir(const char *dir, struct indicator_set *set)
{
	DIR *dp;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, alloc = 0, i, dalloc = 0;
	int ret = 0;

	set->defs = NULL;
	set->n = 0;
	dp = opendir(dir);
	if (!dp)
		return error_errno("cannot read the indicator definitions in '%s'",
				   dir);
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.' || !str_ends_with(e->d_name, ".ini") ||
		    !strcmp(e->d_name, "sections.ini"))
			continue;
		XGROW(names, alloc, n + 1);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		struct buf p = BUF_INIT;
		struct indicator_def d;

		buf_addf(&p, "%s/%s", dir, names[i]);
		if (indicator_load(p.buf, &d) < 0) {
			ret = -1;
		} else {
			XGROW(set->defs, dalloc, set->n + 1);
			set->defs[set->n++] = d;
		}
		buf_release(&p);
		free(names[i]);
	}
	free(names);
	return ret;
}

void indicator_set_release(struct indicator_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		indicator_release(&set->defs[i]);
	free(set->defs);
	set->defs = NULL;
	set->n = 0;
}

void indicator_unit(const struct indicator_def *d, char *out, size_t n)
{
	const char *label = d->has_denominator ? d->denominator.label : "";

	if (d->type == IND_RATE) {
		char digits[32], num[48];
		size_t len, i, o = 0;

		/* Thousands grouped as published: 1,000 10,000 1,000,000. */
		snprintf(digits, sizeof(digits), "%.0f", d->multiplier);
		len = strlen(digits);
		for (i = 0; i < len && o + 2 < sizeof(num); i++) {
			if (i && (len - i) % 3 == 0)
				num[o++] = ',';
			num[o++] = digits[i];
		}
		num[o] = '\0';
		snprintf(out, n, "per %s%s%s", num, *label ? " " : "", label);
	} else if (d->type == IND_PROPORTION &&
		   fabs(d->multiplier - 100) < 1e-9) {
		snprintf(out, n, "%%");
	} else {
		snprintf(out, n, "%s", "");
	}
}
