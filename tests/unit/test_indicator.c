/* test_indicator.c - indicator definition files (indicator.h).
 *
 * Definitions are written into a fresh mkdtemp folder (removed by
 * teardown). The valid one is checked field by field against the text;
 * its SHA-256 was computed with coreutils' sha256sum over the same bytes.
 * Each invalid one must give -1, a released definition, and a message
 * on stderr (captured) pointing at FILE:LINE, lines counted by hand.
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsna/indicator.h"
#include "jsna/util.h"

/* indicators/cla_rate.ini as shipped, with a second 'where', a 'sex' and
 * a ';' inside a value. */
static const char cla_rate_ini[] =
	"; Children in care per 10,000 children aged under 18.\n" /* 1 */
	"[indicator]\n"						/* 2 */
	"id          = cla_rate\n"				/* 3 */
	"title       = Children in care per 10,000 children aged "
	"under 18\n"						/* 4 */
	"domain      = Children in care and care leavers\n"	/* 5 */
	"type        = rate\n"					/* 6 */
	"multiplier  = 10000\n"					/* 7 */
	"polarity    = none           ; higher or lower, not better "
	"or worse\n"						/* 8 */
	"ci          = byar\n"					/* 9 */
	"decimals    = 0\n"					/* 10 */
	"sex         = Persons\n"				/* 11 */
	"age         = <18 yrs\n"				/* 12 */
	"source      = DfE, Children looked after in England; ONS "
	"mid-year estimates\n"					/* 13 */
	"\n"							/* 14 */
	"[numerator]\n"						/* 15 */
	"dataset     = dfe_cla_number_and_rate\n"		/* 16 */
	"measure     = children_count\n"			/* 17 */
	"where       = population_type = Children looked after on 31 "
	"March each year\n"					/* 18 */
	"where       = geographic_level=Local authority\n"	/* 19 */
	"label       = children in care\n"			/* 20 */
	"\n"							/* 21 */
	"[denominator]\n"					/* 22 */
	"dataset     = dfe_population_0_17\n"			/* 23 */
	"measure     = population_estimate\n"			/* 24 */
	"where       = age_group = Children aged 0 to 17 years\n" /* 25 */
	"period_offset = -1           ; the year ending 31 March Y uses "
	"mid-(Y-1)\n"						/* 26 */
	"label       = children aged under 18\n";		/* 27 */

#define CLA_RATE_SHA256 \
	"b51662d33b75b5efed3de2e43345a781c83a0eaa96c935e2345f767f337fcfb7"

/* A small valid rate, to be broken one way at a time. Lines:
 * 1 [indicator] 2 id 3 title 4 type 5 multiplier 6 polarity
 * 7 [numerator] 8 dataset 9 measure 10 [denominator] 11 dataset
 * 12 measure */
#define HEAD "[indicator]\nid = x\ntitle = T\n"
#define NUM "[numerator]\ndataset = d\nmeasure = m\n"
#define DEN "[denominator]\ndataset = p\nmeasure = n\n"

struct fixture {
	char dir[64];
	char path[128];
	struct indicator_def def;
	struct indicator_set set;
};

#include "tmpdir.h"

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	strcpy(fx->dir, "/tmp/jsna-test-ind-XXXXXX");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static void assert_released(const struct indicator_def *d)
{
	assert_null(d->path);
	assert_null(d->sha256);
	assert_null(d->id);
	assert_null(d->title);
	assert_null(d->numerator.parts);
	assert_int_equal(d->numerator.nparts, 0);
	assert_null(d->denominator.parts);
	assert_int_equal(d->denominator.nparts, 0);
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc;

	indicator_release(&fx->def);
	assert_released(&fx->def);
	indicator_set_release(&fx->set);
	assert_null(fx->set.defs);
	assert_int_equal(fx->set.n, 0);
	rc = tmpdir_remove(fx->dir);
	free(fx);
	return rc;
}

static const char *write_def(struct fixture *fx, const char *name,
			     const char *text)
{
	FILE *f;

	snprintf(fx->path, sizeof(fx->path), "%s/%s", fx->dir, name);
	f = fopen(fx->path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	return fx->path;
}

/* ------------------------------------------------------------------ */
/* Capturing stderr */

#include "capture.h"

/* Loads text as x.ini expecting -1 and "PATH:where" in the messages. */
static void expect_error_at(struct fixture *fx, const char *text,
			    const char *where, const char *file, int line)
{
	char want[256];
	char *msg;
	int rc;

	write_def(fx, "x.ini", text);
	snprintf(want, sizeof(want), "%s%s", fx->path, where);
	capture_begin();
	rc = indicator_load(fx->path, &fx->def);
	msg = capture_end();
	if (rc != -1 || !strstr(msg, want)) {
		print_error("returned %d, messages '%s'; expected -1 and "
			    "'%s'\n", rc, msg, want);
		free(msg);
		_fail(file, line);
	}
	free(msg);
	assert_released(&fx->def);
}

#define expect_error(fx, text, where) \
	expect_error_at((fx), (text), (where), __FILE__, __LINE__)

static void load_ok_at(struct fixture *fx, const char *text,
		       const char *file, int line)
{
	char *msg;
	int rc;

	write_def(fx, "x.ini", text);
	capture_begin();
	rc = indicator_load(fx->path, &fx->def);
	msg = capture_end();
	if (rc != 0 || *msg) {
		print_error("returned %d, messages '%s'\n", rc, msg);
		free(msg);
		_fail(file, line);
	}
	free(msg);
}

#define load_ok(fx, text) load_ok_at((fx), (text), __FILE__, __LINE__)

/* ------------------------------------------------------------------ */

static void test_valid_rate(void **state)
{
	struct fixture *fx = *state;
	struct indicator_def *d = &fx->def;
	char unit[64];

	write_def(fx, "cla_rate.ini", cla_rate_ini);
	assert_int_equal(indicator_load(fx->path, d), 0);
	assert_string_equal(d->path, fx->path);
	assert_string_equal(d->sha256, CLA_RATE_SHA256);
	assert_string_equal(d->id, "cla_rate");
	assert_string_equal(d->title, "Children in care per 10,000 children "
			    "aged under 18");
	assert_string_equal(d->domain, "Children in care and care leavers");
	assert_string_equal(d->source, "DfE, Children looked after in "
			    "England; ONS mid-year estimates");
	assert_string_equal(d->sex, "Persons");
	assert_string_equal(d->age, "<18 yrs");
	assert_int_equal(d->type, IND_RATE);
	assert_true(fabs(d->multiplier - 10000) < 1e-9);
	assert_int_equal(d->polarity, POLARITY_NONE);
	assert_int_equal(d->ci, CI_BYAR);
	assert_int_equal(d->decimals, 0);

	assert_string_equal(d->numerator.parts[0].dataset, "dfe_cla_number_and_rate");
	assert_string_equal(d->numerator.parts[0].measure, "children_count");
	assert_int_equal(d->numerator.parts[0].nwhere, 2);
	assert_string_equal(d->numerator.parts[0].where[0].column, "population_type");
	assert_string_equal(d->numerator.parts[0].where[0].value,
			    "Children looked after on 31 March each year");
	/* no blanks around '=' */
	assert_string_equal(d->numerator.parts[0].where[1].column, "geographic_level");
	assert_string_equal(d->numerator.parts[0].where[1].value, "Local authority");
	assert_int_equal(d->numerator.parts[0].period_offset, 0);
	assert_string_equal(d->numerator.parts[0].label, "children in care");
	assert_int_equal(d->numerator.parts[0].line, 16);

	assert_int_equal(d->denominator.nparts, 1);
	assert_string_equal(d->denominator.parts[0].dataset, "dfe_population_0_17");
	assert_string_equal(d->denominator.parts[0].measure, "population_estimate");
	assert_int_equal(d->denominator.parts[0].nwhere, 1);
	assert_string_equal(d->denominator.parts[0].where[0].column, "age_group");
	assert_string_equal(d->denominator.parts[0].where[0].value,
			    "Children aged 0 to 17 years");
	assert_int_equal(d->denominator.parts[0].period_offset, -1);
	assert_string_equal(d->denominator.parts[0].label, "children aged under 18");
	assert_int_equal(d->denominator.parts[0].line, 23);

	indicator_unit(d, NULL, unit, sizeof(unit));
	assert_string_equal(unit, "per 10,000 children aged under 18");
	assert_string_equal(indicator_type_name(d->type), "rate");
	assert_string_equal(indicator_ci_name(d->ci), "byar");
	assert_string_equal(indicator_polarity_name(d->polarity), "none");
}

/* What a definition leaves out takes its documented default. */
static void test_defaults(void **state)
{
	struct fixture *fx = *state;
	struct indicator_def *d = &fx->def;
	char unit[64];

	load_ok(fx, HEAD "type = proportion\npolarity = high_is_good\n"
		NUM DEN);
	assert_int_equal(d->type, IND_PROPORTION);
	assert_true(fabs(d->multiplier - 100) < 1e-9);
	assert_int_equal(d->ci, CI_WILSON);
	assert_int_equal(d->polarity, POLARITY_HIGH_GOOD);
	assert_int_equal(d->decimals, 0);
	assert_string_equal(d->domain, "");
	assert_string_equal(d->source, "");
	assert_string_equal(d->sex, "Persons");
	assert_string_equal(d->age, "");
	assert_string_equal(d->numerator.parts[0].label, "");
	assert_string_equal(d->denominator.parts[0].label, "");
	assert_int_equal(strlen(d->sha256), 64);
	indicator_unit(d, NULL, unit, sizeof(unit));
	assert_string_equal(unit, "%");
	indicator_release(d);

	/* a count: no multiplier, no interval, no denominator */
	load_ok(fx, HEAD "type = count\npolarity = low_is_good\n"
		"decimals = 6\n" NUM);
	assert_int_equal(d->type, IND_COUNT);
	assert_true(fabs(d->multiplier - 1) < 1e-9);
	assert_int_equal(d->ci, CI_NONE);
	assert_int_equal(d->denominator.nparts, 0);
	assert_null(d->denominator.parts);
	assert_int_equal(d->decimals, 6);
	indicator_unit(d, NULL, unit, sizeof(unit));
	assert_string_equal(unit, "");
	indicator_release(d);

	/* a rate without an interval; a proportion per 1,000 */
	load_ok(fx, HEAD "type = rate\nmultiplier = 1000\nci = none\n"
		"polarity = not_applicable\n" NUM DEN);
	assert_int_equal(d->ci, CI_NONE);
	assert_int_equal(d->polarity, POLARITY_NOT_APPLICABLE);
	indicator_unit(d, NULL, unit, sizeof(unit));
	assert_string_equal(unit, "per 1,000");
	indicator_release(d);
	load_ok(fx, HEAD "type = proportion\nmultiplier = 1000\n"
		"polarity = none\nci = none\n" NUM DEN);
	assert_int_equal(d->ci, CI_NONE);
	indicator_unit(d, NULL, unit, sizeof(unit));
	assert_string_equal(unit, "");
}

static void test_unit(void **state)
{
	struct indicator_def d;
	struct ind_selection den;
	char unit[64];

	(void)state;
	memset(&d, 0, sizeof(d));
	memset(&den, 0, sizeof(den));
	d.type = IND_RATE;
	d.denominator.parts = &den;
	d.denominator.nparts = 1;
	den.label = (char *)"children aged under 18";
	d.multiplier = 10000;
	indicator_unit(&d, NULL, unit, sizeof(unit));
	assert_string_equal(unit, "per 10,000 children aged under 18");
	d.multiplier = 100000;
	indicator_unit(&d, NULL, unit, sizeof(unit));
	assert_string_equal(unit, "per 100,000 children aged under 18");
	d.multiplier = 1000000;
	indicator_unit(&d, NULL, unit, sizeof(unit));
	assert_string_equal(unit, "per 1,000,000 children aged under 18");
	d.multiplier = 100;
	indicator_unit(&d, NULL, unit, sizeof(unit));
	assert_string_equal(unit, "per 100 children aged under 18");
	d.denominator.parts[0].label = (char *)"";
	d.multiplier = 1000;
	indicator_unit(&d, NULL, unit, sizeof(unit));
	assert_string_equal(unit, "per 1,000");
	/* cut to the room given, still a string */
	d.denominator.parts[0].label = (char *)"children aged under 18";
	d.multiplier = 10000;
	indicator_unit(&d, NULL, unit, 11);
	assert_string_equal(unit, "per 10,000");
	d.type = IND_PROPORTION;
	d.multiplier = 100;
	indicator_unit(&d, NULL, unit, sizeof(unit));
	assert_string_equal(unit, "%");
	d.type = IND_COUNT;
	indicator_unit(&d, NULL, unit, sizeof(unit));
	assert_string_equal(unit, "");
}

static void test_unknown_key(void **state)
{
	struct fixture *fx = *state;

	expect_error(fx, HEAD "type = rate\nmultiplier = 1000\n"
		     "polarity = none\ncolour = red\n" NUM DEN,
		     ":7: unknown key 'colour' in [indicator]");
	expect_error(fx, HEAD "type = rate\nmultiplier = 1000\n"
		     "polarity = none\n" NUM "filter = x\n" DEN,
		     ":10: unknown key 'filter' in [numerator]");
	/* period_offset belongs to selections, not [indicator] */
	expect_error(fx, HEAD "type = rate\nmultiplier = 1000\n"
		     "polarity = none\nperiod_offset = -1\n" NUM DEN,
		     ":7: unknown key 'period_offset' in [indicator]");
}

static void test_unknown_section(void **state)
{
	struct fixture *fx = *state;

	expect_error(fx, HEAD "type = rate\nmultiplier = 1000\n"
		     "polarity = none\n" NUM DEN "[extra]\nkey = v\n",
		     ":14: unknown section '[extra]'");
}

static void test_missing_parts(void **state)
{
	struct fixture *fx = *state;

	expect_error(fx, HEAD "type = rate\nmultiplier = 1000\n"
		     "polarity = none\n" DEN, ":4: a rate needs [numerator]");
	/* what is missing is said at the [indicator] section's first key
	 * (line 1 when there is none) */
	expect_error(fx, NUM DEN, ":1: no [indicator] section");
	expect_error(fx, "[indicator]\ntitle = T\ntype = count\n"
		     "polarity = none\n" NUM, ":2: [indicator] needs 'id'");
	expect_error(fx, "[indicator]\nid = x\ntype = count\n"
		     "polarity = none\n" NUM, ":2: [indicator] needs 'title'");
	expect_error(fx, HEAD "polarity = none\n" NUM,
		     ":2: [indicator] needs 'type'");
	expect_error(fx, HEAD "type = count\n" NUM,
		     ":2: [indicator] needs 'polarity'");
	/* a selection without its dataset or measure: at its first key */
	expect_error(fx, HEAD "type = count\npolarity = none\n"
		     "[numerator]\nmeasure = m\n",
		     ":7: [numerator] needs 'dataset'");
	expect_error(fx, HEAD "type = rate\nmultiplier = 10\n"
		     "polarity = none\n" NUM "[denominator]\ndataset = p\n",
		     ":11: [denominator] needs 'measure'");
	/* a rate or a proportion needs a denominator */
	expect_error(fx, HEAD "type = rate\nmultiplier = 1000\n"
		     "polarity = none\n" NUM,
		     ":4: a rate needs [denominator]");
	expect_error(fx, HEAD "type = proportion\npolarity = none\n" NUM,
		     ":4: a proportion needs [denominator]");
}

static void test_id_differs(void **state)
{
	struct fixture *fx = *state;
	char want[256];
	char *msg;

	/* the file is y.ini, the id says x */
	write_def(fx, "y.ini", HEAD "type = count\npolarity = none\n" NUM);
	capture_begin();
	assert_int_equal(indicator_load(fx->path, &fx->def), -1);
	msg = capture_end();
	snprintf(want, sizeof(want), "%s:2: the id 'x' differs from the file "
		 "name 'y.ini'", fx->path);
	assert_non_null(strstr(msg, want));
	free(msg);
	assert_released(&fx->def);
}

static void test_ci_impossible(void **state)
{
	struct fixture *fx = *state;

	expect_error(fx, HEAD "type = rate\nmultiplier = 1000\n"
		     "polarity = none\nci = wilson\n" NUM DEN,
		     ":7: a rate cannot have a 'wilson' interval");
	expect_error(fx, HEAD "type = proportion\npolarity = none\n"
		     "ci = byar\n" NUM DEN,
		     ":6: a proportion cannot have a 'byar' interval");
	expect_error(fx, HEAD "type = count\npolarity = none\n"
		     "ci = byar\n" NUM, ":6: a count cannot have");
	expect_error(fx, HEAD "type = rate\nmultiplier = 1000\n"
		     "polarity = none\nci = poisson\n" NUM DEN,
		     ":7: unknown interval method 'poisson'");
}

static void test_multiplier(void **state)
{
	static const char *const bad[] = {
		"0", "-5", "abc", "inf", "nan", "", "10 000", "1e999",
	};
	struct fixture *fx = *state;
	char text[256];

	expect_error(fx, HEAD "type = rate\npolarity = none\n" NUM DEN,
		     ":4: a rate needs 'multiplier'");
	expect_error(fx, HEAD "type = count\nmultiplier = 100\n"
		     "polarity = none\n" NUM, ":5: a count has no "
		     "'multiplier'");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), HEAD "type = rate\n"
			 "multiplier = %s\npolarity = none\n" NUM DEN,
			 bad[i]);
		expect_error(fx, text, ":5: 'multiplier' must be a positive");
	}
}

static void test_count_with_denominator(void **state)
{
	struct fixture *fx = *state;

	expect_error(fx, HEAD "type = count\npolarity = none\n" NUM DEN,
		     ":10: a count has no [denominator]");
}

static void test_where(void **state)
{
	struct fixture *fx = *state;
	char text[1024];
	size_t o;

	expect_error(fx, HEAD "type = count\npolarity = none\n" NUM
		     "where = population_type\n",
		     ":9: 'where' is 'column = value', not "
		     "'population_type'");
	expect_error(fx, HEAD "type = count\npolarity = none\n" NUM
		     "where = = x\n", ":9: 'where' has no column name");
	/* eight conditions at most */
	o = (size_t)snprintf(text, sizeof(text), HEAD "type = count\n"
			     "polarity = none\n" NUM);
	for (int i = 0; i < 9; i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o,
				      "where = c%d = v%d\n", i, i);
	expect_error(fx, text, ":17: at most 8 'where' conditions");
	/* an empty value is a value */
	load_ok(fx, HEAD "type = count\npolarity = none\n" NUM
		"where = breakdown =\n");
	assert_int_equal(fx->def.numerator.parts[0].nwhere, 1);
	assert_string_equal(fx->def.numerator.parts[0].where[0].column, "breakdown");
	assert_string_equal(fx->def.numerator.parts[0].where[0].value, "");
}

static void test_twice(void **state)
{
	struct fixture *fx = *state;

	expect_error(fx, HEAD "title = Again\ntype = count\n"
		     "polarity = none\n" NUM,
		     ":4: 'title' is given twice in [indicator]");
	expect_error(fx, HEAD "type = count\npolarity = none\n" NUM
		     "measure = m2\n", ":9: 'measure' is given twice in "
		     "[numerator]");
	/* the same key in two sections is not a repeat */
	load_ok(fx, HEAD "type = rate\nmultiplier = 1000\n"
		"polarity = none\n" NUM DEN);
}

static void test_other_values(void **state)
{
	struct fixture *fx = *state;

	expect_error(fx, HEAD "type = percentage\npolarity = none\n" NUM,
		     ":4: unknown type 'percentage'");
	expect_error(fx, HEAD "type = count\npolarity = up\n" NUM,
		     ":5: unknown polarity 'up'");
	expect_error(fx, HEAD "type = count\npolarity = none\n"
		     "decimals = 7\n" NUM, ":6: 'decimals' must be");
	expect_error(fx, HEAD "type = count\npolarity = none\n"
		     "decimals = 1.5\n" NUM, ":6: 'decimals' must be");
	expect_error(fx, HEAD "type = rate\nmultiplier = 1000\n"
		     "polarity = none\n" NUM DEN "period_offset = 11\n",
		     ":13: 'period_offset' must be");
	/* a syntax error is reported with its line */
	expect_error(fx, HEAD "type = count\npolarity = none\nnonsense\n"
		     NUM, ":6: ");
}

/* Every problem is reported, not only the first. */
static void test_all_errors_reported(void **state)
{
	struct fixture *fx = *state;
	char want[256];
	char *msg;

	write_def(fx, "x.ini", HEAD "type = rate\ncolour = red\n"
		  "polarity = sideways\n" NUM "where = nothing\n");
	capture_begin();
	assert_int_equal(indicator_load(fx->path, &fx->def), -1);
	msg = capture_end();
	snprintf(want, sizeof(want), "%s:5: unknown key 'colour'", fx->path);
	assert_non_null(strstr(msg, want));
	snprintf(want, sizeof(want), "%s:6: unknown polarity", fx->path);
	assert_non_null(strstr(msg, want));
	snprintf(want, sizeof(want), "%s:10: 'where' is", fx->path);
	assert_non_null(strstr(msg, want));
	free(msg);
}

static void test_load_dir(void **state)
{
	struct fixture *fx = *state;
	char want[256];
	char *msg;
	int rc;

	/* sections.ini is not a definition (and would not parse as one) */
	write_def(fx, "sections.ini", "[Children in care]\norder = 1\n");
	write_def(fx, "c_good.ini", "[indicator]\nid = c_good\ntitle = C\n"
		  "type = count\npolarity = none\n" NUM);
	write_def(fx, "a_good.ini", "[indicator]\nid = a_good\ntitle = A\n"
		  "type = rate\nmultiplier = 1000\npolarity = none\n"
		  NUM DEN);
	write_def(fx, "b_bad.ini", "[indicator]\nid = b_bad\ntitle = B\n"
		  "type = rate\npolarity = none\n" NUM DEN);
	/* not definitions: hidden, or not .ini */
	write_def(fx, ".hidden.ini", "garbage\n");
	write_def(fx, "README.md", "garbage\n");
	write_def(fx, "a_good.ini~", "garbage\n");
	capture_begin();
	rc = indicator_load_dir(fx->dir, &fx->set);
	msg = capture_end();
	assert_int_equal(rc, -1);
	snprintf(want, sizeof(want), "%s/b_bad.ini:4: a rate needs "
		 "'multiplier'", fx->dir);
	assert_non_null(strstr(msg, want));
	assert_null(strstr(msg, "sections.ini"));
	assert_null(strstr(msg, "hidden"));
	free(msg);
	/* the good ones, in name order */
	assert_int_equal(fx->set.n, 2);
	assert_string_equal(fx->set.defs[0].id, "a_good");
	assert_string_equal(fx->set.defs[1].id, "c_good");
	assert_int_equal(fx->set.defs[0].type, IND_RATE);
	indicator_set_release(&fx->set);

	/* without the bad one: 0 */
	snprintf(want, sizeof(want), "%s/b_bad.ini", fx->dir);
	assert_int_equal(unlink(want), 0);
	assert_int_equal(indicator_load_dir(fx->dir, &fx->set), 0);
	assert_int_equal(fx->set.n, 2);
	indicator_set_release(&fx->set);

	/* a missing folder */
	snprintf(want, sizeof(want), "%s/absent", fx->dir);
	capture_begin();
	rc = indicator_load_dir(want, &fx->set);
	msg = capture_end();
	assert_int_equal(rc, -1);
	assert_non_null(strstr(msg, "absent"));
	free(msg);
	assert_int_equal(fx->set.n, 0);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(indicator_type_name(IND_COUNT), "count");
	assert_string_equal(indicator_type_name(IND_PROPORTION),
			    "proportion");
	assert_string_equal(indicator_type_name(IND_RATE), "rate");
	assert_string_equal(indicator_ci_name(CI_NONE), "none");
	assert_string_equal(indicator_ci_name(CI_WILSON), "wilson");
	assert_string_equal(indicator_ci_name(CI_BYAR), "byar");
	assert_string_equal(indicator_polarity_name(POLARITY_HIGH_GOOD),
			    "high_is_good");
	assert_string_equal(indicator_polarity_name(POLARITY_LOW_GOOD),
			    "low_is_good");
	assert_string_equal(indicator_polarity_name(POLARITY_NONE), "none");
	assert_string_equal(indicator_polarity_name(POLARITY_NOT_APPLICABLE),
			    "not_applicable");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_valid_rate),
		T(test_defaults),
		cmocka_unit_test(test_unit),
		T(test_unknown_key),
		T(test_unknown_section),
		T(test_missing_parts),
		T(test_id_differs),
		T(test_ci_impossible),
		T(test_multiplier),
		T(test_count_with_denominator),
		T(test_where),
		T(test_twice),
		T(test_other_values),
		T(test_all_errors_reported),
		T(test_load_dir),
		cmocka_unit_test(test_names),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
