/* period.h - time periods as the sources write them and Fingertips shows
 * them.
 *
 *	struct period p;
 *	if (period_parse("201718", "Academic year", &p) == 0)
 *		puts(p.label);          "2017/18", p.sortable 20170000
 *
 * Kinds: academic and financial years (label 2017/18), calendar and
 * reporting years and mid-year estimates (2018), quarters (2018/19 Q1,
 * financial quarters: Q1 starts in April) and months (2018 Jan). The
 * sortable key is the start year * 10000 + start month * 100 for quarters
 * and months (DESIGN.md section 5). No allocation.
 */
#ifndef JSNA_PERIOD_H
#define JSNA_PERIOD_H

enum period_kind {
	PERIOD_CALENDAR,	/* 2018 */
	PERIOD_REPORTING,	/* 2018: the year ending 31 March 2018 */
	PERIOD_ACADEMIC,	/* 2017/18 */
	PERIOD_FINANCIAL,	/* 2017/18 */
	PERIOD_QUARTER,		/* 2018/19 Q1 */
	PERIOD_MONTH		/* 2018 Jan */
};

struct period {
	enum period_kind kind;
	int year;		/* start year */
	int month;		/* 1-12 for quarters and months, else 0 */
	long sortable;
	char label[32];
	const char *range;	/* "1y", "1q", "1m" */
};

/* Parses a time_period value, using time_identifier (EES) when given
 * ("Academic year", "Financial year", "Reporting year", "Calendar year",
 * "Q1".."Q4", "January".."December"; NULL or "" to guess from the text:
 * "201718" academic, "2017-18" and "2017/18" financial, "2018" calendar,
 * "2018/19 Q1" quarter, "2018 Jan" month). Returns 0, or -1 when the text
 * is not a period (nothing reported: the caller names file and line). */
int period_parse(const char *text, const char *identifier, struct period *p);

/* Builds the period of the same kind shifted by years (may be negative). */
void period_shift(const struct period *p, int years, struct period *out);

/* Sets label, sortable and range from kind, year and month. */
void period_finish(struct period *p);

#endif
