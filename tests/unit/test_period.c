/* test_period.c - time periods (period.h).
 *
 * Labels and sortable keys are those of DESIGN.md section 5 (Fingertips'
 * forms: "2017/18", "2018", "2018/19 Q1", "2018 Jan"; sortable = start
 * year * 10000 + start month * 100), worked out by hand for each input.
 * Quarters are financial: Q1 is April to June, Q4 January to March of the
 * following calendar year.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "jsna/period.h"

struct want {
	const char *text, *ident;
	enum period_kind kind;
	int year, month;
	long sortable;
	const char *label, *range;
};

static void check_at(const struct want *w, const char *file, int line)
{
	struct period p;

	if (period_parse(w->text, w->ident, &p) != 0) {
		print_error("'%s' with '%s' rejected\n", w->text,
			    w->ident ? w->ident : "(null)");
		_fail(file, line);
	}
	if (p.kind != w->kind || p.year != w->year || p.month != w->month ||
	    p.sortable != w->sortable || strcmp(p.label, w->label) != 0 ||
	    !p.range || strcmp(p.range, w->range) != 0) {
		print_error("'%s' with '%s': kind %d year %d month %d sortable "
			    "%ld label '%s' range '%s'; expected %d %d %d %ld "
			    "'%s' '%s'\n", w->text,
			    w->ident ? w->ident : "(null)", (int)p.kind,
			    p.year, p.month, p.sortable, p.label,
			    p.range ? p.range : "(null)", (int)w->kind,
			    w->year, w->month, w->sortable, w->label,
			    w->range);
		_fail(file, line);
	}
}

#define check(...) \
	do { \
		const struct want w_ = { __VA_ARGS__ }; \
		check_at(&w_, __FILE__, __LINE__); \
	} while (0)

static void check_bad_at(const char *text, const char *ident,
			 const char *file, int line)
{
	struct period p;

	if (period_parse(text, ident, &p) != -1) {
		print_error("'%s' with '%s' accepted as '%s'\n", text,
			    ident ? ident : "(null)", p.label);
		_fail(file, line);
	}
}

#define check_bad(text, ident) check_bad_at((text), (ident), __FILE__, __LINE__)

static void test_years(void **state)
{
	(void)state;
	/* EES academic year: "201718" */
	check("201718", "Academic year", PERIOD_ACADEMIC, 2017, 0, 20170000L,
	      "2017/18", "1y");
	check("201718", NULL, PERIOD_ACADEMIC, 2017, 0, 20170000L, "2017/18",
	      "1y");
	check("201718", "", PERIOD_ACADEMIC, 2017, 0, 20170000L, "2017/18",
	      "1y");
	/* financial years as written in the text */
	check("2017-18", NULL, PERIOD_FINANCIAL, 2017, 0, 20170000L,
	      "2017/18", "1y");
	check("2017/18", NULL, PERIOD_FINANCIAL, 2017, 0, 20170000L,
	      "2017/18", "1y");
	check("201718", "Financial year", PERIOD_FINANCIAL, 2017, 0,
	      20170000L, "2017/18", "1y");
	check("2017-18", "Academic year", PERIOD_ACADEMIC, 2017, 0,
	      20170000L, "2017/18", "1y");
	/* across a century */
	check("199900", "Academic year", PERIOD_ACADEMIC, 1999, 0,
	      19990000L, "1999/00", "1y");
	/* reporting year: the year ending 31 March */
	check("2025", "Reporting year", PERIOD_REPORTING, 2025, 0, 20250000L,
	      "2025", "1y");
	check("2018", "Calendar year", PERIOD_CALENDAR, 2018, 0, 20180000L,
	      "2018", "1y");
	check("2018", NULL, PERIOD_CALENDAR, 2018, 0, 20180000L, "2018",
	      "1y");
	/* identifiers are case-blind; blanks around the text are dropped */
	check(" 201718 ", "academic year", PERIOD_ACADEMIC, 2017, 0,
	      20170000L, "2017/18", "1y");
	check("2025\t", "REPORTING YEAR", PERIOD_REPORTING, 2025, 0,
	      20250000L, "2025", "1y");
	/* an identifier not known: the text decides */
	check("201718", "Spring term", PERIOD_ACADEMIC, 2017, 0, 20170000L,
	      "2017/18", "1y");
}

static void test_quarters(void **state)
{
	(void)state;
	check("2018/19 Q1", NULL, PERIOD_QUARTER, 2018, 4, 20180400L,
	      "2018/19 Q1", "1q");
	check("2018/19 Q2", NULL, PERIOD_QUARTER, 2018, 7, 20180700L,
	      "2018/19 Q2", "1q");
	check("2018/19 Q3", NULL, PERIOD_QUARTER, 2018, 10, 20181000L,
	      "2018/19 Q3", "1q");
	/* Q4 is January to March 2019 */
	check("2018/19 Q4", NULL, PERIOD_QUARTER, 2019, 1, 20190100L,
	      "2018/19 Q4", "1q");
	check("2018-19 Q4", NULL, PERIOD_QUARTER, 2019, 1, 20190100L,
	      "2018/19 Q4", "1q");
	/* EES: the span in time_period, the quarter in the identifier */
	check("201819", "Q2", PERIOD_QUARTER, 2018, 7, 20180700L,
	      "2018/19 Q2", "1q");
	check("201819", "Q4", PERIOD_QUARTER, 2019, 1, 20190100L,
	      "2018/19 Q4", "1q");
	check("201819", "q1", PERIOD_QUARTER, 2018, 4, 20180400L,
	      "2018/19 Q1", "1q");
	check("201819", "Quarter 3", PERIOD_QUARTER, 2018, 10, 20181000L,
	      "2018/19 Q3", "1q");
	/* quarters sort in time order, Q4 after Q3 and before the next Q1 */
	{
		struct period q3, q4, next;

		assert_int_equal(period_parse("2018/19 Q3", NULL, &q3), 0);
		assert_int_equal(period_parse("2018/19 Q4", NULL, &q4), 0);
		assert_int_equal(period_parse("2019/20 Q1", NULL, &next), 0);
		assert_true(q3.sortable < q4.sortable);
		assert_true(q4.sortable < next.sortable);
	}
}

static void test_months(void **state)
{
	(void)state;
	check("2018 Jan", NULL, PERIOD_MONTH, 2018, 1, 20180100L, "2018 Jan",
	      "1m");
	check("2018 December", NULL, PERIOD_MONTH, 2018, 12, 20181200L,
	      "2018 Dec", "1m");
	check("2018 sep", NULL, PERIOD_MONTH, 2018, 9, 20180900L, "2018 Sep",
	      "1m");
	/* EES month identifiers */
	check("2018", "January", PERIOD_MONTH, 2018, 1, 20180100L,
	      "2018 Jan", "1m");
	check("2019", "October", PERIOD_MONTH, 2019, 10, 20191000L,
	      "2019 Oct", "1m");
	check("2019", "May", PERIOD_MONTH, 2019, 5, 20190500L, "2019 May",
	      "1m");
}

static void test_bad(void **state)
{
	(void)state;
	/* the second year does not follow the first */
	check_bad("201719", NULL);
	check_bad("201719", "Academic year");
	check_bad("2018/20", NULL);
	check_bad("2018-17", NULL);
	check_bad("2018/20 Q1", NULL);
	/* not digits, nothing, or the wrong shape */
	check_bad("20x8", NULL);
	check_bad("20x8", "Calendar year");
	check_bad("", NULL);
	check_bad("", "Academic year");
	check_bad("   ", NULL);
	check_bad("18", NULL);
	check_bad("20188", NULL);
	check_bad("2018/19 Q5", NULL);
	check_bad("2018/19 Q0", NULL);
	check_bad("2018 Foo", NULL);
	check_bad("2018 Ja", NULL);
	check_bad("2018 Janu", NULL);
	check_bad("2018 Jan 2", NULL);
	check_bad("twenty", NULL);
	check_bad("2018.5", NULL);
	/* the identifier asks for a form the text does not have */
	check_bad("2018", "Academic year");
	check_bad("201718", "Reporting year");
	check_bad("2018 Jan", "Calendar year");
	check_bad("201718", "January");
	check_bad("201719", "Q1");
	check_bad("20x8", "Q1");
	/* longer than any period */
	check_bad("2018/19 Q1 2018/19 Q1 2018/19 Q1 2018", NULL);
}

static void test_shift(void **state)
{
	struct period p, s;

	(void)state;
	assert_int_equal(period_parse("201718", "Academic year", &p), 0);
	period_shift(&p, -1, &s);
	assert_int_equal(s.kind, PERIOD_ACADEMIC);
	assert_int_equal(s.year, 2016);
	assert_int_equal(s.sortable, 20160000L);
	assert_string_equal(s.label, "2016/17");
	assert_string_equal(s.range, "1y");
	/* the source is left alone */
	assert_string_equal(p.label, "2017/18");

	assert_int_equal(period_parse("2025", "Reporting year", &p), 0);
	period_shift(&p, -1, &s);
	assert_int_equal(s.kind, PERIOD_REPORTING);
	assert_string_equal(s.label, "2024");
	assert_int_equal(s.sortable, 20240000L);

	assert_int_equal(period_parse("2000-01", NULL, &p), 0);
	period_shift(&p, -1, &s);
	assert_int_equal(s.kind, PERIOD_FINANCIAL);
	assert_string_equal(s.label, "1999/00");
	period_shift(&p, 2, &s);
	assert_string_equal(s.label, "2002/03");
	assert_int_equal(s.sortable, 20020000L);

	/* a quarter keeps its quarter */
	assert_int_equal(period_parse("2018/19 Q4", NULL, &p), 0);
	period_shift(&p, -1, &s);
	assert_int_equal(s.kind, PERIOD_QUARTER);
	assert_string_equal(s.label, "2017/18 Q4");
	assert_int_equal(s.sortable, 20180100L);
	assert_string_equal(s.range, "1q");
	assert_int_equal(period_parse("2018/19 Q1", NULL, &p), 0);
	period_shift(&p, 1, &s);
	assert_string_equal(s.label, "2019/20 Q1");
	assert_int_equal(s.sortable, 20190400L);

	/* a month keeps its month */
	assert_int_equal(period_parse("2018 Mar", NULL, &p), 0);
	period_shift(&p, -1, &s);
	assert_int_equal(s.kind, PERIOD_MONTH);
	assert_string_equal(s.label, "2017 Mar");
	assert_int_equal(s.sortable, 20170300L);

	/* zero years: the same period */
	assert_int_equal(period_parse("201718", NULL, &p), 0);
	period_shift(&p, 0, &s);
	assert_string_equal(s.label, "2017/18");
	assert_int_equal(s.sortable, 20170000L);
}

static void test_finish(void **state)
{
	struct period p;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.kind = PERIOD_FINANCIAL;
	p.year = 2021;
	p.month = 7;			/* ignored for a year */
	period_finish(&p);
	assert_string_equal(p.label, "2021/22");
	assert_int_equal(p.month, 0);
	assert_int_equal(p.sortable, 20210000L);
	p.kind = PERIOD_QUARTER;
	p.year = 2021;
	p.month = 10;
	period_finish(&p);
	assert_string_equal(p.label, "2021/22 Q3");
	assert_int_equal(p.sortable, 20211000L);
	assert_string_equal(p.range, "1q");
	p.kind = PERIOD_CALENDAR;
	period_finish(&p);
	assert_string_equal(p.label, "2021");
	assert_int_equal(p.sortable, 20210000L);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_years),
		cmocka_unit_test(test_quarters),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_shift),
		cmocka_unit_test(test_finish),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
