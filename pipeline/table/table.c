/* table.c - jsna-table: indicator values -> summary tables and the long
 * export.
 *
 * usage: jsna-table [-c jsna.ini] [--format csv,md,html,xlsx]
 * Writes outputs/indicators.csv (every value of every area, Fingertips'
 * layout) and, for the configured area from the latest calculation, the
 * tables of table.h: one CSV each (tables/summary.csv, attainment_eyfs,
 * attainment_ks2, attainment_ks4, gap_fsm, gap_sen: those with something
 * to show), all of them in tables/summary.md and tables/summary.html, and
 * the workbook tables/summary.xlsx.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/buf.h"
#include "jsna/export.h"
#include "jsna/progress.h"
#include "jsna/results.h"
#include "jsna/stage.h"
#include "jsna/table.h"
#include "jsna/util.h"

static const char usage[] =
	"usage: jsna-table [-c jsna.ini] [--format csv,md,html,xlsx]\n"
	"Writes the long export and the summary tables of the latest calculation.\n"
	"  -c, --config FILE    configuration (default jsna.ini)\n"
	"  -f, --format LIST    table formats (default csv,md,html,xlsx)\n"
	"  -q, --quiet          only errors\n"
	"  -v, --verbose        say what was written\n"
	"  -h, --help           this text\n"
	"      --version        the program's version\n";

#define TABLE_FORMATS (FORMAT_CSV | FORMAT_MD | FORMAT_HTML | FORMAT_XLSX)

/* The tables page's look: GOV.UK colours for the comparisons, the word
 * always in the cell. */
static const char style[] =
	"body{font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;"
	"margin:1.5em;}"
	"h1{font-size:1.6em;}h2{font-size:1.25em;margin-top:2em;}"
	"table{border-collapse:collapse;font-size:0.85em;margin-bottom:0.5em;}"
	"caption{text-align:left;font-weight:bold;padding:0.4em 0;}"
	"th,td{border-bottom:1px solid #b1b4b6;padding:0.3em 0.5em;"
	"text-align:left;vertical-align:top;}"
	"thead th{border-bottom:2px solid #0b0c0c;vertical-align:bottom;}"
	"tbody th{font-weight:normal;min-width:13em;}"
	".num{text-align:right;}td.num{white-space:nowrap;}"
	".scroll{overflow-x:auto;}#summary td:last-child{min-width:12em;}"
	".cmp.better{background:#00703c;color:#fff;}"
	".cmp.similar{background:#ffdd00;}"
	".cmp.worse{background:#d4351c;color:#fff;}"
	".cmp.higher{background:#003078;color:#fff;}"
	".cmp.lower{background:#5694ca;}"
	"p.table-source,p.table-key{font-size:0.85em;margin:0.2em 0;}";

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

/* Whether the table's files are written: the summary always, the others
 * when they have something to show. */
static int wanted(const struct table *t)
{
	return t->kind == TABLE_SUMMARY || !table_empty(t);
}

static int write_tables(struct stage *s, const struct results *r,
			struct table *t, unsigned formats)
{
	struct buf b = BUF_INIT, rel = BUF_INIT;
	size_t k;
	int ret = 0;

	for (k = 0; ret == 0 && (formats & FORMAT_CSV) && k < TABLE_KINDS;
	     k++) {
		if (!wanted(&t[k]))
			continue;
		buf_reset(&b);
		buf_reset(&rel);
		table_write_csv(&t[k], &b);
		buf_addf(&rel, "tables/%s.csv", t[k].stem);
		ret = stage_write_output(s, rel.buf, &b);
	}
	if (ret == 0 && (formats & FORMAT_MD)) {
		buf_reset(&b);
		for (k = 0; k < TABLE_KINDS; k++) {
			if (!wanted(&t[k]))
				continue;
			if (b.len)
				buf_addch(&b, '\n');
			table_write_md(&t[k], &b);
		}
		ret = stage_write_output(s, "tables/summary.md", &b);
	}
	if (ret == 0 && (formats & FORMAT_HTML)) {
		buf_reset(&b);
		buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
		buf_adds(&b, "Summary tables: ");
		buf_add_html(&b, r->area_name);
		buf_addf(&b, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1>Summary tables: ",
			 style);
		buf_add_html(&b, r->area_name);
		buf_adds(&b, "</h1>\n");
		for (k = 0; k < TABLE_KINDS; k++) {
			if (!wanted(&t[k]))
				continue;
			buf_addf(&b, "<section id=\"%s\">\n<h2>", t[k].stem);
			buf_add_html(&b, t[k].title);
			buf_adds(&b, "</h2>\n");
			buf_adds(&b, "<div class=\"scroll\">\n");
			table_write_html(&t[k], 1, &b);
			buf_adds(&b, "</div>\n</section>\n");
		}
		buf_adds(&b, "</main>\n</body>\n</html>\n");
		ret = stage_write_output(s, "tables/summary.html", &b);
	}
	if (ret == 0 && (formats & FORMAT_XLSX)) {
		char *path = stage_output(s, "tables/summary.xlsx");

		ret = path ? table_write_xlsx(r, t, TABLE_KINDS,
					      s->cfg.suppress_below, path) : -1;
		free(path);
	}
	buf_release(&b);
	buf_release(&rel);
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
	struct table t[TABLE_KINDS];
	struct progress bar = PROGRESS_INIT;
	unsigned formats = TABLE_FORMATS;
	size_t k, built = 0;
	int c, rc, ret = JSNA_EXIT_OK;

	jsna_init_args(argc, argv);
	stage_init(&s, "table");
	while ((c = getopt_long(argc, argv, STAGE_SHORT_OPTIONS "f:",
				longopts, NULL)) != -1) {
		switch (c) {
		case 'f':	/* --format */
			if (config_parse_formats(optarg, "--format",
						 TABLE_FORMATS, &formats) < 0)
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
	/* The long export, then each table. */
	progress_begin(&bar, "tables", 1 + TABLE_KINDS);
	if (stage_clear_output(&s, "tables") < 0 || write_export(&s, r.run) < 0) {
		ret = JSNA_EXIT_SYSTEM;
		goto out;
	}
	progress_step(&bar, 1);
	for (built = 0; built < TABLE_KINDS; built++) {
		rc = table_build(s.st, &r, (enum table_kind)built, &t[built]);
		t[built].suppress_below = s.cfg.suppress_below;
		if (rc < 0) {
			built++;
			ret = JSNA_EXIT_SYSTEM;
			goto out;
		}
		progress_step(&bar, 2 + built);
	}
	if (write_tables(&s, &r, t, formats) < 0)
		ret = JSNA_EXIT_SYSTEM;
	for (k = 0; k < TABLE_KINDS; k++)
		if (wanted(&t[k]))
			note("%s: %zu row%s", t[k].stem, t[k].nrows,
			     t[k].nrows == 1 ? "" : "s");
out:
	progress_end(&bar);
	for (k = 0; k < built; k++)
		table_release(&t[k]);
	results_release(&r);
	return stage_finish(&s, ret);
}
