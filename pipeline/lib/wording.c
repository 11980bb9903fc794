/* wording.c - generated statements. */
#include "jsna/wording.h"

#include <math.h>
#include <string.h>

const char *wording_comparison(const char *label)
{
	static const struct { const char *label, *words; } map[] = {
		{ "Higher", "higher than" }, { "Lower", "lower than" },
		{ "Similar", "similar to" }, { "Better", "better than" },
		{ "Worse", "worse than" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(label, map[i].label))
			return map[i].words;
	return NULL;
}

/* The value with its unit: "74 per 10,000 children aged under 18",
 * "52.3%". */
static void value_with_unit(struct buf *out, const struct result_indicator *ind,
			    double v)
{
	char s[64];

	results_format(v, ind->decimals, s, sizeof(s));
	buf_adds(out, s);
	if (!strcmp(ind->unit, "%"))
		buf_addch(out, '%');
	else if (ind->unit[0])
		buf_addf(out, " %s", ind->unit);
}

static void value_short(struct buf *out, const struct result_indicator *ind,
			double v)
{
	char s[64];

	results_format(v, ind->decimals, s, sizeof(s));
	buf_adds(out, s);
	if (!strcmp(ind->unit, "%"))
		buf_addch(out, '%');
}

void wording_headline(const struct result_indicator *ind,
		      const char *area_name, int suppress_below,
		      struct buf *out)
{
	const struct result_point *a, *e;
	const char *cmp;
	char count[64];
	int j = ind->latest;

	if (j < 0)
		return;
	a = &ind->series[SERIES_AREA].pt[j];
	e = &ind->series[SERIES_ENGLAND].pt[j];
	buf_addf(out, "In %s ", ind->periods[j].label);
	if (isnan(a->value)) {
		/* Never describe a withheld value, not even roughly. */
		if (!strcmp(a->note, "c"))
			buf_addf(out, "the number of %s in %s was too small to publish (fewer than %d).",
				 ind->count_label[0] ? ind->count_label : "cases",
				 area_name, suppress_below);
		else
			buf_addf(out, "no value is available for %s.",
				 area_name);
		return;
	}
	results_format(a->count, 0, count, sizeof(count));
	if (!strcmp(ind->type, "count")) {
		buf_addf(out, "there were %s %s in %s", count,
			 ind->count_label, area_name);
	} else if (!strcmp(ind->type, "rate") && ind->count_label[0] &&
		   !isnan(a->count)) {
		buf_addf(out, "there were %s %s in %s, a rate of ", count,
			 ind->count_label, area_name);
		value_with_unit(out, ind, a->value);
	} else {
		buf_addf(out, "%s had %s: ", area_name, ind->title);
		value_with_unit(out, ind, a->value);
	}
	cmp = wording_comparison(a->cmp_england);
	if (e->present && !isnan(e->value)) {
		if (cmp)
			buf_addf(out, ", %s England (", cmp);
		else
			buf_adds(out, " (England: ");
		value_short(out, ind, e->value);
		buf_addch(out, ')');
	}
	buf_addch(out, '.');
}
