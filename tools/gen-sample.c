/* gen-sample.c - deterministic SYNTHETIC sample inputs for jsna.
 *
 * Writes, under DIR (default "inputs"; folders are created as needed):
 *
 *   dfe/cla_number_and_rate_per_10k_children.csv
 *	children looked after on 31 March, starting and ceasing to be looked
 *	after, for England, the regions (and Inner/Outer London) and every
 *	upper-tier local authority, reporting years 2014-2025, newest first,
 *	in DfE's explore-education-statistics layout (UTF-8 BOM, LF).
 *   ons/ons_mid-year_population_estimates_2012_to_2024.csv
 *	the 0-17 population, mid-2012 to mid-2024, in DfE's tidy copy of
 *	the ONS mid-year estimates (no BOM, LF).
 *   reference/statistical_neighbours.csv
 *	ten neighbours per authority in DfE's statistical-neighbour layout
 *	(CRLF, like the published sn_may_2025.csv).
 *
 * and, from the other gen-*.c files, in each publisher's own layout (the
 * header, filter values, symbols and period format of its published
 * file, where there is one):
 *
 *   dfe/b1_children_in_need_2013_to_2025.csv, dfe/d5_cpps_at31march_
 *   by_duration_2013_to_2025.csv, dfe/la_conviction_health_outcome_cla.csv,
 *   dfe/la_children_looked_after_at_31_march_by_characteristics.csv,
 *   dfe/ks4_la.csv					(gen-csc.c)
 *	children in need and on plans at 31 March, outcomes and ages and
 *	placements of children looked after, KS4 of children in need, on
 *	plans and looked after;
 *   dfe/eyfsp/1_eyfsp_headline_measures_YYYY.csv, dfe/ks2_la_
 *   characteristics.csv, dfe/ks4_la_characteristics_data_including_sen_
 *   description.csv, dfe/neet/UD_NEETNK_LA_dashboard_YYYY_final.csv,
 *   dfe/ey_provision_funded_two_year_olds.csv,
 *   ofsted/childcare_providers_inspection_outcomes.csv	(gen-edu.c)
 *	attainment by free school meals and SEN, NEET, funded places for
 *	two-year-olds, early years providers judged good or outstanding;
 *   dfe/sen2_age_caseload.csv, dfe/sen2_mi.csv, dfe/sen_phase_type.csv
 *	EHC plans by age, new plans within 20 weeks, pupils on SEN support
 *	and with a plan					(gen-sen.c);
 *   lait/bds_long_0_jsna_subset.csv
 *	LAIT's long table, repeating the EES files' percentages (gen-lait.c);
 *   ons/myeYYtablesen_MYE2_{Persons,Females,Males}.csv, mid-2020 to
 *   mid-2024, and ons/snpp_2018_population_persons.csv	(gen-pop.c)
 *	single years of age whose 0-17s are the 0-17 file's, and 2018-based
 *	projections to 2043;
 *   ohid/fingertips_children.csv			(gen-health.c)
 *	ten OHID Fingertips indicators of children's health;
 *   ons/sape/sapelsoasyoa_mid-YYYY.csv, mid-2021 to mid-2024,
 *   reference/imd2025_lsoa.csv			(gen-lsoa.c)
 *	the showcase's small areas (LSOAs): residents by sex and single
 *	year of age, adding up to the MYE2 files', and their ranks and
 *	deciles of deprivation among all England's;
 *   local/care_leavers.csv, local/front_door_contacts.csv,
 *   local/childrens_centre_reach_lsoa.csv, reference/localities.csv
 *							(gen-local.c)
 *	the showcase council's own extracts (Cheshire West and Chester),
 *	and its lookup of small areas to localities.
 *
 * With --national (-n) it writes the national data set instead, for
 * benchmarking: the same publications over 15 years each (mid-years
 * 2010-2024, reporting years 2011-2025, ...), and every LSOA of England
 * (SAPE mid-2011 to mid-2024, the whole IMD file) with ONS's lookup of
 * districts to upper tiers, reference/LTLA-UTLA_Apr23_Lookup_England.csv;
 * some 290 MB.  Its rows are the bundled sample's where both have them.
 * -f GLOB writes only the files whose path matches (for tests).
 *
 * The areas (GSS codes, names, three-digit LA numbers, regions) are the
 * real ones.  Every number is made up: populations grow smoothly from a
 * base near the real size rounded to the thousand, looked-after counts
 * follow an invented per-authority level and trend, and the neighbours
 * come from this program's own invented characteristics; the other
 * publications follow England's path (near the published one), the
 * authority's own level and its synthetic deprivation.  Counts are
 * consistent where the published files are: groups add up to totals,
 * percentages are number / total rounded half up as DfE rounds, and
 * national and regional counts are the sums of the authorities' (to the
 * nearest 10 where DfE rounds them).  The files exercise the pipeline
 * with realistic shapes; they are not statistics.
 *
 * Run:	gen-sample [-n] [-o DIR] [-s SEED] [-f GLOB]... [-h]
 *	make inputs		(runs build/tools/gen-sample -o inputs)
 *
 * The same seed always gives byte-identical files: the only randomness
 * is a splitmix64 hash of (seed, LA number, purpose, year), so no state
 * is shared between areas and adding an area to the table later leaves
 * every other area's figures unchanged.  Only +, -, *, / and sqrt() are
 * used on doubles (all correctly rounded in IEEE 754), so the output does
 * not depend on the C library's exp() or log(); doubles are rounded to
 * whole numbers by casts, and the few written as decimals (%.15g, %.7g)
 * are printed exactly as glibc and musl both print them.
 *
 * Each file is written to NAME.tmp and renamed into place once complete.
 * Exit status: 0 done, 2 usage error, 3 I/O failure (or no memory).
 */
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gen-sample.h"

#define DEFAULT_DIR	"inputs"
#define DEFAULT_SEED	UINT64_C(20250331)

/* Indexed by enum region, then Inner and Outer London.  The levels are
 * invented, only their ordering is meant to look familiar: the north
 * east highest, the north west well above England, the south lowest.
 * London's own level and growth go unused: boroughs draw from Inner or
 * Outer London's. */
const struct area_info areas[NAREA] = {
	{ "E12000001", "North East", 4, "North East", 104.0, 0.001 },
	{ "E12000002", "North West", 5, "North West", 86.0, 0.003 },
	{ "E12000003", "Yorkshire and The Humber", 9,
	  "Yorkshire and the Humber", 77.0, 0.003 },
	{ "E12000004", "East Midlands", 1, "East Midlands", 59.0, 0.005 },
	{ "E12000005", "West Midlands", 8, "West Midlands", 77.0, 0.004 },
	{ "E12000006", "East of England", 2, "East of England", 49.0,
	  0.006 },
	{ "E12000007", "London", 3, "London", 52.0, -0.001 },
	{ "E12000008", "South East", 6, "South East", 52.0, 0.005 },
	{ "E12000009", "South West", 7, "South West", 56.0, 0.003 },
	{ "E13000001", "Inner London", 3, "London (Inner)", 62.0, -0.004 },
	{ "E13000002", "Outer London", 3, "London (Outer)", 47.0, 0.001 },
};

/* Every upper-tier authority (April 2023 boundaries), in the order of the
 * published looked-after file: region, then GSS code.  Bases are the real
 * mid-2024 0-17 populations rounded to the thousand, except: the Isles of
 * Scilly (300, to the hundred, as a thousand would round it away), and
 * Cheshire West and Chester (67,000, some 5,000 below its real size, so
 * that the showcase count of 496 gives a rate of 74).  The 2019-2023
 * reorganisations are folded in: each authority carries its present code
 * and name in every year, except Bournemouth, Christchurch and Poole and
 * Dorset, which are published only from mid-2019 (their predecessors are
 * not listed; their children are still counted in the regional and
 * national totals, as in the real files). */
#define LA(code, num, reg, base, name) \
	{ code, num, R_##reg, LON_NONE, base, name, 0, NULL }
#define LA_FROM(code, num, reg, base, name, from) \
	{ code, num, R_##reg, LON_NONE, base, name, from, NULL }
#define LA_SN(code, num, reg, base, name, sn_name) \
	{ code, num, R_##reg, LON_NONE, base, name, 0, sn_name }
#define INNER(code, num, base, name) \
	{ code, num, R_LN, LON_INNER, base, name, 0, NULL }
#define OUTER(code, num, base, name) \
	{ code, num, R_LN, LON_OUTER, base, name, 0, NULL }

const struct la_info las[NLA] = {
	LA("E06000001", 805, NE, 21000, "Hartlepool"),
	LA("E06000002", 806, NE, 36000, "Middlesbrough"),
	LA("E06000003", 807, NE, 27000, "Redcar and Cleveland"),
	LA("E06000004", 808, NE, 45000, "Stockton-on-Tees"),
	LA("E06000005", 841, NE, 23000, "Darlington"),
	LA_SN("E06000047", 840, NE, 100000, "County Durham", "Durham"),
	LA("E06000057", 929, NE, 59000, "Northumberland"),
	LA("E08000021", 391, NE, 61000, "Newcastle upon Tyne"),
	LA("E08000022", 392, NE, 42000, "North Tyneside"),
	LA("E08000023", 393, NE, 31000, "South Tyneside"),
	LA("E08000024", 394, NE, 57000, "Sunderland"),
	LA("E08000037", 390, NE, 40000, "Gateshead"),
	LA("E06000006", 876, NW, 28000, "Halton"),
	LA("E06000007", 877, NW, 45000, "Warrington"),
	LA("E06000008", 889, NW, 42000, "Blackburn with Darwen"),
	LA("E06000009", 890, NW, 29000, "Blackpool"),
	LA("E06000049", 895, NW, 83000, "Cheshire East"),
	LA("E06000050", 896, NW, 67000, "Cheshire West and Chester"),
	LA("E06000063", 942, NW, 52000, "Cumberland"),
	LA("E06000064", 943, NW, 39000, "Westmorland and Furness"),
	LA("E08000001", 350, NW, 76000, "Bolton"),
	LA("E08000002", 351, NW, 45000, "Bury"),
	LA("E08000003", 352, NW, 132000, "Manchester"),
	LA("E08000004", 353, NW, 64000, "Oldham"),
	LA("E08000005", 354, NW, 58000, "Rochdale"),
	LA("E08000006", 355, NW, 64000, "Salford"),
	LA("E08000007", 356, NW, 65000, "Stockport"),
	LA("E08000008", 357, NW, 53000, "Tameside"),
	LA("E08000009", 358, NW, 57000, "Trafford"),
	LA("E08000010", 359, NW, 72000, "Wigan"),
	LA("E08000011", 340, NW, 36000, "Knowsley"),
	LA("E08000012", 341, NW, 98000, "Liverpool"),
	LA("E08000013", 342, NW, 38000, "St. Helens"),
	LA("E08000014", 343, NW, 55000, "Sefton"),
	LA("E08000015", 344, NW, 66000, "Wirral"),
	LA("E10000017", 888, NW, 261000, "Lancashire"),
	LA_SN("E06000010", 810, YH, 62000,
	      "Kingston upon Hull, City of", "Kingston Upon Hull, City of"),
	LA("E06000011", 811, YH, 63000, "East Riding of Yorkshire"),
	LA("E06000012", 812, YH, 34000, "North East Lincolnshire"),
	LA("E06000013", 813, YH, 35000, "North Lincolnshire"),
	LA("E06000014", 816, YH, 35000, "York"),
	LA("E06000065", 815, YH, 116000, "North Yorkshire"),
	LA("E08000016", 370, YH, 52000, "Barnsley"),
	LA("E08000017", 371, YH, 68000, "Doncaster"),
	LA("E08000018", 372, YH, 60000, "Rotherham"),
	LA("E08000019", 373, YH, 116000, "Sheffield"),
	LA("E08000032", 380, YH, 142000, "Bradford"),
	LA("E08000033", 381, YH, 45000, "Calderdale"),
	LA("E08000034", 382, YH, 100000, "Kirklees"),
	LA("E08000035", 383, YH, 176000, "Leeds"),
	LA("E08000036", 384, YH, 77000, "Wakefield"),
	LA("E06000015", 831, EM, 62000, "Derby"),
	LA("E06000016", 856, EM, 91000, "Leicester"),
	LA("E06000017", 857, EM, 8000, "Rutland"),
	LA("E06000018", 892, EM, 69000, "Nottingham"),
	LA("E06000061", 940, EM, 83000, "North Northamptonshire"),
	LA("E06000062", 941, EM, 96000, "West Northamptonshire"),
	LA("E10000007", 830, EM, 156000, "Derbyshire"),
	LA("E10000018", 855, EM, 147000, "Leicestershire"),
	LA("E10000019", 925, EM, 148000, "Lincolnshire"),
	LA("E10000024", 891, EM, 172000, "Nottinghamshire"),
	LA("E06000019", 884, WM, 34000, "Herefordshire, County of"),
	LA("E06000020", 894, WM, 44000, "Telford and Wrekin"),
	LA("E06000021", 861, WM, 63000, "Stoke-on-Trent"),
	LA("E06000051", 893, WM, 60000, "Shropshire"),
	LA("E08000025", 330, WM, 293000, "Birmingham"),
	LA("E08000026", 331, WM, 84000, "Coventry"),
	LA("E08000027", 332, WM, 71000, "Dudley"),
	LA("E08000028", 333, WM, 89000, "Sandwell"),
	LA("E08000029", 334, WM, 49000, "Solihull"),
	LA("E08000030", 335, WM, 72000, "Walsall"),
	LA("E08000031", 336, WM, 68000, "Wolverhampton"),
	LA("E10000028", 860, WM, 175000, "Staffordshire"),
	LA("E10000031", 937, WM, 129000, "Warwickshire"),
	LA("E10000034", 885, WM, 120000, "Worcestershire"),
	LA("E06000031", 874, EE, 58000, "Peterborough"),
	LA("E06000032", 821, EE, 62000, "Luton"),
	LA("E06000033", 882, EE, 40000, "Southend-on-Sea"),
	LA("E06000034", 883, EE, 46000, "Thurrock"),
	LA_SN("E06000055", 822, EE, 44000, "Bedford", "Bedford Borough"),
	LA("E06000056", 823, EE, 70000, "Central Bedfordshire"),
	LA("E10000003", 873, EE, 143000, "Cambridgeshire"),
	LA("E10000012", 881, EE, 329000, "Essex"),
	LA("E10000015", 919, EE, 277000, "Hertfordshire"),
	LA("E10000020", 926, EE, 172000, "Norfolk"),
	LA("E10000029", 935, EE, 152000, "Suffolk"),
	LA("E06000035", 887, SE, 69000, "Medway"),
	LA("E06000036", 867, SE, 29000, "Bracknell Forest"),
	LA("E06000037", 869, SE, 35000, "West Berkshire"),
	LA("E06000038", 870, SE, 39000, "Reading"),
	LA("E06000039", 871, SE, 47000, "Slough"),
	LA("E06000040", 868, SE, 35000, "Windsor and Maidenhead"),
	LA("E06000041", 872, SE, 44000, "Wokingham"),
	LA("E06000042", 826, SE, 75000, "Milton Keynes"),
	LA("E06000043", 846, SE, 47000, "Brighton and Hove"),
	LA("E06000044", 851, SE, 43000, "Portsmouth"),
	LA("E06000045", 852, SE, 51000, "Southampton"),
	LA("E06000046", 921, SE, 23000, "Isle of Wight"),
	LA("E06000060", 825, SE, 130000, "Buckinghamshire"),
	LA("E10000011", 845, SE, 104000, "East Sussex"),
	LA("E10000014", 850, SE, 289000, "Hampshire"),
	LA("E10000016", 886, SE, 355000, "Kent"),
	LA("E10000025", 931, SE, 157000, "Oxfordshire"),
	LA("E10000030", 936, SE, 269000, "Surrey"),
	LA("E10000032", 938, SE, 182000, "West Sussex"),
	LA("E06000022", 800, SW, 37000, "Bath and North East Somerset"),
	LA("E06000023", 801, SW, 93000, "Bristol, City of"),
	LA("E06000024", 802, SW, 44000, "North Somerset"),
	LA("E06000025", 803, SW, 63000, "South Gloucestershire"),
	LA("E06000026", 879, SW, 52000, "Plymouth"),
	LA("E06000027", 880, SW, 25000, "Torbay"),
	LA("E06000030", 866, SW, 54000, "Swindon"),
	LA("E06000052", 908, SW, 106000, "Cornwall"),
	LA("E06000053", 420, SW, 300, "Isles of Scilly"),
	LA("E06000054", 865, SW, 104000, "Wiltshire"),
	LA_FROM("E06000058", 839, SW, 75000,
	      "Bournemouth, Christchurch and Poole", 2019),
	LA_FROM("E06000059", 838, SW, 67000, "Dorset", 2019),
	LA("E06000066", 933, SW, 113000, "Somerset"),
	LA("E10000008", 878, SW, 148000, "Devon"),
	LA("E10000013", 916, SW, 133000, "Gloucestershire"),
	INNER("E09000001", 201, 1000, "City of London"),
	INNER("E09000007", 202, 35000, "Camden"),
	INNER("E09000012", 204, 54000, "Hackney"),
	INNER("E09000013", 205, 32000, "Hammersmith and Fulham"),
	INNER("E09000014", 309, 54000, "Haringey"),
	INNER("E09000019", 206, 36000, "Islington"),
	INNER("E09000020", 207, 23000, "Kensington and Chelsea"),
	INNER("E09000022", 208, 51000, "Lambeth"),
	INNER("E09000023", 209, 62000, "Lewisham"),
	INNER("E09000025", 316, 84000, "Newham"),
	INNER("E09000028", 210, 56000, "Southwark"),
	INNER("E09000030", 211, 63000, "Tower Hamlets"),
	INNER("E09000032", 212, 59000, "Wandsworth"),
	INNER("E09000033", 213, 30000, "Westminster"),
	OUTER("E09000002", 301, 66000, "Barking and Dagenham"),
	OUTER("E09000003", 302, 94000, "Barnet"),
	OUTER("E09000004", 303, 59000, "Bexley"),
	OUTER("E09000005", 304, 75000, "Brent"),
	OUTER("E09000006", 305, 73000, "Bromley"),
	OUTER("E09000008", 306, 94000, "Croydon"),
	OUTER("E09000009", 307, 82000, "Ealing"),
	OUTER("E09000010", 308, 80000, "Enfield"),
	OUTER("E09000011", 203, 65000, "Greenwich"),
	OUTER("E09000015", 310, 60000, "Harrow"),
	OUTER("E09000016", 311, 64000, "Havering"),
	OUTER("E09000017", 312, 76000, "Hillingdon"),
	OUTER("E09000018", 313, 68000, "Hounslow"),
	OUTER("E09000021", 314, 37000, "Kingston upon Thames"),
	OUTER("E09000024", 315, 47000, "Merton"),
	OUTER("E09000026", 317, 78000, "Redbridge"),
	OUTER("E09000027", 318, 44000, "Richmond upon Thames"),
	OUTER("E09000029", 319, 51000, "Sutton"),
	OUTER("E09000031", 320, 63000, "Waltham Forest"),
};

#undef LA
#undef LA_FROM
#undef LA_SN
#undef INNER
#undef OUTER

_Static_assert(sizeof(las) / sizeof(las[0]) == NLA,
	       "NLA is the number of authorities in las[]");

/* England's looked-after rate per 10,000 by reporting year 2011-2025 (the
 * bundled sample from 2014): an invented smooth rise from the high 50s
 * and fall that ends on 65.  None sits near .5, so each rounds
 * unambiguously. */
static const double england_target[NCLA] = {
	59.2, 59.8, 60.3, 61.2, 61.7, 62.4, 63.2, 64.2, 65.3, 66.2, 66.8,
	67.1, 66.9, 66.1, 65.0,
};

static const char *const cla_type_name[NTYPE] = {
	"Children ceasing to be looked after each year",
	"Children looked after on 31 March each year",
	"Children starting to be looked after each year",
};

struct la_model model[NLA];
static double national_factor[NCLA];
static uint64_t seed = DEFAULT_SEED;
int national;

int series_first(int first, int last)
{
	return national ? last - NATIONAL_YEARS + 1 : first;
}

/* ---- deterministic randomness ---------------------------------------- */

/* splitmix64's finaliser: a bijective 64-bit mix with good avalanche. */
static uint64_t mix64(uint64_t z)
{
	z += UINT64_C(0x9e3779b97f4a7c15);
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Uniform in [-1, 1) from (seed, LA number, purpose, year).  Keyed by LA
 * number, not table position, so reordering or extending the table does
 * not change anyone's figures. */
double unif(int la, int tag, int year)
{
	uint64_t k = ((uint64_t)(unsigned)la << 40) ^
		     ((uint64_t)(unsigned)tag << 24) ^ (uint64_t)(unsigned)year;

	return (double)(mix64(seed ^ mix64(k)) >> 11) * 0x1p-52 - 1.0;
}

/* Roughly standard normal: the sum of four uniforms has variance 4/3. */
double gauss(int la, int tag)
{
	double s = 0.0;
	int i;

	for (i = 0; i < 4; i++)
		s += unif(la, tag, 10000 + i);
	return s * 0.8660254037844386;
}

double clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

long long round_pos(double x)
{
	return (long long)(x + 0.5);
}

/* count / pop * 10000 rounded half up, in integers so that exact halves
 * always go up (a double quotient can land a hair either side). */
static long long rate_per_10k(long long count, long long pop)
{
	return (count * 20000 + pop) / (2 * pop);
}

/* DfE publishes national and regional counts to the nearest 10. */
long long round10(long long n)
{
	return (n + 5) / 10 * 10;
}

/* ---- the model ------------------------------------------------------- */

int is_showcase(size_t i)
{
	return strcmp(las[i].code, SHOW_CODE) == 0;
}

/* The area an authority draws its levels from and is listed under in the
 * EES files: London boroughs come under Inner or Outer London, not London,
 * exactly as in the published files. */
const struct area_info *home_area(const struct la_info *la)
{
	if (la->lon != LON_NONE)
		return &areas[NREGION + la->lon - 1];
	return &areas[la->reg];
}

static void model_params(size_t i)
{
	const struct la_info *la = &las[i];
	struct la_model *m = &model[i];
	double z = clamp(gauss(la->num, T_LEVEL), -2.2, 2.2);
	double d;

	/* Skewed like a log-normal, without exp(): a z above the mean
	 * multiplies the level, one below divides it, so the low tail
	 * thins out near 30 instead of piling up at a floor. */
	m->level = home_area(la)->cla_level;
	if (z >= 0.0)
		m->level *= 1.0 + 0.24 * z;
	else
		m->level /= 1.0 - 0.24 * z;
	m->level = clamp(m->level, 30.0, 160.0);
	m->slope = clamp(0.012 * gauss(la->num, T_SLOPE), -0.025, 0.025);
	m->start_share = clamp(0.34 * (1.0 + 0.12 * gauss(la->num, T_START)),
			       0.22, 0.48);
	m->cease_share = m->start_share *
			 (1.0 + 0.06 * gauss(la->num, T_CEASE));
	m->urban = strncmp(la->code, "E08", 3) == 0 ||
		   strncmp(la->code, "E09", 3) == 0;
	/* Deprivation tracks the looked-after level, as it does in life,
	 * but loosely, so the neighbour lists are not a mere sort by rate. */
	d = 0.65 * z + 0.55 * gauss(la->num, T_DEP) +
	    (m->urban ? 0.35 : 0.0) - 0.15;
	m->dep = (int)round_pos(clamp(180.0 + 70.0 * d, 40.0, 420.0));
	if (is_showcase(i))
		m->slope = 0.012;	/* rising gently to 2025 */
}

/* Smooth growth (or decline) around the base with a little curvature, and
 * a small year-to-year wobble like revisions and migration. */
static void model_population(size_t i)
{
	const struct la_info *la = &las[i];
	struct la_model *m = &model[i];
	double g = clamp(home_area(la)->growth +
			 0.004 * gauss(la->num, T_GROWTH), -0.012, 0.018);
	double c = 0.00015 * gauss(la->num, T_CURVE);
	int y;

	m->growth = g;
	m->curve = c;
	for (y = POP_MIN; y <= POP_LAST; y++) {
		double t = y - POP_LAST;
		double p = (double)la->base * (1.0 + g * t + c * t * t) *
			   (1.0 + 0.002 * unif(la->num, T_POPNOISE, y));

		m->pop[y - POP_MIN] = round_pos(p);
	}
	if (is_showcase(i)) {
		/* Keep mid-2024 where SHOW_COUNT rounds to SHOW_RATE:
		 * 20000n + p over 2p equals r exactly when
		 * 10000n / (r + 0.5) < p <= 10000n / (r - 0.5). */
		long long lo = (long long)SHOW_COUNT * 20000 /
			       (2 * SHOW_RATE + 1) + 1;
		long long hi = (long long)SHOW_COUNT * 20000 /
			       (2 * SHOW_RATE - 1);
		long long *p = &m->pop[POP_LAST - POP_MIN];

		*p = *p < lo ? lo : *p > hi ? hi : *p;
	}
}

/* The stock rate before the national factor: the authority's level, its
 * own trend, and a little noise around it. */
static void model_rates(size_t i)
{
	struct la_model *m = &model[i];
	int y;

	for (y = CLA_MIN; y <= CLA_LAST; y++) {
		double r = m->level * (1.0 + m->slope * (y - CLA_LAST));

		if (!(is_showcase(i) && y == CLA_LAST))
			r *= 1.0 + 0.025 * unif(las[i].num, T_CLANOISE, y);
		m->rate0[y - CLA_MIN] = clamp(r, 25.0, 180.0);
	}
}

long long cla_pop(size_t i, int y)
{
	return model[i].pop[y - 1 - POP_MIN];
}

/* Expected 31 March stock under national factor f. */
static double stock_expected(size_t i, int y, double f)
{
	if (is_showcase(i) && y == CLA_LAST)
		return SHOW_COUNT;
	return f * model[i].rate0[y - CLA_MIN] * (double)cla_pop(i, y) /
	       10000.0;
}

static long long stock_total(int y, double f)
{
	long long s = 0;
	size_t i;

	for (i = 0; i < NLA; i++)
		s += round_pos(stock_expected(i, y, f));
	return s;
}

/* A national factor per year scales every authority so that England's
 * rate follows england_target: the smallest factor whose rounded stock
 * total reaches the target count.  The total is monotone in f, so
 * bisection finds it; 60 halvings are far below one child. */
static void model_year(int y)
{
	long long pop = 0, want;
	double lo = 0.2, hi = 5.0, f;
	size_t i;
	int k;

	for (i = 0; i < NLA; i++)
		pop += cla_pop(i, y);
	want = round_pos(england_target[y - CLA_MIN] * (double)pop /
			 10000.0);
	for (k = 0; k < 60; k++) {
		double mid = (lo + hi) / 2.0;

		if (stock_total(y, mid) >= want)
			hi = mid;
		else
			lo = mid;
	}
	f = hi;
	national_factor[y - CLA_MIN] = f;
	for (i = 0; i < NLA; i++) {
		struct la_model *m = &model[i];
		int num = las[i].num;
		double e = stock_expected(i, y, f);
		long long *n = m->cla[y - CLA_MIN];

		n[CLA_STOCK] = round_pos(e);
		n[CLA_START] = round_pos(e * m->start_share *
				(1.0 + 0.05 * unif(num, T_START_Y, y)));
		n[CLA_CEASE] = round_pos(e * m->cease_share *
				(1.0 + 0.05 * unif(num, T_CEASE_Y, y)));
	}
}

/* The looked-after characteristic used for neighbours: the 31 March rate
 * over the last three years, from the counts actually written. */
static void model_sn_rate(size_t i)
{
	long long n = 0, p = 0;
	int y;

	for (y = CLA_LAST - 2; y <= CLA_LAST; y++) {
		n += model[i].cla[y - CLA_MIN][CLA_STOCK];
		p += cla_pop(i, y);
	}
	model[i].sn_rate = (double)n * 10000.0 / (double)p;
}

/* The showcase's 2025 count is fixed, so the 2025 national factor does
 * not depend on its level: settle 2025 first, then give the showcase the
 * level that the fixed count implies, so that its earlier years lead
 * smoothly up to it rather than jumping. */
static void model_build(void)
{
	size_t i;
	int y;

	for (i = 0; i < NLA; i++) {
		model_params(i);
		model_population(i);
		model_rates(i);
	}
	model_year(CLA_LAST);
	for (i = 0; i < NLA; i++) {
		if (!is_showcase(i))
			continue;
		model[i].level = SHOW_COUNT * 10000.0 /
				 (double)cla_pop(i, CLA_LAST) /
				 national_factor[NCLA - 1];
		model_rates(i);
	}
	for (y = CLA_MIN; y < CLA_LAST; y++)
		model_year(y);
	for (i = 0; i < NLA; i++)
		model_sn_rate(i);
}

/* ---- areas and ordering ---------------------------------------------- */

/* Whether authority la counts towards regional-level area a. */
int in_area(const struct la_info *la, size_t a)
{
	if (a < NREGION)
		return (size_t)la->reg == a;
	return la->lon != LON_NONE && (size_t)(NREGION + la->lon - 1) == a;
}

int cmp_ons(const void *pa, const void *pb)
{
	const struct la_info *a = &las[*(const size_t *)pa];
	const struct la_info *b = &las[*(const size_t *)pb];
	int c = strcmp(home_area(a)->code, home_area(b)->code);

	return c ? c : strcmp(a->name, b->name);
}

int cmp_cla(const void *pa, const void *pb)
{
	const struct la_info *a = &las[*(const size_t *)pa];
	const struct la_info *b = &las[*(const size_t *)pb];
	int c = strcmp(home_area(a)->code, home_area(b)->code);

	return c ? c : strcmp(a->code, b->code);
}

int cmp_name(const void *pa, const void *pb)
{
	const struct la_info *a = &las[*(const size_t *)pa];
	const struct la_info *b = &las[*(const size_t *)pb];

	return strcmp(a->name, b->name);
}

void sort_las(size_t *order, int (*cmp)(const void *, const void *))
{
	size_t i;

	for (i = 0; i < NLA; i++)
		order[i] = i;
	qsort(order, NLA, sizeof(*order), cmp);
}

/* ---- output files ---------------------------------------------------- */

/* mkdir -p for the folders above path. */
static int make_parents(const char *path)
{
	char buf[4096];
	char *p;

	if (strlen(path) >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(buf, path);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return 0;
}

/* The -f patterns: when there are any, only the files whose name under
 * DIR matches one are written. */
#define MAXPATTERN	32
static const char *pattern[MAXPATTERN];
static int npattern;

static int wanted(const char *name)
{
	int k;

	for (k = 0; k < npattern; k++)
		if (fnmatch(pattern[k], name, 0) == 0)
			return 1;
	return npattern == 0;
}

int out_open(struct out *o, const char *dir, const char *name)
{
	int n = snprintf(o->path, sizeof(o->path), "%s/%s", dir, name);

	o->f = NULL;
	if (!wanted(name))
		return 1;
	if (n < 0 || (size_t)n >= sizeof(o->path)) {
		fprintf(stderr, PROG ": %s/%s: path too long\n", dir, name);
		return -1;
	}
	snprintf(o->tmp, sizeof(o->tmp), "%s.tmp", o->path);
	if (make_parents(o->path) < 0) {
		fprintf(stderr, PROG ": cannot create the folder for %s: %s\n",
			o->path, strerror(errno));
		return -1;
	}
	o->f = fopen(o->tmp, "wb");
	if (!o->f) {
		fprintf(stderr, PROG ": %s: %s\n", o->tmp, strerror(errno));
		return -1;
	}
	return 0;
}

/* Closes and renames into place; on any failure removes the partial
 * file, so a reader never sees half a file under the real name. */
int out_close(struct out *o)
{
	int err = ferror(o->f);
	int saved = errno;

	if (fclose(o->f) != 0 && !err) {
		err = 1;
		saved = errno;
	}
	o->f = NULL;
	if (err) {
		fprintf(stderr, PROG ": %s: write failed: %s\n", o->tmp,
			strerror(saved ? saved : EIO));
		remove(o->tmp);
		return -1;
	}
	if (rename(o->tmp, o->path) < 0) {
		fprintf(stderr, PROG ": %s: %s\n", o->path, strerror(errno));
		remove(o->tmp);
		return -1;
	}
	return 0;
}

/* One CSV field, quoted only when it must be (as the publishers do:
 * "Bristol, City of"). */
void put_field(FILE *f, const char *s)
{
	const char *p;

	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (p = s; *p; p++) {
		if (*p == '"')
			putc('"', f);
		putc(*p, f);
	}
	putc('"', f);
}

/* Totals for England (area NAREA) and each regional-level area, over
 * every authority including those not yet published on their own. */
struct totals {
	long long pop;
	long long n[NTYPE];
};

static void sum_areas(int cla_year, int pop_year, struct totals *t)
{
	size_t i, a;
	int k;

	memset(t, 0, sizeof(*t) * (NAREA + 1));
	for (i = 0; i < NLA; i++) {
		for (a = 0; a <= NAREA; a++) {
			if (a < NAREA && !in_area(&las[i], a))
				continue;
			t[a].pop += model[i].pop[pop_year - POP_MIN];
			if (cla_year < CLA_MIN)
				continue;
			for (k = 0; k < NTYPE; k++)
				t[a].n[k] += model[i].cla[cla_year -
							  CLA_MIN][k];
		}
	}
}

/* ---- 1. looked-after children numbers and rates ---------------------- */

#define CLA_FILE	"dfe/cla_number_and_rate_per_10k_children.csv"

static void cla_prefix(FILE *f, int y, const char *level,
		       const struct area_info *area)
{
	fprintf(f, "%d,Reporting year,%s,E92000001,England,", y, level);
	if (area) {
		fputs(area->code, f);
		putc(',', f);
		fputs(area->name, f);
	} else {
		putc(',', f);
	}
	putc(',', f);
}

/* National and regional rows: the count rounded to 10, the rate from the
 * unrounded count, as DfE does. */
static void cla_total_rows(FILE *f, int y, const char *level,
			   const struct area_info *area,
			   const struct totals *t)
{
	int k;

	for (k = 0; k < NTYPE; k++) {
		cla_prefix(f, y, level, area);
		fprintf(f, ",,,%s,%lld,%lld,%lld\n", cla_type_name[k], t->pop,
			round10(t->n[k]), rate_per_10k(t->n[k], t->pop));
	}
}

static int write_cla(const char *dir)
{
	struct totals t[NAREA + 1];
	size_t order[NLA], a, j;
	struct out o;
	int y, k, ret;

	ret = out_open(&o, dir, CLA_FILE);
	if (ret != 0)
		return ret;
	sort_las(order, cmp_cla);
	fputs("\xEF\xBB\xBF", o.f);
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,la_name,"
	      "new_la_code,population_type,population_estimate,"
	      "children_count,rate_per_10000\n", o.f);
	for (y = CLA_LAST; y >= series_first(CLA_FIRST, CLA_LAST); y--) {
		sum_areas(y, y - 1, t);
		cla_total_rows(o.f, y, "National", NULL, &t[NAREA]);
		for (a = 0; a < NAREA; a++)
			cla_total_rows(o.f, y, "Regional", &areas[a], &t[a]);
		for (j = 0; j < NLA; j++) {
			size_t i = order[j];
			const struct la_info *la = &las[i];
			long long pop = cla_pop(i, y);

			if (la->from && y - 1 < la->from)
				continue;
			for (k = 0; k < NTYPE; k++) {
				long long n = model[i].cla[y - CLA_MIN][k];

				cla_prefix(o.f, y, "Local authority",
					   home_area(la));
				fprintf(o.f, "%d,", la->num);
				put_field(o.f, la->name);
				fprintf(o.f, ",%s,%s,%lld,", la->code,
					cla_type_name[k], pop);
				if (n < SUPPRESS_BELOW)
					fputs("c,c\n", o.f);
				else
					fprintf(o.f, "%lld,%lld\n", n,
						rate_per_10k(n, pop));
			}
		}
	}
	return out_close(&o);
}

/* ---- 2. ONS 0-17 population ------------------------------------------ */

#define AGE_GROUP	"Children aged 0 to 17 years"

static int write_ons(const char *dir)
{
	struct totals t[NAREA + 1];
	size_t order[NLA], a, j;
	int first = series_first(POP_FIRST, POP_LAST);
	char name[80];
	struct out o;
	int y, ret;

	/* The name says the years, as DfE's does. */
	snprintf(name, sizeof(name), "ons/ons_mid-year_population_estimates_"
		 "%d_to_%d.csv", first, POP_LAST);
	ret = out_open(&o, dir, name);
	if (ret != 0)
		return ret;
	sort_las(order, cmp_ons);
	fputs("time_period,time_identifier,geographic_level,country_code,"
	      "country_name,region_code,region_name,old_la_code,new_la_code,"
	      "la_name,age_group,population_estimate\n", o.f);
	for (y = POP_LAST; y >= first; y--) {
		sum_areas(0, y, t);
		fprintf(o.f, "%d,Reporting year,National,E92000001,England,"
			",,,,," AGE_GROUP ",%lld\n", y, t[NAREA].pop);
		for (a = 0; a < NAREA; a++)
			fprintf(o.f, "%d,Reporting year,Regional,E92000001,"
				"England,%s,%s,,,," AGE_GROUP ",%lld\n", y,
				areas[a].code, areas[a].name, t[a].pop);
		for (j = 0; j < NLA; j++) {
			size_t i = order[j];
			const struct la_info *la = &las[i];
			const struct area_info *area = home_area(la);

			fprintf(o.f, "%d,Reporting year,Local authority,"
				"E92000001,England,%s,%s,%d,%s,", y,
				area->code, area->name, la->num, la->code);
			put_field(o.f, la->name);
			fputs("," AGE_GROUP ",", o.f);
			/* "x": the authority did not exist that year. */
			if (la->from && y < la->from)
				fputs("x\n", o.f);
			else
				fprintf(o.f, "%lld\n",
					model[i].pop[y - POP_MIN]);
		}
	}
	return out_close(&o);
}

/* ---- 3. statistical neighbours --------------------------------------- */

#define SN_FILE		"reference/statistical_neighbours.csv"
#define NSN		10

/* Distance between two authorities over the generator's own
 * characteristics, each scaled so that one unit is a noticeable
 * difference: the looked-after rate (12 per 10,000), deprivation (45
 * points), size (by square root, so counties are not all far apart), and
 * whether both are metropolitan/London or both are not. */
static double sn_distance(size_t i, size_t j)
{
	const struct la_model *a = &model[i], *b = &model[j];
	double dr = (a->sn_rate - b->sn_rate) / 12.0;
	double dd = (double)(a->dep - b->dep) / 45.0;
	double ds = (sqrt((double)a->pop[NPOP - 1]) -
		     sqrt((double)b->pop[NPOP - 1])) / 250.0;
	double du = a->urban != b->urban ? 1.5 : 0.0;

	return sqrt(dr * dr + dd * dd + ds * ds + du * du);
}

/* Closeness words by distance, thresholds set so that most neighbours are
 * "Very close" or "Close" as in the published lists. */
static const char *sn_word(double d)
{
	if (d < 1.00)
		return "Very close";
	if (d < 1.45)
		return "Close";
	if (d < 2.00)
		return "Somewhat close";
	return "Not Close";
}

struct cand {
	double d;
	int num;
	size_t i;
};

/* Nearest first; equal distances by LA number. */
static int cmp_cand(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->d < b->d)
		return -1;
	if (a->d > b->d)
		return 1;
	return (a->num > b->num) - (a->num < b->num);
}

static int write_sn(const char *dir)
{
	struct cand c[NLA];
	size_t order[NLA], j, k, n;
	struct out o;
	int ret;

	ret = out_open(&o, dir, SN_FILE);
	if (ret != 0)
		return ret;
	sort_las(order, cmp_name);
	fputs("LA num,LA Name,LA number,GOInd,GOReg,SN1,SNP,SN2,SNP,SN3,SNP,"
	      "SN4,SNP,SN5,SNP,SN6,SNP,SN7,SNP,SN8,SNP,SN9,SNP,SN10,SNP\r\n",
	      o.f);
	for (j = 0; j < NLA; j++) {
		size_t i = order[j];
		const struct la_info *la = &las[i];
		const struct area_info *area = home_area(la);

		for (n = 0, k = 0; k < NLA; k++) {
			if (k == i)
				continue;
			c[n].d = sn_distance(i, k);
			c[n].num = las[k].num;
			c[n].i = k;
			n++;
		}
		qsort(c, n, sizeof(*c), cmp_cand);
		fprintf(o.f, "%d,", la->num);
		put_field(o.f, la->sn_name ? la->sn_name : la->name);
		fprintf(o.f, ",%d,%d,%s", la->num, area->goind, area->goreg);
		for (k = 0; k < NSN && k < n; k++)
			fprintf(o.f, ",%d,%s", c[k].num, sn_word(c[k].d));
		fputs("\r\n", o.f);
	}
	return out_close(&o);
}

/* ---- command line ---------------------------------------------------- */

static void usage(FILE *f)
{
	fputs("usage: " PROG " [-n] [-o DIR] [-s SEED] [-f GLOB]... [-h]\n"
	      "  -o DIR   write the files under DIR (default "
	      DEFAULT_DIR ")\n"
	      "  -n, --national\n"
	      "           write the national data set instead: every "
	      "series for 15 years,\n"
	      "           and every LSOA of England (SAPE mid-2011 to "
	      "mid-2024, IMD 2025,\n"
	      "           the district lookup); some hundreds of MB\n"
	      "  -s SEED  unsigned 64-bit seed, decimal or 0x hex "
	      "(default fixed)\n"
	      "  -f GLOB  write only the files whose path under DIR "
	      "matches GLOB (* matches\n"
	      "           across folders too: 'ons/sape/*2024*'); may be "
	      "repeated\n"
	      "  -h, --help\n"
	      "           show this help\n", f);
}

static int parse_seed(const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end)
		return -1;
	*out = (uint64_t)v;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "national", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = DEFAULT_DIR;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, ":no:s:f:h", longopts,
				  NULL)) != -1) {
		switch (opt) {
		case 'n':	/* --national */
			national = 1;
			break;
		case 'f':
			if (npattern == MAXPATTERN) {
				fprintf(stderr, PROG ": at most %d -f "
					"patterns\n", MAXPATTERN);
				return 2;
			}
			pattern[npattern++] = optarg;
			break;
		case 'o':
			if (!*optarg) {
				fputs(PROG ": -o needs a folder name\n",
				      stderr);
				return 2;
			}
			dir = optarg;
			break;
		case 's':
			if (parse_seed(optarg, &seed) < 0) {
				fprintf(stderr, PROG ": bad seed '%s': want "
					"an unsigned 64-bit number\n", optarg);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		case ':':
			fprintf(stderr, PROG ": -%c needs a value\n", optopt);
			usage(stderr);
			return 2;
		default:
			/* A long option has no letter to name. */
			if (optopt)
				fprintf(stderr, PROG ": unknown option -%c\n",
					optopt);
			else
				fprintf(stderr, PROG ": unknown option '%s'\n",
					argv[optind - 1]);
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, PROG ": unexpected argument '%s'\n",
			argv[optind]);
		usage(stderr);
		return 2;
	}
	model_build();
	if (lsoa_build() < 0)
		return 3;
	ret = 0;
	if (write_ons(dir) < 0 || write_cla(dir) < 0 || write_sn(dir) < 0 ||
	    write_pop(dir) < 0 || write_csc(dir) < 0 || write_edu(dir) < 0 ||
	    write_sen(dir) < 0 || write_lait(dir) < 0 ||
	    write_health(dir) < 0 || write_lsoa(dir) < 0 ||
	    write_local(dir) < 0)
		ret = 3;
	lsoa_release();
	return ret;
}
