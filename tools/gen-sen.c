/* gen-sen.c - special educational needs: education, health and care plans
 * (and the statements they replaced) maintained by each authority in
 * January, by age (SEN2 caseload); SEN2's management information on new
 * plans and the 20-week limit; and the school census's pupils on SEN
 * support and with an EHC plan.
 *
 * The plans grow as they have since 2014: statements give way to plans by
 * 2018, and the 20 to 25 year olds appear from 2015.
 */
#include <string.h>

#include "gen-sample.h"

#define SEN2_FIRST	2014
#define SEN2_LAST	2025
#define NSEN2		(SEN2_LAST - SEN2_FIRST + 1)

/* SEN2 and the school census place London's boroughs under London, and
 * SEN2 writes its empty cells as "". */
static const struct ees_style sen2_style = {
	LONDON_REGION, ORDER_OLD_NEW_NAME,
	QUOTE_REGION | QUOTE_OLD | QUOTE_NEW | QUOTE_NAME
};
static const struct ees_style mi_style = {
	LONDON_REGION, ORDER_NEW_OLD_NAME, QUOTE_ALWAYS
};
static const struct ees_style census_style = {
	LONDON_REGION, ORDER_OLD_NEW_NAME, 0
};

/* Plans (and statements) per child aged 0-17, England, January 2014 ..
 * 2025; the share of them still statements. */
static const double plan_rate[NSEN2] = {
	0.0201, 0.0203, 0.0215, 0.0238, 0.0263, 0.0288, 0.0314, 0.0344,
	0.0376, 0.0409, 0.0453, 0.0499
};
static const double statement_share[NSEN2] = {
	1.0, 0.93, 0.62, 0.27, 0.02, 0, 0, 0, 0, 0, 0, 0
};

/* A value of these tables in year y; years before 2014 (the national
 * data set's) are 2014's: statements only, at 2014's rate. */
static double sen2_at(const double *v, int y)
{
	return trend(v, SEN2_FIRST, NSEN2, y);
}

#define NBAND	5

static const char *const band_name[NBAND] = {
	"Under 5", "Age 5 to 10", "Age 11 to 15", "Age 16 to 19",
	"Age 20 to 25"
};

static long long plans(size_t i, int y)
{
	int num = las[i].num;
	double f = clamp(1.0 + 0.15 * gauss(num, T_EHCP) +
			 0.05 * dep_index(i), 0.6, 1.6) *
		   (1.0 + 0.012 * clamp(gauss(num, SUBTAG(T_EHCP, 1)), -2, 2) *
			  (y - 2020));

	return round_pos((double)child_pop(i, y - 1) *
			 sen2_at(plan_rate, y) * f *
			 (1.0 + 0.02 * unif(num, T_EHCP_Y, y)));
}

/* Plans by age band, and the statements among them. */
static void caseload_la(size_t i, int y, long long *band, long long *st)
{
	double t = y - SEN2_FIRST, w[NBAND];
	int num = las[i].num, b;

	w[0] = 0.045;
	w[1] = 0.34 - 0.002 * t;
	w[2] = 0.37 - 0.004 * t;
	w[3] = 0.20;
	w[4] = y < 2015 ? 0.0 : y < 2019 ? 0.003 + 0.014 * (t - 1) :
	       0.055 + 0.0035 * (t - 5);
	for (b = 0; b < NBAND; b++)
		w[b] *= 1.0 + 0.08 * unif(num, T_EHCP_Y, y * 10 + b);
	apportion(plans(i, y), w, NBAND, band);
	for (b = 0; b < NBAND; b++)
		st[b] = b == 4 ? 0 :
			round_pos((double)band[b] *
				  sen2_at(statement_share, y));
}

/* A percentage as SEN2 writes it: six or seven significant figures. */
static void put_sig(FILE *f, long long num, long long den, int sig)
{
	fprintf(f, ",%.*g", sig, (double)num * 100.0 / (double)den);
}

static void caseload_cells(FILE *f, int y, int b, long long st, long long all,
			   long long st_tot, long long all_tot)
{
	long long ehc = all - st, ehc_tot = all_tot - st_tot;

	/* Statements: none made after 2014, none left after 2018, none
	 * for the over-19s; plans: none before September 2014. */
	if (sen2_at(statement_share, y) <= 0.0 || b == 4)
		fputs(",z,z", f);
	else if (!st_tot)
		fprintf(f, ",%lld,z", st);
	else {
		fprintf(f, ",%lld", st);
		put_sig(f, st, st_tot, 6);
	}
	if (y <= SEN2_FIRST)
		fputs(",z,z", f);
	else if (!ehc_tot)
		fprintf(f, ",%lld,z", ehc);
	else {
		fprintf(f, ",%lld", ehc);
		put_sig(f, ehc, ehc_tot, 6);
	}
	if (!all_tot)
		fprintf(f, ",%lld,z\n", all);
	else {
		fprintf(f, ",%lld", all);
		put_sig(f, all, all_tot, 7);
		putc('\n', f);
	}
}

static int write_caseload(const char *dir)
{
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_REGION), k, i;
	struct out o;
	int y, b, ret;

	ret = out_open(&o, dir, "dfe/sen2_age_caseload.csv");
	if (ret != 0)
		return ret;
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,new_la_code,"
	      "la_name,characteristic_age,Total_st,Total_st_pc,Total_ehc,"
	      "Total_ehc_pc,Total_all,Total_all_pc\n", o.f);
	for (y = SEN2_LAST; y >= series_first(SEN2_FIRST, SEN2_LAST); y--) {
		char per[24];

		snprintf(per, sizeof(per), "%d", y);
		for (k = 0; k < ng; k++) {
			long long band[NBAND] = { 0 }, st[NBAND] = { 0 };
			long long bb[NBAND], ss[NBAND], all = 0, sts = 0;

			if (g[k].kind == GEO_LA && !la_published(g[k].i, y - 1))
				continue;
			for (i = 0; i < NLA; i++) {
				if (!geo_has(&g[k], i))
					continue;
				caseload_la(i, y, bb, ss);
				for (b = 0; b < NBAND; b++) {
					band[b] += bb[b];
					st[b] += ss[b];
				}
			}
			for (b = 0; b < NBAND; b++) {
				all += band[b];
				sts += st[b];
			}
			put_geo(o.f, per, "Calendar year", &g[k], &sen2_style);
			fputs(",Total", o.f);
			caseload_cells(o.f, y, -1, sts, all, sts, all);
			for (b = 0; b < NBAND; b++) {
				/* No 20 to 25 row until 2015. */
				if (b == 4 && y <= SEN2_FIRST)
					continue;
				put_geo(o.f, per, "Calendar year", &g[k],
					&sen2_style);
				fprintf(o.f, ",%s", band_name[b]);
				caseload_cells(o.f, y, b, st[b], band[b], sts,
					       all);
			}
		}
	}
	return out_close(&o);
}

/* ---- SEN2 management information: new plans within 20 weeks ----------- */

/* England's % of new plans issued within 20 weeks, excluding exceptions,
 * 2014 .. 2025; new plans in the year per plan maintained in January. */
static const double within20[NSEN2] = {
	64.3, 59.2, 58.6, 64.9, 60.1, 60.4, 58.0, 59.9, 49.2, 50.3, 46.4, 47.0
};
static const double new_per_plan[NSEN2] = {
	0.0058, 0.10, 0.14, 0.147, 0.153, 0.152, 0.154, 0.145, 0.145, 0.128,
	0.12, 0.115
};

enum mi_col {
	MI_INC20, MI_INREQ, MI_NEW, MI_NO20, MI_TOTINC, MI_TOTNO, NMI
};

static void mi_la(size_t i, int y, long long *v)
{
	int num = las[i].num;
	double p = clamp(sen2_at(within20, y) +
			 20.0 * clamp(gauss(num, T_MI), -2.2, 2.2) +
			 12.0 * unif(num, T_MI_Y, y), 2.0, 100.0);
	/* Before 2014 (the national data set's years), new statements:
	 * 2014's few new plans are the first months of a new system. */
	double per = y < SEN2_FIRST ? 0.11 : sen2_at(new_per_plan, y);
	long long exc;

	v[MI_NEW] = round_pos((double)plans(i, y) * per *
			      (1.0 + 0.1 * unif(num, T_MI_Y, y + 100)));
	v[MI_INREQ] = round_pos((double)v[MI_NEW] *
				(1.6 + 0.2 * unif(num, T_MI_Y, y + 200)));
	v[MI_TOTINC] = v[MI_NEW] -
		       round_pos((double)v[MI_NEW] * 0.01 *
				 (1.0 + unif(num, T_MI_Y, y + 300)));
	exc = round_pos((double)v[MI_TOTINC] *
			(0.06 + 0.04 * unif(num, T_MI_Y, y + 400)));
	v[MI_TOTNO] = v[MI_TOTINC] - exc;
	v[MI_NO20] = round_pos((double)v[MI_TOTNO] * p / 100.0);
	v[MI_INC20] = v[MI_NO20] + round_pos((double)exc * 0.3);
}

/* The rates: 1 dp with twelve decimals to 2021, then three decimals after
 * a space, as the published file has them. */
static void mi_rate(FILE *f, int y, long long num, long long den)
{
	putc(',', f);
	if (!den) {
		putc('x', f);
		return;
	}
	if (y <= 2021) {
		put_scaled(f, pct_scaled(num, den, 1), 1, 0);
		fputs("00000000000", f);
	} else {
		putc(' ', f);
		put_scaled(f, pct_scaled(num, den, 3), 3, 1);
	}
}

static int write_mi(const char *dir)
{
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_REGION), k, i;
	struct out o;
	int y, c, ret;

	ret = out_open(&o, dir, "dfe/sen2_mi.csv");
	if (ret != 0)
		return ret;
	fputs("\"time_period\",\"time_identifier\",\"geographic_level\","
	      "\"country_code\",\"country_name\",\"region_code\","
	      "\"region_name\",\"new_la_code\",\"old_la_code\",\"la_name\","
	      "\"inc_exc_20week_ehc\",\"inc_exc_20week_rate\",\"inreq_ehc\","
	      "\"new_all_ehc\",\"no_exc_20week_ehc\",\"no_exc_20week_rate\","
	      "\"tot_inc_exc_ehc\",\"tot_no_exc_ehc\"\n", o.f);
	for (y = series_first(SEN2_FIRST, SEN2_LAST); y <= SEN2_LAST; y++) {
		char per[24];

		snprintf(per, sizeof(per), "%d", y);
		for (k = 0; k < ng; k++) {
			long long v[NMI] = { 0 }, w[NMI];

			if (g[k].kind == GEO_LA && !la_published(g[k].i, y - 1))
				continue;
			for (i = 0; i < NLA; i++) {
				if (!geo_has(&g[k], i))
					continue;
				mi_la(i, y, w);
				for (c = 0; c < NMI; c++)
					v[c] += w[c];
			}
			put_geo(o.f, per, "Calendar year", &g[k], &mi_style);
			fprintf(o.f, ",%lld", v[MI_INC20]);
			mi_rate(o.f, y, v[MI_INC20], v[MI_TOTINC]);
			fprintf(o.f, ",%lld,%lld,%lld", v[MI_INREQ], v[MI_NEW],
				v[MI_NO20]);
			mi_rate(o.f, y, v[MI_NO20], v[MI_TOTNO]);
			fprintf(o.f, ",%lld,%lld\n", v[MI_TOTINC], v[MI_TOTNO]);
		}
	}
	return out_close(&o);
}

/* ---- school census: SEN support and EHC plans ------------------------- */

#define SC_FIRST	2016	/* January 2016: academic year 2015/16 */
#define SC_LAST		2025

static const double sc_support[] = {	/* % of pupils, 2016 .. 2025 */
	11.6, 11.6, 11.7, 11.9, 12.1, 12.2, 12.6, 13.0, 13.6, 14.2
};
static const double sc_ehc[] = {
	2.8, 2.8, 2.9, 3.1, 3.3, 3.7, 4.0, 4.3, 4.8, 5.3
};

static void census_la(size_t i, int y, long long *v)
{
	int num = las[i].num;
	double s = trend(sc_support, SC_FIRST, 10, y) +
		   1.5 * clamp(gauss(num, T_SENPHASE), -2.2, 2.2) +
		   0.3 * dep_index(i) + 0.3 * unif(num, T_SENPHASE_Y, y);
	double z = clamp(gauss(num, SUBTAG(T_SENPHASE, 1)), -2.2, 2.2);
	double e = trend(sc_ehc, SC_FIRST, 10, y) * (1.0 + 0.15 * z) +
		   0.1 * unif(num, T_SENPHASE_Y, y + 100);

	v[0] = round_pos((double)child_pop(i, y - 1) *
			 (0.70 + 0.02 * gauss(num, SUBTAG(T_SENPHASE, 2))));
	v[1] = round_pos((double)v[0] * s / 100.0);
	v[2] = round_pos((double)v[0] * e / 100.0);
}

static void census_geo(const struct geo *g, int y, long long *v)
{
	long long w[3];
	size_t i;

	v[0] = v[1] = v[2] = 0;
	for (i = 0; i < NLA; i++) {
		if (!geo_has(g, i))
			continue;
		census_la(i, y, w);
		v[0] += w[0];
		v[1] += w[1];
		v[2] += w[2];
	}
}

static int write_census(const char *dir)
{
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_REGION), k;
	struct out o;
	int y, ret;

	ret = out_open(&o, dir, "dfe/sen_phase_type.csv");
	if (ret != 0)
		return ret;
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,new_la_code,"
	      "la_name,phase_type_grouping,total_pupils,sen_support,"
	      "sen_support_percent,ehc_plan,ehc_plan_percent\n", o.f);
	for (y = SC_LAST; y >= series_first(SC_FIRST, SC_LAST); y--) {
		char per[24];

		snprintf(per, sizeof(per), "%d%02d", y - 1, y % 100);
		for (k = 0; k < ng; k++) {
			long long v[3];

			if (g[k].kind == GEO_LA && !la_published(g[k].i, y - 1))
				continue;
			census_geo(&g[k], y, v);
			put_geo(o.f, per, "Academic year", &g[k],
				&census_style);
			fprintf(o.f, ",Total,%lld,%lld,", v[0], v[1]);
			put_pct(o.f, v[1], v[0], 1);
			fprintf(o.f, ",%lld,", v[2]);
			put_pct(o.f, v[2], v[0], 1);
			putc('\n', o.f);
		}
	}
	return out_close(&o);
}

/* LAIT's SEN_TotSENSuP (which 0) and SEN_TotStat (1), in tenths. */
int sen_phase_lait(const struct geo *g, int y, int which, long long *out)
{
	long long v[3];

	if (y < series_first(SC_FIRST, SC_LAST) || y > SC_LAST)
		return 0;
	if (g->kind == GEO_LA && !la_published(g->i, y - 1))
		return 0;
	census_geo(g, y, v);
	if (!v[0])
		return 0;
	*out = pct_scaled(v[which ? 2 : 1], v[0], 1);
	return 1;
}

int write_sen(const char *dir)
{
	if (write_caseload(dir) < 0 || write_mi(dir) < 0 ||
	    write_census(dir) < 0)
		return -1;
	return 0;
}
