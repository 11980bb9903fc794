/* stats_sii.c - the slope and relative indices of inequality, as
 * PHEindicatormethods v2 phe_sii computes them (R/SII_function.R and
 * SimulationFunc in R/utils.R), with its limits by simulation.
 *
 * The regression is solved in closed form: y enters the weighted least
 * squares estimates linearly, so each simulated repetition is two dot
 * products with weights worked out once per group (PIM does the same with
 * solve(X'X) X'). The limits are order statistics found by selection, not
 * by sorting. Random numbers come through stats.h (GSL behind it).
 */
#include "jsna/stats_sii.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "jsna/util.h"

#define MAXQ STATS_SII_MAX_QUANTILES

/* PIM fixes z at 95% to turn the value's limits into a standard error,
 * whatever confidence the SII's own limits are asked at. */
#define SE_CONFIDENCE 0.95

/* What one group's quantiles become before any fitting. */
struct prep {
	size_t n;
	double a[MAXQ];		/* share of the population */
	double b[MAXQ];		/* relative rank: mid-point of the share */
	double y[MAXQ];		/* value on the fitted scale */
	double mu[MAXQ];	/* value on the sampling scale */
	double sd[MAXQ];	/* its standard error there */
	double w[MAXQ];		/* s = sum(w y): the slope's weights */
	double v[MAXQ];		/* c = sum(v y): the intercept's */
};

/* The scale a value is sampled (or fitted) on. */
static double to_scale(enum stats_sii_type t, double x)
{
	if (t == STATS_SII_RATE)
		return log(x);
	if (t == STATS_SII_PROPORTION)
		return log(x / (1.0 - x));
	return x;
}

/* Back to the value's own scale: exp or the inverse logit, written so
 * that neither tail overflows into Inf / Inf. */
static double from_scale(enum stats_sii_type t, double y)
{
	if (t == STATS_SII_RATE)
		return exp(y);
	if (t == STATS_SII_PROPORTION)
		return 1.0 / (1.0 + exp(-y));
	return y;
}

/* A value or limit that the sampling scale can take: finite, a rate's
 * above 0 (log), a proportion's strictly inside 0..1 (logit). */
static int in_domain(enum stats_sii_type t, double x)
{
	if (!isfinite(x))
		return 0;
	if (t == STATS_SII_RATE)
		return x > 0.0;
	if (t == STATS_SII_PROPORTION)
		return x > 0.0 && x < 1.0;
	return 1;
}

/* 1 when a number is present and fine, 0 when NaN (missing), -1 when out
 * of range: the three ways a cell can be. */
static int cell(double x, int ok)
{
	if (isnan(x))
		return 0;
	return ok ? 1 : -1;
}

/* Division by 100 gives exactly the double of 0.95 for 95: IEEE division
 * is correctly rounded. */
double stats_sii_confidence(double c)
{
	if (c >= 50.0 && c <= 99.99)
		return c / 100.0;
	if (c >= 0.5 && c <= 0.9999)
		return c;
	return NAN;
}

static int check_opts(const struct stats_sii_opts *o, int simulate,
		      int have_se)
{
	if (o->type != STATS_SII_NORMAL && o->type != STATS_SII_RATE &&
	    o->type != STATS_SII_PROPORTION)
		return STATS_DOMAIN;
	if (o->transform && o->type == STATS_SII_NORMAL)
		return STATS_DOMAIN;
	if (isnan(o->multiplier))
		return STATS_MISSING;
	if (!isfinite(o->multiplier) || !(fabs(o->multiplier) > 0.0))
		return STATS_DOMAIN;
	if (!simulate)
		return STATS_OK;
	/* PIM takes the limits, never an se, when it transforms ("se to be
	 * missing when transform is true") */
	if (o->transform && have_se)
		return STATS_DOMAIN;
	if (o->nconfidence < 1 || o->nconfidence > 2)
		return STATS_DOMAIN;
	for (size_t k = 0; k < o->nconfidence; k++)
		if (isnan(stats_sii_confidence(o->confidence[k])))
			return STATS_DOMAIN;
	if (o->repetitions < STATS_SII_MIN_REPETITIONS ||
	    o->repetitions > SIZE_MAX / (2 * sizeof(double)))
		return STATS_DOMAIN;
	return STATS_OK;
}

/*
 * Checks one group's quantiles and fills p: shares, ranks, values on the
 * fitted and sampling scales and, when simulate is set, standard errors.
 * Every quantile is looked at before answering, so that a value out of
 * range anywhere is an error (STATS_DOMAIN) even when another quantile
 * is incomplete (STATS_MISSING), as PIM stops before it drops.
 */
static int prepare(const struct stats_sii_data *d,
		   const struct stats_sii_opts *o, int simulate,
		   struct prep *p)
{
	enum stats_sii_type t = o->type;
	double total = 0.0, cum = 0.0, z;
	int missing = 0, domain = 0;
	size_t i;

	if (d->n < STATS_SII_MIN_QUANTILES || d->n > STATS_SII_MAX_QUANTILES ||
	    !d->population)
		return STATS_DOMAIN;
	if (!d->value && !(t == STATS_SII_PROPORTION && d->count))
		return STATS_DOMAIN;
	if (simulate && !d->se && (!d->lower || !d->upper))
		return STATS_DOMAIN;
	p->n = d->n;
	for (i = 0; i < d->n; i++) {
		double pop = d->population[i], v, se = 0.0;
		int c[4];

		c[0] = cell(pop, pop > 0.0 && isfinite(pop));
		if (d->value) {
			v = d->value[i];
			c[1] = cell(v, in_domain(t, v));
		} else {
			double x = d->count[i];

			/* PIM: "some groups have a zero or negative count x";
			 * a count above the population is no proportion */
			v = x / pop;
			c[1] = cell(x, x > 0.0 && isfinite(x));
			if (c[1] > 0 && c[0] > 0)
				c[1] = in_domain(t, v) ? 1 : -1;
		}
		c[2] = c[3] = 1;
		if (simulate && d->se) {
			se = d->se[i];
			c[2] = cell(se, se >= 0.0 && isfinite(se));
		} else if (simulate) {
			double lo = d->lower[i], hi = d->upper[i];

			c[2] = cell(lo, in_domain(t, lo));
			c[3] = cell(hi, in_domain(t, hi));
			if (c[2] > 0 && c[3] > 0 && lo > hi)
				c[2] = -1;
		}
		for (int k = 0; k < 4; k++) {
			domain |= c[k] < 0;
			missing |= c[k] == 0;
		}
		if (c[0] > 0)
			total += pop;
		p->y[i] = o->transform ? to_scale(t, v) : v;
		p->mu[i] = to_scale(t, v);
		p->sd[i] = se;
	}
	if (domain)
		return STATS_DOMAIN;
	if (missing)
		return STATS_MISSING;
	if (!isfinite(total))
		return STATS_DOMAIN;
	if (simulate && !d->se) {
		z = stats_z(SE_CONFIDENCE);
		for (i = 0; i < d->n; i++)
			p->sd[i] = (to_scale(t, d->upper[i]) -
				    to_scale(t, d->lower[i])) / z / 2.0;
	}
	/* PIM's FindXValues: the share's mid-point in the cumulative share,
	 * in quantile order */
	for (i = 0; i < d->n; i++) {
		p->a[i] = d->population[i] / total;
		p->b[i] = p->a[i] / 2.0 + cum;
		cum += p->a[i];
	}
	return STATS_OK;
}

/*
 * The weighted least squares line y = c + s b with weights a, centred so
 * that a large level (a life expectancy of 80) costs no digits; and the
 * weights w, v with s = sum(w y), c = sum(v y) for any y, which the
 * simulation uses. STATS_DOMAIN when the ranks have no spread (they
 * always have with n >= 5 and positive populations, short of underflow).
 */
static int fit(struct prep *p, double *c, double *s)
{
	double sa = 0.0, bbar = 0.0, ybar = 0.0, sbb = 0.0, sby = 0.0;
	size_t i;

	for (i = 0; i < p->n; i++)
		sa += p->a[i];
	for (i = 0; i < p->n; i++) {
		bbar += p->a[i] * p->b[i];
		ybar += p->a[i] * p->y[i];
	}
	bbar /= sa;
	ybar /= sa;
	for (i = 0; i < p->n; i++) {
		double db = p->b[i] - bbar;

		sbb += p->a[i] * db * db;
		sby += p->a[i] * db * (p->y[i] - ybar);
	}
	if (!(sbb > 0.0) || !isfinite(sby))
		return STATS_DOMAIN;
	*s = sby / sbb;
	*c = ybar - *s * bbar;
	for (i = 0; i < p->n; i++) {
		p->w[i] = p->a[i] * (p->b[i] - bbar) / sbb;
		p->v[i] = p->a[i] / sa - bbar * p->w[i];
	}
	return STATS_OK;
}

/* SII (times the multiplier) and RII (inverted by a negative one) of the
 * line c + s b on the fitted scale. */
static void indices(const struct stats_sii_opts *o, double c, double s,
		    double *sii, double *rii, double *intercept)
{
	double y0 = c, y1 = c + s;

	if (o->transform) {
		y0 = from_scale(o->type, c);
		y1 = from_scale(o->type, c + s);
	}
	*intercept = y0;
	*sii = (y1 - y0) * o->multiplier;
	*rii = y1 / y0;
	if (o->multiplier < 0.0)
		*rii = 1.0 / *rii;
}

/* A position of SimulationFunc: round(reps x q) as R rounds (half to
 * even, which nearbyint does in the default rounding mode), 1-based,
 * kept within 1..reps where R would index outside the vector. */
static size_t position(unsigned long reps, double q)
{
	double r = nearbyint((double)reps * q);

	if (!(r >= 1.0))
		return 1;
	if (r > (double)reps)
		return reps;
	return (size_t)r;
}

/*
 * Wirth's selection (Algorithms + Data Structures = Programs, 1976):
 * rearranges x[lo..hi] so that x[k] holds what a sort would put there,
 * with nothing greater before it and nothing smaller after it. Expected
 * linear time; the simulated values are independent draws, so the
 * pivot x[k] is as good as a random one. No NaN in x.
 */
static void select_kth(double *x, ptrdiff_t lo, ptrdiff_t hi, ptrdiff_t k)
{
	while (lo < hi) {
		double pivot = x[k];
		ptrdiff_t i = lo, j = hi;

		do {
			while (x[i] < pivot)
				i++;
			while (pivot < x[j])
				j--;
			if (i <= j) {
				double t = x[i];

				x[i] = x[j];
				x[j] = t;
				i++;
				j--;
			}
		} while (i <= j);
		if (j < k)
			lo = i;
		if (k < i)
			hi = j;
	}
}

/*
 * Finds the order statistics at the 1-based positions pos[0..npos-1] of
 * x[0..n-1], in place, writing them to val[]: one selection per
 * position, in increasing order, each in what is right of the last.
 */
static void order_stats(double *x, size_t n, const size_t *pos, size_t npos,
			double *val)
{
	size_t order[4], m, i, j;
	ptrdiff_t from = 0, last = -1;

	for (i = 0; i < npos; i++)
		order[i] = i;
	for (i = 1; i < npos; i++)	/* insertion sort of at most 4 */
		for (j = i; j > 0 && pos[order[j]] < pos[order[j - 1]]; j--) {
			m = order[j];
			order[j] = order[j - 1];
			order[j - 1] = m;
		}
	for (i = 0; i < npos; i++) {
		ptrdiff_t k = (ptrdiff_t)pos[order[i]] - 1;

		if (k != last) {
			select_kth(x, from, (ptrdiff_t)n - 1, k);
			from = k + 1;
			last = k;
		}
		val[order[i]] = x[k];
	}
}

static void sii_set_nan(struct stats_sii *out)
{
	out->sii = out->rii = out->intercept = NAN;
	for (int k = 0; k < 2; k++) {
		out->sii_lower[k] = out->sii_upper[k] = NAN;
		out->rii_lower[k] = out->rii_upper[k] = NAN;
	}
}

static void fit_set_nan(struct stats_sii_fit *f)
{
	f->sii = f->rii = f->intercept = f->c = f->s = NAN;
	f->type = STATS_SII_NORMAL;
	f->transform = 0;
}

void stats_sii_work_release(struct stats_sii_work *w)
{
	free(w->buf);
	stats_rng_free(w->rng);
	w->buf = NULL;
	w->alloc = 0;
	w->rng = NULL;
}

/*
 * The simulation: reps repetitions of every quantile's draw, each fitted
 * by the weights of fit(); then the limits of each level. The buffers
 * are work's, grown when too small and kept.
 */
static void simulate(const struct prep *p, const struct stats_sii_opts *o,
		     struct stats_sii_work *w, struct stats_sii *out)
{
	size_t reps = o->repetitions, r, i, pos[4] = { 1, 1, 1, 1 }, npos = 0;
	double *sii, *rii, z[MAXQ], val[4];
	int back = !o->transform && o->type != STATS_SII_NORMAL;
	int sii_nan = 0, rii_nan = 0;

	if (w->alloc < 2 * reps) {
		free(w->buf);
		w->buf = xmalloc(2 * reps * sizeof(double));
		w->alloc = 2 * reps;
	}
	if (!w->rng)
		w->rng = stats_rng_new(o->seed);
	else
		stats_rng_seed(w->rng, o->seed);
	sii = w->buf;
	rii = w->buf + reps;
	for (r = 0; r < reps; r++) {
		double c = 0.0, s = 0.0, ignored;

		stats_rng_gaussian(w->rng, z, p->n);
		for (i = 0; i < p->n; i++) {
			double y = p->mu[i] + p->sd[i] * z[i];

			/* sampled on the log or logit scale, fitted on the
			 * value's own */
			if (back)
				y = from_scale(o->type, y);
			s += p->w[i] * y;
			c += p->v[i] * y;
		}
		indices(o, c, s, &sii[r], &rii[r], &ignored);
		sii_nan |= isnan(sii[r]);
		rii_nan |= isnan(rii[r]);
	}
	for (size_t k = 0; k < o->nconfidence; k++) {
		double level = stats_sii_confidence(o->confidence[k]);
		double cv = level + (1.0 - level) / 2.0;

		pos[npos++] = position(o->repetitions, 1.0 - cv);
		pos[npos++] = position(o->repetitions, cv);
	}
	if (!sii_nan) {
		order_stats(sii, reps, pos, npos, val);
		for (size_t k = 0; k < o->nconfidence; k++) {
			out->sii_lower[k] = val[2 * k];
			out->sii_upper[k] = val[2 * k + 1];
		}
	}
	if (!rii_nan) {
		order_stats(rii, reps, pos, npos, val);
		for (size_t k = 0; k < o->nconfidence; k++) {
			out->rii_lower[k] = val[2 * k];
			out->rii_upper[k] = val[2 * k + 1];
		}
	}
}

int stats_sii(const struct stats_sii_data *d, const struct stats_sii_opts *o,
	      struct stats_sii_work *work, struct stats_sii *out)
{
	struct stats_sii_work own = STATS_SII_WORK_INIT;
	struct prep p;
	double c, s;
	int st;

	sii_set_nan(out);
	if ((st = check_opts(o, 1, d->se != NULL)) != STATS_OK ||
	    (st = prepare(d, o, 1, &p)) != STATS_OK ||
	    (st = fit(&p, &c, &s)) != STATS_OK)
		return st;
	indices(o, c, s, &out->sii, &out->rii, &out->intercept);
	simulate(&p, o, work ? work : &own, out);
	stats_sii_work_release(&own);
	return STATS_OK;
}

int stats_sii_line(const struct stats_sii_data *d,
		   const struct stats_sii_opts *o, double *rank,
		   struct stats_sii_fit *f)
{
	struct prep p;
	int st;

	fit_set_nan(f);
	if (rank)
		for (size_t i = 0; i < d->n; i++)
			rank[i] = NAN;
	if ((st = check_opts(o, 0, 0)) != STATS_OK ||
	    (st = prepare(d, o, 0, &p)) != STATS_OK ||
	    (st = fit(&p, &f->c, &f->s)) != STATS_OK) {
		fit_set_nan(f);
		return st;
	}
	f->type = o->type;
	f->transform = o->transform;
	indices(o, f->c, f->s, &f->sii, &f->rii, &f->intercept);
	if (rank)
		for (size_t i = 0; i < d->n; i++)
			rank[i] = p.b[i];
	return STATS_OK;
}

double stats_sii_fitted(const struct stats_sii_fit *f, double b)
{
	double y = f->c + f->s * b;

	return f->transform ? from_scale(f->type, y) : y;
}
