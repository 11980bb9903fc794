/* gen-local.c - the showcase council's own extracts, for Cheshire West and
 * Chester only, each in the columns its source system writes (layout
 * table): care leavers aged 16-21 by financial quarter, front-door
 * contacts and those that became referrals by month, and the children's
 * centres' reach of under-5s living in the 30% most deprived small areas
 * by financial year.  The example NEET extract (neet_monthly_example.csv)
 * is hand-made and not written here.
 */
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

/* Under-5s living in the 30% most deprived small areas (LSOAs) and those
 * the children's centres reached, financial years 2018-19 to 2024-25. */
static int write_centre_reach(const char *dir, size_t i)
{
	const struct la_info *la = &las[i];
	struct out o;
	int y, ret;

	ret = out_open(&o, dir, "local/childrens_centre_reach.csv");
	if (ret != 0)
		return ret;
	fputs("Area code,Area name,Year,Under 5s in 30% most deprived areas,"
	      "Reached\n", o.f);
	for (y = 2018; y <= 2024; y++) {
		long long n = round_pos((double)pop_band(i, y, 0, 4) * 0.215);
		double p = (y == 2020 ? 0.52 : 0.71 + 0.01 * (y - 2018)) +
			   0.02 * unif(la->num, SUBTAG(T_LOCAL, 5), y);
		long long r = round_pos((double)n * p);

		fprintf(o.f, "%s,%s,%d-%02d,%lld,%lld\n", la->code, la->name,
			y, (y + 1) % 100, n, r);
	}
	return out_close(&o);
}

int write_local(const char *dir)
{
	size_t i = showcase();

	if (write_care_leavers(dir, i) < 0 || write_front_door(dir, i) < 0 ||
	    write_centre_reach(dir, i) < 0)
		return -1;
	return 0;
}
