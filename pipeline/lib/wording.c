/* wording.c - generated statements about an indicator; see wording.h. */
#include "jsna/wording.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

#include "jsna/number.h"
#include "jsna/stats.h"

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* ---- points and periods ---- */

static const struct result_point *point(const struct result_indicator *ind,
					int series, int j)
{
	if (j < 0 || (size_t)j >= ind->nperiods || !ind->series[series].pt)
		return NULL;
	return &ind->series[series].pt[j];
}

static int has_value(const struct result_point *p)
{
	return p && p->present && !isnan(p->value);
}

static int is_withheld(const struct result_point *p)
{
	return p && p->present && isnan(p->value) && !strcmp(p->note, "c");
}

int wording_latest(const struct result_indicator *ind)
{
	int j;

	if (!ind->periods || !ind->series[SERIES_AREA].pt)
		return -1;
	for (j = (int)ind->nperiods - 1; j >= 0; j--) {
		const struct result_point *p = point(ind, SERIES_AREA, j);

		if (has_value(p) || is_withheld(p))
			return j;
	}
	return -1;
}

/* A period as a sentence names it: its label, a month written out. */
static void add_period(struct buf *out, const struct period *p)
{
	if (p->kind == PERIOD_MONTH && p->month >= 1 && p->month <= 12)
		buf_addf(out, "%s %d", month_names[p->month - 1], p->year);
	else
		buf_adds(out, p->label);
}

/* "In 2025 " and what follows; a comma after the period when the next
 * word opens with a digit, so that two numbers never run together. */
static void open_in(struct buf *out, const struct result_indicator *ind,
		    int j, const char *next)
{
	buf_adds(out, "In ");
	add_period(out, &ind->periods[j]);
	buf_adds(out, isdigit((unsigned char)next[0]) ? ", " : " ");
}

/* " in X", or nothing without an area name. */
static void add_area(struct buf *out, const char *area_name)
{
	if (area_name && area_name[0])
		buf_addf(out, " in %s", area_name);
}

/* ---- numbers and units ---- */

static void add_num(struct buf *out, double v, int dp)
{
	number_format(out, v, dp);
}

/* 1 when v shows as "1" with dp decimals: the figure takes a singular
 * noun. */
static int shows_one(double v, int dp)
{
	char s[64];

	results_format(v, dp, s, sizeof(s));
	return !strcmp(s, "1");
}

static int is_percent(const struct result_indicator *ind)
{
	return !strcmp(nz(ind->unit), "%");
}

/* A value as a reader sees it beside a benchmark: "68.1%", "65". */
static void add_short(struct buf *out, const struct result_indicator *ind,
		      double v)
{
	add_num(out, v, ind->decimals);
	if (is_percent(ind))
		buf_addch(out, '%');
}

/* A rate's base: "per 10,000 children aged under 18". The unit may hold
 * the whole base or only "per 10,000"; the denominator's label completes
 * it. */
static void add_rate_base(struct buf *out, const struct result_indicator *ind)
{
	const char *unit = nz(ind->unit), *label = nz(ind->denominator_label);

	if (unit[0]) {
		buf_adds(out, unit);
		if (label[0] && !strncmp(unit, "per ", 4) &&
		    !strstr(unit, label))
			buf_addf(out, " %s", label);
		return;
	}
	if (!(ind->multiplier > 0))
		return;
	buf_adds(out, "per ");
	add_num(out, ind->multiplier, 0);
	if (label[0])
		buf_addf(out, " %s", label);
}

/* The area's value with its unit: "68.3%", "74 per 10,000 children aged
 * under 18", "45.5" (a score stands bare), "12 days". */
static void add_value(struct buf *out, const struct result_indicator *ind,
		      double v)
{
	const char *unit = nz(ind->unit);

	add_num(out, v, ind->decimals);
	if (is_percent(ind)) {
		buf_addch(out, '%');
	} else if (!strcmp(nz(ind->type), "rate") ||
		   !strncmp(unit, "per ", 4)) {
		buf_addch(out, ' ');
		add_rate_base(out, ind);
	} else if (unit[0] && strcmp(unit, "score points") &&
		   strcmp(unit, "points")) {
		buf_addf(out, " %s", unit);
	}
}

/* ---- words ---- */

const char *wording_comparison(const char *label)
{
	static const struct { const char *label, *words; } map[] = {
		{ "Better", "better than" }, { "Best", "better than" },
		{ "Worse", "worse than" }, { "Worst", "worse than" },
		{ "Higher", "higher than" }, { "Highest", "higher than" },
		{ "Lower", "lower than" }, { "Lowest", "lower than" },
		{ "Similar", "similar to" },
		{ "Higher, not tested", "above" },
		{ "Lower, not tested", "below" },
		{ "Same, not tested", "the same as" },
	};
	size_t i;

	if (!label)
		return NULL;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(label, map[i].label))
			return map[i].words;
	return NULL;
}

static int word_is(const char *w, size_t n, const char *s)
{
	return strlen(s) == n && !strncmp(w, s, n);
}

/* Length of the word at s, up to a space, comma or colon. */
static size_t word_len(const char *s)
{
	return strcspn(s, " ,:;");
}

/* 1 when a title's first word keeps its capital: an acronym ("EHC",
 * "KS2"), a proper name, or a name with a number ("Attainment 8"). */
static int keeps_capital(const char *s)
{
	static const char *const proper[] = {
		"English", "England", "Ofsted", "Key",
	};
	size_t n = word_len(s), i;

	if (!isupper((unsigned char)s[0]))
		return 1;
	for (i = 1; i < n; i++)
		if (isupper((unsigned char)s[i]) || isdigit((unsigned char)s[i]))
			return 1;
	for (i = 0; i < sizeof(proper) / sizeof(proper[0]); i++)
		if (word_is(s, n, proper[i]))
			return 1;
	return s[n] == ' ' && isdigit((unsigned char)s[n + 1]);
}

/* A title inside a sentence: its first letter in lower case unless the
 * first word keeps its capital. n: how much of s, (size_t)-1 for all. */
static void add_lower_first(struct buf *out, const char *s, size_t n)
{
	if (n == (size_t)-1)
		n = strlen(s);
	if (!n)
		return;
	if (keeps_capital(s))
		buf_addch(out, s[0]);
	else
		buf_addch(out, (char)tolower((unsigned char)s[0]));
	buf_add(out, s + 1, n - 1);
}

/* Words that end the noun phrase a count label opens with. */
static int ends_phrase(const char *w, size_t n)
{
	static const char *const stop[] = {
		"in", "on", "with", "without", "for", "of", "at", "from",
		"to", "by", "under", "over", "within", "into", "per",
		"during", "after", "before", "since", "whose", "who", "that",
		"which", "and", "or", "not", "known", "aged",
	};
	size_t i;

	for (i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		if (word_is(w, n, stop[i]))
			return 1;
	if (n >= 5 && (!strncmp(w + n - 2, "ed", 2) ||
		       !strncmp(w + n - 3, "ing", 3)))
		return 1;
	return n >= 4 && !strncmp(w + n - 2, "ly", 2);
}

static const struct { const char *plural, *singular; } irregular[] = {
	{ "children", "child" }, { "people", "person" },
	{ "men", "man" }, { "women", "woman" },
};

static int irregular_index(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(irregular) / sizeof(irregular[0]); i++)
		if (word_is(w, n, irregular[i].plural))
			return (int)i;
	return -1;
}

/* A word in s, but not in ss, us, is or 's ("class", "census", "NHS"
 * and "children's" are no plurals). */
static int looks_plural(const char *w, size_t n)
{
	if (n < 3 || w[n - 1] != 's')
		return 0;
	return w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i' &&
		w[n - 2] != '\'';
}

/* Appends the singular of the plural word w[0..n). */
static void add_singular_word(struct buf *out, const char *w, size_t n)
{
	int k = irregular_index(w, n);

	if (k >= 0) {
		buf_adds(out, irregular[k].singular);
	} else if (n > 4 && !strncmp(w + n - 3, "ies", 3)) {
		buf_add(out, w, n - 3);
		buf_addch(out, 'y');
	} else if (n > 4 && (!strncmp(w + n - 4, "sses", 4) ||
			     !strncmp(w + n - 4, "shes", 4) ||
			     !strncmp(w + n - 4, "ches", 4) ||
			     !strncmp(w + n - 3, "xes", 3))) {
		buf_add(out, w, n - 2);
	} else {
		buf_add(out, w, n - 1);
	}
}

/* The head noun of the phrase of words [from, to): the last irregular
 * plural, else the last word that looks plural; -1 when there is none. */
static int head_word(const char *const *w, const size_t *len, int from,
		     int to)
{
	int i, head = -1;

	for (i = to - 1; i >= from; i--)
		if (irregular_index(w[i], len[i]) >= 0)
			return i;
	for (i = to - 1; i >= from && head < 0; i--)
		if (looks_plural(w[i], len[i]))
			head = i;
	return head;
}

#define MAX_WORDS 64

void wording_singular(const char *label, struct buf *out)
{
	const char *w[MAX_WORDS];
	size_t len[MAX_WORDS];
	int n = 0, i, end, head, head2 = -1, conj = -1;
	const char *s = nz(label);

	/* The words, split at spaces. */
	while (*s && n < MAX_WORDS) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		w[n] = s;
		len[n] = strcspn(s, " ");
		s += len[n];
		n++;
	}
	if (*s || n == 0) {
		/* Too many words to read: left as it is. */
		buf_adds(out, nz(label));
		return;
	}
	for (end = 1; end < n && !ends_phrase(w[end], len[end]); end++)
		;
	head = head_word(w, len, 0, end);
	if (head >= 0 && end < n && word_is(w[end], len[end], "and")) {
		int end2;

		for (end2 = end + 1; end2 < n &&
		     !ends_phrase(w[end2], len[end2]); end2++)
			;
		head2 = head_word(w, len, end + 1, end2);
		if (head2 >= 0)
			conj = end;
	}
	for (i = 0; i < n; i++) {
		if (i)
			buf_addch(out, ' ');
		if (i == head || i == head2)
			add_singular_word(out, w[i], len[i]);
		else if (i == conj)
			buf_adds(out, "or");
		else
			buf_add(out, w[i], len[i]);
	}
}

/* "496 children in care", "1 child in care". */
static void add_count(struct buf *out, double v, const char *label)
{
	add_num(out, v, 0);
	buf_addch(out, ' ');
	if (shows_one(v, 0))
		wording_singular(label, out);
	else
		buf_adds(out, label);
}

/* ", higher than England (65)", " (England: 65)", or nothing without an
 * England value. */
static void add_england(struct buf *out, const struct result_indicator *ind,
			int j)
{
	const struct result_point *a = point(ind, SERIES_AREA, j);
	const struct result_point *e = point(ind, SERIES_ENGLAND, j);
	const char *words = wording_comparison(a->cmp_england);

	if (!has_value(e))
		return;
	if (words)
		buf_addf(out, ", %s England (", words);
	else
		buf_adds(out, " (England: ");
	add_short(out, ind, e->value);
	buf_addch(out, ')');
}

/* ---- the headline ---- */

static void headline_withheld(const struct result_indicator *ind, int j,
			      const char *area_name, int suppress_below,
			      struct buf *out)
{
	const char *label = nz(ind->count_label);

	if (label[0]) {
		open_in(out, ind, j, "the");
		buf_addf(out, "the number of %s", label);
		add_area(out, area_name);
		buf_adds(out, " was too small to publish");
	} else {
		open_in(out, ind, j, nz(ind->title));
		add_lower_first(out, nz(ind->title), (size_t)-1);
		add_area(out, area_name);
		buf_adds(out, " was not published: the numbers are too small");
	}
	if (suppress_below > 0)
		buf_addf(out, " (fewer than %d)", suppress_below);
	buf_addch(out, '.');
}

/* The counted things of a prevalence: its count label, else its title
 * without a leading "Estimated". */
static void add_prevalence_label(struct buf *out,
				 const struct result_indicator *ind, double v)
{
	const char *title = nz(ind->title);
	struct buf label = BUF_INIT;

	if (nz(ind->count_label)[0]) {
		buf_adds(&label, ind->count_label);
	} else {
		if (!strncmp(title, "Estimated ", 10))
			title += 10;
		add_lower_first(&label, title, (size_t)-1);
	}
	add_count(out, v, label.buf);
	buf_release(&label);
}

/* "In 2024/25 the slope index of inequality across the deprivation
 * deciles of Cheshire West and Chester's small areas (inequality in
 * children's centre reach across deprivation) was -82.5 percentage points
 * (95% confidence interval -84.4 to -80.5): higher in the more deprived
 * areas." The SII is the fitted value at the least deprived end less that
 * at the most deprived end; a direction is said only when the interval
 * leaves out nought. */
static void sii_headline(const struct result_indicator *ind, int j,
			 const char *area_name, struct buf *out)
{
	const struct result_point *a = point(ind, SERIES_AREA, j);

	open_in(out, ind, j, "the");
	buf_adds(out, "the slope index of inequality across the deprivation deciles of ");
	buf_adds(out, area_name);
	buf_adds(out, "'s small areas (");
	add_lower_first(out, nz(ind->title), (size_t)-1);
	buf_adds(out, ") was ");
	add_value(out, ind, a->value);
	if (!isnan(a->lower95) && !isnan(a->upper95)) {
		buf_adds(out, " (95% confidence interval ");
		add_num(out, a->lower95, ind->decimals);
		buf_adds(out, " to ");
		add_num(out, a->upper95, ind->decimals);
		buf_adds(out, ")");
		if (a->upper95 < 0)
			buf_adds(out, ": higher in the more deprived areas");
		else if (a->lower95 > 0)
			buf_adds(out, ": higher in the less deprived areas");
		else
			buf_adds(out, ": no clear slope from the more to the less deprived areas");
	}
	buf_addch(out, '.');
}

void wording_headline(const struct result_indicator *ind,
		      const char *area_name, int suppress_below,
		      struct buf *out)
{
	const char *type = nz(ind->type), *label = nz(ind->count_label);
	const struct result_point *a;
	int j = wording_latest(ind), one;

	if (!strcmp(type, "gap")) {
		wording_gap(ind, area_name, suppress_below, out);
		return;
	}
	if (j < 0)
		return;
	a = point(ind, SERIES_AREA, j);
	if (!has_value(a)) {
		headline_withheld(ind, j, area_name, suppress_below, out);
		return;
	}
	if (!strcmp(type, "sii")) {
		sii_headline(ind, j, area_name, out);
		return;
	}
	one = shows_one(a->value, 0);
	if ((!strcmp(type, "count") || !strcmp(type, "projection")) &&
	    label[0]) {
		open_in(out, ind, j, "there");
		if (!strcmp(type, "count"))
			buf_adds(out, one ? "there was " : "there were ");
		else
			buf_adds(out, one ? "there is projected to be " :
				 "there are projected to be ");
		add_count(out, a->value, label);
		add_area(out, area_name);
		buf_addch(out, '.');
		return;
	}
	if (!strcmp(type, "prevalence")) {
		open_in(out, ind, j, "there");
		buf_adds(out, one ? "there was an estimated " :
			 "there were an estimated ");
		add_prevalence_label(out, ind, a->value);
		add_area(out, area_name);
		buf_addch(out, '.');
		return;
	}
	if (!strcmp(type, "rate") && label[0] && !isnan(a->count)) {
		open_in(out, ind, j, "there");
		buf_adds(out, shows_one(a->count, 0) ? "there was " :
			 "there were ");
		add_count(out, a->count, label);
		add_area(out, area_name);
		buf_adds(out, ", a rate of ");
	} else if (!strcmp(type, "rate")) {
		open_in(out, ind, j, "the");
		buf_adds(out, "the rate");
		if (label[0])
			buf_addf(out, " of %s", label);
		add_area(out, area_name);
		buf_adds(out, " was ");
	} else {
		open_in(out, ind, j, nz(ind->title));
		add_lower_first(out, nz(ind->title), (size_t)-1);
		add_area(out, area_name);
		buf_adds(out, " was ");
	}
	add_value(out, ind, a->value);
	/* A count beside England's count says nothing. */
	if (strcmp(type, "count") && strcmp(type, "projection"))
		add_england(out, ind, j);
	buf_addch(out, '.');
}

/* ---- gaps ---- */

/* "The Attainment 8 gap between FSM pupils and their peers", or "The gap
 * (<title>)". */
static void add_gap_subject(struct buf *out,
			    const struct result_indicator *ind)
{
	const char *title = nz(ind->title);
	const char *colon = strstr(title, " gap: ");

	if (colon && colon > title && strstr(colon + 6, " and ")) {
		buf_adds(out, "The ");
		add_lower_first(out, title, (size_t)(colon - title));
		buf_addf(out, " gap between %s", colon + 6);
	} else {
		buf_addf(out, "The gap (%s)", title);
	}
}

static int gap_in_percentage_points(const struct result_indicator *ind)
{
	return strstr(nz(ind->unit), "percentage") != NULL;
}

/* "8 percentage points", "1 point": a change (full unit) or a level
 * ("points"). v is already rounded. */
static void add_points(struct buf *out, const struct result_indicator *ind,
		       double v, int change)
{
	int pp = change && gap_in_percentage_points(ind);

	add_num(out, v, ind->decimals);
	buf_adds(out, pp ? " percentage point" : " point");
	if (!shows_one(v, ind->decimals))
		buf_addch(out, 's');
}

/* Half of the last digit shown: two rounded values closer than this are
 * equal. */
static double half_digit(int dp)
{
	return 0.5 * pow(10.0, -(double)dp);
}

/* 1 when a gap went from one side of zero to the other (v0 and v1
 * rounded, h half their last digit): its size then neither closed nor
 * widened. */
static int crossed(double v0, double v1, double h)
{
	return (v0 > h && v1 < -h) || (v0 < -h && v1 > h);
}

/* The words setting the area's gap beside England's, before "England's",
 * or NULL when not compared. */
static const char *gap_comparison(const struct result_indicator *ind,
				  double area, double england,
				  const char *label)
{
	const char *pol = nz(ind->polarity);
	int signs_plain = area >= 0 && england >= 0;
	int low_good = !strcmp(pol, "low_is_good");
	int high_good = !strcmp(pol, "high_is_good");
	int better = !strcmp(label, "Better") || !strcmp(label, "Best");
	int worse = !strcmp(label, "Worse") || !strcmp(label, "Worst");

	if (better || worse) {
		if (signs_plain && (low_good || high_good))
			return better == low_good ? "narrower than" :
				"wider than";
		return better ? "better than" : "worse than";
	}
	if (!strcmp(label, "Higher") || !strcmp(label, "Highest"))
		return signs_plain ? "wider than" : "higher than";
	if (!strcmp(label, "Lower") || !strcmp(label, "Lowest"))
		return signs_plain ? "narrower than" : "lower than";
	return wording_comparison(label);
}

void wording_gap(const struct result_indicator *ind, const char *area_name,
		 int suppress_below, struct buf *out)
{
	const struct result_point *a, *e;
	const char *words = NULL;
	int j = wording_latest(ind), s = -1, k, dp = ind->decimals;
	double v0, v1, h = half_digit(dp);

	if (j < 0)
		return;
	a = point(ind, SERIES_AREA, j);
	e = point(ind, SERIES_ENGLAND, j);
	add_gap_subject(out, ind);
	add_area(out, area_name);
	if (!has_value(a)) {
		buf_adds(out, " was withheld in ");
		add_period(out, &ind->periods[j]);
		if (suppress_below > 0)
			buf_addf(out, " (fewer than %d pupils in a group).",
				 suppress_below);
		else
			buf_adds(out, " (too few pupils in a group).");
		return;
	}
	if (has_value(e))
		words = gap_comparison(ind, a->value, e->value,
				       a->cmp_england);

	/* Where the change is measured from. */
	for (k = 0; k < j && s < 0; k++)
		if (ind->base_year && ind->periods[k].year == ind->base_year &&
		    has_value(point(ind, SERIES_AREA, k)))
			s = k;
	for (k = 0; k < j && s < 0; k++)
		if (has_value(point(ind, SERIES_AREA, k)))
			s = k;

	v1 = stats_round(a->value, dp);
	if (s < 0) {
		buf_adds(out, " was ");
		add_points(out, ind, v1, 1);
		buf_adds(out, " in ");
		add_period(out, &ind->periods[j]);
		if (has_value(e) && !words) {
			buf_adds(out, " (England: ");
			add_num(out, e->value, dp);
			buf_addch(out, ')');
		}
	} else {
		v0 = stats_round(point(ind, SERIES_AREA, s)->value, dp);
		if (fabs(v1 - v0) < h) {
			buf_adds(out, " was unchanged at ");
			add_points(out, ind, v1, 1);
		} else {
			if (crossed(v0, v1, h))
				buf_adds(out, " changed by ");
			else if (fabs(v1) < fabs(v0))
				buf_adds(out, " closed by ");
			else
				buf_adds(out, " widened by ");
			add_points(out, ind, fabs(v1 - v0), 1);
			buf_adds(out, " to ");
			add_points(out, ind, v1, 0);
		}
		buf_adds(out, " in ");
		add_period(out, &ind->periods[j]);
		buf_adds(out, " (");
		add_period(out, &ind->periods[s]);
		buf_adds(out, ": ");
		add_num(out, v0, dp);
		if (has_value(e) && !words) {
			buf_adds(out, "; England: ");
			add_num(out, e->value, dp);
		}
		buf_addch(out, ')');
	}
	if (words) {
		buf_addf(out, ", %s England's (", words);
		add_num(out, e->value, dp);
		buf_addch(out, ')');
	}
	buf_addch(out, '.');
}

/* ---- key messages ---- */

static const char worst_quarter[] =
	"in the worst quarter of local authorities in England";

int wording_concern(const struct result_indicator *ind, struct buf *out)
{
	const struct result_point *a;
	const char *pol = nz(ind->polarity);
	int j = wording_latest(ind), dp = ind->decimals, gap, n = 0, k;
	int worse, bottom, widened = 0;
	double v0 = NAN, v1 = NAN, h = half_digit(dp);

	a = point(ind, SERIES_AREA, j);
	if (!has_value(a))
		return 0;
	gap = !strcmp(nz(ind->type), "gap");
	worse = (!strcmp(a->cmp_england, "Worse") ||
		 !strcmp(a->cmp_england, "Worst")) &&
		strstr(a->trend, "getting worse") != NULL;
	bottom = !strcmp(a->quartile, "D") &&
		(!strcmp(pol, "high_is_good") || !strcmp(pol, "low_is_good"));
	if (gap && strcmp(pol, "high_is_good") && !isnan(a->change_prev)) {
		v1 = stats_round(a->value, dp);
		v0 = stats_round(a->value - a->change_prev, dp);
		widened = !crossed(v0, v1, h) && fabs(v1) - fabs(v0) > h;
	}
	if (!worse && !bottom && !widened)
		return 0;

	if (gap) {
		add_gap_subject(out, ind);
		if (widened) {
			buf_adds(out, " widened by ");
			add_points(out, ind, fabs(v1 - v0), 1);
			buf_adds(out, " to ");
			add_points(out, ind, v1, 0);
			buf_adds(out, " in ");
			add_period(out, &ind->periods[j]);
			/* The period before: the one change_prev is from. */
			for (k = j - 1; k >= 0; k--)
				if (has_value(point(ind, SERIES_AREA, k)))
					break;
			if (k >= 0) {
				buf_adds(out, " (");
				add_period(out, &ind->periods[k]);
				buf_adds(out, ": ");
				add_num(out, v0, dp);
				buf_addch(out, ')');
			}
			n++;
		}
		if (worse)
			buf_addf(out, "%s was worse than England's and %s",
				 n++ ? ", and" : "", "getting worse");
		if (bottom)
			buf_addf(out, "%s was %s", n++ ? ", and" : "",
				 worst_quarter);
		if (!widened) {
			buf_adds(out, " in ");
			add_period(out, &ind->periods[j]);
		}
		buf_addch(out, '.');
		return 1;
	}
	buf_addf(out, "%s (", nz(ind->title));
	add_period(out, &ind->periods[j]);
	buf_adds(out, "): ");
	if (worse)
		buf_adds(out, "worse than England and getting worse");
	if (bottom)
		buf_addf(out, "%s%s", worse ? ", and " : "", worst_quarter);
	buf_addch(out, '.');
	return 1;
}
