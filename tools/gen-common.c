/* gen-common.c - what the publications of gen-sample share: the area rows
 * of the EES files, numbers rounded and written as DfE writes them, and
 * the population by single year of age behind every denominator.
 */
#include <stdlib.h>
#include <string.h>

#include "gen-sample.h"

/* ---- areas ----------------------------------------------------------- */

/* Regional-level area of an authority in a file's London mode. */
static const struct area_info *la_region(const struct la_info *la,
					 enum london_mode m)
{
	return m == LONDON_SPLIT ? home_area(la) : &areas[la->reg];
}

/* Region (as the file places it), then name. */
static int cmp_region_name(const void *pa, const void *pb)
{
	const struct la_info *a = &las[*(const size_t *)pa];
	const struct la_info *b = &las[*(const size_t *)pb];
	int c = strcmp(areas[a->reg].code, areas[b->reg].code);

	return c ? c : strcmp(a->name, b->name);
}

/* England, the regional rows, then every authority: by region (Inner and
 * Outer London in split mode) and name, as the published files order
 * them. */
size_t geo_list(struct geo *out, enum london_mode m)
{
	size_t order[NLA], n = 0, a, j;

	out[n].kind = GEO_ENGLAND;
	out[n++].i = 0;
	for (a = 0; a < (m == LONDON_SPLIT ? (size_t)NAREA : NREGION); a++) {
		out[n].kind = GEO_REGION;
		out[n++].i = a;
	}
	sort_las(order, m == LONDON_SPLIT ? cmp_ons : cmp_region_name);
	for (j = 0; j < NLA; j++) {
		out[n].kind = GEO_LA;
		out[n++].i = order[j];
	}
	return n;
}

int geo_has(const struct geo *g, size_t la)
{
	switch (g->kind) {
	case GEO_ENGLAND:
		return 1;
	case GEO_REGION:
		return in_area(&las[la], g->i);
	case GEO_LA:
		return g->i == la;
	}
	return 0;
}

const struct area_info *geo_region(const struct geo *g, enum london_mode m)
{
	if (g->kind == GEO_REGION)
		return &areas[g->i];
	if (g->kind == GEO_LA)
		return la_region(&las[g->i], m);
	return NULL;
}

static void put_empty(FILE *f, unsigned quote, unsigned bit)
{
	if (quote & bit)
		fputs("\"\"", f);
}

static void put_name(FILE *f, const char *s, unsigned quote)
{
	const char *p;

	if (!(quote & QUOTE_ALWAYS)) {
		put_field(f, s);
		return;
	}
	putc('"', f);
	for (p = s; *p; p++) {
		if (*p == '"')
			putc('"', f);
		putc(*p, f);
	}
	putc('"', f);
}

/* time_period .. la_name, in the file's order and quoting, with no comma
 * after. */
void put_geo(FILE *f, const char *period, const char *ident,
	     const struct geo *g, const struct ees_style *st)
{
	static const char *const level[] = { "National", "Regional",
					     "Local authority" };
	const struct area_info *r = geo_region(g, st->london);
	const struct la_info *la = g->kind == GEO_LA ? &las[g->i] : NULL;
	int k;

	fprintf(f, "%s,%s,%s,E92000001,England,", period, ident,
		level[g->kind]);
	if (r)
		fprintf(f, "%s,%s", r->code, r->name);
	else {
		put_empty(f, st->quote, QUOTE_REGION);
		putc(',', f);
		put_empty(f, st->quote, QUOTE_REGION);
	}
	/* The three authority columns, in the file's order. */
	for (k = 0; k < 3; k++) {
		static const char order[3][3] = {
			{ 'o', 'n', 'm' }, { 'o', 'm', 'n' }, { 'n', 'o', 'm' }
		};
		char c = order[st->order][k];

		putc(',', f);
		if (c == 'o') {
			if (la)
				fprintf(f, "%d", la->num);
			else
				put_empty(f, st->quote, QUOTE_OLD);
		} else if (c == 'n') {
			if (la)
				fputs(la->code, f);
			else
				put_empty(f, st->quote, QUOTE_NEW);
		} else {
			if (la)
				put_name(f, la->name, st->quote);
			else
				put_empty(f, st->quote,
					  QUOTE_NAME | QUOTE_ALWAYS);
		}
	}
}

/* Bournemouth, Christchurch and Poole and Dorset are published only from
 * the year after they were made (the mid-year that a period's data refer
 * to, as the 0-17 file has it). */
int la_published(size_t i, int midyear)
{
	return !las[i].from || midyear >= las[i].from;
}

/* ---- population by age ----------------------------------------------- */

/* The 0-17 population of any mid-year: the model's series, and the same
 * smooth trend (with its wobble) outside it. */
long long child_pop(size_t i, int y)
{
	const struct la_info *la = &las[i];
	const struct la_model *m = &model[i];
	double t, p;

	if (y >= POP_MIN && y <= POP_LAST)
		return m->pop[y - POP_MIN];
	t = y - POP_LAST;
	p = (double)la->base * (1.0 + m->growth * t + m->curve * t * t) *
	    (1.0 + 0.002 * unif(la->num, T_POPNOISE, y));
	return round_pos(p);
}

/* Splits total in proportion to w by rounding the cumulative shares, so
 * the parts always add up to total and none is negative. */
void apportion(long long total, const double *w, int n, long long *out)
{
	double sum = 0.0, cum = 0.0;
	long long prev = 0;
	int k;

	for (k = 0; k < n; k++)
		sum += w[k];
	for (k = 0; k < n; k++) {
		long long r;

		cum += w[k];
		r = k == n - 1 ? total : round_pos((double)total * cum / sum);
		if (r < prev)
			r = prev;
		out[k] = r - prev;
		prev = r;
	}
}

/* Relative numbers of adults by age: students and young workers (more in
 * the cities), the middle years, then the old, fewer where the authority
 * is young and more along the coasts; 90 and over lumped. */
static double adult_weight(int a, double u, double o)
{
	if (a < 22)
		return 1.0 + 0.25 * u;
	if (a < 35)
		return 1.15 + 0.45 * u;
	if (a < 50)
		return 1.15 + 0.1 * u;
	if (a < 60)
		return 1.25 + 0.1 * o;
	if (a < 70)
		return 1.05 + 0.25 * o - 0.01 * (a - 60);
	if (a < 80)
		return 0.85 + 0.25 * o - 0.04 * (a - 70);
	if (a < 90)
		return 0.5 + 0.1 * o - 0.035 * (a - 80);
	return 2.4 + 0.6 * o;
}

static double male_share(int a)
{
	if (a < 18)
		return 0.512;
	if (a < 60)
		return 0.5;
	if (a < 80)
		return 0.48 - 0.002 * (a - 60);
	if (a < 90)
		return 0.44 - 0.008 * (a - 80);
	return 0.32;
}

#define CACHE_FIRST	2005
#define CACHE_LAST	2045
#define NCACHE		(CACHE_LAST - CACHE_FIRST + 1)

static long long age_cache[NLA][NCACHE][NAGE];
static unsigned char age_done[NLA][NCACHE];

static void ages_compute(size_t i, int y, long long *p)
{
	const struct la_info *la = &las[i];
	int num = la->num, a;
	double w[NAGE];
	double tilt = 0.008 + 0.004 * gauss(num, T_AGETILT) +
		      0.0008 * (y - 2018);
	double share = clamp(0.205 + 0.018 * gauss(num, T_CSHARE) +
			     (model[i].urban ? 0.008 : 0.0), 0.12, 0.26);
	double u = la->lon == LON_INNER ? 1.0 : model[i].urban ? 0.5 : 0.0;
	double o = clamp(0.5 * gauss(num, T_OLDER) - 0.6 * u +
			 0.02 * (y - 2018), -1.2, 1.2);
	long long kids = child_pop(i, y), adults;

	if (!strcmp(la->code, "E09000001"))
		share = 0.12;	/* the City: few children */
	for (a = 0; a < 18; a++)
		w[a] = 1.0 + tilt * (a - 8.5) +
		       0.015 * unif(num, T_AGENOISE, y * 100 + a);
	apportion(kids, w, 18, p);
	adults = round_pos((double)kids * (1.0 - share) / share);
	for (a = 18; a < NAGE; a++)
		w[a] = adult_weight(a, u, o) *
		       (1.0 + 0.01 * unif(num, T_AGENOISE, y * 100 + a));
	apportion(adults, w + 18, NAGE - 18, p + 18);
}

void pop_ages(size_t i, int y, long long *persons)
{
	if (y < CACHE_FIRST || y > CACHE_LAST) {
		ages_compute(i, y, persons);
		return;
	}
	if (!age_done[i][y - CACHE_FIRST]) {
		ages_compute(i, y, age_cache[i][y - CACHE_FIRST]);
		age_done[i][y - CACHE_FIRST] = 1;
	}
	memcpy(persons, age_cache[i][y - CACHE_FIRST],
	       sizeof(long long) * NAGE);
}

void pop_ages_sex(size_t i, int y, long long *persons, long long *males)
{
	int a;

	pop_ages(i, y, persons);
	for (a = 0; a < NAGE; a++)
		males[a] = round_pos((double)persons[a] *
				     (male_share(a) + 0.004 *
				      unif(las[i].num, T_MALE, y * 100 + a)));
}

/* Persons aged lo to hi (90: 90 and over) at mid-year y. */
long long pop_band(size_t i, int y, int lo, int hi)
{
	long long p[NAGE], s = 0;
	int a;

	pop_ages(i, y, p);
	for (a = lo; a <= hi; a++)
		s += p[a];
	return s;
}

/* ---- numbers ---------------------------------------------------------- */

/* x rounded to a whole number, halves away from zero (the cast truncates,
 * exactly). */
long long round_away(double x)
{
	return x < 0 ? -(long long)(-x + 0.5) : (long long)(x + 0.5);
}

/* num / den rounded half up, for num >= 0 and den > 0, exactly. */
long long div_half_up(long long num, long long den)
{
	return (2 * num + den) / (2 * den);
}

/* The same, halves away from zero, for any sign of num. */
long long div_half_away(long long num, long long den)
{
	return num < 0 ? -div_half_up(-num, den) : div_half_up(num, den);
}

static long long pow10ll(int dp)
{
	long long s = 1;

	while (dp-- > 0)
		s *= 10;
	return s;
}

/* v / 10^dp with dp decimals; trim drops trailing zeros and a bare point,
 * as DfE's files write 13 and 2.3 where a spreadsheet would say 13.0. */
void put_scaled(FILE *f, long long v, int dp, int trim)
{
	long long s = pow10ll(dp), ip, fp;
	char frac[24];
	int n;

	if (v < 0) {
		putc('-', f);
		v = -v;
	}
	ip = v / s;
	fp = v % s;
	fprintf(f, "%lld", ip);
	if (dp == 0)
		return;
	snprintf(frac, sizeof(frac), "%0*lld", dp, fp);
	n = dp;
	if (trim)
		while (n > 0 && frac[n - 1] == '0')
			n--;
	if (n > 0)
		fprintf(f, ".%.*s", n, frac);
}

/* num / den as a percentage with dp decimals, half up, scaled. */
long long pct_scaled(long long num, long long den, int dp)
{
	return div_half_up(num * 100 * pow10ll(dp), den);
}

void put_pct(FILE *f, long long num, long long den, int dp)
{
	put_scaled(f, pct_scaled(num, den, dp), dp, 1);
}

/* A yearly series given from year first, held at its ends. */
double trend(const double *v, int first, int n, int year)
{
	int k = year - first;

	return v[k < 0 ? 0 : k >= n ? n - 1 : k];
}

/* The authority's deprivation as a centred score, about -2 to +3. */
double dep_index(size_t i)
{
	return (double)(model[i].dep - 180) / 70.0;
}
