/* table.c - jsna-table: indicator values -> summary tables and the long
 * export.
 *
 * usage: jsna-table [-c jsna.ini] [--format csv,md,html]
 * Writes outputs/indicators.csv (every value of every area, Fingertips'
 * layout) and outputs/tables/summary.{csv,md,html} for the configured
 * area, from the latest calculation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/export.h"
#include "jsna/results.h"
#include "jsna/stage.h"
#include "jsna/table.h"
#include "jsna/util.h"

static const char usage[] =
	"usage: jsna-table [-c jsna.ini] [--format csv,md,html]\n"
	"Writes the long export and the summary tables of the latest calculation.\n"
	"  -c, --config FILE    configuration (default jsna.ini)\n"
	"  -f, --format LIST    table formats (default csv,md,html)\n"
	"  -q, --quiet          only errors\n"
	"  -v, --verbose        say what was written\n"
	"  -h, --help           this text\n"
	"      --version        the program's version\n";

static int write_export(struct stage *s, long long run)
{
	struct afile a;
	char *path = stage_output(s, "indicators.csv");
	FILE *f;
	int ret = -1;

	if (!path)
		return -1;
	f = afile_open(&a, path);
	if (f) {
		if (export_long(s->st, &s->cfg, run, f) < 0)
			afile_abort(&a);
		else
			ret = afile_commit(&a);
	}
	free(path);
	return ret;
}

static int write_table(struct stage *s, const char *rel, const struct buf *b)
{
	char *path = stage_output(s, rel);
	int ret;

	if (!path)
		return -1;
	ret = afile_write(path, b->buf, b->len);
	free(path);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		STAGE_LONG_OPTIONS,
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct stage s;
	struct results r;
	struct table t;
	struct buf b = BUF_INIT;
	unsigned formats = FORMAT_CSV | FORMAT_MD | FORMAT_HTML;
	int c, rc, ret = JSNA_EXIT_OK;

	jsna_init_args(argc, argv);
	stage_init(&s, "table");
	while ((c = getopt_long(argc, argv, STAGE_SHORT_OPTIONS "f:",
				longopts, NULL)) != -1) {
		switch (c) {
		case 'f':	/* --format */
			if (config_parse_formats(optarg, "--format",
						 FORMAT_CSV | FORMAT_MD |
						 FORMAT_HTML, &formats) < 0)
				return jsna_finish(JSNA_EXIT_USAGE);
			break;
		default:
			rc = stage_option(&s, c, optarg, usage);
			if (rc)
				return jsna_finish(rc > 0 ? JSNA_EXIT_OK :
						   JSNA_EXIT_USAGE);
		}
	}
	if (optind < argc) {
		fputs(usage, stderr);
		return jsna_finish(JSNA_EXIT_USAGE);
	}
	if ((rc = stage_start(&s, STAGE_STORE | STAGE_WRITE |
			      STAGE_OUTPUTS)) != 0)
		return rc;
	if (results_load(s.st, &s.cfg, &r) < 0)
		return stage_finish(&s, JSNA_EXIT_SYSTEM);
	if (!r.run)
		warning("no calculation in the warehouse yet: run jsna-calc first");
	if (stage_clear_output(&s, "tables") < 0 || write_export(&s, r.run) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	table_summary(&r, &t);
	if (formats & FORMAT_CSV) {
		table_write_csv(&t, &b);
		if (write_table(&s, "tables/summary.csv", &b) < 0)
			ret = JSNA_EXIT_SYSTEM;
	}
	if (ret == 0 && (formats & FORMAT_MD)) {
		buf_reset(&b);
		table_write_md(&t, &b);
		if (write_table(&s, "tables/summary.md", &b) < 0)
			ret = JSNA_EXIT_SYSTEM;
	}
	if (ret == 0 && (formats & FORMAT_HTML)) {
		buf_reset(&b);
		buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
		buf_add_html(&b, t.caption);
		buf_adds(&b, "</title>\n</head>\n<body>\n");
		table_write_html(&t, 0, &b);
		buf_adds(&b, "</body>\n</html>\n");
		if (write_table(&s, "tables/summary.html", &b) < 0)
			ret = JSNA_EXIT_SYSTEM;
	}
	table_release(&t);
	note("%zu indicator%s in the summary table", r.n, r.n == 1 ? "" : "s");
out:
	buf_release(&b);
	results_release(&r);
	return stage_finish(&s, ret);
}
