/* test_table.c - the summary tables (table.h): the cells of the summary,
 * the attainment tables and the gap tables, built from a small warehouse
 * read back through results_load, and the CSV, Markdown and HTML writers;
 * the workbook is written twice to the same bytes.
 *
 * Expected figures are worked out by hand: rounding half away from zero
 * on the decimal value (63.75 -> 63.8, 2.5 -> 3, -2.5 -> -3; 408 / 640 is
 * 63.75 though its double is just below), thousands separated by commas,
 * the symbol of a withheld value ("c") in its place, "x" for a value note
 * that is not one of DfE's symbols, and an empty cell where England has
 * no row.
 */
#define _XOPEN_SOURCE 700	/* mkdtemp, nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/results.h"
#include "jsna/stats.h"
#include "jsna/store.h"
#include "jsna/table.h"
#include "tmpdir.h"

#define AREA "E06000050"
#define ENGLAND "E92000001"

struct fixture {
	char dir[64];
	struct store *st;
	struct results r;
};

static void put_indicator(struct store *st, long long run, const char *id,
			  const char *title, const char *type,
			  const char *polarity, const char *ci,
			  const char *unit, int decimals, const char *source,
			  const char *last_update)
{
	struct indicator_meta m;

	memset(&m, 0, sizeof(m));
	m.id = id;
	m.title = title;
	m.domain = "Education";
	m.type = type;
	m.polarity = polarity;
	m.ci = ci;
	m.unit = unit;
	m.decimals = decimals;
	m.source = source;
	m.count_label = m.sex = m.age = m.definition = m.sha256 = "";
	m.last_update = last_update;
	m.next_update = "";
	m.multiplier = 1;
	m.target = NAN;
	assert_int_equal(store_put_indicator(st, run, &m), 0);
}

/* A value: NaN with a note for a withheld one. */
static void put_value(struct store *st, long long run, const char *id,
		      const char *area, const char *period,
		      const char *category_type, const char *category,
		      double value, double count, const char *note)
{
	struct value_row v;

	memset(&v, 0, sizeof(v));
	v.indicator = id;
	v.area = area;
	assert_int_equal(period_parse(period, NULL, &v.period), 0);
	v.category_type = category_type;
	v.category = category;
	v.note = note;
	v.cmp_england = v.cmp_parent = v.trend = v.quartile = "";
	v.cmp_goal = v.new_data = "";
	v.value = value;
	v.count = count;
	v.lower95 = v.upper95 = v.lower998 = v.upper998 = NAN;
	v.denominator = v.neighbour_avg = NAN;
	v.change_prev = v.change_base = NAN;
	assert_int_equal(store_put_value(st, run, &v), 0);
}

/* The area's latest row of an indicator, with its comparison, trend,
 * interval, neighbours, rank and quartile. */
static void put_latest(struct store *st, long long run, const char *id,
		       const char *period, double value, double lower,
		       double upper, double count, const char *cmp,
		       int rank, int of, const char *quartile)
{
	struct value_row v;

	memset(&v, 0, sizeof(v));
	v.indicator = id;
	v.area = AREA;
	assert_int_equal(period_parse(period, NULL, &v.period), 0);
	v.category_type = v.category = v.note = "";
	v.cmp_england = cmp;
	v.cmp_parent = v.cmp_goal = v.new_data = "";
	v.trend = "No significant change";
	v.quartile = quartile;
	v.value = value;
	v.lower95 = lower;
	v.upper95 = upper;
	v.lower998 = v.upper998 = NAN;
	v.count = count;
	v.denominator = NAN;
	v.neighbour_avg = 61.25;
	v.rank = rank;
	v.rank_of = of;
	v.change_prev = v.change_base = NAN;
	assert_int_equal(store_put_value(st, run, &v), 0);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct area a = { AREA, "Cheshire West and Chester", "LA", NULL,
			  NULL };
	struct area e = { ENGLAND, "England", "England", NULL, NULL };
	struct config cfg;
	char path[96];
	char area[] = AREA, bench[] = ENGLAND;
	volatile double num = 408.0;	/* computed at run time */
	long long run;

	assert_non_null(fx);
	strcpy(fx->dir, "/tmp/jsna-test-table-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(path, sizeof(path), "%s/w.db", fx->dir);
	assert_int_equal(store_open(path, &fx->st), 0);
	assert_int_equal(store_put_area(fx->st, &a), 0);
	assert_int_equal(store_put_area(fx->st, &e), 0);
	assert_int_equal(store_run_begin(fx->st, "calc", 0, &run), 0);

	/* Good level of development: 63.75 -> 63.8 in 2024/25, 62.55 in
	 * 2023/24, so a change of 63.8 - 62.6 = +1.2. */
	put_indicator(fx->st, run, "eyfs_gld",
		      "Good level of development \"at 5\", <reception> | all",
		      "proportion", "high_is_good", "wilson", "%", 1,
		      "DfE, Early years foundation stage profile results",
		      "2025-11-27");
	put_value(fx->st, run, "eyfs_gld", AREA, "202324", "", "", 62.55,
		  2200, "");
	put_latest(fx->st, run, "eyfs_gld", "202425", num / 640 * 100, 62.05,
		   65.45, 2306, "Better", 12, 150, "A");
	put_value(fx->st, run, "eyfs_gld", ENGLAND, "202425", "", "", 67.95,
		  NAN, "");
	assert_int_equal(store_put_category(fx->st, run, "eyfs_gld", "fsm",
		"Free school meals", "Eligible for free school meals", 1), 0);
	assert_int_equal(store_put_category(fx->st, run, "eyfs_gld", "ehc",
		"SEN provision", "EHC plan", 2), 0);
	assert_int_equal(store_put_category(fx->st, run, "eyfs_gld",
		"sen_support", "SEN provision", "SEN support", 3), 0);
	put_value(fx->st, run, "eyfs_gld", AREA, "202425", "Free school meals",
		  "Eligible for free school meals", 2.5, NAN, "");
	put_value(fx->st, run, "eyfs_gld", ENGLAND, "202425",
		  "Free school meals", "Eligible for free school meals", 52.85,
		  NAN, "");
	put_value(fx->st, run, "eyfs_gld", AREA, "202425", "SEN provision",
		  "EHC plan", NAN, NAN, "c");
	put_value(fx->st, run, "eyfs_gld", ENGLAND, "202425", "SEN provision",
		  "EHC plan", 3.95, NAN, "");
	/* SEN support: the area's but not England's */
	put_value(fx->st, run, "eyfs_gld", AREA, "202425", "SEN provision",
		  "SEN support", 23.35, NAN, "");
	/* another year's group value, not to be shown */
	put_value(fx->st, run, "eyfs_gld", AREA, "202324", "Free school meals",
		  "Eligible for free school meals", 99, NAN, "");

	/* The FSM gap: England has no row for 2023/24. */
	put_indicator(fx->st, run, "eyfs_gld_fsm_gap",
		      "Good level of development gap", "gap", "low_is_good",
		      "newcombe", "percentage points", 1,
		      "DfE, Early years foundation stage profile results",
		      "2025-11-27");
	put_value(fx->st, run, "eyfs_gld_fsm_gap", AREA, "202425", "", "",
		  -2.25, NAN, "");
	put_value(fx->st, run, "eyfs_gld_fsm_gap", ENGLAND, "202425", "", "",
		  19.45, NAN, "");
	put_value(fx->st, run, "eyfs_gld_fsm_gap", AREA, "202324", "", "",
		  NAN, NAN, "c");
	put_value(fx->st, run, "eyfs_gld_fsm_gap", AREA, "202223", "", "",
		  20.05, NAN, "");
	put_value(fx->st, run, "eyfs_gld_fsm_gap", ENGLAND, "202223", "", "",
		  18.0, NAN, "");

	/* A population: thousands separators, no England, nothing ranked. */
	put_indicator(fx->st, run, "pop_total", "Total population", "count",
		      "not_applicable", "none", "", 0,
		      "ONS, mid-year population estimates", "2024-07-15");
	put_value(fx->st, run, "pop_total", AREA, "2024", "", "", 1234567.5,
		  1234567.5, "");

	/* Withheld, and a value note that is not a symbol. */
	put_indicator(fx->st, run, "cla_ks4", "Children in care, grade 4",
		      "proportion", "high_is_good", "wilson", "%", 0,
		      "DfE, Outcomes", "");
	put_value(fx->st, run, "cla_ks4", AREA, "202425", "", "", NAN, NAN,
		  "c");
	put_value(fx->st, run, "cla_ks4", ENGLAND, "202425", "", "", NAN,
		  NAN, "not computable");
	assert_int_equal(store_run_end(fx->st, run, 0), 0);

	memset(&cfg, 0, sizeof(cfg));
	cfg.area_code = area;
	cfg.benchmarks[0] = bench;
	cfg.nbenchmarks = 1;
	assert_int_equal(results_load(fx->st, &cfg, &fx->r), 0);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	results_release(&fx->r);
	store_close(fx->st);
	assert_int_equal(tmpdir_remove(fx->dir), 0);
	free(fx);
	return 0;
}

/* The summary's row of indicator id. */
static size_t row_of(const struct table *t, const char *id)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (!strcmp(table_cell(t, i, COL_ID)->text, id))
			return i;
	fail_msg("no row for %s", id);
	return 0;
}

static void test_summary(void **state)
{
	struct fixture *fx = *state;
	struct table t;
	const struct table_cell *c;
	double want;
	size_t i;

	table_summary(&fx->r, &t);
	assert_int_equal(t.ncols, TABLE_NCOLS);
	assert_int_equal(t.nrows, 4);
	assert_string_equal(t.header[COL_VALUE], "Value");
	assert_true(t.numeric[COL_VALUE]);
	assert_false(t.numeric[COL_INDICATOR]);
	assert_non_null(strstr(t.caption, "Cheshire West and Chester"));

	i = row_of(&t, "eyfs_gld");
	assert_string_equal(t.cell[i][COL_PERIOD], "2024/25");
	/* 408 / 640 = 63.75: half away from zero, whatever the double */
	c = table_cell(&t, i, COL_VALUE);
	assert_string_equal(c->text, "63.8");
	assert_int_equal(c->kind, TABLE_NUMBER);
	/* stored as the double nearest 63.8, the figure shown */
	want = 63.8;
	assert_memory_equal(&c->num, &want, sizeof(want));
	assert_int_equal(c->dp, 1);
	assert_string_equal(t.cell[i][COL_COUNT], "2,306");
	assert_string_equal(t.cell[i][COL_LOWER], "62.1");
	assert_string_equal(t.cell[i][COL_UPPER], "65.5");
	assert_string_equal(t.cell[i][COL_ENGLAND], "68.0");
	assert_string_equal(t.cell[i][COL_NEIGHBOURS], "61.3");
	/* no region configured or found */
	assert_string_equal(t.cell[i][COL_REGION], "");
	assert_int_equal(table_cell(&t, i, COL_REGION)->absent, 'x');
	c = table_cell(&t, i, COL_COMPARED);
	assert_string_equal(c->text, "Better");
	assert_int_equal(c->cmp, CMP_BETTER);
	/* 63.8 - 62.6, from the figures shown */
	c = table_cell(&t, i, COL_CHANGE);
	assert_string_equal(c->text, "+1.2");
	assert_int_equal(c->style, TABLE_SIGNED);
	assert_true(fabs(c->num - 1.2) < 1e-12);
	c = table_cell(&t, i, COL_RANK);
	assert_string_equal(c->text, "12 of 150");
	assert_int_equal(c->style, TABLE_RANK);
	assert_int_equal(c->of, 150);
	want = 12;
	assert_memory_equal(&c->num, &want, sizeof(want));
	assert_string_equal(t.cell[i][COL_QUARTILE], "A");
	assert_string_equal(t.cell[i][COL_SOURCE],
			    "DfE, Early years foundation stage profile results");

	/* the gap: a count cannot exist; a negative value rounds away */
	i = row_of(&t, "eyfs_gld_fsm_gap");
	assert_string_equal(t.cell[i][COL_VALUE], "-2.3");
	assert_string_equal(t.cell[i][COL_COUNT], "");
	assert_int_equal(table_cell(&t, i, COL_COUNT)->absent, 'z');
	/* 2023/24 was withheld: no change */
	assert_string_equal(t.cell[i][COL_CHANGE], "");

	/* a count: separators, no England row, nothing to compare or rank */
	i = row_of(&t, "pop_total");
	assert_string_equal(t.cell[i][COL_VALUE], "1,234,568");
	assert_string_equal(t.cell[i][COL_COUNT], "1,234,568");
	assert_string_equal(t.cell[i][COL_ENGLAND], "");
	assert_int_equal(table_cell(&t, i, COL_ENGLAND)->kind, TABLE_EMPTY);
	assert_int_equal(table_cell(&t, i, COL_ENGLAND)->absent, 'x');
	assert_int_equal(table_cell(&t, i, COL_LOWER)->absent, 'z');
	assert_int_equal(table_cell(&t, i, COL_RANK)->absent, 'z');
	assert_int_equal(table_cell(&t, i, COL_COMPARED)->absent, 'z');
	assert_int_equal(table_cell(&t, i, COL_UNIT)->absent, 'z');

	/* withheld: the symbol, in the count too; another note is "x" */
	i = row_of(&t, "cla_ks4");
	c = table_cell(&t, i, COL_VALUE);
	assert_string_equal(c->text, "c");
	assert_int_equal(c->kind, TABLE_SYMBOL);
	assert_string_equal(t.cell[i][COL_COUNT], "c");
	assert_string_equal(t.cell[i][COL_ENGLAND], "x");
	assert_int_equal(table_cell(&t, i, COL_ENGLAND)->kind, TABLE_SYMBOL);
	assert_int_equal(table_cell(&t, i, COL_RANK)->absent, 'x');
	table_release(&t);
}

static void test_attainment(void **state)
{
	struct fixture *fx = *state;
	struct table t;

	assert_int_equal(table_attainment(fx->st, &fx->r, TABLE_EYFS, &t), 0);
	assert_false(table_empty(&t));
	assert_string_equal(t.name, "Early years");
	assert_string_equal(t.stem, "attainment_eyfs");
	/* eyfs_comm_lang was not calculated: its columns are left out */
	assert_int_equal(t.ncols, 3);
	assert_int_equal(t.nrows, 4);
	assert_string_equal(t.header[0], "Pupil group");
	assert_string_equal(t.header[1],
		"Good level of development (%): Cheshire West and Chester");
	assert_string_equal(t.header[2], "Good level of development (%): England");
	assert_string_equal(t.caption,
		"Early Years Foundation Stage: Cheshire West and Chester and England by pupil group, 2024/25");
	assert_string_equal(t.source,
			    "DfE, Early years foundation stage profile results");
	assert_string_equal(t.cell[0][0], "All pupils");
	assert_string_equal(t.cell[0][1], "63.8");
	assert_string_equal(t.cell[0][2], "68.0");
	assert_string_equal(t.cell[1][0], "Eligible for free school meals");
	assert_string_equal(t.cell[1][1], "2.5");
	assert_string_equal(t.cell[1][2], "52.9");
	assert_string_equal(t.cell[2][0], "Pupils with an EHC plan");
	assert_string_equal(t.cell[2][1], "c");
	assert_int_equal(table_cell(&t, 2, 1)->kind, TABLE_SYMBOL);
	assert_string_equal(t.cell[2][2], "4.0");
	assert_string_equal(t.cell[3][0], "Pupils on SEN support");
	assert_string_equal(t.cell[3][1], "23.4");
	assert_string_equal(t.cell[3][2], "");
	table_release(&t);

	/* no Key Stage 2 indicator: nothing to show */
	assert_int_equal(table_build(fx->st, &fx->r, TABLE_KS2, &t), 0);
	assert_true(table_empty(&t));
	table_release(&t);
}

static void test_gaps(void **state)
{
	struct fixture *fx = *state;
	struct table t;

	table_gaps(&fx->r, TABLE_FSM_GAP, &t);
	assert_string_equal(t.name, "FSM gap");
	assert_int_equal(t.ncols, 3);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.header[0], "Year");
	assert_string_equal(t.header[1],
		"EYFS good level of development gap (percentage points): Cheshire West and Chester");
	assert_string_equal(t.header[2],
		"EYFS good level of development gap (percentage points): England");
	assert_non_null(strstr(t.caption, "2022/23 to 2024/25"));
	assert_string_equal(t.cell[0][0], "2022/23");
	assert_string_equal(t.cell[0][1], "20.1");
	assert_string_equal(t.cell[0][2], "18.0");
	assert_string_equal(t.cell[1][0], "2023/24");
	assert_string_equal(t.cell[1][1], "c");
	assert_string_equal(t.cell[1][2], "");	/* no England row */
	assert_string_equal(t.cell[2][0], "2024/25");
	assert_string_equal(t.cell[2][1], "-2.3");
	assert_string_equal(t.cell[2][2], "19.5");
	table_release(&t);

	table_gaps(&fx->r, TABLE_SEN_GAP, &t);
	assert_true(table_empty(&t));
	table_release(&t);
}

static void test_write_csv(void **state)
{
	struct fixture *fx = *state;
	struct buf b = BUF_INIT;
	struct table t;

	table_gaps(&fx->r, TABLE_FSM_GAP, &t);
	table_write_csv(&t, &b);
	assert_string_equal(b.buf,
		"Year,EYFS good level of development gap (percentage points): Cheshire West and Chester,EYFS good level of development gap (percentage points): England\n"
		"2022/23,20.1,18.0\n"
		"2023/24,c,\n"
		"2024/25,-2.3,19.5\n");
	table_release(&t);
	buf_reset(&b);

	/* quotes and commas are quoted */
	table_summary(&fx->r, &t);
	table_write_csv(&t, &b);
	assert_non_null(strstr(b.buf,
		"\neyfs_gld,\"Good level of development \"\"at 5\"\", <reception> | all\",2024/25,\"2,306\",63.8,%,"));
	assert_non_null(strstr(b.buf, ",\"1,234,568\","));
	table_release(&t);
	buf_release(&b);
}

static void test_write_md(void **state)
{
	struct fixture *fx = *state;
	struct buf b = BUF_INIT;
	struct table t;

	table_gaps(&fx->r, TABLE_FSM_GAP, &t);
	t.suppress_below = 5;
	table_write_md(&t, &b);
	assert_non_null(strstr(b.buf, "Free school meals gap by year ("));
	assert_non_null(strstr(b.buf,
		"\n| Year | EYFS good level of development gap (percentage points): Cheshire West and Chester | EYFS good level of development gap (percentage points): England |\n"
		"| --- | ---: | ---: |\n"
		"| 2022/23 | 20.1 | 18.0 |\n"
		"| 2023/24 | c |  |\n"));
	assert_non_null(strstr(b.buf,
		"\nSource: DfE, Early years foundation stage profile results.\n"));
	assert_non_null(strstr(b.buf, "\nSymbols: c = confidential, withheld to protect individuals (counts under 5, "));
	table_release(&t);
	buf_reset(&b);

	/* a pipe inside a cell is escaped */
	table_summary(&fx->r, &t);
	table_write_md(&t, &b);
	assert_non_null(strstr(b.buf,
		"| Good level of development \"at 5\", <reception> \\| all |"));
	assert_non_null(strstr(b.buf, "x = not available"));
	table_release(&t);
	buf_release(&b);
}

static void test_write_html(void **state)
{
	struct fixture *fx = *state;
	struct buf b = BUF_INIT;
	struct table t;

	table_summary(&fx->r, &t);
	table_write_html(&t, 0, &b);
	assert_non_null(strstr(b.buf, "<table class=\"summary\">\n<caption>Summary of indicators for Cheshire West and Chester,"));
	assert_non_null(strstr(b.buf, "<th scope=\"col\">Indicator ID</th>"));
	assert_non_null(strstr(b.buf, "<th scope=\"col\" class=\"num\">Value</th>"));
	assert_non_null(strstr(b.buf,
		"<th scope=\"row\">Good level of development &quot;at 5&quot;, &lt;reception&gt; | all</th>"));
	assert_non_null(strstr(b.buf, "<td class=\"num\">63.8</td>"));
	assert_non_null(strstr(b.buf, "<td class=\"cmp better\">Better</td>"));
	assert_non_null(strstr(b.buf, "<td class=\"num\">12 of 150</td>"));
	assert_non_null(strstr(b.buf, "<p class=\"table-key\">Symbols: c = "));
	/* the summary names its source in a column, not under the table */
	assert_null(strstr(b.buf, "table-source"));
	buf_reset(&b);

	/* compact: no id column; the region column is empty in every row */
	table_write_html(&t, 1, &b);
	assert_null(strstr(b.buf, "Indicator ID"));
	assert_null(strstr(b.buf, ">Region<"));
	assert_non_null(strstr(b.buf, ">England<"));
	table_release(&t);
	buf_reset(&b);

	table_gaps(&fx->r, TABLE_FSM_GAP, &t);
	table_write_html(&t, 1, &b);
	assert_non_null(strstr(b.buf, "<tr><th scope=\"row\">2023/24</th><td class=\"num\">c</td><td class=\"num\"></td></tr>"));
	assert_non_null(strstr(b.buf, "<p class=\"table-source\">Source: DfE, Early years foundation stage profile results.</p>"));
	table_release(&t);
	buf_release(&b);
}

/* Reads a whole file into b. */
static void slurp(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[4096];
	size_t n;

	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(b, chunk, n);
	fclose(f);
}

static void test_xlsx(void **state)
{
	struct fixture *fx = *state;
	struct table t[TABLE_KINDS];
	struct buf one = BUF_INIT, two = BUF_INIT;
	char path[128], part[140];
	size_t k;

	unsetenv("SOURCE_DATE_EPOCH");
	for (k = 0; k < TABLE_KINDS; k++)
		assert_int_equal(table_build(fx->st, &fx->r,
					     (enum table_kind)k, &t[k]), 0);
	snprintf(path, sizeof(path), "%s/tables/summary.xlsx", fx->dir);
	snprintf(part, sizeof(part), "%s.part", path);
	assert_int_equal(table_write_xlsx(&fx->r, t, TABLE_KINDS, 5, path), 0);
	slurp(path, &one);
	assert_true(one.len > 1000);
	assert_memory_equal(one.buf, "PK\003\004", 4);
	assert_int_not_equal(access(part, F_OK), 0);
	/* the same results, the same bytes, a second later */
	sleep(1);
	assert_int_equal(table_write_xlsx(&fx->r, t, TABLE_KINDS, 5, path), 0);
	slurp(path, &two);
	assert_int_equal(one.len, two.len);
	assert_memory_equal(one.buf, two.buf, one.len);
	for (k = 0; k < TABLE_KINDS; k++)
		table_release(&t[k]);
	buf_release(&one);
	buf_release(&two);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_attainment),
		cmocka_unit_test(test_gaps),
		cmocka_unit_test(test_write_csv),
		cmocka_unit_test(test_write_md),
		cmocka_unit_test(test_write_html),
		cmocka_unit_test(test_xlsx),
	};

	stats_init();
	return cmocka_run_group_tests(tests, setup, teardown);
}
