/* stats.c - jsna-stats: the statistics calculator, CSV in and out.
 *
 * usage: jsna-stats METHOD [--confidence C] [--multiplier M] < in > out
 * METHOD is proportion (numerator,denominator: Wilson), rate (numerator,
 * denominator: Byar's, exact below 10), mean (mean,sd,n: t) or gap
 * (numerator1,denominator1,numerator2,denominator2: Newcombe). Each row
 * comes back with value,lowercl,uppercl appended at full precision (%.17g);
 * an empty or NA input gives empty outputs. Any bad row: every one is
 * reported as <stdin>:LINE:COLUMN, nothing is written, exit 1.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/csvin.h"
#include "jsna/stage.h"
#include "jsna/stats.h"
#include "jsna/util.h"

static const char usage[] =
	"usage: jsna-stats METHOD [--confidence C] [--multiplier M] < IN.csv\n"
	"Appends value,lowercl,uppercl to each row of a CSV with a header.\n"
	"  proportion   columns numerator,denominator (Wilson score interval)\n"
	"  rate         columns numerator,denominator (Byar's; exact below 10)\n"
	"  mean         columns mean,sd,n (Student's t)\n"
	"  gap          columns numerator1,denominator1,numerator2,denominator2\n"
	"               (p1 - p2 with Newcombe's hybrid score interval)\n"
	"  --confidence C   0.95 by default (0.9 to 1, or 90 to 100)\n"
	"  --multiplier M   1 for proportion and gap, 100000 for rate, 1 for mean\n"
	"  -h, --help       this text\n"
	"      --version    the program's version\n";

enum method { M_PROPORTION, M_RATE, M_MEAN, M_GAP };

static const struct {
	const char *name;
	const char *cols[4];
	int ncols;
	double multiplier;
} methods[] = {
	[M_PROPORTION] = { "proportion", { "numerator", "denominator" }, 2, 1 },
	[M_RATE] = { "rate", { "numerator", "denominator" }, 2, 100000 },
	[M_MEAN] = { "mean", { "mean", "sd", "n" }, 3, 1 },
	[M_GAP] = { "gap", { "numerator1", "denominator1", "numerator2",
			     "denominator2" }, 4, 1 },
};

struct ctx {
	enum method m;
	double confidence, multiplier;
	int col[4];
	size_t nheader;
	struct buf out;
	unsigned long errors;
};

static void add_number(struct buf *b, double v)
{
	if (!isnan(v))
		buf_addf(b, "%.17g", v);
}

static void echo_row(struct buf *b, const struct csvin_record *r)
{
	size_t i;

	for (i = 0; i < r->nfields; i++) {
		if (i)
			buf_addch(b, ',');
		buf_add_csv(b, r->fields[i].ptr);
	}
}

static int on_row(const struct csvin_record *r, void *vc)
{
	struct ctx *c = vc;
	double x[4];
	struct stats_ci ci = { NAN, NAN, NAN };
	int i, missing = 0, st = STATS_OK;

	if (r->recno == 1) {
		c->nheader = r->nfields;
		for (i = 0; i < methods[c->m].ncols; i++) {
			c->col[i] = csvin_find(r, methods[c->m].cols[i]);
			if (c->col[i] < 0) {
				c->errors++;
				error_at(r->path, r->line, 0,
					 "no '%s' column: '%s' needs columns %s%s%s%s%s%s%s",
					 methods[c->m].cols[i],
					 methods[c->m].name,
					 methods[c->m].cols[0],
					 methods[c->m].ncols > 1 ? "," : "",
					 methods[c->m].ncols > 1 ? methods[c->m].cols[1] : "",
					 methods[c->m].ncols > 2 ? "," : "",
					 methods[c->m].ncols > 2 ? methods[c->m].cols[2] : "",
					 methods[c->m].ncols > 3 ? "," : "",
					 methods[c->m].ncols > 3 ? methods[c->m].cols[3] : "");
			}
		}
		if (c->errors)
			return -1;
		echo_row(&c->out, r);
		buf_adds(&c->out, ",value,lowercl,uppercl\n");
		return 0;
	}
	if (r->nfields != c->nheader) {
		c->errors++;
		error_at(r->path, r->line, 0,
			 "row has %zu fields but the header has %zu",
			 r->nfields, c->nheader);
		return 0;
	}
	for (i = 0; i < methods[c->m].ncols; i++) {
		const char *v = r->fields[c->col[i]].ptr;

		if (!*v || !strcmp(v, "NA")) {
			missing = 1;
			x[i] = NAN;
		} else if (csvin_parse_double(v, &x[i]) < 0) {
			c->errors++;
			error_at(r->path, r->line, (unsigned long)c->col[i] + 1,
				 "column '%s': expected a number, got '%s'",
				 methods[c->m].cols[i], v);
			return 0;
		}
	}
	if (!missing) {
		switch (c->m) {
		case M_PROPORTION:
			st = stats_proportion(x[0], x[1], c->multiplier,
					      c->confidence, &ci);
			break;
		case M_RATE:
			st = stats_rate(x[0], x[1], c->multiplier,
					c->confidence, &ci);
			break;
		case M_MEAN:
			st = stats_mean(x[0], x[1], x[2], c->confidence, &ci);
			if (st == STATS_OK) {
				ci.value *= c->multiplier;
				ci.lower *= c->multiplier;
				ci.upper *= c->multiplier;
			}
			break;
		case M_GAP:
			st = stats_gap(x[0], x[1], x[2], x[3], c->multiplier,
				       c->confidence, &ci);
			break;
		}
		if (st == STATS_DOMAIN) {
			c->errors++;
			error_at(r->path, r->line, 0,
				 "values out of range for '%s' (counts must be 0 or more, denominators above 0%s)",
				 methods[c->m].name,
				 c->m == M_PROPORTION || c->m == M_GAP ?
				 ", numerators at most their denominators" : "");
			return 0;
		}
	}
	echo_row(&c->out, r);
	buf_addch(&c->out, ',');
	add_number(&c->out, ci.value);
	buf_addch(&c->out, ',');
	add_number(&c->out, ci.lower);
	buf_addch(&c->out, ',');
	add_number(&c->out, ci.upper);
	buf_addch(&c->out, '\n');
	return 0;
}

static int parse_number(const char *arg, const char *what, double *out)
{
	if (csvin_parse_double(arg, out) < 0)
		return error("%s must be a number, not '%s'", what, arg);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "confidence", required_argument, NULL, 'C' },
		{ "multiplier", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct ctx c;
	struct buf in = BUF_INIT;
	char block[65536];
	size_t n, i;
	double conf = 0.95, mult = NAN;
	int opt, ret = JSNA_EXIT_OK;

	jsna_init(argv[0]);
	memset(&c, 0, sizeof(c));
	while ((opt = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'C':	/* --confidence */
			if (parse_number(optarg, "--confidence", &conf) < 0)
				return jsna_finish(JSNA_EXIT_USAGE);
			break;
		case 'm':	/* --multiplier */
			if (parse_number(optarg, "--multiplier", &mult) < 0)
				return jsna_finish(JSNA_EXIT_USAGE);
			break;
		case 'h':	/* --help */
			fputs(usage, stdout);
			return jsna_finish(JSNA_EXIT_OK);
		case 'V':	/* --version */
			printf("jsna-stats %s\n", JSNA_VERSION);
			return jsna_finish(JSNA_EXIT_OK);
		default:
			fputs(usage, stderr);
			return jsna_finish(JSNA_EXIT_USAGE);
		}
	}
	if (optind + 1 != argc) {
		fputs(usage, stderr);
		return jsna_finish(JSNA_EXIT_USAGE);
	}
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (!strcmp(argv[optind], methods[i].name))
			break;
	if (i == sizeof(methods) / sizeof(methods[0])) {
		error("unknown method '%s' (known: proportion, rate, mean, gap)",
		      argv[optind]);
		return jsna_finish(JSNA_EXIT_USAGE);
	}
	c.m = (enum method)i;
	c.confidence = stats_confidence(conf);
	if (isnan(c.confidence)) {
		error("--confidence must be between 0.9 and 1 (or 90 and 100), not '%g'",
		      conf);
		return jsna_finish(JSNA_EXIT_USAGE);
	}
	c.multiplier = isnan(mult) ? methods[c.m].multiplier : mult;
	if (!(c.multiplier > 0)) {
		error("--multiplier must be above 0");
		return jsna_finish(JSNA_EXIT_USAGE);
	}
	while ((n = fread(block, 1, sizeof(block), stdin)) > 0)
		buf_add(&in, block, n);
	if (ferror(stdin)) {
		error_errno("cannot read the standard input");
		buf_release(&in);
		return jsna_finish(JSNA_EXIT_SYSTEM);
	}
	if (csvin_read_mem("<stdin>", in.buf, in.len, on_row, &c) < 0 &&
	    !c.errors)
		c.errors = 1;
	if (c.errors)
		ret = JSNA_EXIT_DATA;
	else if (in.len == 0) {
		error("no input: expected a CSV with a header on the standard input");
		ret = JSNA_EXIT_DATA;
	} else
		fwrite(c.out.buf, 1, c.out.len, stdout);
	buf_release(&in);
	buf_release(&c.out);
	return jsna_finish(ret);
}
