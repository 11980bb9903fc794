/* gen-lsoa.c - small areas: every lower layer super output area (LSOA,
 * 2021 boundaries) of England in the model, each with its residents by
 * sex and single year of age and a synthetic deprivation rank, and the
 * files published for them:
 *
 *   ons/sape/sapelsoasyoa_mid-YYYY.csv
 *	ONS small area population estimates by single year of age (mid-2021
 *	to mid-2024 in the bundled sample; mid-2011 to mid-2024, the 2021
 *	geography's back-series, in the national data set);
 *   reference/imd2025_lsoa.csv
 *	the English Indices of Deprivation 2025, File 1: each LSOA's IMD rank
 *	and decile;
 *   reference/LTLA-UTLA_Apr23_Lookup_England.csv
 *	ONS's lookup of districts to upper-tier authorities, England's rows
 *	(national data set only).
 *
 * The bundled sample writes the showcase's LSOAs only, with the codes,
 * ranks and deciles they have in the national data set.
 *
 * Geography.  An authority has one LSOA per 1,650 residents of mid-2021,
 * the census (at least one).  A county's are shared among its real
 * districts (the table below; the shares are invented); every other
 * authority is its own district.  Within a district LSOAs come in MSOAs
 * of four to six, named as ONS names them, "Cheshire West and Chester
 * 001A": the district (without ", City of"), the MSOA's number and the
 * LSOA's letter.  Codes from E01000001 follow the districts' codes, then
 * MSOA and letter, so a file sorted by LSOA code is sorted by district.
 *
 * Deprivation.  An LSOA's score is its authority's deprivation
 * (dep_index()) plus a spread within the authority about as wide as the
 * spread between authorities, so that most have LSOAs in many deciles:
 * a part that neighbouring MSOAs share (a walk from one MSOA to the next,
 * so deprived areas come in patches) and the LSOA's own.  England's LSOAs
 * are ranked on it, 1 the most deprived; decile 1 is the first tenth of
 * the ranks, as the IoD defines it.
 *
 * Residents.  The authority's population of each sex and age (the MYE2
 * file's, from pop_ages_sex()) is shared among its LSOAs in proportion to
 * a weight: the LSOA's size (which grows on new estates), more young
 * children and fewer old people where it is more deprived than the
 * authority as a whole, and an older or younger profile of its own.  The
 * shares are rounded as apportion() rounds, by cumulative sums, so the
 * LSOAs add up to the authority exactly for every sex, age and year; any
 * mid-year works, so years the bundled sample has no MYE2 file for (the
 * children's centres' 2018 and 2019) come from the same model.  The weight of age a is size * (1 + dep(a) * dev +
 * old(a) * profile), linear in three amounts per LSOA, so the cumulative
 * sums of every age come from three running totals: one pass over England
 * a year gives every LSOA's share of every age, and rows are written as
 * they are made.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gen-sample.h"

#define BASE_YEAR	2021	/* the census: the LSOAs' boundaries */
#define PEOPLE		1650.0	/* residents per LSOA in BASE_YEAR */
#define SAPE_FIRST	2021	/* the bundled sample's SAPE years */
#define SAPE_LAST	2024
#define SAPE_NATIONAL	2011	/* the national data set's first */

/* Every district of the 21 county councils (April 2023), by code: code,
 * name, county. */
static const struct district {
	const char *code, *name, *county;
} districts[] = {
	{ "E07000008", "Cambridge", "E10000003" },
	{ "E07000009", "East Cambridgeshire", "E10000003" },
	{ "E07000010", "Fenland", "E10000003" },
	{ "E07000011", "Huntingdonshire", "E10000003" },
	{ "E07000012", "South Cambridgeshire", "E10000003" },
	{ "E07000032", "Amber Valley", "E10000007" },
	{ "E07000033", "Bolsover", "E10000007" },
	{ "E07000034", "Chesterfield", "E10000007" },
	{ "E07000035", "Derbyshire Dales", "E10000007" },
	{ "E07000036", "Erewash", "E10000007" },
	{ "E07000037", "High Peak", "E10000007" },
	{ "E07000038", "North East Derbyshire", "E10000007" },
	{ "E07000039", "South Derbyshire", "E10000007" },
	{ "E07000040", "East Devon", "E10000008" },
	{ "E07000041", "Exeter", "E10000008" },
	{ "E07000042", "Mid Devon", "E10000008" },
	{ "E07000043", "North Devon", "E10000008" },
	{ "E07000044", "South Hams", "E10000008" },
	{ "E07000045", "Teignbridge", "E10000008" },
	{ "E07000046", "Torridge", "E10000008" },
	{ "E07000047", "West Devon", "E10000008" },
	{ "E07000061", "Eastbourne", "E10000011" },
	{ "E07000062", "Hastings", "E10000011" },
	{ "E07000063", "Lewes", "E10000011" },
	{ "E07000064", "Rother", "E10000011" },
	{ "E07000065", "Wealden", "E10000011" },
	{ "E07000066", "Basildon", "E10000012" },
	{ "E07000067", "Braintree", "E10000012" },
	{ "E07000068", "Brentwood", "E10000012" },
	{ "E07000069", "Castle Point", "E10000012" },
	{ "E07000070", "Chelmsford", "E10000012" },
	{ "E07000071", "Colchester", "E10000012" },
	{ "E07000072", "Epping Forest", "E10000012" },
	{ "E07000073", "Harlow", "E10000012" },
	{ "E07000074", "Maldon", "E10000012" },
	{ "E07000075", "Rochford", "E10000012" },
	{ "E07000076", "Tendring", "E10000012" },
	{ "E07000077", "Uttlesford", "E10000012" },
	{ "E07000078", "Cheltenham", "E10000013" },
	{ "E07000079", "Cotswold", "E10000013" },
	{ "E07000080", "Forest of Dean", "E10000013" },
	{ "E07000081", "Gloucester", "E10000013" },
	{ "E07000082", "Stroud", "E10000013" },
	{ "E07000083", "Tewkesbury", "E10000013" },
	{ "E07000084", "Basingstoke and Deane", "E10000014" },
	{ "E07000085", "East Hampshire", "E10000014" },
	{ "E07000086", "Eastleigh", "E10000014" },
	{ "E07000087", "Fareham", "E10000014" },
	{ "E07000088", "Gosport", "E10000014" },
	{ "E07000089", "Hart", "E10000014" },
	{ "E07000090", "Havant", "E10000014" },
	{ "E07000091", "New Forest", "E10000014" },
	{ "E07000092", "Rushmoor", "E10000014" },
	{ "E07000093", "Test Valley", "E10000014" },
	{ "E07000094", "Winchester", "E10000014" },
	{ "E07000095", "Broxbourne", "E10000015" },
	{ "E07000096", "Dacorum", "E10000015" },
	{ "E07000098", "Hertsmere", "E10000015" },
	{ "E07000099", "North Hertfordshire", "E10000015" },
	{ "E07000102", "Three Rivers", "E10000015" },
	{ "E07000103", "Watford", "E10000015" },
	{ "E07000105", "Ashford", "E10000016" },
	{ "E07000106", "Canterbury", "E10000016" },
	{ "E07000107", "Dartford", "E10000016" },
	{ "E07000108", "Dover", "E10000016" },
	{ "E07000109", "Gravesham", "E10000016" },
	{ "E07000110", "Maidstone", "E10000016" },
	{ "E07000111", "Sevenoaks", "E10000016" },
	{ "E07000112", "Folkestone and Hythe", "E10000016" },
	{ "E07000113", "Swale", "E10000016" },
	{ "E07000114", "Thanet", "E10000016" },
	{ "E07000115", "Tonbridge and Malling", "E10000016" },
	{ "E07000116", "Tunbridge Wells", "E10000016" },
	{ "E07000117", "Burnley", "E10000017" },
	{ "E07000118", "Chorley", "E10000017" },
	{ "E07000119", "Fylde", "E10000017" },
	{ "E07000120", "Hyndburn", "E10000017" },
	{ "E07000121", "Lancaster", "E10000017" },
	{ "E07000122", "Pendle", "E10000017" },
	{ "E07000123", "Preston", "E10000017" },
	{ "E07000124", "Ribble Valley", "E10000017" },
	{ "E07000125", "Rossendale", "E10000017" },
	{ "E07000126", "South Ribble", "E10000017" },
	{ "E07000127", "West Lancashire", "E10000017" },
	{ "E07000128", "Wyre", "E10000017" },
	{ "E07000129", "Blaby", "E10000018" },
	{ "E07000130", "Charnwood", "E10000018" },
	{ "E07000131", "Harborough", "E10000018" },
	{ "E07000132", "Hinckley and Bosworth", "E10000018" },
	{ "E07000133", "Melton", "E10000018" },
	{ "E07000134", "North West Leicestershire", "E10000018" },
	{ "E07000135", "Oadby and Wigston", "E10000018" },
	{ "E07000136", "Boston", "E10000019" },
	{ "E07000137", "East Lindsey", "E10000019" },
	{ "E07000138", "Lincoln", "E10000019" },
	{ "E07000139", "North Kesteven", "E10000019" },
	{ "E07000140", "South Holland", "E10000019" },
	{ "E07000141", "South Kesteven", "E10000019" },
	{ "E07000142", "West Lindsey", "E10000019" },
	{ "E07000143", "Breckland", "E10000020" },
	{ "E07000144", "Broadland", "E10000020" },
	{ "E07000145", "Great Yarmouth", "E10000020" },
	{ "E07000146", "King's Lynn and West Norfolk", "E10000020" },
	{ "E07000147", "North Norfolk", "E10000020" },
	{ "E07000148", "Norwich", "E10000020" },
	{ "E07000149", "South Norfolk", "E10000020" },
	{ "E07000170", "Ashfield", "E10000024" },
	{ "E07000171", "Bassetlaw", "E10000024" },
	{ "E07000172", "Broxtowe", "E10000024" },
	{ "E07000173", "Gedling", "E10000024" },
	{ "E07000174", "Mansfield", "E10000024" },
	{ "E07000175", "Newark and Sherwood", "E10000024" },
	{ "E07000176", "Rushcliffe", "E10000024" },
	{ "E07000177", "Cherwell", "E10000025" },
	{ "E07000178", "Oxford", "E10000025" },
	{ "E07000179", "South Oxfordshire", "E10000025" },
	{ "E07000180", "Vale of White Horse", "E10000025" },
	{ "E07000181", "West Oxfordshire", "E10000025" },
	{ "E07000192", "Cannock Chase", "E10000028" },
	{ "E07000193", "East Staffordshire", "E10000028" },
	{ "E07000194", "Lichfield", "E10000028" },
	{ "E07000195", "Newcastle-under-Lyme", "E10000028" },
	{ "E07000196", "South Staffordshire", "E10000028" },
	{ "E07000197", "Stafford", "E10000028" },
	{ "E07000198", "Staffordshire Moorlands", "E10000028" },
	{ "E07000199", "Tamworth", "E10000028" },
	{ "E07000200", "Babergh", "E10000029" },
	{ "E07000202", "Ipswich", "E10000029" },
	{ "E07000203", "Mid Suffolk", "E10000029" },
	{ "E07000207", "Elmbridge", "E10000030" },
	{ "E07000208", "Epsom and Ewell", "E10000030" },
	{ "E07000209", "Guildford", "E10000030" },
	{ "E07000210", "Mole Valley", "E10000030" },
	{ "E07000211", "Reigate and Banstead", "E10000030" },
	{ "E07000212", "Runnymede", "E10000030" },
	{ "E07000213", "Spelthorne", "E10000030" },
	{ "E07000214", "Surrey Heath", "E10000030" },
	{ "E07000215", "Tandridge", "E10000030" },
	{ "E07000216", "Waverley", "E10000030" },
	{ "E07000217", "Woking", "E10000030" },
	{ "E07000218", "North Warwickshire", "E10000031" },
	{ "E07000219", "Nuneaton and Bedworth", "E10000031" },
	{ "E07000220", "Rugby", "E10000031" },
	{ "E07000221", "Stratford-on-Avon", "E10000031" },
	{ "E07000222", "Warwick", "E10000031" },
	{ "E07000223", "Adur", "E10000032" },
	{ "E07000224", "Arun", "E10000032" },
	{ "E07000225", "Chichester", "E10000032" },
	{ "E07000226", "Crawley", "E10000032" },
	{ "E07000227", "Horsham", "E10000032" },
	{ "E07000228", "Mid Sussex", "E10000032" },
	{ "E07000229", "Worthing", "E10000032" },
	{ "E07000234", "Bromsgrove", "E10000034" },
	{ "E07000235", "Malvern Hills", "E10000034" },
	{ "E07000236", "Redditch", "E10000034" },
	{ "E07000237", "Worcester", "E10000034" },
	{ "E07000238", "Wychavon", "E10000034" },
	{ "E07000239", "Wyre Forest", "E10000034" },
	{ "E07000240", "St Albans", "E10000015" },
	{ "E07000241", "Welwyn Hatfield", "E10000015" },
	{ "E07000242", "East Hertfordshire", "E10000015" },
	{ "E07000243", "Stevenage", "E10000015" },
	{ "E07000244", "East Suffolk", "E10000029" },
	{ "E07000245", "West Suffolk", "E10000029" },
};

#define NDISTRICT	(sizeof(districts) / sizeof(districts[0]))
#define NCOUNTY		21
#define NLAD		(NLA - NCOUNTY + NDISTRICT)

/* A lower-tier district: a county's, or an authority that is its own. */
struct lad {
	const char *code, *name;
	size_t la;		/* its upper tier, index into las[] */
};

struct lsoa {
	size_t lad;		/* index into lads[] */
	int msoa;		/* the MSOA's number in its district, from 1 */
	int letter;		/* 0 for A */
	int k;			/* index among its authority's LSOAs: the key
				 * of its draws */
	int last;		/* the last of its authority's */
	size_t partner;		/* the LSOA it trades residents with */
	double score;		/* deprivation, higher more deprived */
	long rank;		/* in England, 1 the most deprived */
	double size, grow;	/* size in BASE_YEAR, growth a year */
	double dev;		/* deprivation against its authority's */
	double old;		/* age profile, higher older */
	double ex[3], in[3];	/* the running totals of the year written,
				 * before and after this LSOA */
};

static struct lad lads[NLAD];
static size_t nlad;
static struct lsoa *lsoas;	/* in code order */
static size_t nlsoa;

/* ---- building -------------------------------------------------------- */

/* Roughly standard normal, from several draws of a purpose. */
static double lgauss(int la, int tag, int key)
{
	double s = 0.0;
	int i;

	for (i = 0; i < 4; i++)
		s += unif(la, tag, key * 4 + i);
	return s * 0.8660254037844386;
}

static int cmp_lad(const void *pa, const void *pb)
{
	return strcmp(((const struct lad *)pa)->code,
		      ((const struct lad *)pb)->code);
}

static int is_county(size_t i)
{
	return strncmp(las[i].code, "E10", 3) == 0;
}

/* The districts, by code; every county must have some and every district
 * a county. */
static int build_lads(void)
{
	size_t i, d, n;

	nlad = 0;
	for (i = 0; i < NLA; i++) {
		if (!is_county(i)) {
			lads[nlad].code = las[i].code;
			lads[nlad].name = las[i].name;
			lads[nlad++].la = i;
			continue;
		}
		for (n = 0, d = 0; d < NDISTRICT; d++) {
			if (strcmp(districts[d].county, las[i].code))
				continue;
			lads[nlad].code = districts[d].code;
			lads[nlad].name = districts[d].name;
			lads[nlad++].la = i;
			n++;
		}
		if (!n) {
			fprintf(stderr, PROG ": BUG: no districts for %s\n",
				las[i].code);
			return -1;
		}
	}
	if (nlad != NLAD) {
		fprintf(stderr, PROG ": BUG: %zu districts, want %zu\n", nlad,
			(size_t)NLAD);
		return -1;
	}
	qsort(lads, nlad, sizeof(*lads), cmp_lad);
	return 0;
}

/* How many LSOAs each district has: the authority's, shared among a
 * county's districts by invented weights. */
static void count_lsoas(long long *per_lad)
{
	size_t i, d;

	for (i = 0; i < NLA; i++) {
		long long total = pop_band(i, BASE_YEAR, 0, NAGE - 1);
		long long n = round_pos((double)total / PEOPLE);
		double w[NDISTRICT];
		long long c[NDISTRICT];
		size_t idx[NDISTRICT];
		int nd = 0, k;

		if (n < 1)
			n = 1;
		for (d = 0; d < nlad; d++)
			if (lads[d].la == i) {
				idx[nd] = d;
				w[nd] = 1.0 + 0.45 *
					unif(las[i].num, T_LAD_SIZE, nd);
				nd++;
			}
		apportion(n, w, nd, c);
		for (k = 0; k < nd; k++)
			per_lad[idx[k]] = c[k] < 1 ? 1 : c[k];
	}
}

/* How many LSOAs the next MSOA has: four to six while more MSOAs follow
 * (left of them, r LSOAs to go, 4 * left <= r <= 6 * left), all that is
 * left in the last. */
static int msoa_size(int num, int key, int r, int left)
{
	int lo, hi, c;

	if (left <= 1)
		return r;
	lo = r - 6 * (left - 1);
	hi = r - 4 * (left - 1);
	lo = lo < 4 ? 4 : lo;
	hi = hi > 6 ? 6 : hi;
	c = (int)round_pos((double)r / left + 0.9 * unif(num, T_MSOA, key));
	return c < lo ? lo : c > hi ? hi : c;
}

/* A district's n LSOAs from lsoas[j] on: MSOAs, deprivation, sizes. */
static void build_district(size_t ld, long long n, size_t j, int *next_k)
{
	size_t la = lads[ld].la;
	int num = las[la].num;
	long long mcount = round_pos((double)n / 5.0), r = n;
	double walk = 0.0;
	int m;

	if (mcount < 1)
		mcount = 1;
	for (m = 0; r > 0; m++) {
		int key = *next_k;
		int c = msoa_size(num, key, (int)r, (int)(mcount - m));
		double e = lgauss(num, T_MSOA_DEP, key);
		int l;

		/* Neighbouring MSOAs alike: a walk whose steps keep its
		 * spread at one. */
		walk = m == 0 ? e : 0.7 * walk + 0.714 * e;
		for (l = 0; l < c; l++, j++) {
			struct lsoa *s = &lsoas[j];
			int k = (*next_k)++;
			double u = unif(num, T_LSOA_GROW, k);

			s->lad = ld;
			s->msoa = m + 1;
			s->letter = l;
			s->k = k;
			s->dev = clamp(0.75 * walk +
				       0.65 * lgauss(num, T_LSOA_DEP, k),
				       -2.5, 2.5);
			s->score = dep_index(la) + s->dev;
			s->size = 1.0 + 0.08 * unif(num, T_LSOA_SIZE, k);
			/* One in eight has new estates, growing fast. */
			s->grow = u > 0.76 ? 0.02 + 0.1 * (u - 0.76) :
				  0.004 * unif(num, SUBTAG(T_LSOA_GROW, 1), k);
			s->old = clamp(lgauss(num, T_LSOA_OLD, k), -2.0, 2.0);
		}
		r -= c;
	}
}

static int cmp_score(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	if (lsoas[a].score > lsoas[b].score)
		return -1;
	if (lsoas[a].score < lsoas[b].score)
		return 1;
	return (a > b) - (a < b);
}

int lsoa_build(void)
{
	long long per_lad[NLAD];
	int next_k[NLA] = { 0 };
	size_t pending[NLA], *order, d, j;

	if (build_lads() < 0)
		return -1;
	count_lsoas(per_lad);
	for (nlsoa = 0, d = 0; d < nlad; d++)
		nlsoa += (size_t)per_lad[d];
	lsoas = calloc(nlsoa, sizeof(*lsoas));
	order = malloc(nlsoa * sizeof(*order));
	if (!lsoas || !order) {
		fputs(PROG ": out of memory\n", stderr);
		free(order);
		return -1;
	}
	for (j = 0, d = 0; d < nlad; d++) {
		build_district(d, per_lad[d], j, &next_k[lads[d].la]);
		j += (size_t)per_lad[d];
	}
	/* Partners: the authority's LSOAs in pairs, 0 and 1, 2 and 3, ...
	 * (an odd one out has none: itself). */
	for (j = 0; j < nlsoa; j++) {
		struct lsoa *s = &lsoas[j];
		size_t la = lads[s->lad].la;

		s->last = s->k == next_k[la] - 1;
		s->partner = j;
		if (s->k % 2 == 0) {
			pending[la] = j;
		} else {
			s->partner = pending[la];
			lsoas[pending[la]].partner = j;
		}
		order[j] = j;
	}
	qsort(order, nlsoa, sizeof(*order), cmp_score);
	for (j = 0; j < nlsoa; j++)
		lsoas[order[j]].rank = (long)j + 1;
	free(order);
	return 0;
}

void lsoa_release(void)
{
	free(lsoas);
	lsoas = NULL;
	nlsoa = 0;
}

/* ---- what the other files ask ---------------------------------------- */

size_t lsoa_count(void)
{
	return nlsoa;
}

size_t lsoa_la(size_t j)
{
	return lads[lsoas[j].lad].la;
}

int lsoa_msoa(size_t j)
{
	return lsoas[j].msoa;
}

long lsoa_rank(size_t j)
{
	return lsoas[j].rank;
}

/* Decile 1 is ranks 1 to N/10, as the IoD has it. */
int lsoa_decile(size_t j)
{
	return (int)((lsoas[j].rank - 1) * 10 / (long)nlsoa) + 1;
}

void lsoa_code(size_t j, char *buf, size_t n)
{
	snprintf(buf, n, "E01%06zu", j + 1);
}

/* ONS names small areas after the district without ", City of" or ",
 * County of": "Bristol 001A", "Herefordshire 001A". */
void lsoa_name(size_t j, char *buf, size_t n)
{
	const struct lsoa *s = &lsoas[j];
	const char *name = lads[s->lad].name;
	const char *comma = strstr(name, ", City of");
	int len;

	if (!comma)
		comma = strstr(name, ", County of");
	len = comma ? (int)(comma - name) : (int)strlen(name);
	snprintf(buf, n, "%.*s %03d%c", len, name, s->msoa, 'A' + s->letter);
}

/* ---- residents ------------------------------------------------------- */

/* The ages' leaning towards more deprived LSOAs (young children most)
 * and towards older ones: the weight of age a is size * (1 + dep_lean *
 * dev + old_lean * old), never below 0.15 * size with dev and old within
 * their bounds. */
static double dep_lean(int a)
{
	return a < 5 ? 0.18 : a < 11 ? 0.14 : a < 25 ? 0.10 : a < 35 ? 0.08 :
	       a < 50 ? 0.0 : a < 65 ? -0.06 : -0.10;
}

static double old_lean(int a)
{
	return a < 18 ? -0.10 : a < 25 ? -0.12 : a < 35 ? -0.15 :
	       a < 50 ? -0.06 : a < 65 ? 0.08 : a < 80 ? 0.20 : 0.25;
}

static int year_done;			/* whose totals ex[], in[] hold */
static double lean[NAGE][2];		/* dep_lean(a), old_lean(a) */
static double la_total[NLA][3];		/* the authorities' running totals */
static long long la_sex[NLA][2][NAGE];	/* females, males */

/* The running totals of the weights of year y, and the authorities'
 * populations they share. */
static void lsoa_year(int y)
{
	size_t i, j;
	int a, c;

	if (y == year_done)
		return;
	for (a = 0; a < NAGE; a++) {
		lean[a][0] = dep_lean(a);
		lean[a][1] = old_lean(a);
	}
	memset(la_total, 0, sizeof(la_total));
	for (j = 0; j < nlsoa; j++) {
		struct lsoa *s = &lsoas[j];
		double *t = la_total[lads[s->lad].la];
		double size = s->size * (1.0 + s->grow * (y - BASE_YEAR));

		for (c = 0; c < 3; c++)
			s->ex[c] = t[c];
		t[0] += size;
		t[1] += size * s->dev;
		t[2] += size * s->old;
		for (c = 0; c < 3; c++)
			s->in[c] = t[c];
	}
	for (i = 0; i < NLA; i++) {
		long long p[NAGE];

		pop_ages_sex(i, y, p, la_sex[i][1]);
		for (a = 0; a < NAGE; a++)
			la_sex[i][0][a] = p[a] - la_sex[i][1][a];
	}
	year_done = y;
}

/* The cumulative weight of age a at running totals t.  One function for
 * every use, so that the same totals always give the same double. */
static double cum(const double *t, int a)
{
	return t[0] + lean[a][0] * t[1] + lean[a][1] * t[2];
}

/* total * c / w rounded, as round_pos() rounds (here, to be inlined in
 * the loop that runs a hundred million times for the national set). */
static long long part(long long total, double c, double w)
{
	return (long long)((double)total * c / w + 0.5);
}

/* An LSOA's expected residents, females then males: its share of the
 * authority's, rounded by cumulative sums. */
static void expected(const struct lsoa *s, long long (*v)[NAGE])
{
	size_t la = lads[s->lad].la;
	int a, x;

	for (a = 0; a < NAGE; a++) {
		double w = cum(la_total[la], a);
		double lo = cum(s->ex, a), hi = cum(s->in, a);

		for (x = 0; x < 2; x++) {
			long long t = la_sex[la][x][a];
			long long r1 = s->last ? t : part(t, hi, w);

			v[x][a] = r1 - part(t, lo, w);
		}
	}
}

/* The last pair worked out: the partner's residents wait here for the
 * call that asks for them, which in code order is usually the next. */
static struct {
	int year;
	size_t j;
	long long v[2][NAGE];
} pair_cache = { 0, 0, { { 0 } } };

/* The expected residents are smooth over the ages; real counts of small
 * areas are not.  The noise is a trade between partners: what the first
 * gains of a sex and age the second loses, about the square root of their
 * number either way, so every authority's sums stay exact. */
void lsoa_ages(size_t j, int y, long long *female, long long *male)
{
	long long e[2][NAGE], o[2][NAGE];
	const struct lsoa *s, *first;
	int a, x, num, tag, key;

	lsoa_year(y);
	if (pair_cache.year == y && pair_cache.j == j) {
		memcpy(female, pair_cache.v[0], sizeof(e[0]));
		memcpy(male, pair_cache.v[1], sizeof(e[1]));
		return;
	}
	s = &lsoas[j];
	if (s->partner == j) {
		expected(s, e);
		memcpy(female, e[0], sizeof(e[0]));
		memcpy(male, e[1], sizeof(e[1]));
		return;
	}
	first = s->k % 2 == 0 ? s : &lsoas[s->partner];
	expected(first, e);
	expected(&lsoas[first->partner], o);
	num = las[lsoa_la(j)].num;
	tag = SUBTAG(T_LSOA_NOISE, y % 100);
	key = (first->k / 2) * 2 * NAGE;
	for (x = 0; x < 2; x++)
		for (a = 0; a < NAGE; a++, key++) {
			long long *pe = &e[x][a], *po = &o[x][a];
			double mean = (double)(*pe + *po) / 2.0;
			long long d = round_away(1.6 * unif(num, tag, key) *
						 sqrt(mean));

			/* Neither falls below nothing. */
			d = d < -*pe ? -*pe : d > *po ? *po : d;
			*pe += d;
			*po -= d;
		}
	if (s != first) {
		memcpy(pair_cache.v, e, sizeof(e));
		memcpy(e, o, sizeof(e));
	} else {
		memcpy(pair_cache.v, o, sizeof(o));
	}
	pair_cache.year = y;
	pair_cache.j = s->partner;
	memcpy(female, e[0], sizeof(e[0]));
	memcpy(male, e[1], sizeof(e[1]));
}

/* ---- files ----------------------------------------------------------- */

/* Whether an LSOA's rows are written: all in the national data set, the
 * showcase's in the bundled sample. */
static int lsoa_written(size_t j)
{
	return national || is_showcase(lsoa_la(j));
}

static char *put_num(char *p, long long v)
{
	char tmp[24];
	int n = 0;

	if (v < 0) {
		*p++ = '-';
		v = -v;
	}
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* The LSOA's first four columns, as SAPE and the IoD files begin (the
 * IoD with the LSOA first). */
static void put_lsoa(FILE *f, size_t j, int lad_first)
{
	const struct lad *d = &lads[lsoas[j].lad];
	char code[16], name[128];

	lsoa_code(j, code, sizeof(code));
	lsoa_name(j, name, sizeof(name));
	if (lad_first) {
		fprintf(f, "%s,", d->code);
		put_field(f, d->name);
		fprintf(f, ",%s,", code);
		put_field(f, name);
	} else {
		fprintf(f, "%s,", code);
		put_field(f, name);
		fprintf(f, ",%s,", d->code);
		put_field(f, d->name);
	}
}

static int write_sape(const char *dir, int y)
{
	char name[64], line[NAGE * 2 * 12 + 32];
	struct out o;
	size_t j;
	int a, ret;

	snprintf(name, sizeof(name), "ons/sape/sapelsoasyoa_mid-%d.csv", y);
	ret = out_open(&o, dir, name);
	if (ret != 0)
		return ret;
	fputs("LAD 2023 Code,LAD 2023 Name,LSOA 2021 Code,LSOA 2021 Name,"
	      "Total", o.f);
	for (a = 0; a < NAGE * 2; a++)
		fprintf(o.f, ",%c%d", a < NAGE ? 'F' : 'M', a % NAGE);
	putc('\n', o.f);
	for (j = 0; j < nlsoa; j++) {
		long long f[NAGE], m[NAGE], total = 0;
		char *p = line;

		if (!lsoa_written(j))
			continue;
		lsoa_ages(j, y, f, m);
		for (a = 0; a < NAGE; a++)
			total += f[a] + m[a];
		put_lsoa(o.f, j, 1);
		*p++ = ',';
		p = put_num(p, total);
		for (a = 0; a < NAGE; a++) {
			*p++ = ',';
			p = put_num(p, f[a]);
		}
		for (a = 0; a < NAGE; a++) {
			*p++ = ',';
			p = put_num(p, m[a]);
		}
		*p++ = '\n';
		fwrite(line, 1, (size_t)(p - line), o.f);
	}
	return out_close(&o);
}

static int write_imd(const char *dir)
{
	struct out o;
	size_t j;
	int ret;

	ret = out_open(&o, dir, "reference/imd2025_lsoa.csv");
	if (ret != 0)
		return ret;
	fputs("LSOA code (2021),LSOA name (2021),"
	      "Local Authority District code (2024),"
	      "Local Authority District name (2024),"
	      "Index of Multiple Deprivation (IMD) Rank "
	      "(where 1 is most deprived),"
	      "Index of Multiple Deprivation (IMD) Decile "
	      "(where 1 is most deprived 10% of LSOAs)\n", o.f);
	for (j = 0; j < nlsoa; j++) {
		if (!lsoa_written(j))
			continue;
		put_lsoa(o.f, j, 0);
		fprintf(o.f, ",%ld,%d\n", lsoas[j].rank, lsoa_decile(j));
	}
	return out_close(&o);
}

/* ONS's layout, UTF-8 with a byte order mark; no Welsh names in England.
 * ObjectId numbers the rows. */
static int write_ltla_utla(const char *dir)
{
	struct out o;
	size_t d;
	int ret;

	ret = out_open(&o, dir,
		       "reference/LTLA-UTLA_Apr23_Lookup_England.csv");
	if (ret != 0)
		return ret;
	fputs("\xEF\xBB\xBFLTLA23CD,LTLA23NM,LTLA23NMW,UTLA23CD,UTLA23NM,"
	      "UTLA23NMW,ObjectId\n", o.f);
	for (d = 0; d < nlad; d++) {
		const struct la_info *la = &las[lads[d].la];

		fprintf(o.f, "%s,", lads[d].code);
		put_field(o.f, lads[d].name);
		fprintf(o.f, ",,%s,", la->code);
		put_field(o.f, la->name);
		fprintf(o.f, ",,%zu\n", d + 1);
	}
	return out_close(&o);
}

int write_lsoa(const char *dir)
{
	int y;

	for (y = national ? SAPE_NATIONAL : SAPE_FIRST; y <= SAPE_LAST; y++)
		if (write_sape(dir, y) < 0)
			return -1;
	if (write_imd(dir) < 0)
		return -1;
	if (national && write_ltla_utla(dir) < 0)
		return -1;
	return 0;
}
