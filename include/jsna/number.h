/* number.h - numbers as readers see them in tables, charts and sentences.
 *
 *	number_format(&b, 1234567.891, 1);    appends "1,234,567.9"
 *
 * Rounded half away from zero to the indicator's decimals (stats_round:
 * never banker's rounding, never a binary-floating-point tie surprise),
 * with thousands separators and never "-0". Appends to the caller's buf.
 */
#ifndef JSNA_NUMBER_H
#define JSNA_NUMBER_H

#include "jsna/buf.h"

/* Appends v with dp decimals; appends nothing for NaN or infinity. */
void number_format(struct buf *b, double v, int dp);

#endif
