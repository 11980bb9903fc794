/* stats_std.h - directly and indirectly standardised rates (METHODS.md 4-5).
 *
 *	struct stats_dsr d;
 *	if (stats_dsr(x, pop, stats_esp2013, 19, 1e5, 0.95, &d) == STATS_OK)
 *		printf("%.1f (%.1f to %.1f)\n", d.value, d.lower, d.upper);
 *
 * Pure functions over caller-owned arrays of n bands matched by position;
 * nothing kept. On any status but STATS_OK every output is NaN, except
 * that a suppressed DSR (STATS_SUPPRESSED) still reports its totals.
 */
#ifndef JSNA_STATS_STD_H
#define JSNA_STATS_STD_H

#include <stddef.h>

#include "jsna/stats.h"

/* The 2013 European Standard Population, 19 bands 0-4, 5-9, ..., 85-89,
 * 90+; they sum to 100000 (PIM R/data.R, METHODS.md 4). */
#define STATS_ESP2013_BANDS 19
extern const double stats_esp2013[STATS_ESP2013_BANDS];

/* A directly standardised rate for one group (an area, a period). */
struct stats_dsr {
	double value;		/* DSR x multiplier; NaN when suppressed */
	double lower;		/* Dobson limits, x multiplier */
	double upper;
	double total_count;	/* O: events, NA bands counted as 0 */
	double total_pop;	/* N: the sum of the band populations */
};

/*
 * DSR with Dobson limits (PIM calculate_dsr; Dobson et al., Stat Med 1991;
 * 10:457-62; METHODS.md 4):
 *   DSR = sum(x_i w_i / n_i) / sum(w_i) x multiplier
 *   Var = sum(x_i (w_i / n_i)^2) / sum(w_i)^2
 *   limit = DSR + sqrt(Var / O) (O_B - O) x multiplier, O_B Byar's on O.
 * Example: x {20, 30}, n {1000, 2000}, w {600, 400}, per 100000 at 95%:
 * DSR 1800, Var 8.4e-6, O 50 (Byar's 37.108 to 65.920), limits 1271.589 to
 * 2452.532.
 * A NaN count is 0. A count < 0 or infinite, a pop <= 0 or NaN, a stdpop
 * < 0 or NaN, sum(stdpop) = 0, n = 0 or a NULL array: STATS_DOMAIN. O < 10:
 * STATS_SUPPRESSED, value and limits NaN, totals set. Multiplier and
 * confidence as in stats.h (a NaN confidence: the value without limits).
 */
int stats_dsr(const double *counts, const double *pops, const double *stdpop,
	      size_t n, double multiplier, double confidence,
	      struct stats_dsr *out);

/*
 * DSR when one person can have several events (PIM calculate_dsr with
 * independent_events = FALSE; R/DSR.R, NEWS v2.1.0; METHODS.md 4).
 * persons[i * nfreq + k] is the number of people in band i who had exactly
 * freqs[k] events (NaN = 0). Events per band x_i = sum_k freqs[k] persons;
 * value and O use x_i as stats_dsr does, but
 *   Var = sum_k freqs[k]^2 Var_k, Var_k the DSR variance of persons[., k].
 * Example: as stats_dsr's, with band 1 = 10 people x 1 + 5 x 2 and band 2 =
 * 10 x 1 + 4 x 2 + 4 x 3 (the same 20 and 30 events): Var 1.328e-5, 95%
 * limits 1135.598 to 2620.467 (wider than 1271.589 to 2452.532).
 * Domain as stats_dsr, with persons for counts; also nfreq = 0 and a
 * frequency < 0 or not finite.
 */
int stats_dsr_nonindependent(const double *persons, const double *freqs,
			     size_t nfreq, const double *pops,
			     const double *stdpop, size_t n, double multiplier,
			     double confidence, struct stats_dsr *out);

/* An indirectly standardised ratio or rate for one group. */
struct stats_isr {
	double value;		/* O / E x refvalue, or x ref_rate */
	double lower;		/* limits on O (exact < 10, Byar's) / E x ... */
	double upper;
	double observed;	/* O */
	double expected;	/* E = sum(refcount_i / refpop_i x pop_i) */
	double ref_rate;	/* sum(refcount) / sum(refpop) x multiplier;
				 * NaN for the ratio */
};

/*
 * Indirectly standardised ratio, SMR-style (PIM calculate_ISRatio;
 * Breslow & Day 1987, Armitage & Berry 2002; METHODS.md 5):
 *   E = sum(refcount_i / refpop_i x pop_i), value = O / E x refvalue,
 *   limits = stats_poisson_limits(O) / E x refvalue.
 * O is sum(counts) (NaN = 0) or, when counts is NULL, the total observed.
 * Pass observed = NAN when counts are given (anything else: STATS_DOMAIN).
 * Example: pop {1000, 2000, 0}, refcount {10, 60, 5}, refpop {10000, 20000,
 * 5000}: E = 1 + 6 + 0 = 7; O = 14 gives 2 (95%: 1.0925 to 3.3559).
 * A NaN pop or refcount is 0 and pop 0 is allowed. Negative or infinite
 * counts, pops, refcounts or observed, refpop <= 0, E = 0, n = 0 or a NULL
 * array: STATS_DOMAIN; refpop NaN or observed NaN (counts NULL):
 * STATS_MISSING. refvalue is checked as a multiplier. No small-count
 * suppression.
 */
int stats_isratio(const double *counts, double observed, const double *pops,
		  const double *refcounts, const double *refpops, size_t n,
		  double refvalue, double confidence, struct stats_isr *out);

/*
 * Indirectly standardised rate (PIM calculate_ISRate; METHODS.md 5): the
 * ratio above times ref_rate = sum(refcount) / sum(refpop) x multiplier.
 * Example: the ratio's data per 100000: ref_rate = 75 / 35000 x 1e5 =
 * 214.286, value 428.571 (95%: 234.108 to 719.112).
 * Arguments and status as stats_isratio.
 */
int stats_israte(const double *counts, double observed, const double *pops,
		 const double *refcounts, const double *refpops, size_t n,
		 double multiplier, double confidence, struct stats_isr *out);

#endif
