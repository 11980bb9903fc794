/* test_config.c - reading jsna.ini (config.h).
 *
 * Each test writes a configuration into a fresh mkdtemp folder (removed
 * by teardown) and checks what config_load makes of it against the file
 * as written: paths resolved against the file's folder, defaults as
 * config.h and jsna.ini document them, and each rejected value reported
 * as FILE:LINE on stderr (captured) with -1 returned.
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsna/config.h"
#include "jsna/util.h"

struct fixture {
	char dir[64];
	char path[128];
	char want[256];		/* scratch for expected paths */
	struct config cfg;
};

#include "tmpdir.h"

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	strcpy(fx->dir, "/tmp/jsna-test-config-XXXXXX");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	snprintf(fx->path, sizeof(fx->path), "%s/jsna.ini", fx->dir);
	*state = fx;
	return 0;
}

/* Releases the configuration (again: release is idempotent) and checks
 * nothing is left in it. */
static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc;

	config_release(&fx->cfg);
	assert_null(fx->cfg.path);
	assert_null(fx->cfg.area_code);
	assert_int_equal(fx->cfg.nbenchmarks, 0);
	rc = tmpdir_remove(fx->dir);
	free(fx);
	return rc;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static const char *in_dir(struct fixture *fx, const char *rel)
{
	snprintf(fx->want, sizeof(fx->want), "%s/%s", fx->dir, rel);
	return fx->want;
}

/* ------------------------------------------------------------------ */
/* Capturing stderr */

#include "capture.h"

/* Loads text expecting -1 and a message holding "PATH:where"; the
 * configuration must come back released. */
static void expect_error_at(struct fixture *fx, const char *text,
			    const char *where, const char *file, int line)
{
	char want[256];
	char *msg;
	int rc;

	write_file(fx->path, text);
	snprintf(want, sizeof(want), "%s%s", fx->path, where);
	capture_begin();
	rc = config_load(fx->path, &fx->cfg);
	msg = capture_end();
	if (rc != -1 || !strstr(msg, want)) {
		print_error("returned %d, message '%s'; expected -1 and '%s'\n",
			    rc, msg, want);
		free(msg);
		_fail(file, line);
	}
	free(msg);
	assert_null(fx->cfg.path);
	assert_null(fx->cfg.area_code);
	assert_null(fx->cfg.inputs);
	assert_null(fx->cfg.sources);
	assert_null(fx->cfg.warehouse);
	assert_int_equal(fx->cfg.nbenchmarks, 0);
}

#define expect_error(fx, text, where) \
	expect_error_at((fx), (text), (where), __FILE__, __LINE__)

/* ------------------------------------------------------------------ */

/* The shipped jsna.ini, as written in the repository. */
static void test_full(void **state)
{
	struct fixture *fx = *state;
	struct config *c = &fx->cfg;

	write_file(fx->path,
		   "; The pipeline's configuration.\n"
		   "[area]\n"
		   "code        = E06000050            ; Cheshire West\n"
		   "benchmarks  = E92000001, E12000002 ; England, then NW\n"
		   "neighbours  = inputs/reference/statistical_neighbours.csv\n"
		   "\n"
		   "[paths]\n"
		   "inputs      = in\n"
		   "indicators  = /srv/jsna/indicators\n"
		   "warehouse   = var/db/jsna.db\n"
		   "outputs     = ../published\n"
		   "\n"
		   "[publish]\n"
		   "suppress_below = 10\n"
		   "formats        = svg, png\n"
		   "palette        = fingertips\n");
	assert_int_equal(config_load(fx->path, c), 0);
	assert_string_equal(c->path, fx->path);
	assert_string_equal(c->area_code, "E06000050");
	assert_int_equal(c->nbenchmarks, 2);
	assert_string_equal(c->benchmarks[0], "E92000001");
	assert_string_equal(c->benchmarks[1], "E12000002");
	assert_string_equal(c->neighbours,
			    in_dir(fx, "inputs/reference/"
				   "statistical_neighbours.csv"));
	assert_string_equal(c->inputs, in_dir(fx, "in"));
	/* the definitions follow inputs unless set */
	assert_string_equal(c->sources, in_dir(fx, "in/sources"));
	/* an absolute path is kept */
	assert_string_equal(c->indicators, "/srv/jsna/indicators");
	assert_string_equal(c->warehouse, in_dir(fx, "var/db/jsna.db"));
	assert_string_equal(c->outputs, in_dir(fx, "../published"));
	assert_int_equal(c->suppress_below, 10);
	assert_int_equal(c->formats, FORMAT_PNG | FORMAT_SVG);
	assert_int_equal(c->palette, 1);
}

static void test_defaults(void **state)
{
	struct fixture *fx = *state;
	struct config *c = &fx->cfg;

	write_file(fx->path, "[area]\ncode = E06000050\n");
	assert_int_equal(config_load(fx->path, c), 0);
	assert_string_equal(c->area_code, "E06000050");
	assert_int_equal(c->nbenchmarks, 1);
	assert_string_equal(c->benchmarks[0], "E92000001");	/* England */
	assert_null(c->neighbours);
	assert_string_equal(c->inputs, in_dir(fx, "inputs"));
	assert_string_equal(c->sources, in_dir(fx, "inputs/sources"));
	assert_string_equal(c->indicators, in_dir(fx, "indicators"));
	assert_string_equal(c->warehouse, in_dir(fx, "var/jsna.db"));
	assert_string_equal(c->outputs, in_dir(fx, "outputs"));
	assert_int_equal(c->suppress_below, 5);
	assert_int_equal(c->formats, FORMAT_PNG | FORMAT_SVG | FORMAT_PDF);
	assert_int_equal(c->palette, 0);
	/* an empty neighbours value means none */
	config_release(c);
	write_file(fx->path, "[area]\ncode = E06000050\nneighbours =\n"
		   "[publish]\npalette = govuk\nsuppress_below = 0\n");
	assert_int_equal(config_load(fx->path, c), 0);
	assert_null(c->neighbours);
	assert_int_equal(c->palette, 0);
	assert_int_equal(c->suppress_below, 0);
}

/* A configuration named without a folder, or with a relative one. */
static void test_relative_config_path(void **state)
{
	struct fixture *fx = *state;
	struct config *c = &fx->cfg;
	int cwd = open(".", O_RDONLY | O_DIRECTORY);
	char sub[128];
	int rc1, rc2;

	assert_true(cwd >= 0);
	snprintf(sub, sizeof(sub), "%s/sub", fx->dir);
	assert_int_equal(mkdir(sub, 0777), 0);
	write_file(fx->path, "[area]\ncode = E06000050\n"
		   "[paths]\nwarehouse = var/x.db\n");
	snprintf(sub, sizeof(sub), "%s/sub/jsna.ini", fx->dir);
	write_file(sub, "[area]\ncode = E06000050\n");
	assert_int_equal(chdir(fx->dir), 0);
	rc1 = config_load("jsna.ini", c);	/* checked once back */
	{
		struct config c2;

		rc2 = config_load("sub/jsna.ini", &c2);
		assert_int_equal(fchdir(cwd), 0);
		close(cwd);
		assert_int_equal(rc2, 0);
		assert_string_equal(c2.inputs, "sub/inputs");
		assert_string_equal(c2.warehouse, "sub/var/jsna.db");
		config_release(&c2);
	}
	assert_int_equal(rc1, 0);
	assert_string_equal(c->inputs, "inputs");
	assert_string_equal(c->warehouse, "var/x.db");
	assert_string_equal(c->outputs, "outputs");
}

static void test_benchmarks(void **state)
{
	struct fixture *fx = *state;
	struct config *c = &fx->cfg;

	write_file(fx->path, "[area]\ncode = E06000050\n"
		   "benchmarks = E92000001\n");
	assert_int_equal(config_load(fx->path, c), 0);
	assert_int_equal(c->nbenchmarks, 1);
	assert_string_equal(c->benchmarks[0], "E92000001");
	config_release(c);

	/* four at most; blanks and empty items dropped; given twice, the
	 * last wins (and the first list is freed) */
	write_file(fx->path, "[area]\ncode = E06000050\n"
		   "benchmarks = A1, B2\n"
		   "benchmarks = E92000001 ,E12000002,, E10000001 , X4\n");
	assert_int_equal(config_load(fx->path, c), 0);
	assert_int_equal(c->nbenchmarks, 4);
	assert_string_equal(c->benchmarks[0], "E92000001");
	assert_string_equal(c->benchmarks[1], "E12000002");
	assert_string_equal(c->benchmarks[2], "E10000001");
	assert_string_equal(c->benchmarks[3], "X4");
	config_release(c);

	expect_error(fx, "[area]\ncode = E06000050\n"
		     "benchmarks = A1, B2, C3, D4, E5\n", ":3: ");
	expect_error(fx, "[area]\ncode = E06000050\nbenchmarks =\n", ":3: ");
	expect_error(fx, "[area]\ncode = E06000050\nbenchmarks = , ,\n",
		     ":3: ");
}

static void test_unknown(void **state)
{
	struct fixture *fx = *state;

	expect_error(fx, "[area]\ncode = E06000050\ncolour = red\n",
		     ":3: unknown key 'colour' in [area]");
	expect_error(fx, "[area]\ncode = E06000050\n[paths]\nlogs = x\n",
		     ":4: unknown key 'logs'");
	expect_error(fx, "[area]\ncode = E06000050\n[charts]\nwidth = 3\n",
		     ":4: unknown section '[charts]'");
	/* a key before any section */
	expect_error(fx, "code = E06000050\n[area]\ncode = E06000050\n",
		     ":1: ");
	/* a syntax error, and a line that is too long */
	expect_error(fx, "[area]\ncode = E06000050\nnonsense\n",
		     ":3: ");
	{
		char text[512], v[301];

		memset(v, 'x', 300);
		v[300] = '\0';
		snprintf(text, sizeof(text), "[area]\ncode = %s\n", v);
		expect_error(fx, text, ":2: line longer than");
	}
}

static void test_no_area(void **state)
{
	struct fixture *fx = *state;

	expect_error(fx, "[paths]\ninputs = inputs\n", ": no area");
	expect_error(fx, "", ": no area");
	expect_error(fx, "[area]\ncode =\n", ":2: 'code'");
	/* a missing file */
	{
		char *msg;
		int rc;

		capture_begin();
		rc = config_load("/nonexistent/jsna.ini", &fx->cfg);
		msg = capture_end();
		assert_int_equal(rc, -1);
		assert_non_null(strstr(msg, "/nonexistent/jsna.ini"));
		free(msg);
		assert_null(fx->cfg.path);
	}
}

static void test_suppress_below(void **state)
{
	static const char *const bad[] = {
		"abc", "-1", "1001", "", "5x", "5.5", "1e2", " ",
	};
	struct fixture *fx = *state;
	char text[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "[area]\ncode = E06000050\n"
			 "[publish]\nsuppress_below = %s\n", bad[i]);
		expect_error(fx, text, ":4: 'suppress_below'");
	}
	write_file(fx->path, "[area]\ncode = E06000050\n"
		   "[publish]\nsuppress_below = 1000\n");
	assert_int_equal(config_load(fx->path, &fx->cfg), 0);
	assert_int_equal(fx->cfg.suppress_below, 1000);
}

static void test_palette(void **state)
{
	struct fixture *fx = *state;

	expect_error(fx, "[area]\ncode = E06000050\n[publish]\n"
		     "palette = rainbow\n", ":4: 'palette'");
	expect_error(fx, "[area]\ncode = E06000050\n[publish]\n"
		     "palette = GOVUK\n", ":4: 'palette'");
	expect_error(fx, "[area]\ncode = E06000050\n[publish]\n"
		     "palette =\n", ":4: 'palette'");
}

static void test_formats(void **state)
{
	struct fixture *fx = *state;
	struct config *c = &fx->cfg;

	write_file(fx->path, "[area]\ncode = E06000050\n[publish]\n"
		   "formats = pdf\n");
	assert_int_equal(config_load(fx->path, c), 0);
	assert_int_equal(c->formats, FORMAT_PDF);
	config_release(c);
	write_file(fx->path, "[area]\ncode = E06000050\n[publish]\n"
		   "formats = png,png , svg\n");
	assert_int_equal(config_load(fx->path, c), 0);
	assert_int_equal(c->formats, FORMAT_PNG | FORMAT_SVG);
	config_release(c);

	expect_error(fx, "[area]\ncode = E06000050\n[publish]\n"
		     "formats = png, gif\n", ":4: unknown format 'gif'");
	/* csv is a format, but not one of a chart */
	expect_error(fx, "[area]\ncode = E06000050\n[publish]\n"
		     "formats = csv\n", ":4: unknown format 'csv'");
	expect_error(fx, "[area]\ncode = E06000050\n[publish]\n"
		     "formats = PNG\n", ":4: unknown format 'PNG'");
	expect_error(fx, "[area]\ncode = E06000050\n[publish]\n"
		     "formats =\n", ":4: no format");
	expect_error(fx, "[area]\ncode = E06000050\n[publish]\n"
		     "formats = ,\n", ":4: no format");
}

/* Every problem is reported, not only the first. */
static void test_all_errors_reported(void **state)
{
	struct fixture *fx = *state;
	char want[160];
	char *msg;

	write_file(fx->path, "[area]\ncode = E06000050\nbad = 1\n"
		   "[publish]\npalette = x\nsuppress_below = y\n");
	capture_begin();
	assert_int_equal(config_load(fx->path, &fx->cfg), -1);
	msg = capture_end();
	snprintf(want, sizeof(want), "%s:3: ", fx->path);
	assert_non_null(strstr(msg, want));
	snprintf(want, sizeof(want), "%s:5: ", fx->path);
	assert_non_null(strstr(msg, want));
	snprintf(want, sizeof(want), "%s:6: ", fx->path);
	assert_non_null(strstr(msg, want));
	free(msg);
}

/* A path key with no value would name the configuration's folder. */
/* [paths] sources: resolved like the other paths, before or after inputs,
 * and then no longer inside inputs. */
static void test_sources(void **state)
{
	struct fixture *fx = *state;
	struct config *c = &fx->cfg;

	write_file(fx->path, "[area]\ncode = E06000050\n[paths]\n"
		   "sources = defs\ninputs = /srv/real\n");
	assert_int_equal(config_load(fx->path, c), 0);
	assert_string_equal(c->inputs, "/srv/real");
	assert_string_equal(c->sources, in_dir(fx, "defs"));
	config_release(c);
	write_file(fx->path, "[area]\ncode = E06000050\n[paths]\n"
		   "inputs = /srv/real\nsources = /srv/jsna/sources\n");
	assert_int_equal(config_load(fx->path, c), 0);
	assert_string_equal(c->sources, "/srv/jsna/sources");
	config_release(c);
	write_file(fx->path, "[area]\ncode = E06000050\n[paths]\n"
		   "inputs = /srv/real\n");
	assert_int_equal(config_load(fx->path, c), 0);
	assert_string_equal(c->sources, "/srv/real/sources");
}

static void test_empty_path(void **state)
{
	struct fixture *fx = *state;

	expect_error(fx, "[area]\ncode = E06000050\n[paths]\nwarehouse =\n",
		     ":4: 'warehouse'");
	expect_error(fx, "[area]\ncode = E06000050\n[paths]\ninputs =\n",
		     ":4: 'inputs'");
	expect_error(fx, "[area]\ncode = E06000050\n[paths]\nsources =\n",
		     ":4: 'sources'");
}

static void test_parse_formats(void **state)
{
	unsigned f = 99;
	char *msg;

	(void)state;
	assert_int_equal(config_parse_formats("csv, md, html, xlsx", "here",
					      FORMAT_CSV | FORMAT_MD |
					      FORMAT_HTML | FORMAT_XLSX, &f),
			 0);
	assert_int_equal(f, FORMAT_CSV | FORMAT_MD | FORMAT_HTML |
			 FORMAT_XLSX);
	assert_int_equal(config_parse_formats(" svg ", "here",
					      FORMAT_PNG | FORMAT_SVG, &f),
			 0);
	assert_int_equal(f, FORMAT_SVG);
	capture_begin();
	assert_int_equal(config_parse_formats("md, pdf", "table.ini:7",
					      FORMAT_MD, &f), -1);
	msg = capture_end();
	assert_non_null(strstr(msg, "table.ini:7: unknown format 'pdf'"));
	free(msg);
}

static void test_path_join(void **state)
{
	static const struct {
		const char *dir, *rel, *want;
	} t[] = {
		{ "dir", "rel", "dir/rel" },
		{ "dir/", "rel", "dir/rel" },
		{ "/a/b", "c/d.csv", "/a/b/c/d.csv" },
		{ "dir", "/abs/x", "/abs/x" },
		{ ".", "x", "x" },
		{ "", "x", "x" },
		{ NULL, "x", "x" },
		{ "/", "x", "/x" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *s = path_join(t[i].dir, t[i].rel);

		assert_string_equal(s, t[i].want);
		free(s);
	}
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_full),
		T(test_defaults),
		T(test_relative_config_path),
		T(test_benchmarks),
		T(test_unknown),
		T(test_no_area),
		T(test_suppress_below),
		T(test_palette),
		T(test_sources),
		T(test_formats),
		T(test_all_errors_reported),
		T(test_empty_path),
		cmocka_unit_test(test_parse_formats),
		cmocka_unit_test(test_path_join),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
