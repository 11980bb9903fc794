/* gen-csc.c - children's social care: children in need (b1), child
 * protection plans by duration (d5), outcomes of children looked after
 * (health, SDQ), children looked after on 31 March by age and placement
 * location, and the Key Stage 4 results of children in need, on plans and
 * looked after (ks4_la.csv), in DfE's EES layouts.
 *
 * Counts follow each authority's looked-after level (children in need and
 * on plans scale with its square root, as they do loosely in life), on
 * the same 0-17 populations as the looked-after file, so the rates per
 * 10,000 are At31_episodes (or CPP_At31) over DfE's own denominator.
 */
#include <math.h>
#include <string.h>

#include "gen-sample.h"

#define CSC_FIRST	2014
#define CSC_LAST	2025

static const struct ees_style plain_split = {
	LONDON_SPLIT, ORDER_OLD_NEW_NAME, 0
};
/* d5 writes its empty region and authority cells as "". */
static const struct ees_style d5_style = {
	LONDON_SPLIT, ORDER_OLD_NEW_NAME, QUOTE_REGION | QUOTE_NEW | QUOTE_NAME
};
static const struct ees_style name_first = {
	LONDON_SPLIT, ORDER_OLD_NAME_NEW, 0
};

static void put_year(char *buf, size_t n, int y)
{
	snprintf(buf, n, "%d", y);
}

/* A count: c when small at authority level, to the nearest 10 above. */
static void put_count(FILE *f, const struct geo *g, long long n)
{
	if (g->kind != GEO_LA)
		fprintf(f, "%lld", round10(n));
	else if (n > 0 && n < SUPPRESS_BELOW)
		putc('c', f);
	else
		fprintf(f, "%lld", n);
}

static int small(const struct geo *g, long long n)
{
	return g->kind == GEO_LA && n > 0 && n < SUPPRESS_BELOW;
}

/* ---- children in need at 31 March ------------------------------------ */

static const double cin_england[] = {	/* 2014 .. 2025, per 10,000 */
	337, 337, 332, 330, 341, 334, 324, 321, 334, 342, 333, 330
};

static const double cpp_england[] = {	/* 2014 .. 2025, per 10,000 */
	42.1, 42.9, 43.1, 43.3, 45.3, 43.7, 42.8, 41.4, 42.1, 43.2, 41.6,
	40.5
};

/* The authority's rate: its looked-after level, damped; its own drift;
 * the national path; a little noise. */
static double csc_rate(size_t i, int y, const double *eng, int tag, int ytag,
		       double spread)
{
	int num = las[i].num;
	double lvl = sqrt(model[i].level / 62.0) *
		     (1.0 + spread * clamp(gauss(num, tag), -2.2, 2.2));
	double drift = 0.01 * gauss(num, SUBTAG(tag, 1));

	return eng[0] * lvl * trend(eng, CSC_FIRST, 12, y) / eng[11] *
	       (1.0 + drift * (y - CSC_LAST)) *
	       (1.0 + 0.04 * unif(num, ytag, y));
}

/* Children in need at 31 March of reporting year y. */
static long long cin_at31(size_t i, int y)
{
	return round_pos(csc_rate(i, y, cin_england, T_CIN, T_CIN_Y, 0.13) *
			 (double)child_pop(i, y - 1) / 10000.0);
}

static long long cpp_at31(size_t i, int y)
{
	return round_pos(csc_rate(i, y, cpp_england, T_CPP, T_CPP_Y, 0.2) *
			 (double)child_pop(i, y - 1) / 10000.0);
}

enum cin_col { AP_EP, AP_CH, ST_EP, ST_CH, EN_EP, EN_CH, AT31, AWAIT, NCIN };

static void cin_cells(size_t i, int y, long long *v)
{
	int num = las[i].num;
	double u = unif(num, T_CIN_FLOW, y);

	v[AT31] = cin_at31(i, y);
	v[AP_EP] = round_pos((double)v[AT31] * (1.85 + 0.1 * u));
	v[AP_CH] = round_pos((double)v[AP_EP] * 0.935);
	v[ST_EP] = round_pos((double)v[AT31] * (0.98 + 0.1 * u));
	v[ST_CH] = round_pos((double)v[ST_EP] * 0.94);
	v[EN_EP] = v[AP_EP] - v[AT31];	/* open at any point, not at the end */
	v[EN_CH] = round_pos((double)v[EN_EP] * 0.945);
	v[AWAIT] = round_pos((double)v[AT31] * 0.04 *
			     (1.0 + 0.5 * unif(num, T_CIN_FLOW, y + 5000)));
}

/* The file name says the year before the first, as DfE's does
 * (b1_children_in_need_2013_to_2025.csv holds 2014 to 2025). */
static void csc_name(char *buf, size_t n, const char *stem)
{
	snprintf(buf, n, "dfe/%s_%d_to_%d.csv", stem,
		 series_first(CSC_FIRST, CSC_LAST) - 1, CSC_LAST);
}

static int write_b1(const char *dir)
{
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_SPLIT), k, i;
	char name[80];
	struct out o;
	int y, c, ret;

	csc_name(name, sizeof(name), "b1_children_in_need");
	ret = out_open(&o, dir, name);
	if (ret != 0)
		return ret;
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,new_la_code,"
	      "la_name,category,Anypoint_episodes,Anypoint_child,"
	      "Started_episodes,Started_child,Ended_episodes,Ended_child,"
	      "At31_episodes,awaiting_assessment\n", o.f);
	for (y = CSC_LAST; y >= series_first(CSC_FIRST, CSC_LAST); y--) {
		char per[24];

		put_year(per, sizeof(per), y);
		for (k = 0; k < ng; k++) {
			long long v[NCIN] = { 0 }, w[NCIN];

			if (g[k].kind == GEO_LA && !la_published(g[k].i, y - 1))
				continue;
			for (i = 0; i < NLA; i++) {
				if (!geo_has(&g[k], i))
					continue;
				cin_cells(i, y, w);
				for (c = 0; c < NCIN; c++)
					v[c] += w[c];
			}
			put_geo(o.f, per, "Reporting year", &g[k],
				&plain_split);
			fputs(",Children in Need", o.f);
			for (c = 0; c < NCIN; c++) {
				putc(',', o.f);
				put_count(o.f, &g[k], v[c]);
			}
			putc('\n', o.f);
		}
	}
	return out_close(&o);
}

/* ---- child protection plans at 31 March, by duration ----------------- */

#define NDUR	5

static void cpp_cells(size_t i, int y, long long *total, long long *band)
{
	static const double share[NDUR] = { 0.315, 0.255, 0.263, 0.144,
					    0.023 };
	double w[NDUR];
	int k;

	*total = cpp_at31(i, y);
	for (k = 0; k < NDUR; k++)
		w[k] = share[k] *
		       (1.0 + 0.25 * unif(las[i].num, T_CPP_DUR, y * 10 + k));
	apportion(*total, w, NDUR, band);
}

static int write_d5(const char *dir)
{
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_SPLIT), k, i;
	char name[80];
	struct out o;
	int y, b, ret;

	csc_name(name, sizeof(name), "d5_cpps_at31march_by_duration");
	ret = out_open(&o, dir, name);
	if (ret != 0)
		return ret;
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,new_la_code,"
	      "la_name,category,CPP_At31,3_months_or_less,"
	      "3_months_or_less_percent,more_than_3_months_6_months,"
	      "more_than_3_months_6_months_percent,"
	      "more_than_6_months_less_than_1_year,"
	      "more_than_6_months_less_than_1_year_percent,"
	      "1_year_less_than_2_years,1_year_less_than_2_years_percent,"
	      "2_years_or_more,2_years_or_more_percent\n", o.f);
	for (y = CSC_LAST; y >= series_first(CSC_FIRST, CSC_LAST); y--) {
		char per[24];

		put_year(per, sizeof(per), y);
		for (k = 0; k < ng; k++) {
			long long tot = 0, band[NDUR] = { 0 }, t, bb[NDUR];
			int supp[NDUR] = { 0 }, nsupp = 0, least = -1;

			if (g[k].kind == GEO_LA && !la_published(g[k].i, y - 1))
				continue;
			for (i = 0; i < NLA; i++) {
				if (!geo_has(&g[k], i))
					continue;
				cpp_cells(i, y, &t, bb);
				tot += t;
				for (b = 0; b < NDUR; b++)
					band[b] += bb[b];
			}
			/* Small bands are suppressed, and when only one
			 * is, the next smallest too, so that neither can
			 * be worked out from the total. */
			for (b = 0; b < NDUR; b++)
				if (small(&g[k], band[b]) ||
				    small(&g[k], tot)) {
					supp[b] = 1;
					nsupp++;
				}
			for (b = 0; nsupp == 1 && b < NDUR; b++)
				if (!supp[b] && band[b] > 0 &&
				    (least < 0 || band[b] < band[least]))
					least = b;
			if (least >= 0)
				supp[least] = 1;
			put_geo(o.f, per, "Reporting year", &g[k], &d5_style);
			fputs(",Child Protection Plans by length of time,",
			      o.f);
			put_count(o.f, &g[k], tot);
			for (b = 0; b < NDUR; b++) {
				if (supp[b]) {
					fputs(",c,c", o.f);
					continue;
				}
				putc(',', o.f);
				put_count(o.f, &g[k], band[b]);
				putc(',', o.f);
				if (tot)
					put_pct(o.f, band[b], tot, 1);
				else
					putc('z', o.f);
			}
			putc('\n', o.f);
		}
	}
	return out_close(&o);
}

/* ---- outcomes of children looked after for 12 months ------------------ */

#define OUT_FIRST	2021
#define OUT_LAST	2025

enum outcome {
	O_HA, O_IMM, O_DENT, O_T12, O_SDQ_C, O_SDQ_B, O_SDQ_N, O_SDQ_R,
	O_T516, NOUT
};

static long long cla_stock(size_t i, int y)
{
	return model[i].cla[y - CLA_MIN][CLA_STOCK];
}

/* v[]: the counts; *score10: the SDQ average times the number with a
 * score, in tenths, so that averages over areas are weighted. */
static void outcome_cells(size_t i, int y, long long *v, long long *score10)
{
	/* Teeth checked: few in 2021 (the pandemic), and before it (the
	 * national data set's earlier years) about as many as now. */
	static const double dental[] = { 0.40, 0.70, 0.79, 0.81, 0.82 };
	double teeth = y < OUT_FIRST ? 0.84 : trend(dental, OUT_FIRST, 5, y);
	int num = las[i].num;
	double e = clamp(gauss(num, T_HEALTH), -2.2, 2.2);
	double s = clamp(gauss(num, T_SDQ), -2.2, 2.2);
	double p, concern, border;
	long long avg10;

	v[O_T12] = round_pos((double)cla_stock(i, y) *
			     (0.70 + 0.05 * unif(num, T_CLA12, y)));
	p = clamp(0.90 + 0.035 * e + 0.02 * unif(num, T_HEALTH_Y, y) -
		  (y == 2021 ? 0.03 : 0.0), 0.5, 1.0);
	v[O_HA] = round_pos((double)v[O_T12] * p);
	p = clamp(0.85 + 0.04 * e + 0.02 * unif(num, T_HEALTH_Y, y + 100),
		  0.5, 1.0);
	v[O_IMM] = round_pos((double)v[O_T12] * p);
	p = clamp(teeth + 0.05 * e +
		  0.03 * unif(num, T_HEALTH_Y, y + 200), 0.15, 1.0);
	v[O_DENT] = round_pos((double)v[O_T12] * p);
	v[O_T516] = round_pos((double)v[O_T12] *
			      (0.62 + 0.03 * unif(num, T_SDQ_Y, y)));
	p = clamp(0.78 + 0.07 * s + 0.03 * unif(num, T_SDQ_Y, y + 100),
		  0.3, 0.98);
	v[O_SDQ_R] = round_pos((double)v[O_T516] * p);
	concern = clamp(0.40 + 0.04 * gauss(num, SUBTAG(T_SDQ, 1)) +
			0.03 * unif(num, T_SDQ_Y, y + 200), 0.2, 0.6);
	border = 0.12 + 0.02 * unif(num, T_SDQ_Y, y + 300);
	v[O_SDQ_C] = round_pos((double)v[O_SDQ_R] * concern);
	v[O_SDQ_B] = round_pos((double)v[O_SDQ_R] * border);
	v[O_SDQ_N] = v[O_SDQ_R] - v[O_SDQ_C] - v[O_SDQ_B];
	avg10 = round_pos(149.0 + 100.0 * (concern - 0.40) +
			  6.0 * unif(num, T_SDQ_Y, y + 400));
	*score10 = avg10 * v[O_SDQ_R];
}

static void outcome_row(FILE *f, const char *per, const struct geo *g,
			const char *ch, const char *br, long long n,
			long long of, int total)
{
	put_geo(f, per, "Reporting year", g, &name_first);
	fprintf(f, ",%s,", ch);
	put_field(f, br);
	putc(',', f);
	if (of == 0) {
		fputs(total ? "0,z\n" : "z,z\n", f);
		return;
	}
	if (small(g, n)) {
		fputs("c,c\n", f);
		return;
	}
	put_count(f, g, n);
	putc(',', f);
	if (total)
		fputs("100", f);
	else
		put_pct(f, n, of, 0);
	putc('\n', f);
}

static int write_outcomes(const char *dir)
{
	static const char *const health = "Health assessments: Children "
					  "looked after all ages";
	static const char *const sdq = "Ages 5 to 16 years with SDQ score";
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_SPLIT), k, i;
	struct out o;
	int y, c, ret;

	ret = out_open(&o, dir, "dfe/la_conviction_health_outcome_cla.csv");
	if (ret != 0)
		return ret;
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,la_name,"
	      "new_la_code,characteristic,breakdown,children_count,"
	      "children_percent\n", o.f);
	for (y = OUT_LAST; y >= series_first(OUT_FIRST, OUT_LAST); y--) {
		char per[24];

		put_year(per, sizeof(per), y);
		for (k = 0; k < ng; k++) {
			long long v[NOUT] = { 0 }, w[NOUT], sc = 0, s;

			if (g[k].kind == GEO_LA && !la_published(g[k].i, y - 1))
				continue;
			for (i = 0; i < NLA; i++) {
				if (!geo_has(&g[k], i))
					continue;
				outcome_cells(i, y, w, &s);
				for (c = 0; c < NOUT; c++)
					v[c] += w[c];
				sc += s;
			}
			outcome_row(o.f, per, &g[k], health,
				    "Had their annual health assessment",
				    v[O_HA], v[O_T12], 0);
			outcome_row(o.f, per, &g[k], health,
				    "Had their immunisations up to date",
				    v[O_IMM], v[O_T12], 0);
			outcome_row(o.f, per, &g[k], health,
				    "Had their teeth checked by a dentist",
				    v[O_DENT], v[O_T12], 0);
			outcome_row(o.f, per, &g[k], health, "Total all ages",
				    v[O_T12], v[O_T12], 1);
			outcome_row(o.f, per, &g[k], sdq,
				    "SDQ score is a cause for concern",
				    v[O_SDQ_C], v[O_SDQ_R], 0);
			outcome_row(o.f, per, &g[k], sdq,
				    "SDQ score is borderline", v[O_SDQ_B],
				    v[O_SDQ_R], 0);
			outcome_row(o.f, per, &g[k], sdq,
				    "SDQ score is normal", v[O_SDQ_N],
				    v[O_SDQ_R], 0);
			outcome_row(o.f, per, &g[k], sdq,
				    "SDQ score was received", v[O_SDQ_R],
				    v[O_T516], 0);
			outcome_row(o.f, per, &g[k], sdq,
				    "Total ages 5 to 16 years", v[O_T516],
				    v[O_T516], 1);
			/* The average score sits in children_count. */
			put_geo(o.f, per, "Reporting year", &g[k], &name_first);
			fprintf(o.f, ",%s,SDQ average score,", sdq);
			if (v[O_SDQ_R] == 0)
				fputs("z,z\n", o.f);
			else if (small(&g[k], v[O_SDQ_R]))
				fputs("c,z\n", o.f);
			else {
				put_scaled(o.f, div_half_up(sc, v[O_SDQ_R]),
					   1, 1);
				fputs(",z\n", o.f);
			}
		}
	}
	return out_close(&o);
}

/* ---- looked after on 31 March, by age and placement location ---------- */

#define CHAR_FIRST	2021
#define CHAR_LAST	2025
#define NAGEB		5

static const char *const age_band[NAGEB] = {
	"Under 1 year", "1 to 4 years", "5 to 9 years", "10 to 15 years",
	"16 years and over"
};

static void char_cells(size_t i, int y, long long *age, long long *inside,
		       long long *outside)
{
	static const double share[NAGEB] = { 0.05, 0.13, 0.17, 0.38, 0.27 };
	int num = las[i].num, k;
	long long n = cla_stock(i, y);
	double w[NAGEB], out;

	for (k = 0; k < NAGEB; k++) {
		double z = clamp(gauss(num, SUBTAG(T_CLAAGE, k)), -2, 2);

		w[k] = share[k] * (1.0 + 0.15 * z +
				   0.1 * unif(num, T_CLAAGE_Y, y * 10 + k));
	}
	apportion(n, w, NAGEB, age);
	out = clamp(0.42 + 0.09 * gauss(num, T_OUTSIDE) +
		    (las[i].lon != LON_NONE ? 0.15 : 0.0) +
		    0.004 * (y - CHAR_LAST) +
		    0.03 * unif(num, T_OUTSIDE_Y, y), 0.12, 0.85);
	*outside = round_pos((double)n * out);
	*inside = n - *outside;
}

/* One group's rows: its categories, suppressed as DfE does (small counts,
 * and the next smallest when only one would be), then its total. */
static void char_group(FILE *f, const char *per, const struct geo *g,
		       const char *group, const char *const *names,
		       const long long *n, int cats, long long total)
{
	int supp[NAGEB] = { 0 }, nsupp = 0, least = -1, k;

	for (k = 0; k < cats; k++)
		if (small(g, n[k])) {
			supp[k] = 1;
			nsupp++;
		}
	if (nsupp == 1) {
		for (k = 0; k < cats; k++)
			if (!supp[k] && n[k] > 0 &&
			    (least < 0 || n[k] < n[least]))
				least = k;
		if (least >= 0)
			supp[least] = 1;
	}
	for (k = 0; k <= cats; k++) {
		long long v = k < cats ? n[k] : total;

		put_geo(f, per, "Reporting year", g, &name_first);
		fprintf(f, ",%s,%s,", group, k < cats ? names[k] : "Total");
		if (k < cats && supp[k]) {
			fputs("c,c\n", f);
			continue;
		}
		put_count(f, g, v);
		putc(',', f);
		if (total == 0)
			putc('z', f);
		else
			put_pct(f, v, total, 0);
		putc('\n', f);
	}
}

static int write_characteristics(const char *dir)
{
	static const char *const place[2] = {
		"Placed inside the local authority boundary",
		"Placed outside the local authority boundary"
	};
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_SPLIT), k, i;
	struct out o;
	int y, b, ret;

	ret = out_open(&o, dir, "dfe/la_children_looked_after_at_31_march_"
		     "by_characteristics.csv");
	if (ret != 0)
		return ret;
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,la_name,"
	      "new_la_code,cla_group,characteristic,number,percentage\n", o.f);
	for (y = CHAR_LAST; y >= series_first(CHAR_FIRST, CHAR_LAST); y--) {
		char per[24];

		put_year(per, sizeof(per), y);
		for (k = 0; k < ng; k++) {
			long long age[NAGEB] = { 0 }, loc[2] = { 0 }, tot = 0;
			long long a[NAGEB], in, out;

			if (g[k].kind == GEO_LA && !la_published(g[k].i, y - 1))
				continue;
			for (i = 0; i < NLA; i++) {
				if (!geo_has(&g[k], i))
					continue;
				char_cells(i, y, a, &in, &out);
				for (b = 0; b < NAGEB; b++)
					age[b] += a[b];
				loc[0] += in;
				loc[1] += out;
				tot += cla_stock(i, y);
			}
			char_group(o.f, per, &g[k], "Age group", age_band, age,
				   NAGEB, tot);
			char_group(o.f, per, &g[k], "Placement location",
				   place, loc, 2, tot);
		}
	}
	return out_close(&o);
}

/* ---- Key Stage 4 of children in need, on plans, looked after ---------- */

#define KSC_FIRST	2019	/* academic year 2018/19 */
#define KSC_LAST	2025
#define NSCG		3

static const char *const scg_name[NSCG] = {
	"CINO at 31 March", "CLA 12 months at 31 March", "CPPO at 31 March"
};

enum ksc_col {
	K_PUP, K_ATT8, K_B95, K_B94, K_EBE, K_EBAPS, K_INP8, K_P8, NKSC
};

/* Attainment 8 of each group, by academic year ending 2019 .. 2025. */
static const double ksc_att8[NSCG][7] = {
	{ 19.3, 21.5, 22.9, 20.6, 18.4, 17.7, 17.3 },
	{ 19.0, 21.3, 23.2, 20.9, 18.6, 17.9, 17.3 },
	{ 19.1, 21.9, 22.9, 20.4, 18.0, 17.2, 16.9 },
};

/* No Progress 8 before 2016 (it was new then), in 2020 and 2021 (no
 * exams) and 2025 (no KS2 baseline). */
static int p8_published(int y)
{
	return y >= 2016 && y != 2020 && y != 2021 && y != 2025;
}

/* Attainment 8 of a group; years before the table's are its first. */
static double ksc_att8_of(int grp, int y)
{
	return trend(ksc_att8[grp], KSC_FIRST, 7, y);
}

/* t_att8 in eighths of a point, t_p8score in thousandths, t_ebaccaps in
 * hundredths; the rest are pupils. */
static void ksc_cells(size_t i, int y, int grp, long long *v)
{
	int num = las[i].num, tg = SUBTAG(T_KS4SC, grp);
	int yk = y * 100 + grp * 10;	/* this year's draws of the group */
	double base, a8, share, p94, p8;
	long long n;

	if (grp == 0)
		base = (double)cin_at31(i, y) * 0.033;
	else if (grp == 1)
		base = (double)cla_stock(i, y) * 0.075;
	else
		base = (double)cpp_at31(i, y) * 0.044;
	n = v[K_PUP] = round_pos(base *
				 (1.0 + 0.12 * unif(num, T_KS4SC_Y, yk)));
	a8 = clamp(ksc_att8_of(grp, y) +
		   2.0 * clamp(gauss(num, tg), -2.2, 2.2) +
		   1.5 * unif(num, T_KS4SC_Y, yk + 3), 6.0, 40.0);
	v[K_ATT8] = round_pos(a8 * (double)n * 8.0);
	p94 = clamp((a8 - 10.0) / 45.0 +
		    0.02 * unif(num, T_KS4SC_Y, yk + 6), 0.02, 0.6);
	v[K_B94] = round_pos((double)n * p94);
	v[K_B95] = round_pos((double)v[K_B94] * 0.52);
	share = clamp(0.09 + (a8 - 18.0) * 0.006, 0.02, 0.3);
	v[K_EBE] = round_pos((double)n * share);
	v[K_EBAPS] = round_pos((a8 / 12.3) * (double)n * 100.0);
	v[K_INP8] = round_pos((double)n * 0.84);
	p8 = -1.45 + 0.04 * (a8 - ksc_att8_of(grp, y)) -
	     0.12 * (grp == 2) + 0.1 * unif(num, T_KS4SC_Y, yk + 9);
	v[K_P8] = p8_published(y) ?
		  round_away(p8 * (double)v[K_INP8] * 1000.0) : 0;
}

/* x for not published, c for small, else the pupils, rounded to 10 above
 * authority level. */
static void ksc_count(FILE *f, const struct geo *g, long long n)
{
	putc(',', f);
	if (small(g, n))
		putc('c', f);
	else
		put_count(f, g, n);
}

static void ksc_pct(FILE *f, const struct geo *g, long long n, long long of)
{
	putc(',', f);
	if (small(g, n))
		putc('c', f);
	else
		put_pct(f, n, of, 1);
}

static void ksc_row(FILE *f, const struct geo *g, const long long *v, int y)
{
	long long n = v[K_PUP], h;

	if (n == 0) {
		fputs(",0,z,z,z,z,z,z,z,z,z,z,z,z,z,z,z\n", f);
		return;
	}
	putc(',', f);
	put_count(f, g, n);
	if (n < SUPPRESS_BELOW && g->kind == GEO_LA) {
		fputs(",c,c,c,c,c,c,c,c,c,c,c,c,c,c,c\n", f);
		return;
	}
	/* t_att8: eighths to hundredths, half up; avg_att8 from them. */
	h = (v[K_ATT8] * 25 + 1) / 2;
	putc(',', f);
	put_scaled(f, h, 2, 1);
	putc(',', f);
	put_scaled(f, div_half_up(h, n * 10), 1, 1);
	ksc_count(f, g, v[K_B95]);
	ksc_pct(f, g, v[K_B95], n);
	ksc_count(f, g, v[K_B94]);
	ksc_pct(f, g, v[K_B94], n);
	ksc_count(f, g, v[K_EBE]);
	ksc_pct(f, g, v[K_EBE], n);
	putc(',', f);
	put_scaled(f, v[K_EBAPS], 2, 1);
	putc(',', f);
	put_scaled(f, div_half_up(v[K_EBAPS], n), 2, 1);
	if (!p8_published(y)) {
		fputs(",x,x,x,x,x\n", f);
		return;
	}
	if (v[K_INP8] < SUPPRESS_BELOW && g->kind == GEO_LA) {
		fputs(",c,c,c,c,c\n", f);
		return;
	}
	{
		long long m = v[K_INP8];
		double avg = (double)v[K_P8] / 1000.0 / (double)m;
		double hw = 1.96 * 1.4 / sqrt((double)m);

		putc(',', f);
		put_count(f, g, m);
		putc(',', f);
		put_scaled(f, v[K_P8], 3, 1);
		putc(',', f);
		put_scaled(f, div_half_away(v[K_P8], m * 10), 2, 1);
		putc(',', f);
		put_scaled(f, round_away((avg - hw) * 100.0), 2, 1);
		putc(',', f);
		put_scaled(f, round_away((avg + hw) * 100.0), 2, 1);
		putc('\n', f);
	}
}

static int write_ks4_social_care(const char *dir)
{
	static const char *const version[] = {
		"Final", "Revised", "Revised", "Final", "Final", "Final",
		"Revised"
	};
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_SPLIT), k, i;
	struct out o;
	int y, grp, c, ret;

	ret = out_open(&o, dir, "dfe/ks4_la.csv");
	if (ret != 0)
		return ret;
	fputs("\xEF\xBB\xBF", o.f);
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,la_name,"
	      "new_la_code,social_care_group,version,t_pupils,t_att8,avg_att8,"
	      "t_l2basics_95,pt_l2basics_95,t_l2basics_94,pt_l2basics_94,"
	      "t_ebacc_e_ptq_ee,pt_ebacc_e_ptq_ee,t_ebaccaps,avg_ebaccaps,"
	      "t_inp8calc,t_p8score,avg_p8score,p8score_CI_low,"
	      "p8score_CI_upp\n", o.f);
	for (y = KSC_LAST; y >= series_first(KSC_FIRST, KSC_LAST); y--) {
		char per[24];

		snprintf(per, sizeof(per), "%d%02d", y - 1, y % 100);
		for (k = 0; k < ng; k++) {
			if (g[k].kind == GEO_LA && !la_published(g[k].i, y - 1))
				continue;
			for (grp = 0; grp < NSCG; grp++) {
				long long v[NKSC] = { 0 }, w[NKSC];

				for (i = 0; i < NLA; i++) {
					if (!geo_has(&g[k], i))
						continue;
					ksc_cells(i, y, grp, w);
					for (c = 0; c < NKSC; c++)
						v[c] += w[c];
				}
				put_geo(o.f, per, "Academic year", &g[k],
					&name_first);
				fprintf(o.f, ",%s,%s", scg_name[grp],
					y < KSC_FIRST ? "Final" :
					version[y - KSC_FIRST]);
				ksc_row(o.f, &g[k], v, y);
			}
		}
	}
	return out_close(&o);
}

/* LAIT's CIN and CPP_rate (which 0, 1: rates per 10,000 in tenths), LACnum
 * and LAC (2, 3: the looked-after count, to the nearest 10 above authority
 * level, and its whole-number rate), reporting year y; 0 where the EES
 * files show no value. */
int csc_lait(const struct geo *g, int y, int which, long long *v)
{
	long long n = 0, pop = 0;
	size_t i;

	if (y < series_first(CSC_FIRST, CSC_LAST) || y > CSC_LAST)
		return 0;
	if (g->kind == GEO_LA && !la_published(g->i, y - 1))
		return 0;
	for (i = 0; i < NLA; i++) {
		if (!geo_has(g, i))
			continue;
		n += which == 0 ? cin_at31(i, y) : which == 1 ? cpp_at31(i, y) :
		     cla_stock(i, y);
		pop += child_pop(i, y - 1);
	}
	if (small(g, n) || !pop)
		return 0;
	if (which == 2)
		*v = g->kind == GEO_LA ? n : round10(n);
	else if (which == 3)
		*v = div_half_up(n * 10000, pop);
	else
		*v = div_half_up(n * 100000, pop);
	return 1;
}

int write_csc(const char *dir)
{
	if (write_b1(dir) < 0 || write_d5(dir) < 0 ||
	    write_outcomes(dir) < 0 || write_characteristics(dir) < 0 ||
	    write_ks4_social_care(dir) < 0)
		return -1;
	return 0;
}
