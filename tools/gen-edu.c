/* gen-edu.c - education: the Early Years Foundation Stage Profile
 * headline measures (one file per year), Key Stage 2 and Key Stage 4
 * attainment by free school meals and SEN, the NCCIS NEET dashboards (one
 * file per year), the take-up of funded early education by two-year-olds,
 * and Ofsted's judgements of early years providers.
 *
 * Each authority's results come from England's path, its own level (lower
 * where deprivation is higher) and a gap between pupils eligible for free
 * school meals and the rest; the groups are split so that they add up:
 * the FSM and non-FSM pupils (and those meeting a standard) sum to the
 * total, and so do the three SEN groups.
 */
#include <math.h>
#include <string.h>

#include "gen-sample.h"

static const struct ees_style eyfs_style = {
	LONDON_SPLIT, ORDER_OLD_NEW_NAME, 0
};
static const struct ees_style ks2_style = {
	LONDON_SPLIT, ORDER_OLD_NAME_NEW, 0
};
static const struct ees_style region_style = {
	LONDON_REGION, ORDER_OLD_NEW_NAME, 0
};

static void academic(char *buf, size_t n, int y)
{
	snprintf(buf, n, "%d%02d", y - 1, y % 100);
}

static int no_exams(int y)
{
	return y == 2020 || y == 2021;
}

/* ---- pupils split into groups that add up ---------------------------- */

/* Groups of the attainment files (enum edu_group), in the order they are
 * written. */

/* For one authority and year: the pupils of each group, and an amount
 * per group (pupils meeting a standard, or points in some unit) such that
 * FSM + non-FSM and the three SEN groups each add up to the total. */
struct split {
	long long n[NGRP];
	long long amt[NGRP];
};

struct split_in {
	long long n;		/* pupils */
	double fsm, ehc, sup;	/* shares of the pupils */
	double total;		/* mean per pupil: all pupils */
	double gap;		/* non-FSM mean minus FSM mean */
	double m_ehc, m_sup;	/* means of the two SEN groups */
	double scale;		/* amount units per mean unit */
	double lo, hi;		/* bounds of the mean per pupil */
};

static long long amount(long long n, double mean, double scale)
{
	return round_away((double)n * mean * scale);
}

/* Keeps a derived amount within what n pupils can have, moving the rest
 * to a partner group. */
static void bound(long long *a, long long *partner, long long n,
		  const struct split_in *in)
{
	long long lo = amount(n, in->lo, in->scale);
	long long hi = amount(n, in->hi, in->scale);

	if (*a > hi) {
		*partner += *a - hi;
		*a = hi;
	} else if (*a < lo) {
		*partner -= lo - *a;
		*a = lo;
	}
}

static void split_groups(const struct split_in *in, struct split *s)
{
	double m_non = in->total + in->fsm * in->gap;
	double m_fsm = clamp(m_non - in->gap, in->lo, in->hi);

	s->n[G_TOTAL] = in->n;
	s->n[G_FSM] = round_pos((double)in->n * in->fsm);
	s->n[G_NONFSM] = in->n - s->n[G_FSM];
	s->n[G_EHC] = round_pos((double)in->n * in->ehc);
	s->n[G_SUPPORT] = round_pos((double)in->n * in->sup);
	s->n[G_NOSEN] = in->n - s->n[G_EHC] - s->n[G_SUPPORT];
	s->amt[G_TOTAL] = amount(in->n, clamp(in->total, in->lo, in->hi),
				 in->scale);
	s->amt[G_FSM] = amount(s->n[G_FSM], m_fsm, in->scale);
	s->amt[G_NONFSM] = s->amt[G_TOTAL] - s->amt[G_FSM];
	bound(&s->amt[G_NONFSM], &s->amt[G_FSM], s->n[G_NONFSM], in);
	s->amt[G_EHC] = amount(s->n[G_EHC], clamp(in->m_ehc, in->lo, in->hi),
			       in->scale);
	s->amt[G_SUPPORT] = amount(s->n[G_SUPPORT],
				   clamp(in->m_sup, in->lo, in->hi),
				   in->scale);
	s->amt[G_NOSEN] = s->amt[G_TOTAL] - s->amt[G_EHC] -
			  s->amt[G_SUPPORT];
	bound(&s->amt[G_NOSEN], &s->amt[G_SUPPORT], s->n[G_NOSEN], in);
	/* The FSM move above may have left FSM outside its bounds only
	 * when the whole authority is; the total is then what it is. */
	s->amt[G_TOTAL] = s->amt[G_FSM] + s->amt[G_NONFSM];
	s->amt[G_NOSEN] = s->amt[G_TOTAL] - s->amt[G_EHC] -
			  s->amt[G_SUPPORT];
}

/* ---- early years foundation stage profile ----------------------------- */

#define EY_FIRST	2014
#define EY_LAST		2025

static const double eyfs_gld[] = {	/* England, academic years ending */
	60.4, 66.3, 69.3, 70.7, 71.5, 71.8, 71.8, 71.8, 65.2, 67.2, 67.7,
	68.3
};
static const double eyfs_fsm[] = {	/* share of pupils known eligible */
	0.155, 0.145, 0.14, 0.135, 0.135, 0.145, 0.16, 0.17, 0.183, 0.20,
	0.21, 0.215
};
static const double eyfs_gap[] = {
	19.0, 18.3, 18.0, 17.6, 17.5, 17.8, 18.0, 18.0, 19.7, 20.5, 20.2,
	20.0
};

struct eyfs {
	struct split gld;
	long long comm[NGRP], elg[NGRP];
	long long elgs10n[NGRP];	/* average ELGs in tenths, times n */
};

/* The authority's effect on attainment, shared by the key stages. */
static double edu_effect(size_t i)
{
	return 2.2 * clamp(gauss(las[i].num, T_EDU), -2.2, 2.2) -
	       1.1 * dep_index(i);
}

static double fsm_share(size_t i, double england)
{
	return clamp(england * (1.0 + 0.45 * dep_index(i) +
				0.1 * gauss(las[i].num, T_FSM)),
		     0.03, 0.5);
}

static void eyfs_la(size_t i, int y, struct eyfs *e)
{
	int num = las[i].num, k;
	double t = y - 2015.0;
	struct split_in in;
	long long p[NAGE];

	pop_ages(i, y - 1, p);
	in.n = round_pos((double)p[4] * 0.955);
	in.fsm = fsm_share(i, trend(eyfs_fsm, EY_FIRST, 12, y));
	in.ehc = clamp((0.013 + 0.0016 * t) *
		       (1.0 + 0.25 * gauss(num, T_SEN)), 0.004, 0.06);
	in.sup = clamp((0.075 + 0.001 * t) *
		       (1.0 + 0.2 * gauss(num, SUBTAG(T_SEN, 1))), 0.03, 0.16);
	in.total = (trend(eyfs_gld, EY_FIRST, 12, y) + edu_effect(i) +
		    0.9 * unif(num, T_EYFS_Y, y)) / 100.0;
	in.gap = clamp(trend(eyfs_gap, EY_FIRST, 12, y) +
		       2.5 * gauss(num, T_FSMGAP) +
		       unif(num, T_EYFS_Y, y + 100), 9.0, 31.0) / 100.0;
	in.m_ehc = (3.8 + 2.0 * unif(num, T_EYFS_Y, y + 200)) / 100.0;
	in.m_sup = (23.0 + 3.0 * gauss(num, T_SENGAP) +
		    2.0 * unif(num, T_EYFS_Y, y + 300)) / 100.0;
	in.scale = 1.0;
	in.lo = 0.0;
	in.hi = 1.0;
	split_groups(&in, &e->gld);
	for (k = 0; k < NGRP; k++) {
		long long n = e->gld.n[k], g = e->gld.amt[k];
		double share = n ? (double)g / (double)n : 0.0;
		double avg = 17.4 * sqrt(share);

		e->comm[k] = g + round_pos((double)(n - g) * 0.06);
		e->elg[k] = g - round_pos((double)g * 0.03);
		e->elgs10n[k] = round_pos((avg > 17.0 ? 17.0 : avg) * 10.0) *
				n;
	}
	/* The comm. and ELG counts of the total add up across each split. */
	e->comm[G_NONFSM] = e->comm[G_TOTAL] - e->comm[G_FSM];
	e->comm[G_NOSEN] = e->comm[G_TOTAL] - e->comm[G_EHC] -
			   e->comm[G_SUPPORT];
	e->elg[G_NONFSM] = e->elg[G_TOTAL] - e->elg[G_FSM];
	e->elg[G_NOSEN] = e->elg[G_TOTAL] - e->elg[G_EHC] - e->elg[G_SUPPORT];
	e->elgs10n[G_TOTAL] = e->elgs10n[G_FSM] + e->elgs10n[G_NONFSM];
}

static void eyfs_geo(const struct geo *g, int y, struct eyfs *sum)
{
	struct eyfs e;
	size_t i;
	int k;

	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < NLA; i++) {
		if (!geo_has(g, i))
			continue;
		eyfs_la(i, y, &e);
		for (k = 0; k < NGRP; k++) {
			sum->gld.n[k] += e.gld.n[k];
			sum->gld.amt[k] += e.gld.amt[k];
			sum->comm[k] += e.comm[k];
			sum->elg[k] += e.elg[k];
			sum->elgs10n[k] += e.elgs10n[k];
		}
	}
}

/* EYFSP writes its percentages with six decimals: 47.600000. */
static void put_pct6(FILE *f, long long num, long long den)
{
	putc(',', f);
	if (!den) {
		putc('z', f);
		return;
	}
	put_scaled(f, pct_scaled(num, den, 1), 1, 0);
	fputs("00000", f);
}

static const char *const eyfs_char[NGRP][2] = {
	{ "Total", "Total" },
	{ "Free school meal eligibility",
	  "Known to be eligible for free school meals" },
	{ "Free school meal eligibility",
	  "Not known to be eligible for free school meals" },
	{ "SEN provision", "No identified SEN" },
	{ "SEN provision", "SEN support" },
	{ "SEN provision", "EHC plan" },
};

static int write_eyfs_year(const char *dir, int y)
{
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_SPLIT), k;
	char name[64], per[24];
	struct out o;
	int c, ret;

	snprintf(name, sizeof(name),
		 "dfe/eyfsp/1_eyfsp_headline_measures_%d.csv", y);
	academic(per, sizeof(per), y);
	ret = out_open(&o, dir, name);
	if (ret != 0)
		return ret;
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,new_la_code,"
	      "la_name,lad_code,lad_name,characteristic,characteristic_type,"
	      "gender,children_number,average_elgs,elg_number,elg_percentage,"
	      "comm_lang_lit_number,comm_lang_lit_percentage,gld_number,"
	      "gld_percentage\n", o.f);
	for (k = 0; k < ng; k++) {
		struct eyfs e;

		if (g[k].kind == GEO_LA && !la_published(g[k].i, y - 1))
			continue;
		eyfs_geo(&g[k], y, &e);
		for (c = 0; c < NGRP; c++) {
			long long n = e.gld.n[c];

			put_geo(o.f, per, "Academic year", &g[k], &eyfs_style);
			/* The type sits in characteristic, the value in
			 * characteristic_type, as DfE wrote them. */
			fprintf(o.f, ",,,%s,%s,Total,%lld", eyfs_char[c][0],
				eyfs_char[c][1], n);
			if (n) {
				putc(',', o.f);
				put_scaled(o.f, div_half_up(e.elgs10n[c], n),
					   1, 0);
				fputs("00000", o.f);
			} else {
				fputs(",z", o.f);
			}
			fprintf(o.f, ",%lld", e.elg[c]);
			put_pct6(o.f, e.elg[c], n);
			fprintf(o.f, ",%lld", e.comm[c]);
			put_pct6(o.f, e.comm[c], n);
			fprintf(o.f, ",%lld", e.gld.amt[c]);
			put_pct6(o.f, e.gld.amt[c], n);
			putc('\n', o.f);
		}
	}
	return out_close(&o);
}

/* The published GLD percentage of a group, in tenths (LAIT's FSP_*). */
int eyfs_lait(const struct geo *g, int y, int grp, long long *v)
{
	struct eyfs e;

	if (y < series_first(EY_FIRST, EY_LAST) || y > EY_LAST || no_exams(y))
		return 0;
	if (g->kind == GEO_LA && !la_published(g->i, y - 1))
		return 0;
	eyfs_geo(g, y, &e);
	if (!e.gld.n[grp])
		return 0;
	*v = pct_scaled(e.gld.amt[grp], e.gld.n[grp], 1);
	return 1;
}

/* The published percentage at the expected level in communication and
 * language (LAIT's FSP_NEW_COMMS), in tenths. */
int eyfs_comm_lait(const struct geo *g, int y, long long *v)
{
	struct eyfs e;

	if (y < series_first(EY_FIRST, EY_LAST) || y > EY_LAST || no_exams(y))
		return 0;
	if (g->kind == GEO_LA && !la_published(g->i, y - 1))
		return 0;
	eyfs_geo(g, y, &e);
	if (!e.gld.n[G_TOTAL])
		return 0;
	*v = pct_scaled(e.comm[G_TOTAL], e.gld.n[G_TOTAL], 1);
	return 1;
}

/* ---- key stage 2 ------------------------------------------------------- */

#define KS2_FIRST	2016
#define KS2_LAST	2025

static const double ks2_rwm[] = {	/* 2016 .. 2025 */
	53, 61, 64, 65, 65, 65, 59, 60, 61, 62
};
static const double ks2_fsm[] = {
	0.16, 0.15, 0.145, 0.155, 0.17, 0.19, 0.225, 0.24, 0.25, 0.255
};
static const double ks2_gap[] = {
	21.5, 22.0, 21.0, 21.0, 21.0, 21.0, 22.5, 23.5, 23.0, 22.5
};

static void ks2_la(size_t i, int y, struct split *s)
{
	int num = las[i].num;
	double t = y - 2016.0;
	struct split_in in;
	long long p[NAGE];

	pop_ages(i, y - 1, p);
	in.n = round_pos((double)p[10] * 0.93);
	in.fsm = fsm_share(i, trend(ks2_fsm, KS2_FIRST, 10, y));
	in.ehc = clamp((0.038 + 0.0018 * t) *
		       (1.0 + 0.25 * gauss(num, T_SEN)), 0.01, 0.09);
	in.sup = clamp((0.135 + 0.003 * t) *
		       (1.0 + 0.2 * gauss(num, SUBTAG(T_SEN, 1))), 0.06, 0.25);
	in.total = (trend(ks2_rwm, KS2_FIRST, 10, y) + 1.1 * edu_effect(i) +
		    unif(num, T_KS2_Y, y)) / 100.0;
	in.gap = clamp(trend(ks2_gap, KS2_FIRST, 10, y) +
		       2.5 * gauss(num, T_FSMGAP) +
		       unif(num, T_KS2_Y, y + 100), 10.0, 32.0) / 100.0;
	in.m_ehc = (9.0 + 3.0 * unif(num, T_KS2_Y, y + 200)) / 100.0;
	in.m_sup = (24.0 + 3.0 * gauss(num, T_SENGAP) +
		    2.0 * unif(num, T_KS2_Y, y + 300)) / 100.0;
	in.scale = 1.0;
	in.lo = 0.0;
	in.hi = 1.0;
	split_groups(&in, s);
}

static void ks2_geo(const struct geo *g, int y, struct split *sum)
{
	struct split s;
	size_t i;
	int k;

	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < NLA; i++) {
		if (!geo_has(g, i))
			continue;
		ks2_la(i, y, &s);
		for (k = 0; k < NGRP; k++) {
			sum->n[k] += s.n[k];
			sum->amt[k] += s.amt[k];
		}
	}
}

/* What the file shows of a group: 0 for a value, else the symbol. */
static int ks2_symbol(const struct geo *g, long long n, long long met)
{
	if (!n)
		return 'z';
	if (g->kind == GEO_LA && (n < SUPPRESS_BELOW ||
				  (met > 0 && met < SUPPRESS_BELOW)))
		return 'c';
	return 0;
}

static const char *const ks2_char[NGRP][2] = {
	{ "Total", "Total" },
	{ "FSM", "FSM eligible" },
	{ "FSM", "Not known to be FSM eligible" },
	{ "SEN status", "No identified SEN" },
	{ "SEN status", "SEN support" },
	{ "SEN status", "EHC plan" },
};

static int write_ks2(const char *dir)
{
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_SPLIT), k;
	struct out o;
	int y, c, ret;

	ret = out_open(&o, dir, "dfe/ks2_la_characteristics.csv");
	if (ret != 0)
		return ret;
	fputs("\xEF\xBB\xBF", o.f);
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,la_name,"
	      "new_la_code,version,breakdown,characteristic,"
	      "t_rwm_eligible_pupils,t_rwm_met_expected_standard,"
	      "pt_rwm_met_expected_standard\n", o.f);
	for (y = KS2_LAST; y >= series_first(KS2_FIRST, KS2_LAST); y--) {
		char per[24];

		if (no_exams(y))
			continue;
		academic(per, sizeof(per), y);
		for (k = 0; k < ng; k++) {
			struct split s;

			if (g[k].kind == GEO_LA && !la_published(g[k].i, y - 1))
				continue;
			ks2_geo(&g[k], y, &s);
			for (c = 0; c < NGRP; c++) {
				int sym = ks2_symbol(&g[k], s.n[c], s.amt[c]);

				put_geo(o.f, per, "Academic year", &g[k],
					&ks2_style);
				fprintf(o.f, ",%s,%s,%s,",
					y == KS2_LAST ? "Revised" : "Final",
					ks2_char[c][0], ks2_char[c][1]);
				if (sym == 'z') {
					fputs("0,z,z\n", o.f);
					continue;
				}
				if (g[k].kind == GEO_LA &&
				    s.n[c] < SUPPRESS_BELOW) {
					fputs("c,c,c\n", o.f);
					continue;
				}
				if (g[k].kind == GEO_LA)
					fprintf(o.f, "%lld,", s.n[c]);
				else
					fprintf(o.f, "%lld,", round10(s.n[c]));
				if (sym == 'c') {
					fputs("c,c\n", o.f);
					continue;
				}
				if (g[k].kind == GEO_LA)
					fprintf(o.f, "%lld,", s.amt[c]);
				else
					fprintf(o.f, "%lld,",
						round10(s.amt[c]));
				put_pct(o.f, s.amt[c], s.n[c], 0);
				putc('\n', o.f);
			}
		}
	}
	return out_close(&o);
}

/* The published RWM percentage of a group, whole (LAIT's KS2 measures). */
int ks2_lait(const struct geo *g, int y, int grp, long long *v)
{
	struct split s;

	if (y < series_first(KS2_FIRST, KS2_LAST) || y > KS2_LAST ||
	    no_exams(y))
		return 0;
	if (g->kind == GEO_LA && !la_published(g->i, y - 1))
		return 0;
	ks2_geo(g, y, &s);
	if (ks2_symbol(g, s.n[grp], s.amt[grp]))
		return 0;
	*v = pct_scaled(s.amt[grp], s.n[grp], 0);
	return 1;
}

/* ---- key stage 4 by characteristic ------------------------------------ */

#define KS4_FIRST	2016
#define KS4_LAST	2025

static const double ks4_att8[] = {	/* 2016 .. 2025 */
	50.1, 46.4, 46.5, 46.7, 50.2, 50.9, 48.8, 46.4, 46.1, 45.9
};
static const double ks4_fsm[] = {
	0.135, 0.13, 0.125, 0.13, 0.14, 0.17, 0.2, 0.22, 0.235, 0.245
};

/* Progress 8: new in 2016; none in 2020 and 2021 (no exams) or 2025 (no
 * KS2 baseline). */
static int ks4_p8(int y)
{
	return y >= 2016 && y != 2020 && y != 2021 && y != 2025;
}

struct ks4 {
	struct split a8;	/* t_att8 in eighths */
	struct split p8;	/* t_p8score in thousandths, over n = inp8 */
	long long schools[NGRP];
};

static void ks4_la(size_t i, int y, struct ks4 *k)
{
	int num = las[i].num, c;
	double t = y - 2016.0, eff = edu_effect(i);
	struct split_in in;
	long long p[NAGE], s;

	pop_ages(i, y - 1, p);
	in.n = round_pos((double)p[15] * 0.93);
	in.fsm = fsm_share(i, trend(ks4_fsm, KS4_FIRST, 10, y));
	in.ehc = clamp((0.03 + 0.001 * t) *
		       (1.0 + 0.25 * gauss(num, T_SEN)), 0.01, 0.07);
	in.sup = clamp((0.11 + 0.002 * t) *
		       (1.0 + 0.2 * gauss(num, SUBTAG(T_SEN, 1))), 0.05, 0.2);
	in.total = trend(ks4_att8, KS4_FIRST, 10, y) + 0.9 * eff +
		   0.6 * unif(num, T_KS4_Y, y);
	in.gap = clamp(15.5 + 2.0 * gauss(num, T_FSMGAP) +
		       0.6 * unif(num, T_KS4_Y, y + 100), 8.0, 24.0);
	in.m_ehc = 14.0 + 2.0 * gauss(num, T_SENGAP) +
		   1.0 * unif(num, T_KS4_Y, y + 200);
	in.m_sup = 33.0 + 2.0 * gauss(num, SUBTAG(T_SENGAP, 1)) +
		   1.0 * unif(num, T_KS4_Y, y + 300);
	in.scale = 8.0;
	in.lo = 1.0;
	in.hi = 85.0;
	split_groups(&in, &k->a8);
	/* Progress 8, over the pupils with a KS2 baseline. */
	in.n = round_pos((double)in.n * 0.94);
	in.total = -0.03 + 0.04 * eff + 0.05 * unif(num, T_P8_Y, y);
	in.gap = 0.6 + 0.08 * gauss(num, T_P8);
	in.m_ehc = -1.2 + 0.15 * unif(num, T_P8_Y, y + 100);
	in.m_sup = -0.45 + 0.1 * unif(num, T_P8_Y, y + 200);
	in.scale = 1000.0;
	in.lo = -4.0;
	in.hi = 4.0;
	split_groups(&in, &k->p8);
	s = round_pos((double)k->a8.n[G_TOTAL] / 140.0);
	if (s < 1)
		s = 1;
	for (c = 0; c < NGRP; c++) {
		long long m = round_pos((double)k->a8.n[c] / 6.0);

		k->schools[c] = c == G_TOTAL ? s : m < 1 ? 1 : m > s ? s : m;
		if (!k->a8.n[c])
			k->schools[c] = 0;
	}
}

static void ks4_geo(const struct geo *g, int y, struct ks4 *sum)
{
	struct ks4 k;
	size_t i;
	int c;

	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < NLA; i++) {
		if (!geo_has(g, i))
			continue;
		ks4_la(i, y, &k);
		for (c = 0; c < NGRP; c++) {
			sum->a8.n[c] += k.a8.n[c];
			sum->a8.amt[c] += k.a8.amt[c];
			sum->p8.n[c] += k.p8.n[c];
			sum->p8.amt[c] += k.p8.amt[c];
			sum->schools[c] += k.schools[c];
		}
	}
}

static const char *const ks4_filters[NGRP] = {
	"Total,Total,Total,Total,Total,Total,Total,Total",
	"Free school meals,Total,Total,FSM,Total,Total,Total,Total",
	"Free school meals,Total,Total,FSM all other,Total,Total,Total,Total",
	"SEN status,Total,Total,Total,No SEN,Total,Total,Total",
	"SEN status,Total,Total,Total,SEN Supp,Total,Total,Total",
	"SEN status,Total,Total,Total,SEN State EHC,Total,Total,Total",
};

/* A count of pupils and its percentage of n, 1 dp. */
static void ks4_pair(FILE *f, long long v, long long n)
{
	fprintf(f, ",%lld,", v);
	put_pct(f, v, n, 1);
}

static void ks4_measures(FILE *f, const struct ks4 *k, int c, int y)
{
	long long n = k->a8.n[c], h, m;
	double a, ent, p94, ebe;

	fprintf(f, ",%lld,%lld", k->schools[c], n);
	if (!n) {
		int col;

		/* No pupils: the 22 columns from t_att8 on are blank. */
		for (col = 0; col < 22; col++)
			putc(',', f);
		putc('\n', f);
		return;
	}
	/* t_att8: sums of eighths of a point, written to 2 dp. */
	h = (k->a8.amt[c] * 25 + 1) / 2;
	a = (double)h / 100.0 / (double)n;
	putc(',', f);
	put_scaled(f, h, 2, 1);
	fprintf(f, ",%.15g,", a);
	put_scaled(f, div_half_up(h, n * 10), 1, 1);
	ent = clamp(0.25 + 0.016 * a, 0.3, 0.993);
	p94 = clamp((a - 8.0) / 58.0, 0.005, 0.95);
	ebe = clamp(0.009 * a - 0.05, 0.005, 0.8);
	ks4_pair(f, round_pos((double)n * ent), n);
	ks4_pair(f, round_pos((double)n * p94 * 0.68), n);
	ks4_pair(f, round_pos((double)n * p94), n);
	ks4_pair(f, round_pos((double)n * ebe), n);
	ks4_pair(f, round_pos((double)n * ebe * 0.42), n);
	ks4_pair(f, round_pos((double)n * ebe * 0.6), n);
	m = round_pos(a / 11.3 * (double)n * 100.0);
	putc(',', f);
	put_scaled(f, m, 2, 1);
	putc(',', f);
	put_scaled(f, div_half_up(m, n), 2, 1);
	if (!ks4_p8(y)) {
		fputs(",x,x,x,x,x\n", f);
		return;
	}
	m = k->p8.n[c];
	if (!m) {
		fputs(",0,,,,\n", f);
		return;
	}
	{
		double avg = (double)k->p8.amt[c] / 1000.0 / (double)m;
		double hw = 1.96 * 1.27 / sqrt((double)m);

		fprintf(f, ",%lld,", m);
		put_scaled(f, k->p8.amt[c], 3, 1);
		putc(',', f);
		put_scaled(f, div_half_away(k->p8.amt[c], m * 10), 2, 1);
		putc(',', f);
		put_scaled(f, round_away((avg - hw) * 100.0), 2, 1);
		putc(',', f);
		put_scaled(f, round_away((avg + hw) * 100.0), 2, 1);
		putc('\n', f);
	}
}

static int write_ks4(const char *dir)
{
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_SPLIT), k;
	struct out o;
	int y, c, ret;

	ret = out_open(&o, dir, "dfe/ks4_la_characteristics_data_including_"
		     "sen_description.csv");
	if (ret != 0)
		return ret;
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,new_la_code,"
	      "la_name,version,school_characteristic,breakdown,"
	      "characteristic_gender,characteristic_Ethnic_major,"
	      "characteristic_free_school_meals,characteristic_sen_status,"
	      "characteristic_sen_description,characteristic_disadvantage,"
	      "characteristic_first_language,t_schools,t_pupils,t_att8,"
	      "avg_att8_unrounded,avg_att8,t_entbasics,pt_entbasics,"
	      "t_l2basics_95,pt_l2basics_95,t_l2basics_94,pt_l2basics_94,"
	      "t_ebacc_e_ptq_ee,pt_ebacc_e_ptq_ee,t_ebacc_95,pt_ebacc_95,"
	      "t_ebacc_94,pt_ebacc_94,t_ebaccaps,avg_ebaccaps,t_inp8calc,"
	      "t_p8score,avg_p8score,p8score_CI_low,p8score_CI_upp\n", o.f);
	for (y = KS4_LAST; y >= series_first(KS4_FIRST, KS4_LAST); y--) {
		char per[24];

		academic(per, sizeof(per), y);
		for (k = 0; k < ng; k++) {
			struct ks4 s;

			if (g[k].kind == GEO_LA && !la_published(g[k].i, y - 1))
				continue;
			ks4_geo(&g[k], y, &s);
			for (c = 0; c < NGRP; c++) {
				put_geo(o.f, per, "Academic year", &g[k],
					&eyfs_style);
				fprintf(o.f, ",Revised,State-funded schools "
					"(LA),%s", ks4_filters[c]);
				ks4_measures(o.f, &s, c, y);
			}
		}
	}
	return out_close(&o);
}

/* The published average Attainment 8 (which 0, tenths) or Progress 8 (1,
 * hundredths) of a group, as LAIT repeats them; none for groups of fewer
 * than SUPPRESS_BELOW pupils in an authority. */
int ks4_lait(const struct geo *g, int y, int grp, int which, long long *v)
{
	struct ks4 k;
	long long n, h;

	if (y < series_first(KS4_FIRST, KS4_LAST) || y > KS4_LAST ||
	    (which && !ks4_p8(y)))
		return 0;
	if (g->kind == GEO_LA && !la_published(g->i, y - 1))
		return 0;
	ks4_geo(g, y, &k);
	n = which ? k.p8.n[grp] : k.a8.n[grp];
	if (!n || (g->kind == GEO_LA && n < SUPPRESS_BELOW))
		return 0;
	if (which) {
		*v = div_half_away(k.p8.amt[grp], n * 10);
	} else {
		h = (k.a8.amt[grp] * 25 + 1) / 2;
		*v = div_half_up(h, n * 10);
	}
	return 1;
}

/* ---- NEET and activity not known, 16 and 17 year olds ----------------- */

#define NEET_FIRST	2018
#define NEET_LAST	2025

static const double neet_eng[] = {	/* 2017 .. 2025, % */
	2.8, 2.7, 2.6, 2.7, 2.8, 2.6, 2.8, 3.2, 3.4
};
static const double nk_eng[] = {
	3.6, 3.3, 2.9, 2.8, 2.5, 2.2, 2.4, 2.3, 2.2
};

struct neet {
	long long cohort, neet, nk, march;
	long long part10, fte10, app10, oth10, sep10;	/* tenths */
	long long ehcp, sup, nosen;		/* cohort by SEN */
	long long neet_ehcp, neet_sup, neet_nosen;
	long long vg10, vg_neet;		/* vulnerable group */
	long long l3_10, l2_10, att8_10, b94_10, abs10, pa10;
};

static void neet_la(size_t i, int y, struct neet *n)
{
	int num = las[i].num;
	double d = dep_index(i), g = gauss(num, T_NEET);
	double pn, pk, app, ratio;
	long long p[NAGE];

	memset(n, 0, sizeof(*n));
	pop_ages(i, y - 1, p);
	n->cohort = round_pos((double)(p[16] + p[17]) * 0.965);
	n->march = n->cohort + round_pos((double)n->cohort * 0.003 *
					 unif(num, T_NEET_Y, y + 900));
	pn = clamp(trend(neet_eng, NEET_FIRST - 1, 9, y) *
		   (1.0 + 0.22 * d + 0.2 * clamp(g, -2.2, 2.2)) *
		   (1.0 + 0.08 * unif(num, T_NEET_Y, y)), 0.6, 9.0);
	pk = clamp(gauss(num, SUBTAG(T_NEET, 1)), -1.8, 3.0);
	pk = clamp(trend(nk_eng, NEET_FIRST - 1, 9, y) * (1.0 + 0.5 * pk) *
		   (1.0 + 0.25 * unif(num, T_NEET_Y, y + 100)), 0.1, 14.0);
	n->neet = round_pos((double)n->cohort * pn / 100.0);
	n->nk = round_pos((double)n->cohort * pk / 100.0);
	app = clamp(4.2 + 1.2 * gauss(num, SUBTAG(T_NEET, 2)), 1.0, 9.0);
	n->part10 = 1000 -
		    pct_scaled(n->neet + n->nk, n->cohort ? n->cohort : 1, 1) -
		    round_pos(15.0 + 5.0 * unif(num, T_NEET_Y, y + 200));
	n->app10 = round_pos(app * 10.0);
	n->oth10 = round_pos(19.0 + 6.0 * unif(num, T_NEET_Y, y + 300));
	n->fte10 = n->part10 - n->app10 - n->oth10;
	n->sep10 = round_pos(10.0 *
			     clamp(94.5 + 1.5 * gauss(num, SUBTAG(T_NEET, 3)) +
				   unif(num, T_NEET_Y, y + 400), 80.0, 99.9));
	n->ehcp = round_pos((double)n->cohort *
			    (0.045 + 0.002 * (y - 2018)) *
			    (1.0 + 0.2 * gauss(num, SUBTAG(T_NEET, 4))));
	n->sup = round_pos((double)n->cohort * 0.1 *
			   (1.0 + 0.2 * gauss(num, SUBTAG(T_NEET, 5))));
	n->nosen = n->cohort - n->ehcp - n->sup;
	ratio = n->cohort ? (double)(n->neet + n->nk) / (double)n->cohort : 0;
	n->neet_ehcp = round_pos((double)n->ehcp * ratio * 1.8);
	n->neet_sup = round_pos((double)n->sup * ratio * 1.7);
	n->neet_nosen = n->neet + n->nk - n->neet_ehcp - n->neet_sup;
	if (n->neet_nosen < 0)
		n->neet_nosen = 0;
	n->vg10 = round_pos((double)n->cohort * 0.028 *
			    (1.0 + 0.3 * unif(num, T_NEET_Y, y + 500)) * 10.0);
	n->vg_neet = round_pos((double)n->vg10 * ratio * 5.0);
	n->l3_10 = round_pos(10.0 * (57.6 - 2.5 * d + 2.0 * g));
	n->l2_10 = round_pos(10.0 * (19.7 + 1.5 * d));
	n->att8_10 = round_pos(10.0 * (46.1 + edu_effect(i)));
	n->b94_10 = round_pos(10.0 * (65.4 + 1.5 * edu_effect(i)));
	n->abs10 = round_pos(10.0 * (8.9 + 0.5 * d +
				     0.2 * unif(num, T_NEET_Y, y + 600)));
	n->pa10 = round_pos(10.0 * (25.6 + 2.0 * d +
				     unif(num, T_NEET_Y, y + 700)));
}

static void neet_geo(const struct geo *g, int y, struct neet *sum)
{
	struct neet n;
	size_t i;

	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < NLA; i++) {
		if (!geo_has(g, i))
			continue;
		neet_la(i, y, &n);
		if (g->kind == GEO_LA) {
			*sum = n;
			return;
		}
		sum->cohort += n.cohort;
		sum->neet += n.neet;
		sum->nk += n.nk;
		sum->march += n.march;
		/* Rates of groups: weighted by the cohort. */
		sum->part10 += n.part10 * n.cohort;
		sum->fte10 += n.fte10 * n.cohort;
		sum->app10 += n.app10 * n.cohort;
		sum->oth10 += n.oth10 * n.cohort;
		sum->sep10 += n.sep10 * n.cohort;
		sum->ehcp += n.ehcp;
		sum->sup += n.sup;
		sum->nosen += n.nosen;
		sum->neet_ehcp += n.neet_ehcp;
		sum->neet_sup += n.neet_sup;
		sum->neet_nosen += n.neet_nosen;
		sum->vg10 += n.vg10;
		sum->vg_neet += n.vg_neet;
		sum->l3_10 += n.l3_10 * n.cohort;
		sum->l2_10 += n.l2_10 * n.cohort;
		sum->att8_10 += n.att8_10 * n.cohort;
		sum->b94_10 += n.b94_10 * n.cohort;
		sum->abs10 += n.abs10 * n.cohort;
		sum->pa10 += n.pa10 * n.cohort;
	}
	if (sum->cohort) {
		long long c = sum->cohort;

		sum->part10 = div_half_up(sum->part10, c);
		sum->fte10 = div_half_up(sum->fte10, c);
		sum->app10 = div_half_up(sum->app10, c);
		sum->oth10 = div_half_up(sum->oth10, c);
		sum->sep10 = div_half_up(sum->sep10, c);
		sum->l3_10 = div_half_up(sum->l3_10, c);
		sum->l2_10 = div_half_up(sum->l2_10, c);
		sum->att8_10 = div_half_up(sum->att8_10, c);
		sum->b94_10 = div_half_up(sum->b94_10, c);
		sum->abs10 = div_half_up(sum->abs10, c);
		sum->pa10 = div_half_up(sum->pa10, c);
	}
}

/* Too few young people to publish their percentages (the Isles of
 * Scilly). */
static int neet_small(const struct geo *g, const struct neet *n)
{
	return g->kind == GEO_LA && n->cohort < 100;
}

enum neet_rate { NR_NEETNK, NR_NEET, NR_NK, NR_PART, NR_SEP, NNR };

static long long neet_rate(const struct neet *n, enum neet_rate r)
{
	switch (r) {
	case NR_NEETNK:
		return pct_scaled(n->neet + n->nk, n->cohort, 1);
	case NR_NEET:
		return pct_scaled(n->neet, n->cohort, 1);
	case NR_NK:
		return pct_scaled(n->nk, n->cohort, 1);
	case NR_PART:
		return n->part10;
	default:
		return n->sep10;
	}
}

static void put_t(FILE *f, long long tenths)
{
	putc(',', f);
	put_scaled(f, tenths, 1, 1);
}

/* Quintile of each authority on a rate, 1 the best fifth. */
static void neet_quintiles(int y, enum neet_rate r, int higher_better,
			   const struct geo *g, size_t ng, int *q)
{
	long long v[MAXGEO];
	size_t k, j, n = 0;

	for (k = 0; k < ng; k++) {
		struct neet s;

		q[k] = 0;
		if (g[k].kind != GEO_LA || !la_published(g[k].i, y - 1))
			continue;
		neet_geo(&g[k], y, &s);
		if (neet_small(&g[k], &s))
			continue;
		v[k] = neet_rate(&s, r);
		q[k] = -1;
		n++;
	}
	for (k = 0; k < ng; k++) {
		size_t better = 0;

		if (q[k] != -1)
			continue;
		for (j = 0; j < ng; j++)
			if (q[j] != 0 && j != k &&
			    (higher_better ? v[j] > v[k] : v[j] < v[k]))
				better++;
		q[k] = (int)(1 + better * 5 / n);
	}
}

static int write_neet_year(const char *dir, int y)
{
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_REGION), k;
	int q[NNR][MAXGEO], r, ret;
	char name[64], per[24];
	struct out o;

	snprintf(name, sizeof(name),
		 "dfe/neet/UD_NEETNK_LA_dashboard_%d_final.csv", y);
	snprintf(per, sizeof(per), "%d", y);
	for (r = 0; r < NNR; r++)
		neet_quintiles(y, (enum neet_rate)r, r >= NR_PART, g, ng, q[r]);
	ret = out_open(&o, dir, name);
	if (ret != 0)
		return ret;
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,new_la_code,"
	      "la_name,Age,Cohort_DJFavg,NEET_not_known_percent,NEET_percent,"
	      "Notknown_percent,annual_change_ppts_NEET_not_known,"
	      "annualchange_NEET,annualchange_notknown,cohort_March,"
	      "TOTAL_participating_in_education_and_training_percent,"
	      "Full_time_education_percent,Apprenticeship_percent,"
	      "Other_education_and_training_percent,"
	      "annual_change_Participation_in_education_training,"
	      "annual_change_FTE,annual_change_apprenticeship,"
	      "annual_change_other_education_training,"
	      "September_guarantee_Offer_made_percent,"
	      "September_guarantee_annual_change_ppts,cohort_noSEN_percent,"
	      "NEET_NK_noSEN_percent,cohort_EHCP_percent,NEET_NK_EHCP_percent,"
	      "cohort_SENDsupport_percent,NEET_NK_SENDsupport_percent,"
	      "VG_cohort_DJF_avg,VG_cohort_percentage,VG_NEET_NK_percentage,"
	      "Level_3,L2_em_GCSE_othL2,avg_att8,pt_l2basics_94,"
	      "sess_overall_percent,enrolments_pa_10_exact_percent,"
	      "NEET_NK_quintile,NEET_quintile,Notknown_quintile,"
	      "Participation_ET_quintile,Sep_guarantee_quintile\n", o.f);
	for (k = 0; k < ng; k++) {
		struct neet n, p;
		int la = g[k].kind == GEO_LA;

		if (la && !la_published(g[k].i, y - 1))
			continue;
		neet_geo(&g[k], y, &n);
		neet_geo(&g[k], y - 1, &p);
		put_geo(o.f, per, "Calendar year", &g[k], &region_style);
		fprintf(o.f, ",16-17,%lld", la ? n.cohort : round10(n.cohort));
		if (neet_small(&g[k], &n)) {
			int col;

			/* Six percentages, the March cohort, then 25 more
			 * percentages and the five quintiles. */
			fprintf(o.f, ",c,c,c,c,c,c,%lld", n.march);
			for (col = 0; col < 25; col++)
				fputs(",c", o.f);
			fputs(",z,z,z,z,z\n", o.f);
			continue;
		}
		put_t(o.f, neet_rate(&n, NR_NEETNK));
		put_t(o.f, neet_rate(&n, NR_NEET));
		put_t(o.f, neet_rate(&n, NR_NK));
		put_t(o.f, neet_rate(&n, NR_NEETNK) - neet_rate(&p, NR_NEETNK));
		put_t(o.f, neet_rate(&n, NR_NEET) - neet_rate(&p, NR_NEET));
		put_t(o.f, neet_rate(&n, NR_NK) - neet_rate(&p, NR_NK));
		fprintf(o.f, ",%lld", la ? n.march : round10(n.march));
		put_t(o.f, n.part10);
		put_t(o.f, n.fte10);
		put_t(o.f, n.app10);
		put_t(o.f, n.oth10);
		put_t(o.f, n.part10 - p.part10);
		put_t(o.f, n.fte10 - p.fte10);
		put_t(o.f, n.app10 - p.app10);
		put_t(o.f, n.oth10 - p.oth10);
		put_t(o.f, n.sep10);
		put_t(o.f, n.sep10 - p.sep10);
		put_t(o.f, pct_scaled(n.nosen, n.cohort, 1));
		put_t(o.f, pct_scaled(n.neet_nosen, n.nosen, 1));
		put_t(o.f, pct_scaled(n.ehcp, n.cohort, 1));
		if (la && n.ehcp < 20)
			fputs(",c", o.f);
		else
			put_t(o.f, pct_scaled(n.neet_ehcp, n.ehcp, 1));
		put_t(o.f, pct_scaled(n.sup, n.cohort, 1));
		if (la && n.sup < 20)
			fputs(",c", o.f);
		else
			put_t(o.f, pct_scaled(n.neet_sup, n.sup, 1));
		if (la)
			put_t(o.f, n.vg10);
		else
			fprintf(o.f, ",%lld", round10(div_half_up(n.vg10, 10)));
		put_t(o.f, pct_scaled(n.vg10, n.cohort * 10, 1));
		put_t(o.f, pct_scaled(n.vg_neet, n.vg10, 1));
		put_t(o.f, n.l3_10);
		put_t(o.f, n.l2_10);
		put_t(o.f, n.att8_10);
		put_t(o.f, n.b94_10);
		put_t(o.f, n.abs10);
		put_t(o.f, n.pa10);
		if (la)
			fprintf(o.f, ",%d,%d,%d,%d,%d\n", q[NR_NEETNK][k],
				q[NR_NEET][k], q[NR_NK][k], q[NR_PART][k],
				q[NR_SEP][k]);
		else
			fputs(",z,z,z,z,z\n", o.f);
	}
	return out_close(&o);
}

/* LAIT's 16-17 NEET (which 0) and 16-17_not known_NEET (1), tenths. */
int neet_lait(const struct geo *g, int y, int which, long long *v)
{
	struct neet n;

	if (y < series_first(NEET_FIRST, NEET_LAST) || y > NEET_LAST)
		return 0;
	if (g->kind == GEO_LA && !la_published(g->i, y - 1))
		return 0;
	neet_geo(g, y, &n);
	if (neet_small(g, &n) || !n.cohort)
		return 0;
	*v = neet_rate(&n, which ? NR_NEETNK : NR_NEET);
	return 1;
}

/* ---- funded early education of two-year-olds --------------------------- */

#define EY2_FIRST	2016
#define EY2_LAST	2025

static const double ey2_takeup[] = {	/* England, January 2016 .. 2025 */
	68, 71, 72, 68, 69, 62, 72, 74, 75, 75
};

static void ey2_la(size_t i, int y, long long *funded, long long *eligible)
{
	int num = las[i].num;
	double g = gauss(num, T_EY2), p;
	double share = clamp(0.22 + 0.06 * dep_index(i) +
			     0.02 * gauss(num, SUBTAG(T_EY2, 1)), 0.06, 0.5);
	long long p2[NAGE];

	pop_ages(i, y - 1, p2);
	*eligible = round10(round_pos((double)p2[2] * share *
				      (1.0 + 0.03 * unif(num, T_EY2_Y, y))));
	/* Take-up above 100%: children from next door take places. */
	p = trend(ey2_takeup, EY2_FIRST, 10, y) * (1.0 + 0.09 * g) +
	    (g > 2.0 ? 18.0 : 0.0) + 4.0 * unif(num, T_EY2_Y, y + 100);
	*funded = round_pos((double)*eligible * p / 100.0);
}

static int write_ey2(const char *dir)
{
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_REGION), k, i;
	struct out o;
	int y, ret;

	ret = out_open(&o, dir, "dfe/ey_provision_funded_two_year_olds.csv");
	if (ret != 0)
		return ret;
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,new_la_code,"
	      "la_name,funded_2yo,eligible_2yo,percentage\n", o.f);
	for (y = EY2_LAST; y >= series_first(EY2_FIRST, EY2_LAST); y--) {
		char per[24];

		snprintf(per, sizeof(per), "%d", y);
		for (k = 0; k < ng; k++) {
			long long f = 0, e = 0, ff, ee;

			if (g[k].kind == GEO_LA && !la_published(g[k].i, y - 1))
				continue;
			for (i = 0; i < NLA; i++) {
				if (!geo_has(&g[k], i))
					continue;
				ey2_la(i, y, &ff, &ee);
				f += ff;
				e += ee;
			}
			put_geo(o.f, per, "Calendar year", &g[k],
				&region_style);
			if (g[k].kind == GEO_LA && e < 20) {
				fputs(",c,c,c\n", o.f);
				continue;
			}
			fprintf(o.f, ",%lld,%lld,", f, e);
			put_pct(o.f, f, e, 0);
			putc('\n', o.f);
		}
	}
	return out_close(&o);
}

/* ---- Ofsted: early years providers judged good or outstanding --------- */

#define OF_FIRST	2016
#define OF_LAST		2025

static const double ofsted_good[] = {	/* 31 August 2016 .. 2025 */
	0.91, 0.93, 0.94, 0.95, 0.96, 0.96, 0.96, 0.965, 0.97, 0.97
};

static void ofsted_la(size_t i, int y, long long *n, long long *good)
{
	int num = las[i].num;
	double per = (0.0062 - 0.00018 * (y - OF_FIRST)) *
		     (1.0 + 0.15 * gauss(num, T_OFSTED));
	double p = clamp(trend(ofsted_good, OF_FIRST, 10, y) +
			 0.015 * gauss(num, SUBTAG(T_OFSTED, 1)) -
			 0.008 * dep_index(i) +
			 0.01 * unif(num, T_OFSTED_Y, y), 0.7, 1.0);

	*n = round_pos((double)child_pop(i, y - 1) * per);
	*good = round_pos((double)*n * p);
}

static int write_ofsted(const char *dir)
{
	struct geo g[MAXGEO];
	size_t ng = geo_list(g, LONDON_REGION), k, i;
	struct out o;
	int y, ret;

	ret = out_open(&o, dir,
		     "ofsted/childcare_providers_inspection_outcomes.csv");
	if (ret != 0)
		return ret;
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,new_la_code,"
	      "la_name,provider_type,providers_inspected,"
	      "providers_good_or_outstanding,percent_good_or_outstanding\n",
	      o.f);
	for (y = OF_LAST; y >= series_first(OF_FIRST, OF_LAST); y--) {
		char per[24];

		snprintf(per, sizeof(per), "%d", y);
		for (k = 0; k < ng; k++) {
			long long n = 0, gd = 0, nn, gg;

			if (g[k].kind == GEO_LA && !la_published(g[k].i, y - 1))
				continue;
			for (i = 0; i < NLA; i++) {
				if (!geo_has(&g[k], i))
					continue;
				ofsted_la(i, y, &nn, &gg);
				n += nn;
				gd += gg;
			}
			put_geo(o.f, per, "Calendar year", &g[k],
				&region_style);
			fprintf(o.f, ",All early years providers,%lld,%lld,",
				n, gd);
			if (n)
				put_pct(o.f, gd, n, 0);
			else
				putc('z', o.f);
			putc('\n', o.f);
		}
	}
	return out_close(&o);
}

int write_edu(const char *dir)
{
	int y;

	for (y = series_first(EY_FIRST, EY_LAST); y <= EY_LAST; y++)
		if (!no_exams(y) && write_eyfs_year(dir, y) < 0)
			return -1;
	if (write_ks2(dir) < 0 || write_ks4(dir) < 0)
		return -1;
	for (y = series_first(NEET_FIRST, NEET_LAST); y <= NEET_LAST; y++)
		if (write_neet_year(dir, y) < 0)
			return -1;
	if (write_ey2(dir) < 0 || write_ofsted(dir) < 0)
		return -1;
	return 0;
}
