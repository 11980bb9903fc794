/* stats_std.c - directly and indirectly standardised rates, built on the
 * limits in stats.c (../shared/METHODS.md sections 4 and 5).
 *
 * The arithmetic follows PHEindicatormethods v2.1.0 (R/DSR.R, R/ISRatio.R,
 * R/ISRate.R) term by term, so that the package's expected values are
 * reproduced to rounding. No GSL here: quantiles come through stats.h.
 */
#include "jsna/stats_std.h"

#include <math.h>
#include <stdint.h>

/* PIM suppresses a DSR whose total count is below 10 ("total_count < 10",
 * so 10 itself is published). */
#define DSR_SUPPRESS_BELOW 10.0

const double stats_esp2013[STATS_ESP2013_BANDS] = {
	5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
	7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000
};

static void dsr_set_nan(struct stats_dsr *out)
{
	out->value = NAN;
	out->lower = NAN;
	out->upper = NAN;
	out->total_count = NAN;
	out->total_pop = NAN;
}

static void isr_set_nan(struct stats_isr *out)
{
	out->value = NAN;
	out->lower = NAN;
	out->upper = NAN;
	out->observed = NAN;
	out->expected = NAN;
	out->ref_rate = NAN;
}

/* A multiplier or refvalue: NaN -> MISSING, else finite and > 0, as in
 * stats.c, so the two modules reject the same arguments. */
static int check_scale(double m)
{
	if (isnan(m))
		return STATS_MISSING;
	if (!isfinite(m) || !(m > 0.0))
		return STATS_DOMAIN;
	return STATS_OK;
}

/* A confidence argument: NaN is allowed (no limits), else it must be a
 * level stats_confidence accepts. */
static int check_confidence(double c)
{
	if (isnan(c) || !isnan(stats_confidence(c)))
		return STATS_OK;
	return STATS_DOMAIN;
}

/* A count of events or persons: NaN is an NA read as 0 (PIM na.zero);
 * negative or infinite is out of the domain. */
static int read_count(double x, double *v)
{
	if (isnan(x)) {
		*v = 0.0;
		return STATS_OK;
	}
	if (!isfinite(x) || x < 0.0)
		return STATS_DOMAIN;
	*v = x;
	return STATS_OK;
}

/* One band's population and standard population for a DSR. A zero pop
 * is an error here (unlike ISR): its rate would be undefined. */
static int check_dsr_band(double pop, double stdpop)
{
	if (!(pop > 0.0) || !isfinite(pop))
		return STATS_DOMAIN;
	if (!(stdpop >= 0.0) || !isfinite(stdpop))
		return STATS_DOMAIN;
	return STATS_OK;
}

/* The sums a DSR is made of, over the bands of one group. */
struct dsr_sums {
	double o;	/* sum x_i */
	double pop;	/* sum n_i */
	double w;	/* sum w_i */
	double wr;	/* sum x_i w_i / n_i */
	double sq;	/* sum x_i (w_i / n_i)^2, times f^2 when grouped */
};

/*
 * The Dobson interval from the sums. The value is withheld below 10
 * events, where PIM judges a DSR unreliable; Byar's limits on O are used
 * whatever O, because the small counts that need exact limits never get
 * this far.
 */
static int dsr_finish(const struct dsr_sums *s, double multiplier,
		      double confidence, struct stats_dsr *out)
{
	double var, se, lo, hi;
	int st;

	if ((st = check_scale(multiplier)) != STATS_OK ||
	    (st = check_confidence(confidence)) != STATS_OK)
		return st;
	if (!(s->w > 0.0))
		return STATS_DOMAIN;
	out->total_count = s->o;
	out->total_pop = s->pop;
	if (s->o < DSR_SUPPRESS_BELOW)
		return STATS_SUPPRESSED;
	out->value = s->wr / s->w * multiplier;
	if (isnan(confidence))
		return STATS_OK;
	st = stats_byars_limits(s->o, confidence, &lo, &hi);
	if (st != STATS_OK) {
		dsr_set_nan(out);
		return st;
	}
	var = 1.0 / (s->w * s->w) * s->sq;
	se = sqrt(var / s->o);
	out->lower = out->value + se * (lo - s->o) * multiplier;
	out->upper = out->value + se * (hi - s->o) * multiplier;
	return STATS_OK;
}

int stats_dsr(const double *counts, const double *pops, const double *stdpop,
	      size_t n, double multiplier, double confidence,
	      struct stats_dsr *out)
{
	struct dsr_sums s = { 0, 0, 0, 0, 0 };
	int st;

	dsr_set_nan(out);
	if (n == 0 || !counts || !pops || !stdpop)
		return STATS_DOMAIN;
	for (size_t i = 0; i < n; i++) {
		double x, r;

		if ((st = read_count(counts[i], &x)) != STATS_OK ||
		    (st = check_dsr_band(pops[i], stdpop[i])) != STATS_OK)
			return st;
		r = stdpop[i] / pops[i];
		s.o += x;
		s.pop += pops[i];
		s.w += stdpop[i];
		s.wr += x * stdpop[i] / pops[i];
		s.sq += x * (r * r);
	}
	st = dsr_finish(&s, multiplier, confidence, out);
	if (st != STATS_OK && st != STATS_SUPPRESSED)
		dsr_set_nan(out);
	return st;
}

int stats_dsr_nonindependent(const double *persons, const double *freqs,
			     size_t nfreq, const double *pops,
			     const double *stdpop, size_t n, double multiplier,
			     double confidence, struct stats_dsr *out)
{
	struct dsr_sums s = { 0, 0, 0, 0, 0 };
	int st;

	dsr_set_nan(out);
	if (n == 0 || nfreq == 0 || nfreq > SIZE_MAX / n || !persons ||
	    !freqs || !pops || !stdpop)
		return STATS_DOMAIN;
	for (size_t k = 0; k < nfreq; k++)
		if (!(freqs[k] >= 0.0) || !isfinite(freqs[k]))
			return STATS_DOMAIN;
	for (size_t i = 0; i < n; i++) {
		double x = 0.0, sq = 0.0, r;

		if ((st = check_dsr_band(pops[i], stdpop[i])) != STATS_OK)
			return st;
		for (size_t k = 0; k < nfreq; k++) {
			double p;

			st = read_count(persons[i * nfreq + k], &p);
			if (st != STATS_OK)
				return st;
			/* the events of those people, and their weight
			 * in the variance: f^2 per person, not f */
			x += freqs[k] * p;
			sq += freqs[k] * freqs[k] * p;
		}
		r = stdpop[i] / pops[i];
		s.o += x;
		s.pop += pops[i];
		s.w += stdpop[i];
		s.wr += x * stdpop[i] / pops[i];
		s.sq += sq * (r * r);
	}
	st = dsr_finish(&s, multiplier, confidence, out);
	if (st != STATS_OK && st != STATS_SUPPRESSED)
		dsr_set_nan(out);
	return st;
}

/*
 * Shared by the ratio and the rate: O, E and the reference totals, then
 * the limits on O scaled by 1/E and by refvalue (is_rate 0) or by the
 * reference rate times multiplier (is_rate 1). Errors PIM stops on
 * (negatives) are reported before a missing reference population, which
 * would only make its result NA.
 */
static int isr(const double *counts, double observed, const double *pops,
	       const double *refcounts, const double *refpops, size_t n,
	       double scale, int is_rate, double confidence,
	       struct stats_isr *out)
{
	double o = 0.0, e = 0.0, ref_x = 0.0, ref_n = 0.0, mult, lo, hi;
	int missing = 0, st;

	isr_set_nan(out);
	if (n == 0 || !pops || !refcounts || !refpops)
		return STATS_DOMAIN;
	if (counts && !isnan(observed))
		return STATS_DOMAIN;	/* two observed counts: which one? */
	if (!counts && (observed < 0.0 || isinf(observed)))
		return STATS_DOMAIN;
	for (size_t i = 0; i < n; i++) {
		double x = 0.0, pop, rx;

		if ((counts && (st = read_count(counts[i], &x)) != STATS_OK) ||
		    (st = read_count(pops[i], &pop)) != STATS_OK ||
		    (st = read_count(refcounts[i], &rx)) != STATS_OK)
			return st;
		if (isnan(refpops[i])) {
			missing = 1;
			continue;
		}
		if (!(refpops[i] > 0.0) || !isfinite(refpops[i]))
			return STATS_DOMAIN;
		o += x;
		e += rx / refpops[i] * pop;
		ref_x += rx;
		ref_n += refpops[i];
	}
	if ((st = check_scale(scale)) != STATS_OK ||
	    (st = check_confidence(confidence)) != STATS_OK)
		return st;
	if (!counts) {
		if (isnan(observed))
			missing = 1;
		o = observed;
	}
	if (missing)
		return STATS_MISSING;
	/* no expected events (every pop or reference count 0): the ratio
	 * is undefined */
	if (!(e > 0.0))
		return STATS_DOMAIN;
	if (is_rate) {
		out->ref_rate = ref_x / ref_n * scale;
		mult = out->ref_rate;
	} else {
		mult = scale;
	}
	st = stats_poisson_limits(o, confidence, &lo, &hi);
	if (st != STATS_OK) {
		isr_set_nan(out);
		return st;
	}
	out->observed = o;
	out->expected = e;
	out->value = o / e * mult;
	out->lower = lo / e * mult;
	out->upper = hi / e * mult;
	return STATS_OK;
}

int stats_isratio(const double *counts, double observed, const double *pops,
		  const double *refcounts, const double *refpops, size_t n,
		  double refvalue, double confidence, struct stats_isr *out)
{
	return isr(counts, observed, pops, refcounts, refpops, n, refvalue, 0,
		   confidence, out);
}

int stats_israte(const double *counts, double observed, const double *pops,
		 const double *refcounts, const double *refpops, size_t n,
		 double multiplier, double confidence, struct stats_isr *out)
{
	return isr(counts, observed, pops, refcounts, refpops, n, multiplier,
		   1, confidence, out);
}
