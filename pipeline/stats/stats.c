/* stats.c - jsna-stats: the statistics calculator, CSV in and out.
 *
 * usage: jsna-stats METHOD [--confidence C] [--multiplier M]
 *                   [--polarity P] [sii options] < in > out
 * Row methods (proportion, rate, mean, gap, compare) write each row back
 * with their results appended at full precision (%.17g); grouped methods
 * (dsr, isr, israte, trend, sii: grouped.c) write one row per group. A
 * row that cannot be computed is named as <stdin>:LINE:COLUMN and gets
 * empty results; the others are still computed; the exit status is then
 * 1.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/csvin.h"
#include "jsna/stage.h"
#include "jsna/stats.h"
#include "jsna/stats_sii.h"
#include "jsna/util.h"

#include "grouped.h"

static const char usage[] =
	"usage: jsna-stats METHOD [--confidence C] [--multiplier M]\n"
	"                  [--polarity P] [--value-type T] [--transform]\n"
	"                  [--repetitions N] [--seed S] < IN.csv > OUT.csv\n"
	"Reads a CSV with a header and writes each row back with the result\n"
	"columns appended; columns are found by name, in any order.\n"
	"  proportion   numerator,denominator -> value,lowercl,uppercl\n"
	"               (Wilson score interval)\n"
	"  rate         numerator,denominator -> value,lowercl,uppercl\n"
	"               (Byar's method; exact Poisson below 10 events)\n"
	"  mean         mean,sd,n -> value,lowercl,uppercl (Student's t)\n"
	"  gap          numerator1,denominator1,numerator2,denominator2 ->\n"
	"               value,lowercl,uppercl (p1 - p2, Newcombe's hybrid score)\n"
	"  compare      value,lowercl,uppercl,benchmark -> comparison\n"
	"               (Fingertips: the benchmark against the interval)\n"
	"Over groups of rows (one output row per value of an `area` column, or\n"
	"one for the whole input):\n"
	"  dsr          count,pop[,stdpop] -> total_count,total_pop,value,\n"
	"               lowercl,uppercl (Dobson; ESP2013 by band order without\n"
	"               stdpop; fewer than 10 events: no value)\n"
	"  isr, israte  count,pop,refcount,refpop -> observed,expected,value,\n"
	"               lowercl,uppercl (indirectly standardised ratio, or rate)\n"
	"  trend        value,lowercl,uppercl,count,denominator, one row per\n"
	"               period in time order -> points,chi2,slope,trend\n"
	"               (Fingertips' recent trend over the 5 latest valid\n"
	"               points; its label read through --polarity)\n"
	"  sii          quantile,population,value (or count, for proportions),\n"
	"               se (or lowercl,uppercl: the value's 95% limits), one\n"
	"               row per quantile, 1 the most deprived -> sii,\n"
	"               sii_lowercl,sii_uppercl,rii,rii_lowercl,rii_uppercl,\n"
	"               intercept (slope and relative index of inequality,\n"
	"               PHEindicatormethods' phe_sii; limits by simulation)\n"
	"  --confidence C   0.95 by default (0.9 to 1, or 90 to 100); for sii\n"
	"                   0.5 to 0.9999 (or 50 to 99.99), or two levels, as\n"
	"                   in 95,99.8, which add sii_lowercl_2 ... rii_uppercl_2\n"
	"  --multiplier M   100000 for rate, dsr and israte; 1 otherwise (the\n"
	"                   reference value of isr: 100 for an SMR x 100); for\n"
	"                   sii any but 0, a negative one inverting the RII\n"
	"  --polarity P     for compare and trend: none (default), high_is_good,\n"
	"                   low_is_good\n"
	"For sii only:\n"
	"  --value-type T   normal (default; any value), rate (above 0: sampled\n"
	"                   on the log scale) or proportion (0 to 1: logit)\n"
	"  --transform      fit the line on the log or logit scale too\n"
	"  --repetitions N  simulations for the limits: 100000 by default, 1000\n"
	"                   to 1000000000\n"
	"  --seed S         the simulation's seed, 0 to 4294967295 (4357 by\n"
	"                   default): the same input and seed, the same limits\n"
	"  -h, --help       this text\n"
	"      --version    the program's version\n"
	"A row that cannot be computed is named with its line on stderr and\n"
	"written back with empty result cells; the exit status is then 1.\n";

enum method { M_PROPORTION, M_RATE, M_MEAN, M_GAP, M_COMPARE };

/* Each method: its input columns (found by name), the result columns it
 * appends, and its default multiplier. */
static const struct {
	const char *name;
	const char *cols[4];
	int ncols;
	double multiplier;
	const char *result_header;
	const char *empty_result;
} methods[] = {
	[M_PROPORTION] = { "proportion", { "numerator", "denominator" }, 2,
			   1, ",value,lowercl,uppercl", ",,," },
	[M_RATE] = { "rate", { "numerator", "denominator" }, 2, 100000,
		     ",value,lowercl,uppercl", ",,," },
	[M_MEAN] = { "mean", { "mean", "sd", "n" }, 3, 1,
		     ",value,lowercl,uppercl", ",,," },
	[M_GAP] = { "gap", { "numerator1", "denominator1", "numerator2",
			     "denominator2" }, 4, 1,
		    ",value,lowercl,uppercl", ",,," },
	[M_COMPARE] = { "compare", { "value", "lowercl", "uppercl",
				     "benchmark" }, 4, 1,
			",comparison", "," },
};

struct ctx {
	enum method m;
	enum stats_polarity polarity;
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

/* Why a method refused a row's numbers. */
static const char *domain_message(enum method m, const double *x)
{
	int i;

	if (m == M_MEAN)
		return x[2] < 1 ? "n must be 1 or more" : "sd must be 0 or more";
	for (i = 0; i < (m == M_GAP ? 4 : 2); i += 2) {
		if (!(x[i + 1] > 0))
			return "the denominator must be above 0";
		if (x[i] < 0)
			return "the numerator must be 0 or more";
		if (m != M_RATE && x[i] > x[i + 1])
			return "the numerator is above the denominator: not a proportion";
	}
	return "the confidence or multiplier is out of range";
}

/* A row that cannot be computed: said on stderr with its line, written
 * back with empty result cells. */
static int row_error(struct ctx *c, const struct csvin_record *r,
		     unsigned long col, const char *fmt, ...)
	JSNA_PRINTF(4, 5);

static int row_error(struct ctx *c, const struct csvin_record *r,
		     unsigned long col, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	error_at(r->path, r->line, col, "%s", msg.buf);
	buf_release(&msg);
	c->errors++;
	echo_row(&c->out, r);
	buf_adds(&c->out, methods[c->m].empty_result);
	buf_addch(&c->out, '\n');
	return 0;
}

/* The benchmark against the area's interval, through the polarity. */
static int compare_row(struct ctx *c, const struct csvin_record *r,
		       const double *x)
{
	if (x[1] > x[2])
		return row_error(c, r, 0,
				 "lowercl is above uppercl: not an interval");
	echo_row(&c->out, r);
	buf_addch(&c->out, ',');
	buf_adds(&c->out, stats_cmp_label(stats_compare(x[0], x[1], x[2], x[3],
						       c->polarity)));
	buf_addch(&c->out, '\n');
	return 0;
}

static int on_header(struct ctx *c, const struct csvin_record *r)
{
	struct buf need = BUF_INIT;
	int i, missing = 0;

	c->nheader = r->nfields;
	for (i = 0; i < methods[c->m].ncols; i++) {
		if (i)
			buf_addch(&need, ',');
		buf_adds(&need, methods[c->m].cols[i]);
	}
	for (i = 0; i < methods[c->m].ncols; i++) {
		c->col[i] = csvin_find(r, methods[c->m].cols[i]);
		if (c->col[i] < 0) {
			error_at(r->path, r->line, 0,
				 "no '%s' column: '%s' needs columns %s",
				 methods[c->m].cols[i], methods[c->m].name,
				 need.buf);
			missing = 1;
		}
	}
	buf_release(&need);
	if (missing) {
		c->errors++;
		return -1;
	}
	echo_row(&c->out, r);
	buf_adds(&c->out, methods[c->m].result_header);
	buf_addch(&c->out, '\n');
	return 0;
}

static int on_row(const struct csvin_record *r, void *vc)
{
	struct ctx *c = vc;
	double x[4];
	struct stats_ci ci = { NAN, NAN, NAN };
	int i, st = STATS_OK;

	if (r->recno == 1)
		return on_header(c, r);
	if (r->nfields != c->nheader)
		return row_error(c, r, 0,
				 "row has %zu fields but the header has %zu",
				 r->nfields, c->nheader);
	for (i = 0; i < methods[c->m].ncols; i++) {
		const char *v = r->fields[c->col[i]].ptr;

		if (!*v || !strcmp(v, "NA"))
			return row_error(c, r, (unsigned long)c->col[i] + 1,
					 "column '%s' is empty: no result",
					 methods[c->m].cols[i]);
		if (csvin_parse_double(v, &x[i]) < 0)
			return row_error(c, r, (unsigned long)c->col[i] + 1,
					 "column '%s': expected a number, got '%s'",
					 methods[c->m].cols[i], v);
	}
	switch (c->m) {
	case M_PROPORTION:
		st = stats_proportion(x[0], x[1], c->multiplier,
				      c->confidence, &ci);
		break;
	case M_RATE:
		st = stats_rate(x[0], x[1], c->multiplier, c->confidence,
				&ci);
		break;
	case M_MEAN:
		st = stats_mean(x[0], x[1], x[2], c->confidence, &ci);
		ci.value *= c->multiplier;
		ci.lower *= c->multiplier;
		ci.upper *= c->multiplier;
		break;
	case M_GAP:
		st = stats_gap(x[0], x[1], x[2], x[3], c->multiplier,
			       c->confidence, &ci);
		break;
	case M_COMPARE:
		return compare_row(c, r, x);
	}
	if (st != STATS_OK)
		return row_error(c, r, 0, "%s",
				 domain_message(c->m, x));
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

/* A whole number from min to max, digits only. */
static int parse_whole(const char *arg, const char *what, unsigned long min,
		       unsigned long max, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = str_all_digits(arg) ? strtoul(arg, &end, 10) : 0;
	if (!str_all_digits(arg) || errno || *out < min || *out > max)
		return error("%s must be a whole number from %lu to %lu, not '%s'",
			     what, min, max, arg);
	return 0;
}

/* The confidence of sii: one level, or two separated by a comma, each
 * 0.5 to 0.9999 or 50 to 99.99. */
static int parse_sii_confidence(const char *arg, struct stats_sii_opts *o)
{
	char *copy = xstrdup(arg), *comma = strchr(copy, ',');
	int ret = 0;

	if (comma)
		*comma = '\0';
	o->nconfidence = comma ? 2 : 1;
	if (csvin_parse_double(copy, &o->confidence[0]) < 0 ||
	    (comma && csvin_parse_double(comma + 1, &o->confidence[1]) < 0) ||
	    isnan(stats_sii_confidence(o->confidence[0])) ||
	    (comma && isnan(stats_sii_confidence(o->confidence[1]))))
		ret = error("--confidence for sii is one or two levels from 0.5 to 0.9999 (or 50 to 99.99), as in 95,99.8, not '%s'",
			    arg);
	free(copy);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "confidence", required_argument, NULL, 'C' },
		{ "multiplier", required_argument, NULL, 'm' },
		{ "polarity", required_argument, NULL, 'p' },
		{ "value-type", required_argument, NULL, 't' },
		{ "transform", no_argument, NULL, 'T' },
		{ "repetitions", required_argument, NULL, 'r' },
		{ "seed", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct ctx c;
	struct grouped_opts go;
	struct stats_sii_opts sii = STATS_SII_OPTS_INIT;
	struct buf in = BUF_INIT;
	char block[65536];
	size_t n, i;
	double conf = 0.95, mult = NAN;
	const char *conf_arg = NULL, *sii_only = NULL;
	unsigned long whole;
	int opt, group, ret = JSNA_EXIT_OK;

	jsna_init_args(argc, argv);
	memset(&c, 0, sizeof(c));
	buf_init(&c.out, 0);
	while ((opt = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'C':	/* --confidence: read once the method is known */
			conf_arg = optarg;
			break;
		case 'm':	/* --multiplier */
			if (parse_number(optarg, "--multiplier", &mult) < 0)
				return jsna_finish(JSNA_EXIT_USAGE);
			break;
		case 'p':	/* --polarity */
			if (!strcmp(optarg, "none"))
				c.polarity = POLARITY_NONE;
			else if (!strcmp(optarg, "high_is_good"))
				c.polarity = POLARITY_HIGH_GOOD;
			else if (!strcmp(optarg, "low_is_good"))
				c.polarity = POLARITY_LOW_GOOD;
			else {
				error("--polarity is none, high_is_good or low_is_good, not '%s'",
				      optarg);
				return jsna_finish(JSNA_EXIT_USAGE);
			}
			break;
		case 't':	/* --value-type */
			sii_only = "--value-type";
			if (!strcmp(optarg, "normal") || !strcmp(optarg, "0"))
				sii.type = STATS_SII_NORMAL;
			else if (!strcmp(optarg, "rate") || !strcmp(optarg, "1"))
				sii.type = STATS_SII_RATE;
			else if (!strcmp(optarg, "proportion") ||
				 !strcmp(optarg, "2"))
				sii.type = STATS_SII_PROPORTION;
			else {
				error("--value-type is normal, rate or proportion (or 0, 1, 2), not '%s'",
				      optarg);
				return jsna_finish(JSNA_EXIT_USAGE);
			}
			break;
		case 'T':	/* --transform */
			sii_only = "--transform";
			sii.transform = 1;
			break;
		case 'r':	/* --repetitions */
			sii_only = "--repetitions";
			if (parse_whole(optarg, "--repetitions",
					STATS_SII_MIN_REPETITIONS, 1000000000UL,
					&whole) < 0)
				return jsna_finish(JSNA_EXIT_USAGE);
			sii.repetitions = whole;
			break;
		case 's':	/* --seed */
			sii_only = "--seed";
			/* MT19937 reads 32 bits of it */
			if (parse_whole(optarg, "--seed", 0, 4294967295UL,
					&whole) < 0)
				return jsna_finish(JSNA_EXIT_USAGE);
			sii.seed = whole;
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
	group = grouped_find(argv[optind]);
	if (i == sizeof(methods) / sizeof(methods[0]) && group < 0) {
		struct buf known = BUF_INIT;

		for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
			buf_addf(&known, "%s%s", i ? ", " : "",
				 methods[i].name);
		grouped_names(&known);
		error("unknown method '%s' (known: %s)", argv[optind],
		      known.buf);
		buf_release(&known);
		return jsna_finish(JSNA_EXIT_USAGE);
	}
	c.m = (enum method)i;
	if (group >= 0 && grouped_is_sii(group)) {
		if (conf_arg && parse_sii_confidence(conf_arg, &sii) < 0)
			return jsna_finish(JSNA_EXIT_USAGE);
		if (sii.transform && sii.type == STATS_SII_NORMAL) {
			error("--transform needs --value-type rate or proportion");
			return jsna_finish(JSNA_EXIT_USAGE);
		}
	} else {
		if (sii_only) {
			error("%s is an option of sii only", sii_only);
			return jsna_finish(JSNA_EXIT_USAGE);
		}
		if (conf_arg &&
		    parse_number(conf_arg, "--confidence", &conf) < 0)
			return jsna_finish(JSNA_EXIT_USAGE);
		c.confidence = stats_confidence(conf);
		if (isnan(c.confidence)) {
			error("--confidence must be between 0.9 and 1 (or 90 and 100), not '%g'",
			      conf);
			return jsna_finish(JSNA_EXIT_USAGE);
		}
	}
	c.multiplier = !isnan(mult) ? mult : group >= 0 ?
		       grouped_multiplier(group) : methods[c.m].multiplier;
	if (group >= 0 && grouped_is_sii(group)) {
		/* PIM: a negative multiplier turns the SII over */
		if (!(fabs(c.multiplier) > 0)) {
			error("--multiplier must not be 0");
			return jsna_finish(JSNA_EXIT_USAGE);
		}
	} else if (!(c.multiplier > 0)) {
		error("--multiplier must be above 0");
		return jsna_finish(JSNA_EXIT_USAGE);
	}
	go.confidence = c.confidence;
	go.multiplier = c.multiplier;
	go.polarity = c.polarity;
	go.sii = sii;
	while ((n = fread(block, 1, sizeof(block), stdin)) > 0)
		buf_add(&in, block, n);
	if (ferror(stdin)) {
		error_errno("cannot read the standard input");
		buf_release(&in);
		return jsna_finish(JSNA_EXIT_SYSTEM);
	}
	if (in.len == 0) {
		error("no input: expected a CSV with a header on the standard input");
		c.errors = 1;
	} else if (group >= 0) {
		if (grouped_run(group, &go, in.buf, in.len, &c.out,
				&c.errors) < 0)
			c.errors++;
	} else if (csvin_read_mem("<stdin>", in.buf, in.len, on_row, &c) < 0) {
		c.errors++;
	}
	/* The rows read are written even when some could not be computed. */
	if (fwrite(c.out.buf, 1, c.out.len, stdout) != c.out.len)
		ret = JSNA_EXIT_SYSTEM;
	if (c.errors && ret == JSNA_EXIT_OK)
		ret = JSNA_EXIT_DATA;
	buf_release(&in);
	buf_release(&c.out);
	return jsna_finish(ret);
}
