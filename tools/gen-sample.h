/* gen-sample.h - what the parts of gen-sample share.
 *
 * gen-sample.c holds the areas, the core model (0-17 populations and
 * looked-after children) and the first three files; gen-common.c the
 * helpers every other file uses (the area rows of the EES files, numbers
 * rounded as DfE rounds them, ages); gen-lsoa.c the small areas; the
 * other gen-*.c files write one publication each.  The principles of
 * gen-sample.c's header comment hold for all of them.
 */
#ifndef GEN_SAMPLE_H
#define GEN_SAMPLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PROG		"gen-sample"

/* The years written.  Each series has a first and last year of its own in
 * the bundled sample (the *_FIRST and *_LAST constants of each file, which
 * are also where its tables of England's path begin); the national data
 * set (--national) writes NATIONAL_YEARS of every series, back from the
 * same last year.  A writer starts from series_first(FIRST, LAST), never
 * from FIRST itself.  The model always covers the longer span, so the
 * national set's extra years change nothing in the bundled sample's. */
#define NATIONAL_YEARS	15
extern int national;		/* writing the national data set */
int series_first(int first, int last);

/* Mid-years of the population series, and reporting years (year ending
 * 31 March) of the looked-after series; reporting year Y uses mid-(Y-1).
 * The model holds NPOP and NCLA years, from POP_MIN and CLA_MIN. */
#define POP_FIRST	2012
#define POP_LAST	2024
#define POP_MIN		(POP_LAST - NATIONAL_YEARS + 1)
#define NPOP		(POP_LAST - POP_MIN + 1)
#define CLA_FIRST	2014
#define CLA_LAST	2025
#define CLA_MIN		(CLA_LAST - NATIONAL_YEARS + 1)
#define NCLA		(CLA_LAST - CLA_MIN + 1)

/* The showcase authority and its fixed 2025 figures. */
#define SHOW_CODE	"E06000050"
#define SHOW_COUNT	496	/* looked after on 31 March 2025 */
#define SHOW_RATE	74	/* its published rate must round to this */

/* DfE suppresses small counts (and the rate computed from them). */
#define SUPPRESS_BELOW	6

/* Every upper-tier authority (April 2023 boundaries). */
#define NLA		153

enum region { R_NE, R_NW, R_YH, R_EM, R_WM, R_EE, R_LN, R_SE, R_SW,
	      NREGION };
enum london { LON_NONE, LON_INNER, LON_OUTER };

/* Areas written at "Regional" level: the nine regions, then Inner and
 * Outer London, exactly as the published files list them. */
#define NAREA		(NREGION + 2)

struct area_info {
	const char *code;
	const char *name;
	int goind;		/* DfE's region number in the SN file */
	const char *goreg;	/* DfE's region name in the SN file */
	double cla_level;	/* typical looked-after rate, per 10,000 */
	double growth;		/* typical yearly growth of the 0-17s */
};

struct la_info {
	const char *code;	/* GSS code (new_la_code) */
	int num;		/* DfE's three-digit LA number (old_la_code) */
	enum region reg;
	enum london lon;
	long base;		/* 0-17 population base for mid-2024 */
	const char *name;	/* as in the EES files */
	int from;		/* first mid-year it existed, 0 = always */
	const char *sn_name;	/* the SN file's spelling, if different */
};

/* Three population types per area and year, written in this order (the
 * published file sorts them alphabetically). */
enum cla_type { CLA_CEASE, CLA_STOCK, CLA_START, NTYPE };

/* What the generator decides about each authority. */
struct la_model {
	double level;		/* looked-after rate per 10,000, 2025 */
	double slope;		/* its relative change per year */
	double start_share;	/* starters, as a share of the stock */
	double cease_share;	/* leavers likewise */
	int dep;		/* synthetic deprivation, 40-420 */
	int urban;		/* metropolitan district or London borough */
	long long pop[NPOP];	/* 0-17 population by mid-year */
	double rate0[NCLA];	/* stock rate before the national factor */
	long long cla[NCLA][NTYPE];
	double sn_rate;		/* recent stock rate, for neighbours */
	double growth, curve;	/* the 0-17 trend, for years outside NPOP */
};

extern const struct area_info areas[NAREA];
extern const struct la_info las[NLA];
extern struct la_model model[NLA];

/* ---- gen-sample.c: randomness, the model, files ---------------------- */

/* Purposes, so that each random draw has its own hash input.  The values
 * are part of the output: never renumber one. */
enum tag {
	T_LEVEL = 1, T_SLOPE, T_DEP, T_GROWTH, T_CURVE, T_POPNOISE,
	T_CLANOISE, T_START, T_START_Y, T_CEASE, T_CEASE_Y,
	/* ages (gen-common.c) */
	T_AGETILT = 100, T_AGENOISE, T_CSHARE, T_OLDER, T_MALE,
	/* children's social care (gen-csc.c) */
	T_CIN = 120, T_CIN_Y, T_CIN_FLOW, T_CPP, T_CPP_Y, T_CPP_DUR,
	T_CLA12, T_HEALTH, T_HEALTH_Y, T_SDQ, T_SDQ_Y, T_CLAAGE, T_CLAAGE_Y,
	T_OUTSIDE, T_OUTSIDE_Y, T_KS4SC, T_KS4SC_Y,
	/* education (gen-edu.c) */
	T_EDU = 150, T_EDU_Y, T_FSM, T_FSMGAP, T_SENGAP, T_SEN, T_SEN_Y,
	T_EYFS_Y, T_KS2_Y, T_KS4_Y, T_P8, T_P8_Y, T_EHCP, T_EHCP_Y,
	T_MI, T_MI_Y, T_NEET, T_NEET_Y, T_NEET_X, T_EY2, T_EY2_Y, T_OFSTED,
	T_OFSTED_Y, T_SENPHASE, T_SENPHASE_Y, T_KS4X,
	/* health (gen-health.c) */
	T_FT = 200, T_FT_Y = 230, T_FT_MISSING = 260,
	/* projections (gen-pop.c) */
	T_SNPP = 280,
	/* local extracts (gen-local.c) */
	T_LOCAL = 300, T_LAIT_NOISE = 320,
	/* small areas (gen-lsoa.c) */
	T_LAD_SIZE = 340, T_MSOA, T_MSOA_DEP, T_LSOA_DEP, T_LSOA_SIZE,
	T_LSOA_GROW, T_LSOA_OLD, T_LSOA_NOISE
};

/* The k-th draw of a purpose that needs several (k < 100), for the tags
 * from 100 on: 10000 and above, past every enumerator, so it never
 * repeats another purpose's draws. */
#define SUBTAG(tag, k)	((tag) * 100 + (k))

double unif(int la, int tag, int year);
double gauss(int la, int tag);
double clamp(double x, double lo, double hi);
long long round_pos(double x);
long long round10(long long n);
int is_showcase(size_t i);
const struct area_info *home_area(const struct la_info *la);
int in_area(const struct la_info *la, size_t a);
long long cla_pop(size_t i, int y);
void sort_las(size_t *order, int (*cmp)(const void *, const void *));
int cmp_ons(const void *pa, const void *pb);
int cmp_cla(const void *pa, const void *pb);
int cmp_name(const void *pa, const void *pb);

struct out {
	FILE *f;
	char path[4096];
	char tmp[4100];
};

/* Opens DIR/NAME.tmp for writing: 0, or 1 when -f leaves the file out
 * (nothing is opened: the writer returns 1 at once, which its callers
 * take as done), or -1 with a message.  out_close() renames it into
 * place. */
int out_open(struct out *o, const char *dir, const char *name);
int out_close(struct out *o);
void put_field(FILE *f, const char *s);

/* ---- gen-common.c ---------------------------------------------------- */

/* A row's area in an EES file: England, a regional-level area (an index
 * into areas[]) or an authority (an index into las[]). */
enum geo_kind { GEO_ENGLAND, GEO_REGION, GEO_LA };

struct geo {
	enum geo_kind kind;
	size_t i;
};

/* How a file places London: under Inner and Outer London (the children's
 * social care, EYFSP and attainment files: eleven regional rows), or under
 * London (SEN2, NEET, school census: nine). */
enum london_mode { LONDON_SPLIT, LONDON_REGION };

#define MAXGEO	(1 + NAREA + NLA)

size_t geo_list(struct geo *out, enum london_mode m);
int geo_has(const struct geo *g, size_t la);
const struct area_info *geo_region(const struct geo *g, enum london_mode m);

/* The ten standard columns: the order of old_la_code, new_la_code and
 * la_name; which empty cells are written as "" (the QUOTE_* bits); and
 * whether la_name is always quoted (sen2_mi.csv). */
enum geo_order { ORDER_OLD_NEW_NAME, ORDER_OLD_NAME_NEW, ORDER_NEW_OLD_NAME };
#define QUOTE_REGION	1u	/* region_code and region_name */
#define QUOTE_OLD	2u
#define QUOTE_NEW	4u
#define QUOTE_NAME	8u
#define QUOTE_ALWAYS	16u	/* la_name quoted even when not empty */

struct ees_style {
	enum london_mode london;
	enum geo_order order;
	unsigned quote;
};

void put_geo(FILE *f, const char *period, const char *ident,
	     const struct geo *g, const struct ees_style *st);
int la_published(size_t i, int midyear);

long long child_pop(size_t i, int midyear);
#define NAGE	91	/* 0 .. 89, then 90 and over */
void pop_ages(size_t i, int midyear, long long *persons);
void pop_ages_sex(size_t i, int midyear, long long *persons,
		  long long *males);
long long pop_band(size_t i, int midyear, int lo, int hi);

void apportion(long long total, const double *w, int n, long long *out);
long long round_away(double x);
long long div_half_up(long long num, long long den);
long long div_half_away(long long num, long long den);
void put_scaled(FILE *f, long long v, int dp, int trim);
void put_pct(FILE *f, long long num, long long den, int dp);
long long pct_scaled(long long num, long long den, int dp);
double trend(const double *v, int first, int n, int year);
double dep_index(size_t i);

/* ---- the publications ------------------------------------------------- */

int write_csc(const char *dir);		/* gen-csc.c */
int write_edu(const char *dir);		/* gen-edu.c */
int write_sen(const char *dir);		/* gen-sen.c */
int write_lait(const char *dir);	/* gen-lait.c */
int write_pop(const char *dir);		/* gen-pop.c */
int write_health(const char *dir);	/* gen-health.c */
int write_local(const char *dir);	/* gen-local.c */
int write_lsoa(const char *dir);	/* gen-lsoa.c */

/* ---- gen-lsoa.c: small areas (LSOAs), after model_build() ------------- */

int lsoa_build(void);			/* -1 with a message: no memory */
void lsoa_release(void);
size_t lsoa_count(void);		/* every LSOA of England */
size_t lsoa_la(size_t j);		/* its upper tier, index into las[] */
int lsoa_msoa(size_t j);		/* its MSOA's number in the district */
long lsoa_rank(size_t j);		/* IMD rank, 1 the most deprived */
int lsoa_decile(size_t j);
void lsoa_code(size_t j, char *buf, size_t n);
void lsoa_name(size_t j, char *buf, size_t n);
/* Its residents at mid-year y by single year of age (NAGE each); over an
 * authority's LSOAs they add up to pop_ages_sex()'s. */
void lsoa_ages(size_t j, int y, long long *female, long long *male);

/* The published figures that the LAIT table repeats (gen-lait.c), for
 * an area and the year a LAIT row gives: 1 and the value scaled by 10 to
 * the measure's decimals, or 0 where the source shows no value. */
enum edu_group { G_TOTAL, G_FSM, G_NONFSM, G_NOSEN, G_SUPPORT, G_EHC, NGRP };

int eyfs_lait(const struct geo *g, int y, int grp, long long *v);
int ks2_lait(const struct geo *g, int y, int grp, long long *v);
int sen_phase_lait(const struct geo *g, int y, int which, long long *v);
int neet_lait(const struct geo *g, int y, int which, long long *v);
int eyfs_comm_lait(const struct geo *g, int y, long long *v);
int ks4_lait(const struct geo *g, int y, int grp, int which, long long *v);
int csc_lait(const struct geo *g, int y, int which, long long *v);
int ft_lait(const struct geo *g, int year, long long *v);

#endif
