/* gen-lait.c - DfE's LAIT long table (bds_long_0) for the measures the
 * population-needs section can take from it instead of the EES files:
 * Short Desc, Data item, Years, LA and Regions, Values, LA Number, Region.
 *
 * Every value is the figure the EES (or Fingertips) file of the same year
 * publishes, or would publish from its own counts (the rates per 10,000
 * of children in need and on plans): LAIT year Y is the academic year
 * ending in Y, the reporting year Y, the NEET year Y, or the financial
 * year (Y-1)/Y for hospital admissions.  So a definition falling back on
 * LAIT gives the same figure where the EES value is missing.  As in LAIT,
 * the wording (Data item) is on each measure's first year's rows only
 * (2016's in the bundled sample), "-" is no value, England and the
 * regions are named (LA Numbers 970 and 980..990) and authorities are
 * known by their old LA number; some values carry LAIT's float noise
 * (67.099999999999994 for 67.1).  The file goes in lait/, which sorts
 * after dfe/, so the numbers it names are known when it loads.
 */
#include <stdlib.h>
#include <string.h>

#include "gen-sample.h"

enum source {
	S_EYFS, S_EYFS_COMM, S_KS2, S_KS4_A8, S_KS4_P8, S_SEN, S_NEET, S_CSC,
	S_FT
};

struct lait_measure {
	const char *desc;	/* Short Desc */
	const char *item;	/* Data item, on the first year's rows */
	enum source src;
	int which;		/* the group or measure of the source */
	int first, last;	/* the years LAIT has */
	int dp;			/* decimals of the published value */
};

#define KS4_A8(d, i, g) { d, i, S_KS4_A8, g, 2016, 2025, 1 }
#define KS4_P8(d, i, g) { d, i, S_KS4_P8, g, 2016, 2024, 2 }

static const struct lait_measure measures[] = {
	{ "CIN", "Children in Need rate per 10,000", S_CSC, 0, 2016, 2025,
	  1 },
	{ "CPP_rate", "Rate of children who were the subject of a child "
	  "protection plan at 31 March per 10,000 children", S_CSC, 1, 2016,
	  2025, 1 },
	{ "LACnum", "Number of Looked after Children", S_CSC, 2, 2016, 2025,
	  0 },
	{ "LAC", "Children Looked after rate per 10,000", S_CSC, 3, 2016,
	  2025, 0 },
	{ "HospAd0-14", "Hospital admissions caused by unintentional and "
	  "deliberate injuries in children (aged 0-14 years)", S_FT, 0, 2016,
	  2024, 2 },
	{ "FSP_NEW_GOODDEV",
	  "FSP (NEW) - % achieving a good level of development",
	  S_EYFS, G_TOTAL, 2016, 2025, 1 },
	{ "FSP_NEW_COMMS", "FSP (NEW) - Comms & Lang", S_EYFS_COMM, 0, 2016,
	  2025, 1 },
	{ "FSP_Gooddev_FSM",
	  "Achievement in early years foundation stage profile (EYFSP) "
	  "teacher assessments by free school meal eligibility.",
	  S_EYFS, G_FSM, 2016, 2025, 1 },
	{ "FSP_Gooddev_FSM_Other",
	  "Achievement in early years foundation stage profile (EYFSP) "
	  "teacher assessments by free school meal eligibility (All other "
	  "Pupils)", S_EYFS, G_NONFSM, 2016, 2025, 1 },
	{ "FSP_Gooddev_With_SENSTATE",
	  "Achievement in early years foundation stage profile (EYFSP) "
	  "teacher assessments by SEN provision (With Statement)",
	  S_EYFS, G_EHC, 2016, 2025, 1 },
	{ "FSP_Gooddev_Without_SENSTATE",
	  "Achievement in early years foundation stage profile (EYFSP) "
	  "teacher assessments by SEN provision (Without Statement)",
	  S_EYFS, G_SUPPORT, 2016, 2025, 1 },
	{ "KS2RWM_Expected_STD",
	  "Attainment at the end of key stage 2 Percentage in reading, "
	  "writing and mathematics - Expected Standard All Pupils",
	  S_KS2, G_TOTAL, 2016, 2025, 0 },
	{ "FSM_NEW_KS2_RWM",
	  "Achievement of KS2 RWM pupils eligible for free school meals",
	  S_KS2, G_FSM, 2016, 2025, 0 },
	{ "NonFSM_NEW_KS2_RWM",
	  "Achievement of KS2 RWM pupils Not eligible for free school meals",
	  S_KS2, G_NONFSM, 2016, 2025, 0 },
	{ "NEW_KS2_RWM_Sen_W/Osta",
	  "KS2 attainment in RWM for pupils with  SEN Support",
	  S_KS2, G_SUPPORT, 2016, 2025, 0 },
	{ "NEW_KS2_RWM_Sen_Withsta",
	  "KS2 attainment in RWM for SEN pupils with a statement",
	  S_KS2, G_EHC, 2016, 2025, 0 },
	{ "NoID_SEN_NEW_KS2_RWM",
	  "KS2 attainment in RWM for pupils with No Identified SEN",
	  S_KS2, G_NOSEN, 2016, 2025, 0 },
	KS4_A8("AVG_Attain8_Score", "Average Attainment 8 score per pupil",
	       G_TOTAL),
	KS4_P8("AVG_Prog8_Score", "Average Progress 8 score per pupil",
	       G_TOTAL),
	KS4_A8("FSM_AVG_Attain8_Score", "Average Attainment 8 score per "
	       "pupil at end of Key Stage 4 - Pupils eligible for FSM", G_FSM),
	KS4_P8("FSM_AVG_Prog8_Score", "Average Progress 8 score per pupil at "
	       "end of Key Stage 4 - Pupils eligible for FSM", G_FSM),
	KS4_A8("NonFSM_AVG_Attain8_Score", "Average Attainment 8 score per "
	       "pupil at end of Key Stage 4 - Pupils Not eligible for FSM",
	       G_NONFSM),
	KS4_P8("NonFSM_AVG_Prog8_Score", "Average Progress 8 score per pupil "
	       "at end of Key Stage 4 - Pupils Not eligible for FSM",
	       G_NONFSM),
	KS4_A8("SEN_NoID_AVG_Attain8_Score", "Average Attainment 8 score per "
	       "pupil at end of KS4 - Pupils with No Identified SEN", G_NOSEN),
	KS4_P8("SEN_NoID_AVG_Prog8_Score", "Average Progress 8 score per "
	       "pupil at end of KS4 - Pupils with No Identified SEN",
	       G_NOSEN),
	KS4_A8("SEN_Stat_AVG_Attain8_Score", "Average Attainment 8 score per "
	       "pupil at end of Key Stage 4 - Pupils With SEN Statement",
	       G_EHC),
	KS4_P8("SEN_Stat_AVG_Prog8_Score", "Average Progress 8 score per "
	       "pupil at end of Key Stage 4 - Pupils With SEN Statement",
	       G_EHC),
	KS4_A8("SEN_WoStat_AVG_Attain8_Score", "Average Attainment 8 score "
	       "per pupil at end of Key Stage 4 - Pupils Without SEN "
	       "Statement", G_SUPPORT),
	KS4_P8("SEN_WoStat_AVG_Prog8_Score", "Average Progress 8 score per "
	       "pupil at end of Key Stage 4 - Pupils Without SEN Statement",
	       G_SUPPORT),
	{ "SEN_TotSENSuP",
	  "TOTAL % OF PUPILS WITH SPECIAL EDUCATIONAL NEEDS (SEN) SUPPORT",
	  S_SEN, 0, 2016, 2025, 1 },
	{ "SEN_TotStat",
	  "TOTAL % OF PUPILS WITH STATEMENTS OF (SEN) OR  (EHC) PLANS",
	  S_SEN, 1, 2016, 2025, 1 },
	{ "16-17 NEET", "", S_NEET, 0, 2018, 2025, 1 },
	{ "16-17_not known_NEET", "", S_NEET, 1, 2018, 2025, 1 },
};

#undef KS4_A8
#undef KS4_P8

#define NMEASURE	(sizeof(measures) / sizeof(measures[0]))

/* LAIT's names and numbers of England and the regional rows, in its
 * order, with the regional-level area each stands for. */
static const struct {
	const char *name;
	int num;
	int area;	/* index into areas[], -1 for England */
} lait_areas[] = {
	{ "England", 970, -1 },
	{ "North East", 980, R_NE },
	{ "North West", 981, R_NW },
	{ "Yorkshire and the Humber", 982, R_YH },
	{ "East Midlands", 983, R_EM },
	{ "West Midlands", 984, R_WM },
	{ "East of England", 985, R_EE },
	{ "London", 986, R_LN },
	{ "London (Inner)", 987, NREGION },
	{ "London (Outer)", 988, NREGION + 1 },
	{ "South East", 989, R_SE },
	{ "South West", 990, R_SW },
};

#define NLAITAREA	(sizeof(lait_areas) / sizeof(lait_areas[0]))

static const char *lait_name(const struct la_info *la)
{
	return la->sn_name ? la->sn_name : la->name;
}

static int cmp_lait(const void *pa, const void *pb)
{
	return strcmp(lait_name(&las[*(const size_t *)pa]),
		      lait_name(&las[*(const size_t *)pb]));
}

/* The value scaled by 10^m->dp, or 0 for none. */
static int value(const struct lait_measure *m, const struct geo *g, int y,
		 long long *v)
{
	/* The school census and NEET files have no Inner and Outer London
	 * rows, and LAIT no value for them. */
	if (g->kind == GEO_REGION && g->i >= NREGION &&
	    (m->src == S_SEN || m->src == S_NEET))
		return 0;
	switch (m->src) {
	case S_EYFS:
		return eyfs_lait(g, y, m->which, v);
	case S_EYFS_COMM:
		return eyfs_comm_lait(g, y, v);
	case S_KS2:
		return ks2_lait(g, y, m->which, v);
	case S_KS4_A8:
		return ks4_lait(g, y, m->which, 0, v);
	case S_KS4_P8:
		return ks4_lait(g, y, m->which, 1, v);
	case S_SEN:
		return sen_phase_lait(g, y, m->which, v);
	case S_NEET:
		return neet_lait(g, y, m->which, v);
	case S_CSC:
		return csc_lait(g, y, m->which, v);
	case S_FT:
		return ft_lait(g, y, v);
	}
	return 0;
}

static void put_value(FILE *f, const struct lait_measure *m,
		      const struct geo *g, int y, int key)
{
	long long v;

	if (!value(m, g, y, &v)) {
		putc('-', f);
		return;
	}
	/* LAIT's float noise: some values as doubles to 17 digits. */
	if (m->dp && unif(key, T_LAIT_NOISE, y * 100 + (int)(m - measures)) >
		     0.8)
		fprintf(f, "%.17g", (double)v / (m->dp == 1 ? 10.0 : 100.0));
	else
		put_scaled(f, v, m->dp, 1);
}

int write_lait(const char *dir)
{
	size_t order[NLA], j, a, k;
	struct out o;
	int y, ret;

	ret = out_open(&o, dir, "lait/bds_long_0_jsna_subset.csv");
	if (ret != 0)
		return ret;
	sort_las(order, cmp_lait);
	fputs("Short Desc,Data item,Years,LA and Regions,Values,LA Number,"
	      "Region\n", o.f);
	for (k = 0; k < NMEASURE; k++) {
		const struct lait_measure *m = &measures[k];
		int first = series_first(m->first, m->last);

		for (y = first; y <= m->last; y++) {
			const char *item = y == first ? m->item : "";

			for (j = 0; j < NLA; j++) {
				const struct la_info *la = &las[order[j]];
				struct geo g = { GEO_LA, order[j] };

				put_field(o.f, m->desc);
				putc(',', o.f);
				put_field(o.f, item);
				fprintf(o.f, ",%d,", y);
				put_field(o.f, lait_name(la));
				putc(',', o.f);
				put_value(o.f, m, &g, y, la->num);
				fprintf(o.f, ",%d,%s\n", la->num,
					home_area(la)->name);
			}
			for (a = 0; a < NLAITAREA; a++) {
				struct geo g;

				g.kind = lait_areas[a].area < 0 ? GEO_ENGLAND :
					 GEO_REGION;
				g.i = lait_areas[a].area < 0 ? 0 :
				      (size_t)lait_areas[a].area;
				put_field(o.f, m->desc);
				putc(',', o.f);
				put_field(o.f, item);
				fprintf(o.f, ",%d,%s,", y, lait_areas[a].name);
				put_value(o.f, m, &g, y, lait_areas[a].num);
				fprintf(o.f, ",%d,NA\n", lait_areas[a].num);
			}
		}
	}
	return out_close(&o);
}
