/* gen-local.c - the showcase council's own extracts, for Cheshire West and
 * Chester only, each in the columns its source system writes (layout
 * table): care leavers aged 16-21 by financial quarter, front-door
 * contacts and those that became referrals by month, the under-5s its
 * children's centres reached by small area (LSOA) and financial year; and
 * its lookup of small areas to its three localities
 * (reference/localities.csv).  The small areas are gen-lsoa.c's, so the
 * reach can be set against their residents and deprivation.  The example
 * NEET extract (neet_monthly_example.csv) is hand-made and not written
 * here.
 */
#include <math.h>
#include <string.h>

#include "gen-sample.h"

static size_t showcase(void)
{
	size_t i;

	for (i = 0; i < NLA; i++)
		if (is_showcase(i))
			break;
	return i;
}

static void put_thousands(FILE *f, long long n)
{
	if (n >= 1000)
		fprintf(f, "\"%lld,%03lld\"", n / 1000, n % 1000);
	else
		fprintf(f, "%lld", n);
}

/* Care leavers aged 16 to 21 at the end of each quarter, from April 2021
 * to June 2025, with those the council is in touch with, in suitable
 * accommodation and in education, employment or training. */
static int write_care_leavers(const char *dir, size_t i)
{
	const struct la_info *la = &las[i];
	struct out o;
	int fy, q, ret;

	ret = out_open(&o, dir, "local/care_leavers.csv");
	if (ret != 0)
		return ret;
	fputs("Area code,Area name,Quarter,Care leavers aged 16 to 21,"
	      "In touch,In suitable accommodation,"
	      "In education employment or training\n", o.f);
	for (fy = 2021; fy <= 2025; fy++)
		for (q = 1; q <= 4; q++) {
			int k = (fy - 2021) * 4 + q, num = la->num;
			int ry = q == 4 ? fy + 1 : fy;	/* year of 31 March */
			double u = unif(num, T_LOCAL, k);
			double u1 = unif(num, SUBTAG(T_LOCAL, 1), k);
			double u2 = unif(num, SUBTAG(T_LOCAL, 2), k);
			long long n, touch, acc, eet, cla;

			if (fy == 2025 && q > 1)
				break;
			cla = model[i].cla[(ry > CLA_LAST ? CLA_LAST : ry) -
					   CLA_MIN][CLA_STOCK];
			n = round_pos((double)cla *
				      (0.55 + 0.004 * k + 0.01 * u));
			touch = round_pos((double)n * (0.92 + 0.02 * u));
			acc = round_pos((double)n * (0.88 + 0.02 * u1));
			eet = round_pos((double)n * (0.54 + 0.03 * u2));
			fprintf(o.f, "%s,%s,%d/%02d Q%d,%lld,%lld,%lld,%lld\n",
				la->code, la->name, fy, (fy + 1) % 100, q, n,
				touch, acc, eet);
		}
	return out_close(&o);
}

/* Contacts to the front door each month, January 2023 to September 2025,
 * quieter in August and December; about a quarter become referrals. */
static int write_front_door(const char *dir, size_t i)
{
	static const double season[12] = {
		1.02, 1.05, 1.08, 0.97, 1.04, 1.06, 1.03, 0.82, 0.98, 1.07,
		1.08, 0.84
	};
	const struct la_info *la = &las[i];
	struct out o;
	int y, m, ret;

	ret = out_open(&o, dir, "local/front_door_contacts.csv");
	if (ret != 0)
		return ret;
	fputs("Area code,Area name,Month,Contacts,"
	      "Contacts converted to referral\n", o.f);
	for (y = 2023; y <= 2025; y++)
		for (m = 1; m <= 12; m++) {
			int k = y * 100 + m;
			double base = (double)child_pop(i, 2024) * 0.0165 *
				      (1.0 + 0.015 * (y - 2023));
			long long c, r;

			if (y == 2025 && m > 9)
				break;
			c = round_pos(base * season[m - 1] *
				      (1.0 + 0.05 * unif(la->num,
							 SUBTAG(T_LOCAL, 3),
							 k)));
			r = round_pos((double)c *
				      (0.25 + 0.03 * unif(la->num,
							  SUBTAG(T_LOCAL, 4),
							  k)));
			fprintf(o.f, "%s,%s,%d-%02d,", la->code, la->name, y,
				m);
			put_thousands(o.f, c);
			putc(',', o.f);
			put_thousands(o.f, r);
			putc('\n', o.f);
		}
	return out_close(&o);
}

/* ---- small areas ------------------------------------------------------ */

/* The council's three localities, each a run of the district's MSOAs
 * (numbered, as ONS numbers them, from north to south): Ellesmere Port
 * and Neston, the smallest, then Chester, then Vale Royal. */
static const struct locality {
	const char *suffix;	/* of the code, after the authority's */
	const char *name;
	double upto;		/* the share of the MSOAs up to its last */
} localities[] = {
	{ "EP", "Ellesmere Port and Neston", 0.2 },
	{ "CH", "Chester", 0.62 },
	{ "VR", "Vale Royal", 1.0 },
};

#define NLOCALITY	(sizeof(localities) / sizeof(localities[0]))

static const struct locality *locality_of(int msoa, int nmsoa)
{
	size_t k;

	for (k = 0; k + 1 < NLOCALITY; k++)
		if (msoa <= round_pos(localities[k].upto * nmsoa))
			break;
	return &localities[k];
}

/* The showcase's LSOAs, in code order; returns how many (at most max),
 * and its number of MSOAs. */
static size_t showcase_lsoas(size_t i, size_t *idx, size_t max, int *nmsoa)
{
	size_t j, n = 0;

	*nmsoa = 0;
	for (j = 0; j < lsoa_count(); j++) {
		if (lsoa_la(j) != i || n == max)
			continue;
		idx[n++] = j;
		if (lsoa_msoa(j) > *nmsoa)
			*nmsoa = lsoa_msoa(j);
	}
	return n;
}

#define MAXSHOW	1000	/* far more LSOAs than the showcase has */

/* The council's lookup of its small areas to its localities. */
static int write_localities(const char *dir, size_t i)
{
	size_t idx[MAXSHOW], n, j;
	struct out o;
	int nmsoa, ret;

	ret = out_open(&o, dir, "reference/localities.csv");
	if (ret != 0)
		return ret;
	n = showcase_lsoas(i, idx, MAXSHOW, &nmsoa);
	fputs("LSOA21CD,LSOA21NM,Locality code,Locality name,Area code\n",
	      o.f);
	for (j = 0; j < n; j++) {
		const struct locality *l = locality_of(lsoa_msoa(idx[j]),
						       nmsoa);
		char code[16], name[128];

		lsoa_code(idx[j], code, sizeof(code));
		lsoa_name(idx[j], name, sizeof(name));
		fprintf(o.f, "%s,", code);
		put_field(o.f, name);
		fprintf(o.f, ",%s-%s,%s,%s\n", las[i].code, l->suffix,
			l->name, las[i].code);
	}
	return out_close(&o);
}

/* Children under 5 the children's centres were in contact with, by LSOA
 * and financial year, 2018-19 to 2024-25.  The centres seek out the most
 * deprived areas: the share reached grows with the LSOA's place in
 * England's ranking to the power 2.5 (nine in ten of the most deprived,
 * a handful in the least: a few counts under 6 in every locality), lower
 * in 2020-21 (the pandemic),
 * and never more children than lived there at the mid-year the financial
 * year starts in. */
static int write_centre_reach(const char *dir, size_t i)
{
	static const double year_level[] = {	/* 2018-19 .. 2024-25 */
		0.92, 0.95, 0.6, 0.85, 0.95, 0.98, 1.0
	};
	size_t idx[MAXSHOW], n, j;
	struct out o;
	int nmsoa, y, ret;

	ret = out_open(&o, dir, "local/childrens_centre_reach_lsoa.csv");
	if (ret != 0)
		return ret;
	n = showcase_lsoas(i, idx, MAXSHOW, &nmsoa);
	fputs("LSOA code,LSOA name,Year,Under 5s reached\n", o.f);
	for (j = 0; j < n; j++) {
		double q = 1.0 - (double)(lsoa_rank(idx[j]) - 1) /
				 (double)lsoa_count();
		char code[16], name[128];

		lsoa_code(idx[j], code, sizeof(code));
		lsoa_name(idx[j], name, sizeof(name));
		for (y = 2018; y <= 2024; y++) {
			long long f[NAGE], m[NAGE], under5 = 0;
			double u = unif(las[i].num, SUBTAG(T_LOCAL, 6),
					(int)idx[j] * 100 + y % 100);
			double p = clamp(year_level[y - 2018] *
					 (0.02 + 0.98 * q * q * sqrt(q)) *
					 (1.0 + 0.12 * u), 0.0, 0.95);
			int a;

			lsoa_ages(idx[j], y, f, m);
			for (a = 0; a < 5; a++)
				under5 += f[a] + m[a];
			fprintf(o.f, "%s,", code);
			put_field(o.f, name);
			fprintf(o.f, ",%d-%02d,%lld\n", y, (y + 1) % 100,
				round_pos((double)under5 * p));
		}
	}
	return out_close(&o);
}

int write_local(const char *dir)
{
	size_t i = showcase();

	if (write_care_leavers(dir, i) < 0 || write_front_door(dir, i) < 0 ||
	    write_localities(dir, i) < 0 || write_centre_reach(dir, i) < 0)
		return -1;
	return 0;
}
