/* indicator.c - parsing and checking indicator definitions
 * (indicators/README.md). */
#include "jsna/indicator.h"

#include <ctype.h>
#include <dirent.h>
#include <stddef.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/inifile.h"
#include "jsna/sha256.h"
#include "jsna/smallarea.h"
#include "jsna/util.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(c) (1u << (c))

/* What each type needs and allows. */
enum {
	T_NUM = 1 << 0, T_DEN = 1 << 1, T_VALUE = 1 << 2, T_SD = 1 << 3,
	T_GROUPS = 1 << 4, T_FALLBACK = 1 << 5, T_DECILES = 1 << 6
};

static const struct {
	const char *name;
	enum ind_type type;
	unsigned cis;		/* BIT per enum ind_ci */
	enum ind_ci ci;		/* the default */
	unsigned need, allow;	/* T_* */
	int percent;		/* multiplier 100 unless given */
} types[] = {
	{ "count", IND_COUNT, BIT(CI_NONE), CI_NONE, T_NUM, T_NUM | T_FALLBACK, 0 },
	{ "proportion", IND_PROPORTION, BIT(CI_NONE) | BIT(CI_WILSON),
	  CI_WILSON, T_NUM | T_DEN, T_NUM | T_DEN | T_FALLBACK, 1 },
	{ "rate", IND_RATE, BIT(CI_NONE) | BIT(CI_BYAR) | BIT(CI_EXACT),
	  CI_BYAR, T_NUM | T_DEN, T_NUM | T_DEN | T_FALLBACK, 0 },
	{ "mean", IND_MEAN, BIT(CI_NONE) | BIT(CI_T), CI_NONE, T_VALUE,
	  T_VALUE | T_DEN | T_SD | T_FALLBACK, 0 },
	{ "gap", IND_GAP, BIT(CI_NONE) | BIT(CI_NEWCOMBE), CI_NONE, T_GROUPS,
	  T_GROUPS, 0 },
	{ "share", IND_SHARE, BIT(CI_NONE) | BIT(CI_WILSON), CI_NONE,
	  T_NUM | T_DEN, T_NUM | T_DEN | T_FALLBACK, 1 },
	{ "ratio", IND_RATIO, BIT(CI_NONE), CI_NONE, T_NUM | T_DEN,
	  T_NUM | T_DEN | T_FALLBACK, 1 },
	{ "prevalence", IND_PREVALENCE, BIT(CI_NONE), CI_NONE, T_DEN,
	  T_DEN, 0 },
	{ "projection", IND_PROJECTION, BIT(CI_NONE), CI_NONE, T_NUM,
	  T_NUM, 0 },
	{ "average", IND_AVERAGE, BIT(CI_NONE), CI_NONE, T_NUM,
	  T_NUM | T_DEN | T_FALLBACK, 0 },
	{ "sii", IND_SII, BIT(CI_NONE) | BIT(CI_SIMULATION), CI_SIMULATION,
	  T_DECILES, T_DECILES, 0 },
};

static const char *const ci_names[] = {
	[CI_NONE] = "none", [CI_WILSON] = "wilson", [CI_BYAR] = "byar",
	[CI_EXACT] = "exact", [CI_T] = "t", [CI_NEWCOMBE] = "newcombe",
	[CI_SIMULATION] = "simulation"
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

static size_t type_index(enum ind_type t)
{
	size_t i;

	for (i = 0; i < NELEM(types); i++)
		if (types[i].type == t)
			return i;
	return 0;
}

const char *indicator_type_name(enum ind_type t)
{
	return types[type_index(t)].name;
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
	unsigned long line_ci, line_mult, line_target, line_months,
		      line_rate;
	int have_type, have_ci, have_polarity, have_mult, have_rate,
	    have_rate_per;
	int have_indicator;
	unsigned long line_indicator, line_id;	/* first key; the id's */
	char **seen;
	size_t nseen, seen_alloc;
	char *bad_section;	/* the last unknown section reported */
	size_t parts_alloc[4], fallback_alloc, category_alloc;
	char *deciles;		/* 'deciles': the IMD edition, or NULL */
	unsigned long line_deciles;
	int local_deciles;	/* the key was 'local_deciles' */
};

static int set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
	return 0;
}

static size_t count_words(const char *s)
{
	size_t n = 0;

	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		n++;
		while (*s && *s != ' ' && *s != '\t')
			s++;
	}
	return n;
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

static int parse_number(const struct ini_key *k, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(k->value, &end);
	if (!*k->value || *end || !isfinite(v) || errno ||
	    strpbrk(k->value, "xXnNiI"))
		return error_at(k->path, k->line, 0,
				"'%s' must be a number, not '%s'", k->name,
				k->value);
	*out = v;
	return 0;
}

static int all_digits(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 6)
		return 0;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static void add_choice(struct ind_where *w, size_t *alloc, const char *s)
{
	XGROW(w->choices, *alloc, w->nchoices + 1);
	w->choices[w->nchoices++] = xstrdup(s);
}

/* Splits "a | b | 0..17" into choices. Returns 0 or -1 (reported). */
static int expand_choices(const struct ini_key *k, struct ind_where *w)
{
	const char *p = w->value;
	size_t alloc = 0;

	for (;;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		char *c = xstrndup(p, n), *t = str_trim(c);
		const char *dots = strstr(t, "..");

		if (strchr(w->value, '|') && !*t) {
			free(c);
			return error_at(k->path, k->line, 0,
					"'where' has an empty choice in '%s'",
					w->value);
		}
		if (dots && all_digits(t, (size_t)(dots - t)) &&
		    all_digits(dots + 2, strlen(dots + 2))) {
			long lo = strtol(t, NULL, 10);
			long hi = strtol(dots + 2, NULL, 10), v;

			if (hi < lo || hi - lo >= IND_MAX_CHOICES) {
				error_at(k->path, k->line, 0,
					 "the range '%s' must run upwards over at most %d values",
					 t, IND_MAX_CHOICES);
				free(c);
				return -1;
			}
			for (v = lo; v <= hi; v++) {
				char num[16];

				snprintf(num, sizeof(num), "%ld", v);
				add_choice(w, &alloc, num);
			}
		} else {
			add_choice(w, &alloc, t);
		}
		free(c);
		if (w->nchoices > IND_MAX_CHOICES)
			return error_at(k->path, k->line, 0,
					"at most %d choices in one 'where'",
					IND_MAX_CHOICES);
		if (!bar)
			break;
		p = bar + 1;
	}
	return 0;
}

static void where_release(struct ind_where *w)
{
	size_t i;

	free(w->column);
	free(w->value);
	for (i = 0; i < w->nchoices; i++)
		free(w->choices[i]);
	free(w->choices);
	memset(w, 0, sizeof(*w));
}

/* Parses 'column = value' into w. Returns 0 or -1 (reported). */
static int parse_where(const struct ini_key *k, struct ind_where *w)
{
	const char *v = k->value, *eq = strchr(v, '=');
	char *col, *val;

	memset(w, 0, sizeof(*w));
	if (!eq)
		return error_at(k->path, k->line, 0,
				"'where' is 'column = value', not '%s'", v);
	col = xstrndup(v, (size_t)(eq - v));
	val = xstrdup(eq + 1);
	w->column = xstrdup(str_trim(col));
	w->value = xstrdup(str_trim(val));
	free(col);
	free(val);
	if (!*w->column) {
		where_release(w);
		return error_at(k->path, k->line, 0,
				"'where' has no column name");
	}
	if (expand_choices(k, w) < 0) {
		where_release(w);
		return -1;
	}
	return 0;
}

/* Adds a 'where' of key k to the list w (n of IND_MAX_WHERE). Returns 0 or
 * -1 (reported). */
static int add_where(const struct ini_key *k, struct ind_where *w, size_t *n)
{
	size_t i;

	if (*n == IND_MAX_WHERE)
		return error_at(k->path, k->line, 0,
				"at most %d 'where' conditions", IND_MAX_WHERE);
	if (parse_where(k, &w[*n]) < 0)
		return -1;
	for (i = 0; i < *n; i++)
		if (!strcmp(w[i].column, w[*n].column)) {
			where_release(&w[*n]);
			return error_at(k->path, k->line, 0,
					"a second 'where' on column '%s' (list the choices in one: 'column = a | b')",
					w[i].column);
		}
	(*n)++;
	return 0;
}

static int on_selection(const struct ini_key *k, struct ind_selection *s)
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
	if (!strcmp(n, "where"))
		return add_where(k, s->where, &s->nwhere);
	if (!strcmp(n, "period_offset"))
		return parse_int(k, -10, 10, &s->period_offset);
	if (!strcmp(n, "period_as")) {
		if (!strcmp(v, "year"))
			s->period_as = PERIOD_AS_YEAR;
		else if (!strcmp(v, "academic"))
			s->period_as = PERIOD_AS_ACADEMIC;
		else if (!strcmp(v, "financial"))
			s->period_as = PERIOD_AS_FINANCIAL;
		else
			return error_at(k->path, k->line, 0,
					"unknown 'period_as' '%s' (known: year, academic, financial)",
					v);
		return 0;
	}
	return error_at(k->path, k->line, 0, "unknown key '%s' in [%s]", n,
			k->section);
}

static int on_category(const struct ini_key *k, struct ind_category *c)
{
	const char *n = k->name, *v = k->value;

	if (!strcmp(n, "category_type"))
		return set_str(&c->type, v);
	if (!strcmp(n, "category"))
		return set_str(&c->label, v);
	if (!strcmp(n, "fallback")) {
		if (!strcmp(v, "none")) {
			c->no_fallback = 1;
			return 0;
		}
		return set_str(&c->fallback, v);
	}
	if (!strcmp(n, "secondary")) {
		if (!strcmp(v, "yes"))
			c->secondary = 1;
		else if (strcmp(v, "no") != 0)
			return error_at(k->path, k->line, 0,
					"'secondary' is yes or no, not '%s'",
					v);
		return 0;
	}
	if (!strcmp(n, "where"))
		return add_where(k, c->where, &c->nwhere);
	return error_at(k->path, k->line, 0, "unknown key '%s' in [%s]", n,
			k->section);
}

static int on_group(const struct ini_key *k, struct ind_group *g)
{
	if (!g->line)
		g->line = k->line;
	if (!strcmp(k->name, "indicator"))
		return set_str(&g->indicator, k->value);
	if (!strcmp(k->name, "category"))
		return set_str(&g->category, k->value);
	return error_at(k->path, k->line, 0, "unknown key '%s' in [%s]",
			k->name, k->section);
}

static int parse_months(const struct ini_key *k, struct indicator_def *d)
{
	const char *p = k->value;

	d->nmonths = 0;
	while (*p) {
		char *end;
		long m = strtol(p, &end, 10);
		size_t i;

		if (end == p || m < 1 || m > 12 || d->nmonths == 12)
			return error_at(k->path, k->line, 0,
					"'months' lists month numbers 1 to 12, such as '12, 1, 2', not '%s'",
					k->value);
		for (i = 0; i < d->nmonths; i++)
			if (d->months[i] == m)
				return error_at(k->path, k->line, 0,
						"month %ld is listed twice", m);
		d->months[d->nmonths++] = (int)m;
		p = end;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == ',')
			p++;
		else if (*p)
			return error_at(k->path, k->line, 0,
					"'months' lists month numbers 1 to 12, such as '12, 1, 2', not '%s'",
					k->value);
	}
	if (!d->nmonths)
		return error_at(k->path, k->line, 0, "'months' is empty");
	return 0;
}

static int on_indicator(const struct ini_key *k, struct parse *p)
{
	struct indicator_def *d = p->d;
	const char *n = k->name, *v = k->value;
	size_t i;
	static const struct {
		const char *name;
		size_t off;
	} strs[] = {
		{ "id", offsetof(struct indicator_def, id) },
		{ "title", offsetof(struct indicator_def, title) },
		{ "domain", offsetof(struct indicator_def, domain) },
		{ "source", offsetof(struct indicator_def, source) },
		{ "unit", offsetof(struct indicator_def, unit) },
		{ "sex", offsetof(struct indicator_def, sex) },
		{ "age", offsetof(struct indicator_def, age) },
		{ "last_update", offsetof(struct indicator_def, last_update) },
		{ "next_update", offsetof(struct indicator_def, next_update) },
	};

	/* The title heads every chart of the indicator: the message, in at
	 * most ten words; the measure and its detail go in the subtitle. */
	if (!strcmp(n, "title") && count_words(v) > 10)
		return error_at(k->path, k->line, 0,
				"title: %zu words, a chart title has at most 10 (the unit and the detail go in the subtitle)",
				count_words(v));
	for (i = 0; i < NELEM(strs); i++)
		if (!strcmp(n, strs[i].name))
			return set_str((char **)((char *)d + strs[i].off), v);
	if (!strcmp(n, "deciles") || !strcmp(n, "local_deciles")) {
		const char *c;

		if (p->deciles)
			return error_at(k->path, k->line, 0,
					"give one of 'deciles' (England's) and 'local_deciles' (the authority's own), not both");
		p->local_deciles = n[0] == 'l';
		for (c = v; *c; c++)
			if (!((*c >= 'A' && *c <= 'Z') ||
			      (*c >= 'a' && *c <= 'z') ||
			      (*c >= '0' && *c <= '9')))
				break;
		if (!*v || *c || strlen(v) > 16)
			return error_at(k->path, k->line, 0,
					"deciles: the edition of the Index of Multiple Deprivation, letters and digits such as 'IMD2025', not '%s'",
					v);
		p->line_deciles = k->line;
		return set_str(&p->deciles, v);
	}
	if (!strcmp(n, "continues")) {
		if (!indicator_valid_id(v))
			return error_at(k->path, k->line, 0,
					"continues: '%s' is not an indicator id",
					v);
		d->line_continues = k->line;
		return set_str(&d->continues, v);
	}
	if (!strcmp(n, "type")) {
		for (i = 0; i < NELEM(types); i++)
			if (!strcmp(v, types[i].name)) {
				d->type = types[i].type;
				p->have_type = 1;
				d->line_type = k->line;
				return 0;
			}
		return error_at(k->path, k->line, 0,
				"unknown type '%s' (known: count, proportion, rate, mean, gap, share, ratio, prevalence, projection, average)",
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
				"unknown interval method '%s' (known: wilson, byar, exact, t, newcombe, none)",
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
		double m = NAN;
		char *end;

		errno = 0;
		if (*v && !strpbrk(v, "xXnNiI"))
			m = strtod(v, &end);
		if (isnan(m) || *end || errno || !isfinite(m) || !(m > 0))
			return error_at(k->path, k->line, 0,
					"'multiplier' must be a positive number, not '%s'",
					v);
		d->multiplier = m;
		p->have_mult = 1;
		p->line_mult = k->line;
		return 0;
	}
	if (!strcmp(n, "decimals"))
		return parse_int(k, 0, 6, &d->decimals);
	if (!strcmp(n, "target")) {
		p->line_target = k->line;
		return parse_number(k, &d->target);
	}
	if (!strcmp(n, "base_year"))
		return parse_int(k, 1900, 2200, &d->base_year);
	if (!strcmp(n, "months")) {
		p->line_months = k->line;
		return parse_months(k, d);
	}
	if (!strcmp(n, "rate")) {
		p->have_rate = 1;
		p->line_rate = k->line;
		if (parse_number(k, &d->rate) < 0)
			return -1;
		if (d->rate < 0)
			return error_at(k->path, k->line, 0,
					"'rate' cannot be negative");
		return 0;
	}
	if (!strcmp(n, "rate_per")) {
		p->have_rate_per = 1;
		if (parse_number(k, &d->rate_per) < 0)
			return -1;
		if (!(d->rate_per > 0))
			return error_at(k->path, k->line, 0,
					"'rate_per' must be positive");
		return 0;
	}
	return error_at(k->path, k->line, 0,
			"unknown key '%s' in [indicator]", n);
}

/* A part name after "numerator.": letters, digits, '_'. */
static int good_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

/* The selection a section names, created on its first key; NULL when the
 * section is not a selection. *bad set when the name is malformed. */
static struct ind_selection *section_selection(struct parse *p,
					       const struct ini_key *k,
					       int *bad)
{
	static const char *const terms[] = {
		"numerator", "denominator", "value", "sd"
	};
	struct indicator_def *d = p->d;
	const char *sec = k->section;
	struct ind_selection *list, *s;
	size_t i, *n, *alloc;

	*bad = 0;
	for (i = 0; i < NELEM(terms) + 1; i++) {
		const char *t = i < NELEM(terms) ? terms[i] : "fallback";
		size_t tl = strlen(t);
		const char *rest;

		if (strncmp(sec, t, tl) != 0 ||
		    (sec[tl] != '\0' && sec[tl] != '.'))
			continue;
		rest = sec + tl;
		if (*rest == '.' && !good_name(rest + 1)) {
			*bad = 1;
			error_at(k->path, k->line, 0,
				 "'[%s]': a part is named [%s.NAME], NAME of letters, digits and '_'",
				 sec, t);
			return NULL;
		}
		if (*rest == '.' && i == 3) {
			*bad = 1;
			error_at(k->path, k->line, 0,
				 "[sd] has no parts");
			return NULL;
		}
		if (i < NELEM(terms)) {
			struct ind_term *term = i == 0 ? &d->numerator :
				i == 1 ? &d->denominator :
				i == 2 ? &d->value : &d->sd;

			list = term->parts;
			n = &term->nparts;
			alloc = &p->parts_alloc[i];
			for (s = list; s < list + *n; s++)
				if (!strcmp(s->name, sec))
					return s;
			if (*rest == '\0' && *n > 0) {
				/* [numerator] must come first */
				*bad = 1;
				error_at(k->path, k->line, 0,
					 "[%s] must come before its parts", t);
				return NULL;
			}
			if (*rest == '.' && *n == 0) {
				*bad = 1;
				error_at(k->path, k->line, 0,
					 "[%s] is a part added to [%s], which must come first",
				 sec, t);
				return NULL;
			}
			XGROW(term->parts, *alloc, *n + 1);
			s = &term->parts[(*n)++];
		} else {
			for (s = d->fallbacks; s < d->fallbacks + d->nfallbacks;
			     s++)
				if (!strcmp(s->name, sec))
					return s;
			if (*rest == '\0' && d->nfallbacks > 0) {
				*bad = 1;
				error_at(k->path, k->line, 0,
					 "[fallback] must come before [fallback.NAME]");
				return NULL;
			}
			XGROW(d->fallbacks, p->fallback_alloc,
			      d->nfallbacks + 1);
			s = &d->fallbacks[d->nfallbacks++];
		}
		memset(s, 0, sizeof(*s));
		s->name = xstrdup(sec);
		return s;
	}
	return NULL;
}

static struct ind_category *section_category(struct parse *p,
					     const struct ini_key *k, int *bad)
{
	struct indicator_def *d = p->d;
	const char *name;
	struct ind_category *c;

	*bad = 0;
	if (strncmp(k->section, "category", 8) != 0)
		return NULL;
	name = k->section + 8;
	if (*name != ' ' || !good_name(name + 1)) {
		*bad = 1;
		error_at(k->path, k->line, 0,
			 "'[%s]': a breakdown is [category NAME], NAME of letters, digits and '_'",
			 k->section);
		return NULL;
	}
	name++;
	for (c = d->categories; c < d->categories + d->ncategories; c++)
		if (!strcmp(c->name, name))
			return c;
	XGROW(d->categories, p->category_alloc, d->ncategories + 1);
	c = &d->categories[d->ncategories++];
	memset(c, 0, sizeof(*c));
	c->name = xstrdup(name);
	c->line = k->line;
	return c;
}

static int on_key(const struct ini_key *k, void *vp)
{
	struct parse *p = vp;
	struct buf key = BUF_INIT;
	struct ind_selection *s;
	struct ind_category *c;
	size_t i;
	int bad;

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
		XGROW(p->seen, p->seen_alloc, p->nseen + 1);
		p->seen[p->nseen++] = buf_detach(&key, NULL);
	}
	buf_release(&key);

	if (!strcmp(k->section, "indicator")) {
		p->have_indicator = 1;
		if (!p->line_indicator)
			p->line_indicator = k->line;
		if (!strcmp(k->name, "id"))
			p->line_id = k->line;
		return on_indicator(k, p);
	}
	if (p->bad_section && !strcmp(p->bad_section, k->section))
		return -1;	/* reported on its first key */
	if ((s = section_selection(p, k, &bad)) != NULL)
		return on_selection(k, s);
	if (!bad && (c = section_category(p, k, &bad)) != NULL)
		return on_category(k, c);
	if (bad) {
		free(p->bad_section);
		p->bad_section = xstrdup(k->section);
		return -1;
	}
	if (!strcmp(k->section, "group_a"))
		return on_group(k, &p->d->group_a);
	if (!strcmp(k->section, "group_b"))
		return on_group(k, &p->d->group_b);
	if (!strcmp(k->section, "deciles")) {
		struct ind_group *g = &p->d->deciles;

		if (!g->line)
			g->line = k->line;
		if (!strcmp(k->name, "indicator"))
			return set_str(&g->indicator, k->value);
		if (!strcmp(k->name, "repetitions")) {
			char *end;
			unsigned long long r = strtoull(k->value, &end, 10);

			if (!*k->value || *end || k->value[0] == '-' ||
			    r < 1000 || r > 10000000)
				return error_at(k->path, k->line, 0,
						"'repetitions' is a whole number from 1000 to 10000000, not '%s'",
						k->value);
			p->d->repetitions = (unsigned long)r;
			return 0;
		}
		return error_at(k->path, k->line, 0,
				"unknown key '%s' in [%s]", k->name,
				k->section);
	}
	free(p->bad_section);
	p->bad_section = xstrdup(k->section);
	if (!*k->section)
		return error_at(k->path, k->line, 0,
				"'%s' comes before any [section]", k->name);
	return error_at(k->path, k->line, 0,
			"unknown section '[%s]' (known: indicator, numerator, denominator, value, sd, fallback, category NAME, group_a, group_b, deciles)",
			k->section);
}

static int check_selection(const char *path, const struct ind_selection *s)
{
	int ret = 0;

	if (!s->dataset)
		ret = error_at(path, s->line, 0, "[%s] needs 'dataset'",
			       s->name);
	if (!s->measure)
		ret = error_at(path, s->line, 0, "[%s] needs 'measure'",
			       s->name);
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

int indicator_valid_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    *s != '_')
			return 0;
	return 1;
}

/* Does some selection have a 'where' on column? */
static int term_has_column(const struct ind_term *t, const char *column)
{
	size_t i, j;

	for (i = 0; i < t->nparts; i++)
		for (j = 0; j < t->parts[i].nwhere; j++)
			if (!strcmp(t->parts[i].where[j].column, column))
				return 1;
	return 0;
}

static int check_categories(const char *path, const struct indicator_def *d)
{
	size_t i, j;
	int ret = 0;

	for (i = 0; i < d->ncategories; i++) {
		const struct ind_category *c = &d->categories[i];

		if (!c->type)
			ret = error_at(path, c->line, 0,
				       "[category %s] needs 'category_type' (the long export's Category Type)",
				       c->name);
		if (!c->label)
			ret = error_at(path, c->line, 0,
				       "[category %s] needs 'category' (the long export's Category)",
				       c->name);
		if (!c->nwhere && !c->fallback)
			ret = error_at(path, c->line, 0,
				       "[category %s] needs a 'where' that replaces a selection's condition, or a 'fallback'",
				       c->name);
		if ((c->fallback || c->no_fallback) && !d->nfallbacks)
			ret = error_at(path, c->line, 0,
				       "[category %s] gives 'fallback' but there is no [fallback]",
				       c->name);
		for (j = 0; j < c->nwhere; j++) {
			const char *col = c->where[j].column;
			size_t f;
			int found = term_has_column(&d->numerator, col) ||
				term_has_column(&d->denominator, col) ||
				term_has_column(&d->value, col) ||
				term_has_column(&d->sd, col);

			for (f = 0; f < d->nfallbacks; f++)
				for (size_t w = 0; w < d->fallbacks[f].nwhere;
				     w++)
					if (!strcmp(d->fallbacks[f].where[w].column,
						    col))
						found = 1;
			/* The small areas' decile is added, not replaced:
			 * no extract has such a column. */
			if (!found && strcmp(col, SMALLAREA_DECILE) != 0 &&
			    strcmp(col, SMALLAREA_LOCAL_DECILE) != 0)
				ret = error_at(path, c->line, 0,
					       "[category %s]: no selection has a 'where' on '%s' for it to replace",
					       c->name, col);
		}
		for (j = 0; j < i; j++)
			if (c->type && d->categories[j].type && c->label &&
			    d->categories[j].label &&
			    !strcmp(c->type, d->categories[j].type) &&
			    !strcmp(c->label, d->categories[j].label))
				ret = error_at(path, c->line, 0,
					       "[category %s] repeats the Category of [category %s]",
					       c->name, d->categories[j].name);
	}
	return ret;
}

/* 'deciles = IMD2025': ten breakdowns, decile1 (the most deprived) to
 * decile10, by the deprivation decile of the small areas added up
 * (smallarea.h), worded as Fingertips words them; 'local_deciles' by the
 * deciles of the authority's own small areas. */
static int add_deciles(const char *path, struct parse *p)
{
	static const char *const words[10] = {
		"Most deprived", "Second most deprived", "Third more deprived",
		"Fourth more deprived", "Fifth more deprived",
		"Fifth less deprived", "Fourth less deprived",
		"Third less deprived", "Second least deprived",
		"Least deprived"
	};
	struct indicator_def *d = p->d;
	int k;

	if (d->type == IND_GAP || d->type == IND_SII)
		return error_at(path, p->line_deciles, 0,
				"a %s has no breakdowns: 'deciles' is for the indicators it compares",
				d->type == IND_GAP ? "gap" : "sii");
	for (k = 1; k <= 10; k++) {
		struct ind_category *c;
		struct ind_where *w;
		struct buf b = BUF_INIT;
		size_t i;

		buf_addf(&b, "decile%d", k);
		for (i = 0; i < d->ncategories; i++)
			if (!strcmp(d->categories[i].name, b.buf)) {
				error_at(path, d->categories[i].line, 0,
					 "[category %s] is one of the ten 'deciles' makes: give it another name",
					 b.buf);
				buf_release(&b);
				return -1;
			}
		XGROW(d->categories, p->category_alloc, d->ncategories + 1);
		c = &d->categories[d->ncategories++];
		memset(c, 0, sizeof(*c));
		c->name = buf_detach(&b, NULL);
		c->line = p->line_deciles;
		c->secondary = 1;	/* the ten add up to the total */
		buf_addf(&b, p->local_deciles ?
			 "LSOA deprivation deciles within the authority (%s)" :
			 "LSOA deprivation deciles in England (%s)",
			 p->deciles);
		c->type = buf_detach(&b, NULL);
		buf_addf(&b, "%s decile (%s)", words[k - 1], p->deciles);
		c->label = buf_detach(&b, NULL);
		w = &c->where[c->nwhere++];
		w->column = xstrdup(p->local_deciles ?
				    SMALLAREA_LOCAL_DECILE : SMALLAREA_DECILE);
		buf_addf(&b, "%d", k);
		w->value = buf_detach(&b, NULL);
		w->choices = xcalloc(1, sizeof(*w->choices));
		w->choices[0] = xstrdup(w->value);
		w->nchoices = 1;
	}
	return 0;
}

/* The first line of the sections of one T_* kind. */
static unsigned long section_line(const struct indicator_def *d,
				  unsigned bit)
{
	switch (bit) {
	case T_NUM:
		return d->numerator.parts[0].line;
	case T_DEN:
		return d->denominator.parts[0].line;
	case T_VALUE:
		return d->value.parts[0].line;
	case T_SD:
		return d->sd.parts[0].line;
	case T_GROUPS:
		return d->group_a.line ? d->group_a.line : d->group_b.line;
	case T_DECILES:
		return d->deciles.line;
	default:
		return d->fallbacks[0].line;
	}
}

/* What a type needs: reported with the type's line. */
static int check_type(const char *path, struct parse *p)
{
	struct indicator_def *d = p->d;
	size_t ti = type_index(d->type), i;
	const char *tn = types[ti].name;
	unsigned have = 0;
	int ret = 0;

	if (d->numerator.nparts)
		have |= T_NUM;
	if (d->denominator.nparts)
		have |= T_DEN;
	if (d->value.nparts)
		have |= T_VALUE;
	if (d->sd.nparts)
		have |= T_SD;
	if (d->group_a.line || d->group_b.line)
		have |= T_GROUPS;
	if (d->nfallbacks)
		have |= T_FALLBACK;
	if (d->deciles.line)
		have |= T_DECILES;
	{
		static const struct {
			unsigned bit;
			const char *sec;
		} secs[] = {
			{ T_NUM, "[numerator]" }, { T_DEN, "[denominator]" },
			{ T_VALUE, "[value]" }, { T_SD, "[sd]" },
			{ T_GROUPS, "[group_a] and [group_b]" },
			{ T_FALLBACK, "[fallback]" },
			{ T_DECILES, "[deciles]" },
		};

		for (i = 0; i < NELEM(secs); i++) {
			if ((types[ti].need & secs[i].bit) &&
			    !(have & secs[i].bit))
				ret = error_at(path, d->line_type, 0,
					       "a %s needs %s", tn,
					       secs[i].sec);
			if ((have & secs[i].bit) &&
			    !(types[ti].allow & secs[i].bit))
				ret = error_at(path, section_line(d,
					       secs[i].bit), 0,
					       "a %s has no %s", tn,
					       secs[i].sec);
		}
	}
	if (d->type == IND_GAP) {
		if (!d->group_a.line || !d->group_b.line)
			ret = error_at(path, d->line_type, 0,
				       "a gap needs both [group_a] and [group_b]");
		if (d->group_a.line && !d->group_a.indicator)
			ret = error_at(path, d->group_a.line, 0,
				       "[group_a] needs 'indicator'");
		if (d->group_b.line && !d->group_b.indicator)
			ret = error_at(path, d->group_b.line, 0,
				       "[group_b] needs 'indicator'");
		if (d->ncategories)
			ret = error_at(path, d->categories[0].line, 0,
				       "a gap has no breakdowns: its groups are categories of other indicators");
	}
	if (d->type == IND_SII) {
		if (d->deciles.line && !d->deciles.indicator)
			ret = error_at(path, d->deciles.line, 0,
				       "[deciles] needs 'indicator': one broken down by deprivation decile ('deciles' or 'local_deciles')");
		if (d->ncategories)
			ret = error_at(path, d->categories[0].line, 0,
				       "an sii has no breakdowns: it is one figure across the deciles of another indicator");
		if (!d->repetitions)
			d->repetitions = 100000;
	}
	if (!p->have_ci)
		d->ci = types[ti].ci;
	if (!(types[ti].cis & BIT(d->ci)))
		ret = error_at(path, p->line_ci, 0,
			       "a %s cannot have a '%s' interval", tn,
			       ci_names[d->ci]);
	if (d->type == IND_MEAN && d->ci == CI_T &&
	    (!d->sd.nparts || !d->denominator.nparts))
		ret = error_at(path, p->line_ci, 0,
			       "a 't' interval needs [sd] (the spread) and [denominator] (how many)");
	if (d->type == IND_MEAN && d->sd.nparts && d->ci != CI_T)
		ret = error_at(path, d->sd.parts[0].line, 0,
			       "[sd] is used only by 'ci = t'");
	if (d->type == IND_RATE && !p->have_mult)
		ret = error_at(path, d->line_type, 0,
			       "a rate needs 'multiplier' (1000, 10000 or 100000)");
	if ((d->type == IND_COUNT || d->type == IND_PROJECTION ||
	     d->type == IND_PREVALENCE || d->type == IND_GAP ||
	     d->type == IND_MEAN || d->type == IND_SII) && p->have_mult)
		ret = error_at(path, p->line_mult, 0,
			       "a %s has no 'multiplier'", tn);
	if (types[ti].percent && !p->have_mult)
		d->multiplier = 100;
	if (d->continues && d->type != IND_PROJECTION)
		ret = error_at(path, d->line_continues, 0,
			       "only a projection 'continues' another indicator");
	if (d->type == IND_AVERAGE) {
		if (!d->nmonths)
			ret = error_at(path, d->line_type, 0,
				       "an average needs 'months' (e.g. 12, 1, 2)");
		if (!p->have_mult && d->denominator.nparts)
			ret = error_at(path, d->line_type, 0,
				       "an average of a numerator over a denominator needs 'multiplier' (100 for a percentage)");
	} else if (d->nmonths) {
		ret = error_at(path, p->line_months, 0,
			       "'months' is only for an average");
	}
	if (d->type == IND_PREVALENCE) {
		if (!p->have_rate || !p->have_rate_per)
			ret = error_at(path, d->line_type, 0,
				       "a prevalence needs 'rate' and 'rate_per' (7.2 per 100)");
	} else if (p->have_rate || p->have_rate_per) {
		ret = error_at(path, p->line_rate ? p->line_rate : d->line_type,
			       0, "'rate' and 'rate_per' are only for a prevalence");
	}
	if (!isnan(d->target) && (d->polarity == POLARITY_NONE ||
				   d->polarity == POLARITY_NOT_APPLICABLE))
		ret = error_at(path, p->line_target, 0,
			       "a 'target' needs a polarity that says which way is good (high_is_good or low_is_good)");
	for (i = 0; i < d->numerator.nparts; i++)
		if (check_selection(path, &d->numerator.parts[i]) < 0)
			ret = -1;
	for (i = 0; i < d->denominator.nparts; i++)
		if (check_selection(path, &d->denominator.parts[i]) < 0)
			ret = -1;
	for (i = 0; i < d->value.nparts; i++)
		if (check_selection(path, &d->value.parts[i]) < 0)
			ret = -1;
	for (i = 0; i < d->sd.nparts; i++)
		if (check_selection(path, &d->sd.parts[i]) < 0)
			ret = -1;
	for (i = 0; i < d->nfallbacks; i++)
		if (check_selection(path, &d->fallbacks[i]) < 0)
			ret = -1;
	if (p->deciles && add_deciles(path, p) < 0)
		ret = -1;
	if (check_categories(path, d) < 0)
		ret = -1;
	return ret;
}

static void default_labels(struct ind_term *t)
{
	size_t i;

	for (i = 0; i < t->nparts; i++)
		if (!t->parts[i].label)
			t->parts[i].label = xstrdup("");
}

int indicator_load(const char *path, struct indicator_def *d)
{
	struct parse p;
	char sha[65];
	long long size;
	unsigned long lind;
	int ret = 0;
	size_t i;

	memset(d, 0, sizeof(*d));
	memset(&p, 0, sizeof(p));
	p.d = d;
	d->path = xstrdup(path);
	d->multiplier = 1;
	d->target = NAN;
	if (inifile_read(path, on_key, &p) < 0)
		ret = -1;
	for (i = 0; i < p.nseen; i++)
		free(p.seen[i]);
	free(p.seen);
	free(p.bad_section);
	if (ret < 0)
		goto out;

	/* Lines for what is missing: the [indicator] section's first. */
	lind = p.line_indicator ? p.line_indicator : 1;
	if (!p.have_indicator)
		ret = error_at(path, 1, 0, "no [indicator] section");
	if (!d->id) {
		ret = error_at(path, lind, 0, "[indicator] needs 'id'");
	} else {
		char *s = stem(path);

		if (!indicator_valid_id(d->id))
			ret = error_at(path, p.line_id, 0,
				       "the id '%s' must be lowercase letters, digits and '_'",
				       d->id);
		else if (strcmp(s, d->id) != 0)
			ret = error_at(path, p.line_id, 0,
				       "the id '%s' differs from the file name '%s.ini'",
				       d->id, s);
		free(s);
	}
	if (!d->title)
		ret = error_at(path, lind, 0, "[indicator] needs 'title'");
	if (!p.have_type)
		ret = error_at(path, lind, 0,
			       "[indicator] needs 'type' (count, proportion, rate, mean, gap, share, ratio, prevalence, projection or average)");
	if (!p.have_polarity)
		ret = error_at(path, lind, 0,
			       "[indicator] needs 'polarity' (high_is_good, low_is_good, none or not_applicable)");
	if (p.have_type && check_type(path, &p) < 0)
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
	if (!d->last_update)
		d->last_update = xstrdup("");
	if (!d->next_update)
		d->next_update = xstrdup("");
	default_labels(&d->numerator);
	default_labels(&d->denominator);
	default_labels(&d->value);
	default_labels(&d->sd);
	if (sha256_file(path, sha, &size) < 0) {
		ret = -1;
		goto out;
	}
	d->sha256 = xstrdup(sha);
out:
	free(p.deciles);
	if (ret < 0)
		indicator_release(d);
	return ret;
}

static void selection_release(struct ind_selection *s)
{
	size_t i;

	free(s->name);
	free(s->dataset);
	free(s->measure);
	free(s->label);
	for (i = 0; i < s->nwhere; i++)
		where_release(&s->where[i]);
	memset(s, 0, sizeof(*s));
}

static void term_release(struct ind_term *t)
{
	size_t i;

	for (i = 0; i < t->nparts; i++)
		selection_release(&t->parts[i]);
	free(t->parts);
	memset(t, 0, sizeof(*t));
}

void indicator_release(struct indicator_def *d)
{
	size_t i, j;

	free(d->path);
	free(d->sha256);
	free(d->id);
	free(d->title);
	free(d->domain);
	free(d->source);
	free(d->unit);
	free(d->sex);
	free(d->age);
	free(d->last_update);
	free(d->next_update);
	free(d->continues);
	term_release(&d->numerator);
	term_release(&d->denominator);
	term_release(&d->value);
	term_release(&d->sd);
	for (i = 0; i < d->nfallbacks; i++)
		selection_release(&d->fallbacks[i]);
	free(d->fallbacks);
	for (i = 0; i < d->ncategories; i++) {
		struct ind_category *c = &d->categories[i];

		free(c->name);
		free(c->type);
		free(c->label);
		free(c->fallback);
		for (j = 0; j < c->nwhere; j++)
			where_release(&c->where[j]);
	}
	free(d->categories);
	free(d->group_a.indicator);
	free(d->group_a.category);
	free(d->group_b.indicator);
	free(d->group_b.category);
	free(d->deciles.indicator);
	free(d->deciles.category);
	memset(d, 0, sizeof(*d));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const struct indicator_def *indicator_find(const struct indicator_set *set,
					   const char *id)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (!strcmp(set->defs[i].id, id))
			return &set->defs[i];
	return NULL;
}

const struct ind_category *indicator_category(const struct indicator_def *d,
					      const char *name)
{
	size_t i;

	for (i = 0; i < d->ncategories; i++)
		if (!strcmp(d->categories[i].name, name))
			return &d->categories[i];
	return NULL;
}

static int check_group(const struct indicator_set *set,
		       const struct indicator_def *d,
		       const struct ind_group *g, const char *section)
{
	const struct indicator_def *o = indicator_find(set, g->indicator);

	if (!o)
		return error_at(d->path, g->line, 0,
				"[%s] names the indicator '%s', which has no definition (or one with errors)",
				section, g->indicator);
	if (o->type == IND_GAP)
		return error_at(d->path, g->line, 0,
				"[%s] names '%s', itself a gap", section,
				g->indicator);
	if (g->category && !indicator_category(o, g->category))
		return error_at(d->path, g->line, 0,
				"[%s]: '%s' has no [category %s]", section,
				g->indicator, g->category);
	return 0;
}

/* An SII's indicator: another definition, broken down by decile. */
static int check_deciles(const struct indicator_set *set,
			 const struct indicator_def *d)
{
	const struct indicator_def *o = indicator_find(set,
						       d->deciles.indicator);
	int k;

	if (!o)
		return error_at(d->path, d->deciles.line, 0,
				"[deciles] names the indicator '%s', which has no definition (or one with errors)",
				d->deciles.indicator);
	for (k = 1; k <= 10; k++) {
		char name[24];

		snprintf(name, sizeof(name), "decile%d", k);
		if (!indicator_category(o, name))
			return error_at(d->path, d->deciles.line, 0,
					"[deciles]: '%s' is not broken down by deprivation decile (give it 'deciles' or 'local_deciles')",
					d->deciles.indicator);
	}
	return 0;
}

/* A projection carries on the estimates of another, plain indicator. */
static int check_continues(const struct indicator_set *set,
			   const struct indicator_def *d)
{
	const struct indicator_def *est = indicator_find(set, d->continues);

	if (!est)
		return error_at(d->path, d->line_continues, 0,
				"continues '%s', which has no definition (or one with errors)",
				d->continues);
	if (est->type == IND_PROJECTION || est->type == IND_GAP)
		return error_at(d->path, d->line_continues, 0,
				"continues '%s', a %s: a projection carries on estimates",
				d->continues,
				est->type == IND_GAP ? "gap" : "projection");
	return 0;
}

int indicator_check_links(struct indicator_set *set)
{
	char *bad = xcalloc(set->n + 1, 1);
	size_t i, o = 0;
	int ret = 0;

	for (i = 0; i < set->n; i++) {
		struct indicator_def *d = &set->defs[i];

		if (d->continues && check_continues(set, d) < 0)
			bad[i] = 1;
		if (d->type == IND_SII && check_deciles(set, d) < 0)
			bad[i] = 1;
		if (d->type != IND_GAP)
			continue;
		if (check_group(set, d, &d->group_a, "group_a") < 0)
			bad[i] = 1;
		if (check_group(set, d, &d->group_b, "group_b") < 0)
			bad[i] = 1;
	}
	for (i = 0; i < set->n; i++) {
		if (bad[i]) {
			indicator_release(&set->defs[i]);
			ret = -1;
			continue;
		}
		set->defs[o++] = set->defs[i];
	}
	set->n = o;
	free(bad);
	return ret;
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
	if (n)
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
	if (indicator_check_links(set) < 0)
		ret = -1;
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

int indicator_is_percentage(const struct indicator_def *d)
{
	if (fabs(d->multiplier - 100) > 1e-9)
		return 0;
	return d->type == IND_PROPORTION || d->type == IND_SHARE ||
	       d->type == IND_RATIO || d->type == IND_AVERAGE;
}

const char *indicator_count_label(const struct indicator_def *d)
{
	if (d->numerator.nparts && d->numerator.parts[0].label)
		return d->numerator.parts[0].label;
	if (d->type == IND_MEAN && d->denominator.nparts &&
	    d->denominator.parts[0].label)
		return d->denominator.parts[0].label;
	return "";
}

void indicator_unit(const struct indicator_def *d,
		    const struct indicator_set *set, char *out, size_t n)
{
	const char *label = d->denominator.nparts &&
		d->denominator.parts[0].label ?
		d->denominator.parts[0].label : "";

	if (d->unit) {
		snprintf(out, n, "%s", d->unit);
	} else if (d->type == IND_RATE) {
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
	} else if (indicator_is_percentage(d)) {
		snprintf(out, n, "%%");
	} else if (d->type == IND_SII && set &&
		   indicator_find(set, d->deciles.indicator) &&
		   indicator_find(set, d->deciles.indicator)->type ==
		   IND_RATE) {
		/* A difference of rates is in the rate's own unit. */
		indicator_unit(indicator_find(set, d->deciles.indicator), set,
			       out, n);
	} else if (d->type == IND_GAP || d->type == IND_SII) {
		const struct indicator_def *a = set ?
			indicator_find(set, d->type == IND_GAP ?
				       d->group_a.indicator :
				       d->deciles.indicator) : NULL;

		if (a && indicator_is_percentage(a))
			snprintf(out, n, "percentage points");
		else if (a && a->unit)
			snprintf(out, n, "%s", a->unit);
		else
			snprintf(out, n, "points");
	} else {
		snprintf(out, n, "%s", "");
	}
}
