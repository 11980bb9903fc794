/* gen-health.c - OHID Fingertips: children's and young people's health
 * indicators in the 27-column "all data" export, for England, the regions
 * (statistical) and every county and unitary authority (April 2023).
 *
 * Each Value is Count / Denominator times the indicator's multiplier;
 * denominators are the ages of gen-common.c's population for the mid-year
 * the financial year starts in.  As Fingertips does, the Isles of Scilly
 * are counted with Cornwall and the City of London with Hackney, both
 * rows saying so in Value note; the confidence limits, trend and
 * comparison columns are left empty (the pipeline computes its own).
 */
#include <string.h>

#include "gen-sample.h"

struct indicator {
	int id;
	const char *name;
	const char *sex;
	const char *age;
	int first, last;	/* financial years, by their first year */
	double mult;		/* 100 for %, 10000, 100000 */
	int lo, hi;		/* denominator ages; lo < 0: births */
	double share;		/* of those ages in the denominator */
	double eng[14];		/* England's value, first .. last */
	double dep, spread;	/* effect of deprivation, spread of LAs */
	double london;		/* London boroughs' lift (breastfeeding) */
	int missing;		/* some authorities unpublished some years */
};

static const struct indicator inds[] = {
	{ 90284, "Hospital admissions caused by unintentional and deliberate "
	  "injuries in children (aged 0 to 14 years)", "Persons", "<15 yrs",
	  2010, 2023, 10000, 0, 14, 1.0,
	  { 115.2, 113.0, 110.4, 109.1, 107.8, 104.9, 103.6, 101.4, 96.1,
	    91.2, 75.7, 84.9, 75.0, 72.7 }, 0.15, 0.18, 0, 0 },
	{ 92536, "Hospital admissions caused by unintentional and deliberate "
	  "injuries in children (aged 0 to 4 years)", "Persons", "0-4 yrs",
	  2019, 2023, 10000, 0, 4, 1.0,
	  { 118.6, 103.4, 108.7, 99.2, 96.4 },
	  0.15, 0.18, 0, 0 },
	{ 90813, "Hospital admissions as a result of self-harm (10-24 years)",
	  "Persons", "10-24 yrs", 2019, 2023, 100000, 10, 24, 1.0,
	  { 439.2, 421.9, 427.5, 319.0, 299.3 },
	  0.12, 0.3, 0, 0 },
	{ 90812, "Hospital admissions for mental health conditions",
	  "Persons", "<18 yrs", 2019, 2023, 100000, 0, 17, 1.0,
	  { 89.5, 87.5, 99.8, 87.5, 82.3 },
	  0.1, 0.3, 0, 0 },
	{ 93700, "Children in relative low income families (under 16s)",
	  "Persons", "<16 yrs", 2019, 2023, 100, 0, 15, 1.0,
	  { 19.1, 19.4, 18.5, 20.1, 22.1 },
	  0.35, 0.1, -0.05, 0 },
	{ 92517, "Breastfeeding prevalence at 6 to 8 weeks - current method",
	  "Persons", "6-8 weeks", 2019, 2023, 100, 0, 0, 0.97,
	  { 48.0, 47.6, 49.3, 49.2, 52.7 },
	  -0.08, 0.12, 0.35, 1 },
	{ 93085, "Smoking status at time of delivery", "Female", "All ages",
	  2019, 2023, 100, 0, 0, 1.0,
	  { 10.4, 9.6, 9.1, 8.8, 7.4 },
	  0.3, 0.2, -0.3, 0 },
	{ 20601, "Reception: Prevalence of overweight (including obesity)",
	  "Persons", "4-5 yrs", 2019, 2023, 100, 4, 4, 0.95,
	  { 23.0, 27.7, 22.3, 21.3, 22.1 },
	  0.06, 0.08, 0, 0 },
	{ 20602, "Year 6: Prevalence of overweight (including obesity)",
	  "Persons", "10-11 yrs", 2019, 2023, 100, 10, 10, 0.94,
	  { 35.2, 40.9, 37.8, 36.6, 35.8 },
	  0.08, 0.07, 0.05, 0 },
	{ 93493, "Hospital admissions for dental caries (0-5 years)",
	  "Persons", "0-5 yrs", 2019, 2023, 100000, 0, 5, 1.0,
	  { 260.7, 144.1, 207.4, 227.6, 212.8 },
	  0.25, 0.35, 0, 0 },
};

#define NIND	(sizeof(inds) / sizeof(inds[0]))

static long long denominator(const struct indicator *in, size_t i, int y)
{
	return round_pos((double)pop_band(i, y, in->lo, in->hi) * in->share);
}

/* England's value in year y; before the indicator's first year (the
 * national data set's earlier years), its first. */
static double eng_at(const struct indicator *in, int y)
{
	return in->eng[y < in->first ? 0 : y - in->first];
}

static long long count(const struct indicator *in, int k, size_t i, int y,
		       long long den)
{
	int num = las[i].num;
	double z = clamp(gauss(num, SUBTAG(T_FT, k)), -2.2, 2.2);
	double eng = eng_at(in, y);
	double rate = eng *
		      (1.0 + in->dep * dep_index(i) + in->spread * z +
		       (las[i].lon != LON_NONE ? in->london : 0.0)) *
		      (1.0 + 0.04 * unif(num, SUBTAG(T_FT_Y, k), y));

	if (rate < 0.25 * eng)
		rate = 0.25 * eng;
	if (in->mult < 101.0 && rate > 95.0)
		rate = 95.0;
	return round_pos(rate * (double)den / in->mult);
}

/* Authorities counted with another: Scilly with Cornwall, the City with
 * Hackney. */
static const struct {
	const char *small, *big, *note;
} combined[] = {
	{ "E06000053", "E06000052",
	  "Value for Cornwall and Isles of Scilly combined" },
	{ "E09000001", "E09000012",
	  "Value for Hackney and City of London combined" },
};

static int find_la(const char *code)
{
	size_t i;

	for (i = 0; i < NLA; i++)
		if (!strcmp(las[i].code, code))
			return (int)i;
	return -1;
}

/* The count and denominator an authority's row shows: none for the
 * small one of a combined pair, both for the large one. */
static void la_cells(int k, size_t i, int y, long long *c, long long *d)
{
	const struct indicator *in = &inds[k];
	size_t m;

	*d = denominator(in, i, y);
	*c = count(in, k, i, y, *d);
	for (m = 0; m < 2; m++) {
		if (!strcmp(las[i].code, combined[m].small)) {
			*c = *d = 0;
		} else if (!strcmp(las[i].code, combined[m].big)) {
			size_t o = (size_t)find_la(combined[m].small);
			long long od = denominator(in, o, y);

			*c += count(in, k, o, y, od);
			*d += od;
		}
	}
}

/* LAIT's HospAd0-14: indicator 90284 to 2 dp, LAIT year Y being the
 * financial year (Y-1)/Y; England, the nine regions and the authorities
 * (none for the small one of a combined pair, nor Inner or Outer
 * London). */
int ft_lait(const struct geo *g, int year, long long *v)
{
	int y = year - 1;
	long long c = 0, d = 0, cc, dd;
	size_t i;

	if (y < series_first(inds[0].first, inds[0].last) || y > inds[0].last)
		return 0;
	if (g->kind == GEO_REGION && g->i >= NREGION)
		return 0;
	if (g->kind == GEO_LA) {
		la_cells(0, g->i, y, &c, &d);
	} else {
		for (i = 0; i < NLA; i++) {
			if (!geo_has(g, i))
				continue;
			dd = denominator(&inds[0], i, y);
			cc = count(&inds[0], 0, i, y, dd);
			c += cc;
			d += dd;
		}
	}
	if (!d)
		return 0;
	*v = div_half_up(c * 1000000, d);
	return 1;
}

static void put_row(FILE *f, const struct indicator *in, int y,
		    const char *pcode, const char *pname, const char *code,
		    const char *name, const char *type, long long cnt,
		    long long den, const char *note)
{
	fprintf(f, "%d,", in->id);
	put_field(f, in->name);
	fprintf(f, ",%s,", pcode);
	put_field(f, pname);
	fprintf(f, ",%s,", code);
	put_field(f, name);
	fprintf(f, ",%s,%s,%s,,,%d/%02d,", type, in->sex, in->age, y,
		(y + 1) % 100);
	if (den > 0)
		fprintf(f, "%.7g,,,,,%lld,%lld,", (double)cnt / (double)den *
			in->mult, cnt, den);
	else
		fputs(",,,,,,,", f);
	put_field(f, note);
	fprintf(f, ",,,,%d0000,,,1y\n", y);
}

static void region_name(char *buf, size_t n, size_t r)
{
	snprintf(buf, n, "%s region (statistical)", areas[r].name);
}

int write_health(const char *dir)
{
	size_t order[NLA], k, j, r;
	struct out o;
	int y, ret;

	ret = out_open(&o, dir, "ohid/fingertips_children.csv");
	if (ret != 0)
		return ret;
	sort_las(order, cmp_cla);
	fputs("Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,"
	      "Area Name,Area Type,Sex,Age,Category Type,Category,"
	      "Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,"
	      "Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,"
	      "Value note,Recent Trend,Compared to England value or "
	      "percentiles,Compared to percentiles,Time period Sortable,"
	      "New data,Compared to goal,Time period range\n", o.f);
	for (k = 0; k < NIND; k++) {
		const struct indicator *in = &inds[k];

		for (y = series_first(in->first, in->last); y <= in->last;
		     y++) {
			long long rc[NREGION] = { 0 }, rd[NREGION] = { 0 };
			long long ec = 0, ed = 0;
			int gone[NLA];
			size_t i;
			char rn[64];

			/* England and the regions: every authority. */
			for (i = 0; i < NLA; i++) {
				long long d = denominator(in, i, y);
				long long c = count(in, (int)k, i, y, d);

				rc[las[i].reg] += c;
				rd[las[i].reg] += d;
				ec += c;
				ed += d;
				/* A few authorities a year not published
				 * (data quality), never the showcase. */
				gone[i] = in->missing && !is_showcase(i) &&
					  unif(las[i].num,
					       SUBTAG(T_FT_MISSING, (int)k),
					       y) > 0.95;
			}
			put_row(o.f, in, y, "", "", "E92000001", "England",
				"England", ec, ed, "");
			for (r = 0; r < NREGION; r++) {
				region_name(rn, sizeof(rn), r);
				put_row(o.f, in, y, "E92000001", "England",
					areas[r].code, rn,
					"Regions (statistical)", rc[r], rd[r],
					"");
			}
			for (j = 0; j < NLA; j++) {
				const struct la_info *la = &las[order[j]];
				const char *note = "";
				long long c, d;
				size_t m;

				i = order[j];
				la_cells((int)k, i, y, &c, &d);
				for (m = 0; m < 2; m++) {
					const char *c1 = combined[m].small;
					const char *c2 = combined[m].big;

					if (!strcmp(la->code, c1) ||
					    !strcmp(la->code, c2))
						note = combined[m].note;
				}
				if (gone[i]) {
					c = d = 0;
					note = "Value not published for data "
					       "quality reasons";
				}
				region_name(rn, sizeof(rn), la->reg);
				put_row(o.f, in, y, areas[la->reg].code, rn,
					la->code, la->name,
					"Counties & UAs (from Apr 2023)", c, d,
					note);
			}
		}
	}
	return out_close(&o);
}
