/* test_wording.c - the generated statements (wording.h).
 *
 * Each test builds an indicator by hand, as results_load() would hand it
 * over (titles, types, units and labels as the catalogue's definitions
 * and calc store them), and checks whole sentences, so that any change of
 * wording is a deliberate one. Values are rounded by hand, half away from
 * zero on the decimal value, with thousands separated by commas.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/period.h"
#include "jsna/results.h"
#include "jsna/wording.h"

#define NP 12
#define AREA "Cheshire West and Chester"

/* An indicator with its periods and three series, owned by the test. */
struct fix {
	struct result_indicator ind;
	struct period periods[NP];
	struct result_point pt[SERIES_COUNT][NP];
	char title[128], type[16], polarity[16], unit[64];
	char count_label[96], denominator_label[96], empty[1];
};

/* np periods of kind from first_year (a month series: January onwards of
 * first_year); every point absent. */
static void fix_init(struct fix *f, const char *type, const char *polarity,
		     const char *unit, const char *count_label,
		     const char *denominator_label, int decimals,
		     const char *title, enum period_kind kind, int first_year,
		     int np)
{
	struct result_indicator *ind = &f->ind;
	int j, k;

	memset(f, 0, sizeof(*f));
	snprintf(f->title, sizeof(f->title), "%s", title);
	snprintf(f->type, sizeof(f->type), "%s", type);
	snprintf(f->polarity, sizeof(f->polarity), "%s", polarity);
	snprintf(f->unit, sizeof(f->unit), "%s", unit);
	snprintf(f->count_label, sizeof(f->count_label), "%s", count_label);
	snprintf(f->denominator_label, sizeof(f->denominator_label), "%s",
		 denominator_label);
	ind->id = f->empty;
	ind->title = f->title;
	ind->domain = f->empty;
	ind->type = f->type;
	ind->polarity = f->polarity;
	ind->ci = f->empty;
	ind->unit = f->unit;
	ind->count_label = f->count_label;
	ind->source = f->empty;
	ind->group_a = f->empty;
	ind->group_b = f->empty;
	ind->continues = f->empty;
	ind->last_update = f->empty;
	ind->next_update = f->empty;
	ind->denominator_label = f->denominator_label;
	ind->datasets = f->empty;
	ind->target = NAN;
	ind->multiplier = !strcmp(type, "rate") ? 10000 : 1;
	ind->decimals = decimals;
	ind->nperiods = (size_t)np;
	ind->periods = f->periods;
	for (j = 0; j < np; j++) {
		f->periods[j].kind = kind;
		f->periods[j].year = kind == PERIOD_MONTH ? first_year :
			first_year + j;
		f->periods[j].month = kind == PERIOD_MONTH ? j + 1 : 0;
		period_finish(&f->periods[j]);
	}
	for (k = 0; k < SERIES_COUNT; k++) {
		ind->series[k].pt = f->pt[k];
		for (j = 0; j < NP; j++) {
			struct result_point *p = &f->pt[k][j];

			p->value = p->lower95 = p->upper95 = NAN;
			p->lower998 = p->upper998 = NAN;
			p->count = p->denominator = p->neighbour_avg = NAN;
			p->change_prev = p->change_base = NAN;
		}
	}
	ind->latest = -1;
}

static struct result_point *area(struct fix *f, int j, double value,
				 double count, const char *cmp)
{
	struct result_point *p = &f->pt[SERIES_AREA][j];

	p->present = 1;
	p->value = value;
	p->count = count;
	snprintf(p->cmp_england, sizeof(p->cmp_england), "%s", cmp);
	f->ind.latest = j > f->ind.latest ? j : f->ind.latest;
	return p;
}

static void england(struct fix *f, int j, double value)
{
	f->pt[SERIES_ENGLAND][j].present = 1;
	f->pt[SERIES_ENGLAND][j].value = value;
}

/* A row without a value: note "c" (withheld) or "x" (not available). */
static void no_value(struct fix *f, int j, const char *note)
{
	struct result_point *p = area(f, j, NAN, NAN, "Not compared");

	snprintf(p->note, sizeof(p->note), "%s", note);
}

/* The sentences, copied out so that a failing assertion leaks nothing. */
static char said[2048];

static const char *headline(const struct fix *f, const char *name)
{
	struct buf b = BUF_INIT;

	wording_headline(&f->ind, name, 5, &b);
	snprintf(said, sizeof(said), "%s", b.buf);
	buf_release(&b);
	return said;
}

static const char *gap(const struct fix *f, int suppress_below)
{
	struct buf b = BUF_INIT;

	wording_gap(&f->ind, AREA, suppress_below, &b);
	snprintf(said, sizeof(said), "%s", b.buf);
	buf_release(&b);
	return said;
}

static int concern(const struct fix *f)
{
	struct buf b = BUF_INIT;
	int r = wording_concern(&f->ind, &b);

	snprintf(said, sizeof(said), "%s", b.buf);
	buf_release(&b);
	return r;
}

static const char *singular(const char *label)
{
	struct buf b = BUF_INIT;

	wording_singular(label, &b);
	snprintf(said, sizeof(said), "%s", b.buf);
	buf_release(&b);
	return said;
}

/* ---- fixtures shaped like the catalogue ---- */

/* cla_rate: reporting years 2014..2025, no polarity, per 10,000. */
static void cla_rate(struct fix *f, const char *unit)
{
	fix_init(f, "rate", "none", unit, "children in care",
		 "children aged under 18", 0,
		 "Children in care per 10,000 children aged under 18",
		 PERIOD_REPORTING, 2014, 12);
}

/* eyfs_gld: academic years 2013/14..2024/25, high is good, %. */
static void eyfs_gld(struct fix *f)
{
	fix_init(f, "proportion", "high_is_good", "%",
		 "children with a good level of development",
		 "children at the end of reception", 1,
		 "Good level of development at the end of reception",
		 PERIOD_ACADEMIC, 2013, 12);
}

/* ks4_att8: academic years, high is good, a published average. */
static void ks4_att8(struct fix *f)
{
	fix_init(f, "mean", "high_is_good", "score points",
		 "pupils at the end of key stage 4",
		 "pupils at the end of key stage 4", 1,
		 "Average Attainment 8 score", PERIOD_ACADEMIC, 2013, 12);
}

/* ks4_att8_fsm_gap: academic years 2013/14..2024/25, base year 2016. */
static void att8_gap(struct fix *f)
{
	fix_init(f, "gap", "low_is_good", "score points", "", "", 1,
		 "Attainment 8 gap: FSM pupils and their peers",
		 PERIOD_ACADEMIC, 2013, 12);
	f->ind.base_year = 2016;
}

/* eyfs_gld_fsm_gap: in percentage points. */
static void gld_gap(struct fix *f)
{
	fix_init(f, "gap", "low_is_good", "percentage points", "", "", 1,
		 "Good level of development gap: FSM pupils and their peers",
		 PERIOD_ACADEMIC, 2013, 12);
	f->ind.base_year = 2016;
}

/* ---- headline: rates and their base ---- */

static void test_rate_with_base(void **state)
{
	struct fix f;

	(void)state;
	cla_rate(&f, "per 10,000 children aged under 18");
	area(&f, 10, 75.526, 504, "Higher");
	england(&f, 10, 66.1025);
	area(&f, 11, 74.174, 496, "Higher");
	england(&f, 11, 64.998);
	assert_string_equal(headline(&f, AREA),
		"In 2025 there were 496 children in care in Cheshire West "
		"and Chester, a rate of 74 per 10,000 children aged under 18, "
		"higher than England (65).");
}

/* A unit of "per 10,000" alone takes the denominator's label. */
static void test_rate_base_from_label(void **state)
{
	struct fix f;

	(void)state;
	cla_rate(&f, "per 10,000");
	area(&f, 11, 74.174, 496, "Higher");
	england(&f, 11, 64.998);
	assert_string_equal(headline(&f, AREA),
		"In 2025 there were 496 children in care in Cheshire West "
		"and Chester, a rate of 74 per 10,000 children aged under 18, "
		"higher than England (65).");
	/* no unit at all: the multiplier makes the base */
	cla_rate(&f, "");
	area(&f, 11, 74.174, 496, "Lower");
	england(&f, 11, 80.2);
	assert_string_equal(headline(&f, AREA),
		"In 2025 there were 496 children in care in Cheshire West "
		"and Chester, a rate of 74 per 10,000 children aged under 18, "
		"lower than England (80).");
}

static void test_rate_without_count(void **state)
{
	struct fix f;

	(void)state;
	cla_rate(&f, "per 10,000 children aged under 18");
	area(&f, 11, 74.174, NAN, "Similar");
	england(&f, 11, 73.6);
	assert_string_equal(headline(&f, AREA),
		"In 2025 the rate of children in care in Cheshire West and "
		"Chester was 74 per 10,000 children aged under 18, similar to "
		"England (74).");
	f.count_label[0] = '\0';
	assert_string_equal(headline(&f, AREA),
		"In 2025 the rate in Cheshire West and Chester was 74 per "
		"10,000 children aged under 18, similar to England (74).");
}

/* A rate from one admission: the count's noun in the singular, the
 * thousands of a large rate separated. */
static void test_rate_singular_and_thousands(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "rate", "low_is_good",
		 "per 100,000 people aged 10 to 24",
		 "hospital admissions for self-harm", "people aged 10 to 24",
		 1, "Hospital admissions for self-harm, aged 10 to 24",
		 PERIOD_FINANCIAL, 2019, 5);
	area(&f, 4, 1.9, 1, "Better");
	england(&f, 4, 319.04);
	assert_string_equal(headline(&f, "Rutland"),
		"In 2023/24 there was 1 hospital admission for self-harm in "
		"Rutland, a rate of 1.9 per 100,000 people aged 10 to 24, "
		"better than England (319.0).");
	area(&f, 4, 1234.55, 12345, "Worse");
	england(&f, 4, 1019.95);
	assert_string_equal(headline(&f, "Rutland"),
		"In 2023/24 there were 12,345 hospital admissions for "
		"self-harm in Rutland, a rate of 1,234.6 per 100,000 people "
		"aged 10 to 24, worse than England (1,020.0).");
}

/* ---- headline: counts ---- */

static void test_count_plural(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "count", "none", "", "children in need", "", 0,
		 "Children in need at 31 March", PERIOD_REPORTING, 2014, 12);
	area(&f, 11, 2436, 2436, "Lower, not tested");
	england(&f, 11, 412870);
	/* never set beside England's count */
	assert_string_equal(headline(&f, "X"),
		"In 2025 there were 2,436 children in need in X.");
	area(&f, 11, 0, 0, "Lower, not tested");
	assert_string_equal(headline(&f, "X"),
		"In 2025 there were 0 children in need in X.");
}

static void test_count_singular(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "count", "none", "", "children in need", "", 0,
		 "Children in need at 31 March", PERIOD_REPORTING, 2014, 12);
	area(&f, 11, 1, 1, "Lower, not tested");
	assert_string_equal(headline(&f, "X"),
		"In 2025 there was 1 child in need in X.");
	fix_init(&f, "count", "none", "", "care leavers aged 16 to 21", "",
		 0, "Care leavers aged 16 to 21", PERIOD_REPORTING, 2021, 5);
	area(&f, 4, 1, 1, "Not compared");
	assert_string_equal(headline(&f, "X"),
		"In 2025 there was 1 care leaver aged 16 to 21 in X.");
	area(&f, 4, 311, 311, "Not compared");
	assert_string_equal(headline(&f, "X"),
		"In 2025 there were 311 care leavers aged 16 to 21 in X.");
}

/* A count of months: the month written out. */
static void test_count_month(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "count", "none", "", "contacts", "", 0,
		 "Contacts to the front door each month", PERIOD_MONTH, 2025,
		 12);
	area(&f, 0, 1189, 1189, "Not compared");
	assert_string_equal(headline(&f, "X"),
		"In January 2025 there were 1,189 contacts in X.");
}

static void test_projection_and_prevalence(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "projection", "not_applicable", "",
		 "children aged 0 to 17", "", 0,
		 "Projected children aged 0 to 17", PERIOD_CALENDAR, 2032,
		 12);
	area(&f, 11, 65758, 65758, "");
	assert_string_equal(headline(&f, "X"),
		"In 2043 there are projected to be 65,758 children aged 0 to "
		"17 in X.");
	fix_init(&f, "prevalence", "not_applicable", "", "",
		 "people aged 0 to 24", 0,
		 "Estimated children and young people with a disability",
		 PERIOD_CALENDAR, 2020, 5);
	area(&f, 4, 9755.9, 9755.9, "");
	assert_string_equal(headline(&f, "X"),
		"In 2024 there were an estimated 9,756 children and young "
		"people with a disability in X.");
}

/* ---- headline: percentages, scores and the comparison words ---- */

static void test_similar(void **state)
{
	struct fix f;

	(void)state;
	eyfs_gld(&f);
	area(&f, 11, 68.285, 2306, "Similar");
	england(&f, 11, 68.1067);
	assert_string_equal(headline(&f, AREA),
		"In 2024/25 good level of development at the end of reception "
		"in Cheshire West and Chester was 68.3%, similar to England "
		"(68.1%).");
}

/* Higher is good: Better. */
static void test_better_high_is_good(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "proportion", "high_is_good", "%",
		 "infants totally or partially breastfed",
		 "infants due a 6 to 8 week review", 1,
		 "Breastfeeding at 6 to 8 weeks", PERIOD_FINANCIAL, 2019, 5);
	area(&f, 4, 63.077, 2091, "Better");
	england(&f, 4, 52.66);
	assert_string_equal(headline(&f, AREA),
		"In 2023/24 breastfeeding at 6 to 8 weeks in Cheshire West "
		"and Chester was 63.1%, better than England (52.7%).");
}

/* Lower is good: Worse for a higher value, Better for a lower one. */
static void test_low_is_good(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "proportion", "low_is_good", "%",
		 "mothers known to smoke at delivery", "maternities", 1,
		 "Smoking at time of delivery", PERIOD_FINANCIAL, 2019, 5);
	area(&f, 4, 10.064, 344, "Worse");
	england(&f, 4, 7.4);
	assert_string_equal(headline(&f, "X"),
		"In 2023/24 smoking at time of delivery in X was 10.1%, worse "
		"than England (7.4%).");
	area(&f, 4, 5.25, 180, "Better");
	assert_string_equal(headline(&f, "X"),
		"In 2023/24 smoking at time of delivery in X was 5.3%, better "
		"than England (7.4%).");
}

/* No polarity: higher or lower, never better or worse; a title opening
 * with a number takes a comma after the period. */
static void test_no_polarity(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "proportion", "none", "%",
		 "children and young people with an EHC plan",
		 "people aged 0 to 25", 1, "0 to 25 year olds with an EHC plan",
		 PERIOD_REPORTING, 2021, 5);
	area(&f, 4, 3.095, 2849, "Lower");
	england(&f, 4, 3.61);
	assert_string_equal(headline(&f, "X"),
		"In 2025, 0 to 25 year olds with an EHC plan in X was 3.1%, "
		"lower than England (3.6%).");
	area(&f, 4, 4.2, 3900, "Higher");
	assert_string_equal(headline(&f, "X"),
		"In 2025, 0 to 25 year olds with an EHC plan in X was 4.2%, "
		"higher than England (3.6%).");
}

/* Without an interval only the direction is known: above, below, the
 * same as; a score stands bare; "Attainment 8" keeps its capital. */
static void test_untested(void **state)
{
	struct fix f;

	(void)state;
	ks4_att8(&f);
	area(&f, 11, 45.5, 3740, "Lower, not tested");
	england(&f, 11, 45.7);
	assert_string_equal(headline(&f, AREA),
		"In 2024/25 average Attainment 8 score in Cheshire West and "
		"Chester was 45.5, below England (45.7).");
	area(&f, 11, 46.04, 3740, "Higher, not tested");
	assert_string_equal(headline(&f, AREA),
		"In 2024/25 average Attainment 8 score in Cheshire West and "
		"Chester was 46.0, above England (45.7).");
	area(&f, 11, 45.7, 3740, "Same, not tested");
	assert_string_equal(headline(&f, AREA),
		"In 2024/25 average Attainment 8 score in Cheshire West and "
		"Chester was 45.7, the same as England (45.7).");
}

/* Not compared, or no label at all: England's value, no words. */
static void test_not_compared(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "proportion", "none", "%",
		 "contacts converted to referral", "contacts", 1,
		 "Front door contacts converted to referral",
		 PERIOD_REPORTING, 2021, 5);
	area(&f, 4, 23.028, 251, "Not compared");
	england(&f, 4, 25.0);
	assert_string_equal(headline(&f, "X"),
		"In 2025 front door contacts converted to referral in X was "
		"23.0% (England: 25.0%).");
	area(&f, 4, 23.028, 251, "");
	assert_string_equal(headline(&f, "X"),
		"In 2025 front door contacts converted to referral in X was "
		"23.0% (England: 25.0%).");
}

/* No England value: no England clause, whatever the label says. */
static void test_missing_england(void **state)
{
	struct fix f;

	(void)state;
	eyfs_gld(&f);
	area(&f, 11, 68.285, 2306, "Similar");
	assert_string_equal(headline(&f, AREA),
		"In 2024/25 good level of development at the end of reception "
		"in Cheshire West and Chester was 68.3%.");
	/* England present in another period only */
	england(&f, 10, 67.7);
	assert_string_equal(headline(&f, AREA),
		"In 2024/25 good level of development at the end of reception "
		"in Cheshire West and Chester was 68.3%.");
}

/* An acronym keeps its capitals; an ordinary title is lowered. */
static void test_title_case(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "proportion", "high_is_good", "%",
		 "plans issued within 20 weeks",
		 "new plans, excluding exceptions", 1,
		 "EHC plans issued within 20 weeks", PERIOD_CALENDAR, 2021,
		 5);
	area(&f, 4, 38.621, 112, "Worse");
	england(&f, 4, 46.4);
	assert_string_equal(headline(&f, "X"),
		"In 2025 EHC plans issued within 20 weeks in X was 38.6%, "
		"worse than England (46.4%).");
	snprintf(f.title, sizeof(f.title), "%s",
		 "Year 6 children overweight, including obesity");
	assert_string_equal(headline(&f, "X"),
		"In 2025 Year 6 children overweight, including obesity in X "
		"was 38.6%, worse than England (46.4%).");
}

/* ---- headline: rounding, suppression, fallback ---- */

/* 408 of 640 is 63.75 exactly, though the double is below it: 63.8. */
static void test_rounding_tie(void **state)
{
	struct fix f;
	volatile double num = 408.0;	/* computed at run time */

	(void)state;
	eyfs_gld(&f);
	area(&f, 11, num / 640 * 100, 408, "Similar");
	england(&f, 11, 63.65);
	assert_string_equal(headline(&f, "X"),
		"In 2024/25 good level of development at the end of reception "
		"in X was 63.8%, similar to England (63.7%).");
	/* at no decimals, 74.5 is 75 and -0.005 at two is "-0.01" */
	cla_rate(&f, "per 10,000 children aged under 18");
	area(&f, 11, 74.5, 496, "Higher");
	england(&f, 11, 64.5);
	assert_string_equal(headline(&f, "X"),
		"In 2025 there were 496 children in care in X, a rate of 75 "
		"per 10,000 children aged under 18, higher than England (65).");
	fix_init(&f, "mean", "high_is_good", "score points",
		 "pupils with a Progress 8 score",
		 "pupils with a Progress 8 score", 2, "Average Progress 8 score",
		 PERIOD_ACADEMIC, 2013, 12);
	area(&f, 11, -0.005, 3396, "Lower, not tested");
	england(&f, 11, 0.0);
	assert_string_equal(headline(&f, "X"),
		"In 2024/25 average Progress 8 score in X was -0.01, below "
		"England (0.00).");
}

static void test_suppressed(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "count", "none", "", "children in care", "", 0,
		 "Children in care at 31 March", PERIOD_REPORTING, 2014, 12);
	area(&f, 10, 6, 6, "Lower, not tested");
	no_value(&f, 11, "c");
	england(&f, 11, 83630);
	assert_string_equal(headline(&f, AREA),
		"In 2025 the number of children in care in Cheshire West and "
		"Chester was too small to publish (fewer than 5).");
	/* a percentage withheld: still no value, no comparison */
	fix_init(&f, "proportion", "high_is_good", "%",
		 "children in care with grade 4 or above in English and maths",
		 "children in care at the end of key stage 4", 1,
		 "Children in care passing English and maths at grade 4",
		 PERIOD_ACADEMIC, 2018, 7);
	area(&f, 2, 17.647, 6, "Similar");
	no_value(&f, 6, "c");
	england(&f, 6, 22.1);
	assert_string_equal(headline(&f, "X"),
		"In 2024/25 the number of children in care with grade 4 or "
		"above in English and maths in X was too small to publish "
		"(fewer than 5).");
	/* no count label to name */
	f.count_label[0] = '\0';
	assert_string_equal(headline(&f, "X"),
		"In 2024/25 children in care passing English and maths at "
		"grade 4 in X was not published: the numbers are too small "
		"(fewer than 5).");
}

/* The latest period without a value ("x", or no row) is passed over. */
static void test_latest_fallback(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "mean", "high_is_good", "score points",
		 "pupils with a Progress 8 score",
		 "pupils with a Progress 8 score", 2, "Average Progress 8 score",
		 PERIOD_ACADEMIC, 2015, 10);
	area(&f, 8, -0.03, 3396, "Higher, not tested");
	england(&f, 8, -0.034);
	no_value(&f, 9, "x");
	england(&f, 9, -0.02);
	assert_int_equal(f.ind.latest, 9);
	assert_int_equal(wording_latest(&f.ind), 8);
	assert_string_equal(headline(&f, "X"),
		"In 2023/24 average Progress 8 score in X was -0.03, above "
		"England (-0.03).");
	/* a row with only a note other than "c", then none at all */
	no_value(&f, 8, "low");
	assert_int_equal(wording_latest(&f.ind), -1);
	assert_string_equal(headline(&f, "X"), "");
}

/* Nothing to say: nothing appended, and what was there is kept. */
/* A slope index of inequality: its value and interval, and a direction
 * only where the interval leaves out nought (the SII is the least
 * deprived end less the most deprived). */
static void test_sii(void **state)
{
	struct fix f;
	struct result_point *p;
	static const struct { double lo, hi; const char *said; } cases[] = {
		{ -84.4, -80.5, ": higher in the more deprived areas." },
		{ 3.0, 9.4, ": higher in the less deprived areas." },
		{ -1.2, 4.4,
		  ": no clear slope from the more to the less deprived areas." },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char want[512];

		fix_init(&f, "sii", "not_applicable", "percentage points", "",
			 "", 1, "Inequality in children's centre reach across "
			 "deprivation", PERIOD_FINANCIAL, 2021, 4);
		p = area(&f, 3, (cases[i].lo + cases[i].hi) / 2, NAN,
			 "Not compared");
		p->lower95 = cases[i].lo;
		p->upper95 = cases[i].hi;
		snprintf(want, sizeof(want), "In 2024/25 the slope index of "
			 "inequality across the deprivation deciles of "
			 "Cheshire West and Chester's small areas (inequality "
			 "in children's centre reach across deprivation) was "
			 "%.1f percentage points (95%% confidence interval "
			 "%.1f to %.1f)%s", (cases[i].lo + cases[i].hi) / 2,
			 cases[i].lo, cases[i].hi, cases[i].said);
		assert_string_equal(headline(&f, AREA), want);
	}
	/* No interval: the value alone. */
	fix_init(&f, "sii", "not_applicable", "percentage points", "", "", 1,
		 "Inequality in reach", PERIOD_FINANCIAL, 2021, 4);
	area(&f, 3, -12.25, NAN, "Not compared");
	assert_string_equal(headline(&f, AREA),
		"In 2024/25 the slope index of inequality across the "
		"deprivation deciles of Cheshire West and Chester's small "
		"areas (inequality in reach) was -12.3 percentage points.");
}

static void test_nothing(void **state)
{
	struct fix f;
	struct buf b = BUF_INIT;

	(void)state;
	eyfs_gld(&f);
	buf_adds(&b, "kept");
	wording_headline(&f.ind, "X", 5, &b);
	wording_gap(&f.ind, "X", 5, &b);
	assert_int_equal(wording_concern(&f.ind, &b), 0);
	assert_string_equal(b.buf, "kept");
	f.ind.nperiods = 0;
	f.ind.periods = NULL;
	wording_headline(&f.ind, "X", 5, &b);
	assert_string_equal(b.buf, "kept");
	buf_release(&b);
}

/* No area name: the sentence names none. */
static void test_no_area(void **state)
{
	struct fix f;

	(void)state;
	eyfs_gld(&f);
	area(&f, 11, 68.285, 2306, "Similar");
	england(&f, 11, 68.1067);
	assert_string_equal(headline(&f, NULL),
		"In 2024/25 good level of development at the end of reception "
		"was 68.3%, similar to England (68.1%).");
}

/* ---- singular count labels ---- */

static void test_singular_rules(void **state)
{
	(void)state;
	/* children -> child */
	assert_string_equal(singular("children in need"), "child in need");
	assert_string_equal(singular("children overweight or obese"),
			    "child overweight or obese");
	/* young people -> young person, people -> person */
	assert_string_equal(singular("young people NEET or activity not "
				     "known"),
			    "young person NEET or activity not known");
	assert_string_equal(singular("people aged 65 and over"),
			    "person aged 65 and over");
	assert_string_equal(singular("people"), "person");
	/* the last word before a preposition loses its s */
	assert_string_equal(singular("hospital admissions for injuries"),
			    "hospital admission for injuries");
	/* ... or before a verb-like word */
	assert_string_equal(singular("care leavers aged 16 to 21"),
			    "care leaver aged 16 to 21");
	assert_string_equal(singular("contacts converted to referral"),
			    "contact converted to referral");
	assert_string_equal(singular("infants totally or partially "
				     "breastfed"),
			    "infant totally or partially breastfed");
	assert_string_equal(singular("mothers known to smoke at delivery"),
			    "mother known to smoke at delivery");
	assert_string_equal(singular("under-5s reached"), "under-5 reached");
	/* -ies -> -y, -sses/-shes/-ches/-xes lose -es */
	assert_string_equal(singular("families in temporary "
				     "accommodation"),
			    "family in temporary accommodation");
	assert_string_equal(singular("classes"), "class");
	assert_string_equal(singular("matches"), "match");
	assert_string_equal(singular("boxes"), "box");
	/* nouns joined by "and": each singular, joined by "or" */
	assert_string_equal(singular("children and young people with an EHC "
				     "plan"),
			    "child or young person with an EHC plan");
	/* no plural to make singular: as it is */
	assert_string_equal(singular("care in the community"),
			    "care in the community");
	assert_string_equal(singular("NHS staff"), "NHS staff");
	assert_string_equal(singular(""), "");
	assert_string_equal(singular("admissions"), "admission");
}

/* ---- comparison words ---- */

static void test_comparison_words(void **state)
{
	(void)state;
	assert_string_equal(wording_comparison("Better"), "better than");
	assert_string_equal(wording_comparison("Worse"), "worse than");
	assert_string_equal(wording_comparison("Higher"), "higher than");
	assert_string_equal(wording_comparison("Lower"), "lower than");
	assert_string_equal(wording_comparison("Similar"), "similar to");
	assert_string_equal(wording_comparison("Higher, not tested"),
			    "above");
	assert_string_equal(wording_comparison("Lower, not tested"),
			    "below");
	assert_string_equal(wording_comparison("Same, not tested"),
			    "the same as");
	assert_null(wording_comparison("Not compared"));
	assert_null(wording_comparison(""));
	assert_null(wording_comparison(NULL));
	assert_null(wording_comparison("similar"));
}

/* ---- gaps ---- */

/* From the base year, both ends rounded: 16.7 to 16.3 closed by 0.4;
 * untested against England: "above England's". */
static void test_gap_closed(void **state)
{
	struct fix f;

	(void)state;
	att8_gap(&f);
	area(&f, 2, 16.1, NAN, "Higher, not tested");
	area(&f, 3, 16.7, NAN, "Higher, not tested");
	area(&f, 7, 16.4, NAN, "Higher, not tested");
	area(&f, 11, 16.3, NAN, "Higher, not tested");
	england(&f, 11, 15.0);
	assert_string_equal(gap(&f, 5),
		"The Attainment 8 gap between FSM pupils and their peers in "
		"Cheshire West and Chester closed by 0.4 points to 16.3 points "
		"in 2024/25 (2016/17: 16.7), above England's (15.0).");
	/* the headline of a gap is the gap's statement */
	assert_string_equal(headline(&f, AREA),
		"The Attainment 8 gap between FSM pupils and their peers in "
		"Cheshire West and Chester closed by 0.4 points to 16.3 points "
		"in 2024/25 (2016/17: 16.7), above England's (15.0).");
}

/* 19.245 is 19.2 and 21.254 is 21.3: widened by 2.1 (not the 2.0 of the
 * unrounded difference); in percentage points. */
static void test_gap_widened(void **state)
{
	struct fix f;

	(void)state;
	gld_gap(&f);
	area(&f, 3, 19.245, NAN, "Similar");
	area(&f, 11, 21.254, NAN, "Similar");
	england(&f, 11, 19.94);
	assert_string_equal(gap(&f, 5),
		"The good level of development gap between FSM pupils and "
		"their peers in Cheshire West and Chester widened by 2.1 "
		"percentage points to 21.3 points in 2024/25 (2016/17: 19.2), "
		"similar to England's (19.9).");
}

static void test_gap_unchanged(void **state)
{
	struct fix f;

	(void)state;
	att8_gap(&f);
	area(&f, 3, 16.34, NAN, "Lower, not tested");
	area(&f, 11, 16.25, NAN, "Lower, not tested");
	england(&f, 11, 16.5);
	assert_string_equal(gap(&f, 5),
		"The Attainment 8 gap between FSM pupils and their peers in "
		"Cheshire West and Chester was unchanged at 16.3 points in "
		"2024/25 (2016/17: 16.3), below England's (16.5).");
}

/* Tested against England with lower is good: Better is narrower, Worse
 * wider; a 1 in the singular. */
static void test_gap_better_worse(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "gap", "low_is_good", "percentage points", "", "", 0,
		 "Reading, writing and maths gap: FSM pupils and their peers",
		 PERIOD_ACADEMIC, 2013, 12);
	f.ind.base_year = 2016;
	area(&f, 3, 24, NAN, "Similar");
	area(&f, 11, 23.4, NAN, "Better");
	england(&f, 11, 25.0);
	assert_string_equal(gap(&f, 5),
		"The reading, writing and maths gap between FSM pupils and "
		"their peers in Cheshire West and Chester closed by 1 "
		"percentage point to 23 points in 2024/25 (2016/17: 24), "
		"narrower than England's (25).");
	area(&f, 11, 25, NAN, "Worse");
	england(&f, 11, 21.0);
	assert_string_equal(gap(&f, 5),
		"The reading, writing and maths gap between FSM pupils and "
		"their peers in Cheshire West and Chester widened by 1 "
		"percentage point to 25 points in 2024/25 (2016/17: 24), "
		"wider than England's (21).");
	/* tested with no polarity: Higher is wider, Lower narrower */
	snprintf(f.polarity, sizeof(f.polarity), "none");
	area(&f, 11, 25, NAN, "Higher");
	assert_string_equal(gap(&f, 5),
		"The reading, writing and maths gap between FSM pupils and "
		"their peers in Cheshire West and Chester widened by 1 "
		"percentage point to 25 points in 2024/25 (2016/17: 24), "
		"wider than England's (21).");
	/* a level of 1 in the singular too */
	area(&f, 3, 2, NAN, "Similar");
	area(&f, 11, 1, NAN, "Lower");
	assert_string_equal(gap(&f, 5),
		"The reading, writing and maths gap between FSM pupils and "
		"their peers in Cheshire West and Chester closed by 1 "
		"percentage point to 1 point in 2024/25 (2016/17: 2), "
		"narrower than England's (21).");
}

/* No base year period with a value: from the first period with one
 * (2018/19); only one period: its level; withheld: no figure. */
static void test_gap_start_single_withheld(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "gap", "low_is_good", "percentage points", "", "", 1,
		 "Good level of development gap: EHC plans and no SEN",
		 PERIOD_ACADEMIC, 2013, 12);
	f.ind.base_year = 2016;
	no_value(&f, 3, "c");
	area(&f, 5, 71.589, NAN, "Similar");
	no_value(&f, 10, "c");
	area(&f, 11, 69.247, NAN, "Similar");
	england(&f, 11, 70.578);
	assert_string_equal(gap(&f, 5),
		"The good level of development gap between EHC plans and no "
		"SEN in Cheshire West and Chester closed by 2.4 percentage "
		"points to 69.2 points in 2024/25 (2018/19: 71.6), similar to "
		"England's (70.6).");
	/* only one period with a value */
	no_value(&f, 5, "c");
	assert_string_equal(gap(&f, 5),
		"The good level of development gap between EHC plans and no "
		"SEN in Cheshire West and Chester was 69.2 percentage points "
		"in 2024/25, similar to England's (70.6).");
	/* the latest withheld */
	no_value(&f, 11, "c");
	assert_string_equal(gap(&f, 5),
		"The good level of development gap between EHC plans and no "
		"SEN in Cheshire West and Chester was withheld in 2024/25 "
		"(fewer than 5 pupils in a group).");
	assert_string_equal(gap(&f, 0),
		"The good level of development gap between EHC plans and no "
		"SEN in Cheshire West and Chester was withheld in 2024/25 "
		"(too few pupils in a group).");
}

/* Not compared: England's gap inside the brackets; none: nothing. */
static void test_gap_not_compared(void **state)
{
	struct fix f;

	(void)state;
	att8_gap(&f);
	area(&f, 3, 16.7, NAN, "");
	area(&f, 11, 16.3, NAN, "Not compared");
	england(&f, 11, 15.0);
	assert_string_equal(gap(&f, 5),
		"The Attainment 8 gap between FSM pupils and their peers in "
		"Cheshire West and Chester closed by 0.4 points to 16.3 points "
		"in 2024/25 (2016/17: 16.7; England: 15.0).");
	f.pt[SERIES_ENGLAND][11].present = 0;
	f.pt[SERIES_ENGLAND][11].value = NAN;
	area(&f, 11, 16.3, NAN, "Higher, not tested");
	assert_string_equal(gap(&f, 5),
		"The Attainment 8 gap between FSM pupils and their peers in "
		"Cheshire West and Chester closed by 0.4 points to 16.3 points "
		"in 2024/25 (2016/17: 16.7).");
	/* a single period, not compared */
	area(&f, 3, NAN, NAN, "");
	f.pt[SERIES_AREA][3].present = 0;
	england(&f, 11, 15.0);
	area(&f, 11, 16.3, NAN, "Not compared");
	assert_string_equal(gap(&f, 5),
		"The Attainment 8 gap between FSM pupils and their peers in "
		"Cheshire West and Chester was 16.3 points in 2024/25 "
		"(England: 15.0).");
}

/* A title of another form; a gap that changed sign; negative gaps set
 * beside England by their own words. */
static void test_gap_other_forms(void **state)
{
	struct fix f;

	(void)state;
	fix_init(&f, "gap", "low_is_good", "score points", "", "", 1,
		 "Progress 8 difference by sex", PERIOD_ACADEMIC, 2013, 12);
	area(&f, 0, 5.0, NAN, "");
	area(&f, 11, -3.0, NAN, "Better");
	england(&f, 11, 1.5);
	assert_string_equal(gap(&f, 5),
		"The gap (Progress 8 difference by sex) in Cheshire West and "
		"Chester changed by 8.0 points to -3.0 points in 2024/25 "
		"(2013/14: 5.0), better than England's (1.5).");
	area(&f, 11, -3.0, NAN, "Lower");
	assert_string_equal(gap(&f, 5),
		"The gap (Progress 8 difference by sex) in Cheshire West and "
		"Chester changed by 8.0 points to -3.0 points in 2024/25 "
		"(2013/14: 5.0), lower than England's (1.5).");
	/* both negative: sizes compared without their sign */
	area(&f, 0, -5.0, NAN, "");
	assert_string_equal(gap(&f, 5),
		"The gap (Progress 8 difference by sex) in Cheshire West and "
		"Chester closed by 2.0 points to -3.0 points in 2024/25 "
		"(2013/14: -5.0), lower than England's (1.5).");
}

/* ---- key messages ---- */

/* Worse than England and getting worse. */
static void test_concern_worse_and_worsening(void **state)
{
	struct fix f;
	struct result_point *p;

	(void)state;
	fix_init(&f, "proportion", "high_is_good", "%",
		 "plans issued within 20 weeks",
		 "new plans, excluding exceptions", 1,
		 "New EHC plans issued within 20 weeks", PERIOD_CALENDAR,
		 2014, 12);
	p = area(&f, 11, 38.621, 112, "Worse");
	snprintf(p->trend, sizeof(p->trend), "Decreasing and getting worse");
	snprintf(p->quartile, sizeof(p->quartile), "C");
	england(&f, 11, 46.4);
	assert_int_equal(concern(&f), 1);
	assert_string_equal(said,
		"New EHC plans issued within 20 weeks (2025): worse than "
		"England and getting worse.");
	/* and in the bottom quartile too: both said */
	snprintf(p->quartile, sizeof(p->quartile), "D");
	assert_int_equal(concern(&f), 1);
	assert_string_equal(said,
		"New EHC plans issued within 20 weeks (2025): worse than "
		"England and getting worse, and in the worst quarter of local "
		"authorities in England.");
}

/* The bottom quartile alone. */
static void test_concern_bottom_quartile(void **state)
{
	struct fix f;
	struct result_point *p;

	(void)state;
	fix_init(&f, "proportion", "low_is_good", "%",
		 "children in relative low income families",
		 "children aged under 16", 1,
		 "Children in relative low income families", PERIOD_FINANCIAL,
		 2019, 5);
	p = area(&f, 4, 28.202, 16569, "Similar");
	snprintf(p->trend, sizeof(p->trend), "Increasing and getting worse");
	snprintf(p->quartile, sizeof(p->quartile), "D");
	assert_int_equal(concern(&f), 1);
	assert_string_equal(said,
		"Children in relative low income families (2023/24): in the "
		"worst quarter of local authorities in England.");
	/* a quartile without a good direction is no band at all */
	snprintf(f.polarity, sizeof(f.polarity), "none");
	assert_int_equal(concern(&f), 0);
	assert_string_equal(said, "");
}

/* A gap that widened since the period before. */
static void test_concern_gap_widened(void **state)
{
	struct fix f;
	struct result_point *p;

	(void)state;
	att8_gap(&f);
	area(&f, 10, 16.2, NAN, "Higher, not tested");
	p = area(&f, 11, 16.3, NAN, "Higher, not tested");
	p->change_prev = 0.1;
	snprintf(p->quartile, sizeof(p->quartile), "C");
	assert_int_equal(concern(&f), 1);
	assert_string_equal(said,
		"The Attainment 8 gap between FSM pupils and their peers "
		"widened by 0.1 points to 16.3 points in 2024/25 (2023/24: "
		"16.2).");
	/* in percentage points, and in the bottom quartile too; 20.133 is
	 * 20.1 and 21.254 is 21.3, so 1.2 (not the 1.1 of change_prev) */
	gld_gap(&f);
	area(&f, 8, 20.133, NAN, "Similar");
	p = area(&f, 11, 21.254, NAN, "Similar");
	p->change_prev = 1.121;
	snprintf(p->quartile, sizeof(p->quartile), "D");
	assert_int_equal(concern(&f), 1);
	assert_string_equal(said,
		"The good level of development gap between FSM pupils and "
		"their peers widened by 1.2 percentage points to 21.3 points "
		"in 2024/25 (2021/22: 20.1), and was in the worst quarter of "
		"local authorities in England.");
	/* no period before with a value: no brackets */
	f.pt[SERIES_AREA][8].present = 0;
	assert_int_equal(concern(&f), 1);
	assert_string_equal(said,
		"The good level of development gap between FSM pupils and "
		"their peers widened by 1.2 percentage points to 21.3 points "
		"in 2024/25, and was in the worst quarter of local authorities "
		"in England.");
	/* not widened: the period at the end */
	p->change_prev = -1.0;
	assert_int_equal(concern(&f), 1);
	assert_string_equal(said,
		"The good level of development gap between FSM pupils and "
		"their peers was in the worst quarter of local authorities in "
		"England in 2024/25.");
	snprintf(p->cmp_england, sizeof(p->cmp_england), "Worse");
	snprintf(p->trend, sizeof(p->trend), "Increasing and getting worse");
	assert_int_equal(concern(&f), 1);
	assert_string_equal(said,
		"The good level of development gap between FSM pupils and "
		"their peers was worse than England's and getting worse, and "
		"was in the worst quarter of local authorities in England in "
		"2024/25.");
}

/* Nothing of concern: similar, better, improving, narrowing, or a
 * widening that does not show at the indicator's decimals. */
static void test_concern_none(void **state)
{
	struct fix f;
	struct result_point *p;
	struct buf b = BUF_INIT;

	(void)state;
	fix_init(&f, "proportion", "low_is_good", "%",
		 "children overweight or obese", "children measured in year 6",
		 1, "Year 6 children overweight, including obesity",
		 PERIOD_ACADEMIC, 2019, 5);
	/* worse, but getting better */
	p = area(&f, 4, 25.34, 857, "Worse");
	snprintf(p->trend, sizeof(p->trend), "Decreasing and getting better");
	snprintf(p->quartile, sizeof(p->quartile), "C");
	assert_int_equal(concern(&f), 0);
	assert_string_equal(said, "");
	/* getting worse, but not worse than England */
	snprintf(p->trend, sizeof(p->trend), "Increasing and getting worse");
	snprintf(p->cmp_england, sizeof(p->cmp_england), "Similar");
	assert_int_equal(concern(&f), 0);
	/* worse and getting worse, but the latest is withheld */
	snprintf(p->cmp_england, sizeof(p->cmp_england), "Worse");
	assert_int_equal(concern(&f), 1);
	no_value(&f, 4, "c");
	assert_int_equal(concern(&f), 0);

	/* a gap that closed, and one whose widening rounds away */
	att8_gap(&f);
	p = area(&f, 11, 16.3, NAN, "Higher, not tested");
	p->change_prev = -0.5;
	assert_int_equal(concern(&f), 0);
	p->change_prev = 0.04;		/* 16.26 -> 16.3: unchanged */
	assert_int_equal(concern(&f), 0);
	p->change_prev = NAN;
	assert_int_equal(concern(&f), 0);
	/* a non-gap's change is no trigger */
	ks4_att8(&f);
	p = area(&f, 11, 45.5, 3740, "Lower, not tested");
	p->change_prev = 3.0;
	assert_int_equal(concern(&f), 0);

	/* the sentence is appended, nothing else touched */
	buf_adds(&b, "Key messages: ");
	p->quartile[0] = 'D';
	assert_int_equal(wording_concern(&f.ind, &b), 1);
	assert_string_equal(b.buf,
		"Key messages: Average Attainment 8 score (2024/25): in the "
		"worst quarter of local authorities in England.");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rate_with_base),
		cmocka_unit_test(test_rate_base_from_label),
		cmocka_unit_test(test_rate_without_count),
		cmocka_unit_test(test_rate_singular_and_thousands),
		cmocka_unit_test(test_count_plural),
		cmocka_unit_test(test_count_singular),
		cmocka_unit_test(test_count_month),
		cmocka_unit_test(test_projection_and_prevalence),
		cmocka_unit_test(test_similar),
		cmocka_unit_test(test_better_high_is_good),
		cmocka_unit_test(test_low_is_good),
		cmocka_unit_test(test_no_polarity),
		cmocka_unit_test(test_untested),
		cmocka_unit_test(test_not_compared),
		cmocka_unit_test(test_missing_england),
		cmocka_unit_test(test_title_case),
		cmocka_unit_test(test_rounding_tie),
		cmocka_unit_test(test_suppressed),
		cmocka_unit_test(test_latest_fallback),
		cmocka_unit_test(test_sii),
		cmocka_unit_test(test_nothing),
		cmocka_unit_test(test_no_area),
		cmocka_unit_test(test_singular_rules),
		cmocka_unit_test(test_comparison_words),
		cmocka_unit_test(test_gap_closed),
		cmocka_unit_test(test_gap_widened),
		cmocka_unit_test(test_gap_unchanged),
		cmocka_unit_test(test_gap_better_worse),
		cmocka_unit_test(test_gap_start_single_withheld),
		cmocka_unit_test(test_gap_not_compared),
		cmocka_unit_test(test_gap_other_forms),
		cmocka_unit_test(test_concern_worse_and_worsening),
		cmocka_unit_test(test_concern_bottom_quartile),
		cmocka_unit_test(test_concern_gap_widened),
		cmocka_unit_test(test_concern_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
