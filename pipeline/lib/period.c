/* period.c - parsing and labelling time periods. */
#include "jsna/period.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsna/util.h"

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

void period_finish(struct period *p)
{
	int next = (p->year + 1) % 100;

	switch (p->kind) {
	case PERIOD_ACADEMIC:
	case PERIOD_FINANCIAL:
		snprintf(p->label, sizeof(p->label), "%04d/%02d", p->year,
			 next);
		p->month = 0;
		p->range = "1y";
		break;
	case PERIOD_QUARTER: {
		/* Financial quarters: Q1 April-June ... Q4 January-March of
		 * the following calendar year. */
		int fy = p->month >= 4 ? p->year : p->year - 1;
		int q = p->month >= 4 ? (p->month - 4) / 3 + 1 : 4;

		snprintf(p->label, sizeof(p->label), "%04d/%02d Q%d", fy,
			 (fy + 1) % 100, q);
		p->range = "1q";
		break;
	}
	case PERIOD_MONTH:
		snprintf(p->label, sizeof(p->label), "%04d %.3s", p->year,
			 month_names[p->month - 1]);
		p->range = "1m";
		break;
	default:
		snprintf(p->label, sizeof(p->label), "%04d", p->year);
		p->month = 0;
		p->range = "1y";
	}
	p->sortable = (long)p->year * 10000L + (long)p->month * 100L;
}

void period_shift(const struct period *p, int years, struct period *out)
{
	*out = *p;
	out->year += years;
	period_finish(out);
}

/* "201718", "2017-18", "2017/18": a two-year span; checks the second year
 * follows the first. Returns the start year or -1. */
static int span(const char *s, size_t len)
{
	int a, b;

	if (len == 6) {
		a = str_digits(s, 4);
		b = str_digits(s + 4, 2);
	} else if (len == 7 && (s[4] == '-' || s[4] == '/')) {
		a = str_digits(s, 4);
		b = str_digits(s + 5, 2);
	} else {
		return -1;
	}
	if (a < 0 || b < 0 || (a + 1) % 100 != b)
		return -1;
	return a;
}

static int month_of(const char *s)
{
	int i;

	for (i = 0; i < 12; i++)
		if (strncasecmp(s, month_names[i], 3) == 0 &&
		    (s[3] == '\0' || strcasecmp(s, month_names[i]) == 0))
			return i + 1;
	return 0;
}

int period_parse(const char *text, const char *ident, struct period *p)
{
	char t[32];
	size_t len;
	int y;

	memset(p, 0, sizeof(*p));
	len = strlen(text);
	while (len && isspace((unsigned char)text[len - 1]))
		len--;
	while (len && isspace((unsigned char)*text)) {
		text++;
		len--;
	}
	if (len == 0 || len >= sizeof(t))
		return -1;
	memcpy(t, text, len);
	t[len] = '\0';
	if (ident && !*ident)
		ident = NULL;

	if (ident) {
		int m = month_of(ident), q = 0;

		if (strlen(ident) == 2 && (ident[0] == 'Q' || ident[0] == 'q'))
			q = ident[1] - '0';
		else if (strncasecmp(ident, "Quarter ", 8) == 0)
			q = ident[8] - '0';
		if (q >= 1 && q <= 4) {
			/* EES writes financial quarters with the span. */
			y = len == 4 ? str_digits(t, 4) : span(t, len);
			if (y < 0)
				return -1;
			p->kind = PERIOD_QUARTER;
			p->year = q == 4 ? y + 1 : y;
			p->month = q == 4 ? 1 : 4 + (q - 1) * 3;
			period_finish(p);
			return 0;
		}
		if (m) {
			if (len != 4 || (y = str_digits(t, 4)) < 0)
				return -1;
			p->kind = PERIOD_MONTH;
			p->year = y;
			p->month = m;
			period_finish(p);
			return 0;
		}
		if (strcasecmp(ident, "Academic year") == 0 ||
		    strcasecmp(ident, "Financial year") == 0) {
			y = span(t, len);
			if (y < 0)
				return -1;
			p->kind = tolower((unsigned char)ident[0]) == 'a' ?
				  PERIOD_ACADEMIC : PERIOD_FINANCIAL;
			p->year = y;
			period_finish(p);
			return 0;
		}
		if (strcasecmp(ident, "Reporting year") == 0 ||
		    strcasecmp(ident, "Calendar year") == 0) {
			if (len != 4 || (y = str_digits(t, 4)) < 0)
				return -1;
			p->kind = ident[0] == 'R' || ident[0] == 'r' ?
				  PERIOD_REPORTING : PERIOD_CALENDAR;
			p->year = y;
			period_finish(p);
			return 0;
		}
		/* An identifier we do not know: fall back on the text. */
	}

	if (len == 4 && (y = str_digits(t, 4)) >= 0) {
		p->kind = PERIOD_CALENDAR;
		p->year = y;
	} else if (len == 6 && (y = span(t, len)) >= 0) {
		p->kind = PERIOD_ACADEMIC;
		p->year = y;
	} else if (len == 7 && (y = span(t, len)) >= 0) {
		p->kind = PERIOD_FINANCIAL;
		p->year = y;
	} else if (len == 10 && t[7] == ' ' && t[8] == 'Q' &&
		   span(t, 7) >= 0 && t[9] >= '1' && t[9] <= '4') {
		int q = t[9] - '0';

		y = span(t, 7);
		p->kind = PERIOD_QUARTER;
		p->year = q == 4 ? y + 1 : y;
		p->month = q == 4 ? 1 : 4 + (q - 1) * 3;
	} else if (len >= 8 && t[4] == ' ' && (y = str_digits(t, 4)) >= 0 &&
		   month_of(t + 5)) {
		p->kind = PERIOD_MONTH;
		p->year = y;
		p->month = month_of(t + 5);
	} else {
		return -1;
	}
	period_finish(p);
	return 0;
}
