/* wording.h - plain-English statements about an indicator, in the style
 * analysts write them.
 *
 *	struct buf b = BUF_INIT;
 *	wording_headline(&results.ind[i], results.area_name, 5, &b);
 *	-> "In 2025 there were 496 children in care in Cheshire West and
 *	    Chester, a rate of 74 per 10,000 children aged under 18, higher
 *	    than England (65)."
 *	if (wording_concern(&results.ind[i], &key))	a key message
 *
 * Every function appends to the caller's buffer and appends nothing when
 * there is nothing to say. Values are shown with the indicator's decimals,
 * rounded half away from zero (stats_round) and with thousands separators.
 *
 * The statement is about the area's latest period with a value or with a
 * withheld value ("c"); later periods with neither (not yet published, or
 * "x") are passed over (wording_latest).
 *
 * Comparison words follow the stored label (cmp_england), never the
 * values:
 *	Better		"better than England (65)"
 *	Worse		"worse than England (65)"
 *	Higher, Lower	"higher than England", "lower than England": tested,
 *			an indicator without a good direction
 *	Similar		"similar to England": only this label says similar
 *	Higher / Lower / Same, not tested
 *			"above England", "below England", "the same as
 *			England": a direction without an interval is no test,
 *			so it never borrows the tested words
 *	Not compared, ""	no words, only "(England: 65)"
 * With no England value for the period there is no England clause at all.
 * Percentages carry "%", a rate is said with its base ("74 per 10,000
 * children aged under 18") and England's value beside it without the base
 * ("(65)"), a score stands bare ("45.5"). Counts (types count,
 * projection, prevalence) are never set beside England's. A withheld
 * value is never described, not even roughly, and never compared.
 */
#ifndef JSNA_WORDING_H
#define JSNA_WORDING_H

#include "jsna/buf.h"
#include "jsna/results.h"

/* The index into ind->periods of the area's latest period with a value
 * or a withheld value (note "c"), or -1 when there is none. */
int wording_latest(const struct result_indicator *ind);

/*
 * The statement for the latest period (wording_latest) in area_name (NULL
 * or "": the sentence names no area). suppress_below is the publication
 * threshold a withheld count is said to be under ("fewer than 5"; 0 or
 * less: the threshold is not given). By type:
 *
 * count		"In 2025 there were 2,436 children in need in X."
 *			"In 2025 there was 1 child in need in X."
 *			(wording_singular); no England clause
 * projection		"In 2043 there are projected to be 65,758 children
 *			aged 0 to 17 in X."
 * prevalence		"In 2024 there were an estimated 9,756 children and
 *			young people with a disability in X." (the count label,
 *			else the title without a leading "Estimated")
 * rate with a count	"In 2025 there were 496 children in care in X, a rate
 *			of 74 per 10,000 children aged under 18, higher than
 *			England (65)."
 * rate without one	"In 2025 the rate of children in care in X was 74 per
 *			10,000 children aged under 18, ..." ("the rate in X"
 *			without a count label)
 * gap			wording_gap's statement
 * anything else	"In 2024/25 good level of development at the end of
 *			reception in X was 68.3%, similar to England (68.1%)."
 *			"In 2024/25 average Attainment 8 score in X was 45.5,
 *			below England (45.7)."
 *			The title opens in lower case unless its first word is
 *			an acronym ("EHC"), a proper name ("English",
 *			"Ofsted") or a name with a number ("Attainment 8",
 *			"Year 6").
 * withheld		"In 2025 the number of children in care in X was too
 *			small to publish (fewer than 5)." Without a count
 *			label: "In 2025 <title> in X was not published: the
 *			numbers are too small (fewer than 5)."
 *
 * The period is its label ("2025", "2024/25", "2018/19 Q1"), a month
 * written out ("In January 2025"); a comma follows it when the next word
 * opens with a digit ("In 2025, 16 and 17 year olds ...").
 */
void wording_headline(const struct result_indicator *ind,
		      const char *area_name, int suppress_below,
		      struct buf *out);

/*
 * The statement for a gap between two groups (type "gap": group A minus
 * group B):
 *
 *	"The Attainment 8 gap between FSM pupils and their peers in X closed
 *	 by 0.4 points to 16.3 points in 2024/25 (2016/17: 16.7), above
 *	 England's (15.0)."
 *
 * Subject: a title "<measure> gap: <A> and <B>" gives "The <measure> gap
 * between <A> and <B>", the measure in lower case unless it opens with an
 * acronym or a proper name as above ("The good level of development gap
 * between EHC plans and no SEN", "The Attainment 8 gap ..."); any other
 * title gives "The gap (<title>)". " in <area_name>" follows.
 *
 * Change: from the base year (the period whose year is ind->base_year)
 * when it has a value, else from the first period with a value, to the
 * latest (wording_latest). Both ends are rounded to the indicator's
 * decimals first; then "closed by" when the gap is smaller, "widened by"
 * when larger, "was unchanged at" when equal (sizes compared without
 * their sign; a gap that changed sign "changed by"). The change is in
 * "percentage points" when ind->unit says percentage points, else in
 * "points"; the level after it in "points" ("1 percentage point", "1
 * point" when the figure shown is 1). The start period and its value
 * close the sentence in brackets.
 *
 * England's gap in the latest period, by the stored label and the gap's
 * polarity: Better / Worse "narrower than England's (15.0)" / "wider than
 * England's", tested Higher / Lower "wider" / "narrower", Similar
 * "similar to England's", untested "above England's", "below England's",
 * "the same as England's" (not "wider": that claims a test). When either
 * gap is negative "narrower" and "wider" would mislead, so Better, Worse,
 * Higher and Lower keep their own words ("better than England's").
 * Not compared: "(2016/17: 16.7; England: 15.0)".
 *
 * Only one period with a value: "The ... gap in X was 16 percentage
 * points in 2024/25, wider than England's (15)." A withheld latest gap:
 * "The ... gap in X was withheld in 2024/25 (fewer than 5 pupils in a
 * group)." (suppress_below as in wording_headline.)
 */
void wording_gap(const struct result_indicator *ind, const char *area_name,
		 int suppress_below, struct buf *out);

/*
 * A key message: appends one short sentence and returns 1 when the
 * area's latest value (wording_latest; a withheld value never counts) is
 * a concern, else appends nothing and returns 0. A concern is any of:
 *
 *  1. worse than England (label "Worse" or "Worst") while the recent
 *     trend says it is getting worse ("Increasing and getting worse",
 *     "Decreasing and getting worse");
 *  2. in the bottom quartile of local authorities, quartile "D" (LAIT's
 *     bands: A is the best quarter by polarity, D the worst; they exist
 *     only for "high_is_good" and "low_is_good");
 *  3. a gap (type "gap", unless higher is good) that widened since the
 *     period before: the latest value and the one before it (value minus
 *     change_prev), each rounded to the indicator's decimals, the latest
 *     further from zero on the same side.
 *
 *	"Smoking at time of delivery (2023): worse than England and getting
 *	 worse, and in the worst quarter of local authorities in England."
 *	"The Attainment 8 gap between FSM pupils and their peers widened by
 *	 0.1 points to 16.3 points in 2024/25 (2023/24: 16.2)."
 *
 * A gap is named as in wording_gap (without an area), with the period
 * before that has a value and the value change_prev implies in brackets;
 * each further reason joins with ", and was ..." ("..., and was in the
 * worst quarter of local authorities in England."). A gap that did not
 * widen: "The ... gap was in the worst quarter of local authorities in
 * England in 2024/25." No space is put before the sentence.
 */
int wording_concern(const struct result_indicator *ind, struct buf *out);

/* The words before a benchmark's name for a stored comparison label:
 * "better than", "worse than", "higher than", "lower than", "similar to",
 * "above", "below", "the same as" (the untested directions); NULL for
 * "Not compared", "" and anything unknown. Static. */
const char *wording_comparison(const char *label);

/*
 * A count label for one ("1 child in care"): appends label with its head
 * noun made singular. The head is in the words before the first
 * preposition, conjunction or verb-like word (a word in -ed, -ing or -ly,
 * or "known"): its last "children" (child), "people" (person), "men",
 * "women", else its last word ending in s: -ies becomes -y, -sses -shes
 * -ches -xes lose -es, any other loses its s ("hospital admissions for
 * injuries" -> "hospital admission for injuries", "care leavers aged 16
 * to 21" -> "care leaver aged 16 to 21"). Nouns joined by "and" are all
 * made singular and joined by "or" ("children and young people with an
 * EHC plan" -> "child or young person with an EHC plan"). A label with no
 * plural there is appended as it is.
 */
void wording_singular(const char *label, struct buf *out);

#endif
