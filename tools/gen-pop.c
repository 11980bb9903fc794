/* gen-pop.c - ONS population: the mid-year estimates by single year of age
 * (the MYE2 tables, one file per sex and mid-year, 2020 to 2024) and the
 * 2018-based subnational population projections (persons, 2018 to 2043).
 *
 * The ages of each authority come from gen-common.c's pop_ages(): its
 * children aged 0-17 add up to the 0-17 series of the DfE-style file, so
 * every denominator agrees with the looked-after rates; England and the
 * regions are the sums of their authorities.  The projections start from
 * the same ages in mid-2018 and grow by age band.
 */
#include <ctype.h>
#include <string.h>

#include "gen-sample.h"

#define MYE_FIRST	2020
#define MYE_LAST	2024
#define SNPP_BASE	2018
#define SNPP_LAST	2043
#define NSNPP		(SNPP_LAST - SNPP_BASE + 1)

enum sex { PERSONS, FEMALES, MALES, NSEX };

static const char *const sex_file[NSEX] = { "Persons", "Females", "Males" };

static const char *geography(const char *code)
{
	if (!strncmp(code, "E06", 3))
		return "Unitary Authority";
	if (!strncmp(code, "E08", 3))
		return "Metropolitan District";
	if (!strncmp(code, "E09", 3))
		return "London Borough";
	return "County";
}

static int cmp_code(const void *pa, const void *pb)
{
	const struct la_info *a = &las[*(const size_t *)pa];
	const struct la_info *b = &las[*(const size_t *)pb];

	return strcmp(a->code, b->code);
}

static void ages_of(size_t i, int y, enum sex s, long long *v)
{
	long long p[NAGE], m[NAGE];
	int a;

	pop_ages_sex(i, y, p, m);
	for (a = 0; a < NAGE; a++)
		v[a] = s == PERSONS ? p[a] : s == MALES ? m[a] : p[a] - m[a];
}

static void mye_row(FILE *f, const char *code, const char *name,
		    const char *geog, const long long *v)
{
	long long all = 0;
	int a;

	for (a = 0; a < NAGE; a++)
		all += v[a];
	fprintf(f, "%s,", code);
	put_field(f, name);
	fprintf(f, ",%s,%lld", geog, all);
	for (a = 0; a < NAGE; a++)
		fprintf(f, ",%lld", v[a]);
	putc('\n', f);
}

/* ONS writes the nation and the regions in capitals. */
static void upper(char *dst, size_t n, const char *src)
{
	size_t k;

	for (k = 0; k + 1 < n && src[k]; k++)
		dst[k] = (char)toupper((unsigned char)src[k]);
	dst[k] = '\0';
}

static int write_mye(const char *dir, int y, enum sex s)
{
	size_t order[NLA], i, j;
	long long eng[NAGE] = { 0 }, reg[NREGION][NAGE], v[NAGE];
	char name[80], up[64];
	struct out o;
	int r, a, ret;

	snprintf(name, sizeof(name), "ons/mye%02dtablesen_MYE2_%s.csv",
		 y % 100, sex_file[s]);
	ret = out_open(&o, dir, name);
	if (ret != 0)
		return ret;
	memset(reg, 0, sizeof(reg));
	for (i = 0; i < NLA; i++) {
		ages_of(i, y, s, v);
		for (a = 0; a < NAGE; a++) {
			eng[a] += v[a];
			reg[las[i].reg][a] += v[a];
		}
	}
	sort_las(order, cmp_code);
	fputs("Code,Name,Geography,All ages", o.f);
	for (a = 0; a < NAGE - 1; a++)
		fprintf(o.f, ",%d", a);
	fputs(",90+\n", o.f);
	mye_row(o.f, "E92000001", "ENGLAND", "Country", eng);
	for (r = 0; r < NREGION; r++) {
		upper(up, sizeof(up), areas[r].name);
		mye_row(o.f, areas[r].code, up, "Region", reg[r]);
		for (j = 0; j < NLA; j++) {
			i = order[j];
			if ((int)las[i].reg != r)
				continue;
			ages_of(i, y, s, v);
			mye_row(o.f, las[i].code, las[i].name,
				geography(las[i].code), v);
		}
	}
	return out_close(&o);
}

/* ---- projections ------------------------------------------------------- */

/* Yearly growth of an age band from 2018, with the authority's own. */
static double band_growth(int a, int y)
{
	if (a < 5)
		return -0.004;
	if (a < 18)
		return y <= 2025 ? 0.003 : -0.004;
	if (a < 65)
		return 0.002;
	if (a < 85)
		return 0.015;
	return 0.025;
}

/* Projected persons by age, in tenths (written whole: the sums of the
 * regions and England are of the unrounded tenths). */
static void snpp_la(size_t i, long long (*v)[NSNPP])
{
	long long base[NAGE];
	double own = 0.003 * clamp(gauss(las[i].num, T_SNPP), -2.0, 2.0);
	int a, y;

	pop_ages(i, SNPP_BASE, base);
	for (a = 0; a < NAGE; a++) {
		double p = (double)base[a];

		v[a][0] = base[a] * 10;
		for (y = SNPP_BASE + 1; y <= SNPP_LAST; y++) {
			p *= 1.0 + band_growth(a, y) + own;
			v[a][y - SNPP_BASE] = round_pos(p * 10.0);
		}
	}
}

static void snpp_rows(FILE *f, const char *code, const char *name,
		      long long (*v)[NSNPP])
{
	long long all[NSNPP] = { 0 };
	int a, y;

	for (a = 0; a <= NAGE; a++) {
		fprintf(f, "%s,", code);
		put_field(f, name);
		fputs(",Population,persons,", f);
		if (a < NAGE - 1)
			fprintf(f, "%d", a);
		else
			fputs(a == NAGE - 1 ? "90 and over" : "All ages", f);
		for (y = 0; y < NSNPP; y++) {
			long long t = a < NAGE ? v[a][y] : all[y];

			if (a < NAGE)
				all[y] += t;
			fprintf(f, ",%lld", div_half_up(t, 10));
		}
		putc('\n', f);
	}
}

static int write_snpp(const char *dir)
{
	static long long la_v[NLA][NAGE][NSNPP];
	static long long reg_v[NREGION][NAGE][NSNPP], eng_v[NAGE][NSNPP];
	size_t order[NLA], i, j;
	struct out o;
	int r, a, y, ret;

	memset(reg_v, 0, sizeof(reg_v));
	memset(eng_v, 0, sizeof(eng_v));
	for (i = 0; i < NLA; i++) {
		snpp_la(i, la_v[i]);
		for (a = 0; a < NAGE; a++)
			for (y = 0; y < NSNPP; y++) {
				reg_v[las[i].reg][a][y] += la_v[i][a][y];
				eng_v[a][y] += la_v[i][a][y];
			}
	}
	ret = out_open(&o, dir, "ons/snpp_2018_population_persons.csv");
	if (ret != 0)
		return ret;
	fputs("AREA_CODE,AREA_NAME,COMPONENT,SEX,AGE_GROUP", o.f);
	for (y = SNPP_BASE; y <= SNPP_LAST; y++)
		fprintf(o.f, ",%d", y);
	putc('\n', o.f);
	/* By code, as ONS sorts them: authorities, regions, England. */
	sort_las(order, cmp_code);
	for (j = 0; j < NLA; j++) {
		i = order[j];
		snpp_rows(o.f, las[i].code, las[i].name, la_v[i]);
	}
	for (r = 0; r < NREGION; r++)
		snpp_rows(o.f, areas[r].code, areas[r].name, reg_v[r]);
	snpp_rows(o.f, "E92000001", "England", eng_v);
	return out_close(&o);
}

int write_pop(const char *dir)
{
	int y, s;

	for (y = series_first(MYE_FIRST, MYE_LAST); y <= MYE_LAST; y++)
		for (s = 0; s < NSEX; s++)
			if (write_mye(dir, y, (enum sex)s) < 0)
				return -1;
	return write_snpp(dir);
}
