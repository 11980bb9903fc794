/* test_store.c - the SQLite warehouse (store.h).
 *
 * Each test opens a warehouse in a fresh mkdtemp folder, removed with the
 * database's WAL files by teardown. What is written is read back through
 * the store's own readers and, where the store has none (the schema
 * version, a run's end), straight through SQLite.
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsna/period.h"
#include "jsna/store.h"

struct fixture {
	char dir[64];
	char path[128];		/* DIR/var/sub/jsna.db: folders to make */
	struct store *st;
};

#include "tmpdir.h"

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	strcpy(fx->dir, "/tmp/jsna-test-store-XXXXXX");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	snprintf(fx->path, sizeof(fx->path), "%s/var/sub/jsna.db", fx->dir);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc;

	store_close(fx->st);
	rc = tmpdir_remove(fx->dir);
	free(fx);
	return rc;
}

static struct store *open_store(struct fixture *fx)
{
	assert_int_equal(store_open(fx->path, &fx->st), 0);
	assert_non_null(fx->st);
	return fx->st;
}

/* One integer from SQL run on the file itself. */
static long long sql_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	long long v;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE,
					 NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

static void sql_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE,
					 NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void quiet_begin(int *saved)
{
	int devnull = open("/dev/null", O_WRONLY);

	fflush(stderr);
	*saved = dup(2);
	assert_true(*saved >= 0 && devnull >= 0);
	dup2(devnull, 2);
	close(devnull);
}

static void quiet_end(int saved)
{
	dup2(saved, 2);
	close(saved);
}

/* A dataset, a run and a loaded file to hang observations on. */
static long long add_file(struct store *st, const char *path, long long run)
{
	long long file = 0;

	assert_int_equal(store_put_dataset(st, "dfe_cla", "Children looked "
					   "after", "DfE", "dfe_cla.ini"), 0);
	assert_int_equal(store_file_replace(st, path, "dfe_cla", "00ff", 10,
					    run, &file), 0);
	assert_true(file > 0);
	return file;
}

static long long add_run(struct store *st, const char *command)
{
	long long run = 0;

	assert_int_equal(store_run_begin(st, command, 0, &run), 0);
	assert_true(run > 0);
	return run;
}

/* ------------------------------------------------------------------ */

static void test_open_creates(void **state)
{
	struct fixture *fx = *state;
	struct stat sb;
	int v = store_schema_version();

	assert_true(v >= 1);
	assert_int_equal(stat(fx->path, &sb), -1);
	open_store(fx);
	assert_int_equal(stat(fx->path, &sb), 0);	/* folders made too */
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sql_int(fx->path, "PRAGMA user_version"), v);
	/* WAL mode is a property of the file */
	{
		sqlite3 *db = NULL;
		sqlite3_stmt *q = NULL;

		assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode",
						    -1, &q, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(q, 0),
				    "wal");
		sqlite3_finalize(q);
		sqlite3_close(db);
	}
}

static void test_reopen(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	struct area a = { "E06000050", "Cheshire West and Chester", "LA",
			  "E12000002", "896" };

	assert_int_equal(store_put_area(st, &a), 0);
	store_close(st);
	fx->st = NULL;
	/* a second migration would fail on the existing tables; the data
	 * written before is still there */
	st = open_store(fx);
	assert_int_equal(sql_int(fx->path, "PRAGMA user_version"),
			 store_schema_version());
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM area"), 1);
	store_close(st);
	fx->st = NULL;

	/* a warehouse from a newer program is refused */
	{
		static char sentinel;
		char sql[64];
		int saved, rc;
		struct store *st2 = (struct store *)(void *)&sentinel;

		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
			 store_schema_version() + 1);
		sql_exec(fx->path, sql);
		quiet_begin(&saved);
		rc = store_open(fx->path, &st2);
		quiet_end(saved);
		assert_int_equal(rc, -1);
		assert_null(st2);
	}
}

static void test_open_fails(void **state)
{
	struct fixture *fx = *state;
	static char sentinel;
	struct store *st = (struct store *)(void *)&sentinel;
	char path[160];
	int saved, rc;

	/* the folder is a file */
	snprintf(path, sizeof(path), "%s/file", fx->dir);
	{
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/file/jsna.db", fx->dir);
	quiet_begin(&saved);
	rc = store_open(path, &st);
	quiet_end(saved);
	assert_int_equal(rc, -1);
	assert_null(st);
}

static void test_runs(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	long long r1, r2;
	char sql[128];

	r1 = add_run(st, "refresh");
	assert_int_equal(store_run_begin(st, "ingest", r1, &r2), 0);
	assert_true(r2 > r1);
	snprintf(sql, sizeof(sql), "SELECT status IS NULL AND ended IS NULL "
		 "FROM run WHERE id = %lld", r2);
	assert_int_equal(sql_int(fx->path, sql), 1);	/* still running */
	snprintf(sql, sizeof(sql), "SELECT parent FROM run WHERE id = %lld",
		 r2);
	assert_int_equal(sql_int(fx->path, sql), r1);
	snprintf(sql, sizeof(sql), "SELECT parent IS NULL FROM run WHERE "
		 "id = %lld", r1);
	assert_int_equal(sql_int(fx->path, sql), 1);

	assert_int_equal(store_run_end(st, r2, 1), 0);
	snprintf(sql, sizeof(sql), "SELECT status FROM run WHERE id = %lld",
		 r2);
	assert_int_equal(sql_int(fx->path, sql), 1);
	snprintf(sql, sizeof(sql), "SELECT ended IS NOT NULL AND ended >= "
		 "started FROM run WHERE id = %lld", r2);
	assert_int_equal(sql_int(fx->path, sql), 1);
	snprintf(sql, sizeof(sql), "SELECT pid FROM run WHERE id = %lld", r2);
	assert_int_equal(sql_int(fx->path, sql), (long long)getpid());
}

struct areas {
	int n;
	char code[4][16], name[4][64], parent[4][16];
	int has_parent[4];
};

static int on_area(const struct area *a, void *ctx)
{
	struct areas *x = ctx;

	if (x->n == 4)
		return -1;
	snprintf(x->code[x->n], 16, "%s", a->code);
	snprintf(x->name[x->n], 64, "%s", a->name);
	x->has_parent[x->n] = a->parent != NULL;
	snprintf(x->parent[x->n], 16, "%s", a->parent ? a->parent : "");
	x->n++;
	return 0;
}

static void test_areas(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	struct area la = { "E06000050", "Cheshire W", "LA", NULL, NULL };
	struct area eng = { "E92000001", "England", "England", "", "" };
	struct areas x;

	assert_int_equal(store_put_area(st, &la), 0);
	assert_int_equal(store_put_area(st, &eng), 0);
	/* the same code again: not added; the first name stays (the first
	 * file read names an area), a parent not known yet is filled in */
	la.name = "Cheshire West and Chester (renamed)";
	la.parent = "E12000002";
	assert_int_equal(store_put_area(st, &la), 0);
	/* a later load without the parent keeps the one known */
	la.parent = NULL;
	assert_int_equal(store_put_area(st, &la), 0);

	memset(&x, 0, sizeof(x));
	assert_int_equal(store_each_area(st, on_area, &x), 0);
	assert_int_equal(x.n, 2);
	assert_string_equal(x.code[0], "E06000050");	/* by code */
	assert_string_equal(x.name[0], "Cheshire W");
	assert_true(x.has_parent[0]);
	assert_string_equal(x.parent[0], "E12000002");
	assert_string_equal(x.code[1], "E92000001");
	/* an empty parent is stored as none */
	assert_false(x.has_parent[1]);

	/* a callback's negative value stops the reading and is returned */
	memset(&x, 0, sizeof(x));
	x.n = 4;
	assert_int_equal(store_each_area(st, on_area, &x), -1);

	/* known from an earlier session, and still filled in */
	store_close(st);
	fx->st = NULL;
	st = open_store(fx);
	eng.parent = "K04000001";
	assert_int_equal(store_put_area(st, &eng), 0);
	la.parent = "E12000009";
	assert_int_equal(store_put_area(st, &la), 0);
	memset(&x, 0, sizeof(x));
	assert_int_equal(store_each_area(st, on_area, &x), 0);
	assert_string_equal(x.parent[0], "E12000002");
	assert_true(x.has_parent[1]);
	assert_string_equal(x.parent[1], "K04000001");
}

struct obs {
	int n;
	long long file[8];
	char area[8][16], filters[8][64], symbol[8][8], label[8][32];
	int has_symbol[8];
	double value[8];
	enum period_kind kind[8];
	long sortable[8];
};

static int on_obs(const struct observation *o, void *ctx)
{
	struct obs *x = ctx;
	int i = x->n;

	if (i == 8)
		return -1;
	x->file[i] = o->file;
	snprintf(x->area[i], 16, "%s", o->area);
	snprintf(x->filters[i], 64, "%s", o->filters);
	x->has_symbol[i] = o->symbol != NULL;
	snprintf(x->symbol[i], 8, "%s", o->symbol ? o->symbol : "");
	x->value[i] = o->value;
	x->kind[i] = o->period.kind;
	x->sortable[i] = o->period.sortable;
	snprintf(x->label[i], 32, "%s", o->period.label);
	x->n++;
	return 0;
}

static int read_obs(struct store *st, struct obs *x)
{
	memset(x, 0, sizeof(*x));
	return store_each_observation(st, "dfe_cla", "children_count", on_obs,
				      x);
}

static struct observation make_obs(long long file, const char *area,
				   const char *period, double value,
				   const char *symbol)
{
	struct observation o;

	memset(&o, 0, sizeof(o));
	o.file = file;
	o.dataset = "dfe_cla";
	o.measure = "children_count";
	o.area = area;
	assert_int_equal(period_parse(period, NULL, &o.period), 0);
	o.filters = "population_type=Children looked after\x1fsex=Total";
	o.value = value;
	o.symbol = symbol;
	return o;
}

static void test_observations(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	long long run = add_run(st, "ingest");
	long long file = add_file(st, "dfe/cla.csv", run), file2;
	struct observation o;
	struct obs x;
	char sha[65], ssha[65];
	int found;

	assert_int_equal(store_begin(st), 0);
	o = make_obs(file, "E92000001", "2023", 83630, NULL);
	assert_int_equal(store_put_observation(st, &o), 0);
	o = make_obs(file, "E06000050", "2023", NAN, "c");
	assert_int_equal(store_put_observation(st, &o), 0);
	o = make_obs(file, "E06000050", "2022", 584, NULL);
	assert_int_equal(store_put_observation(st, &o), 0);
	o = make_obs(file, "E06000050", "2018/19 Q4", 0.5, NULL);
	assert_int_equal(store_put_observation(st, &o), 0);
	assert_int_equal(store_commit(st), 0);

	assert_int_equal(read_obs(st, &x), 0);
	assert_int_equal(x.n, 4);
	/* by file, then as written */
	assert_string_equal(x.area[0], "E92000001");
	assert_true(fabs(x.value[0] - 83630) < 1e-12);
	assert_string_equal(x.filters[0], "population_type=Children looked "
			    "after\x1fsex=Total");
	assert_int_equal(x.file[0], file);
	/* a withheld value: NaN and its symbol */
	assert_string_equal(x.area[1], "E06000050");
	assert_string_equal(x.label[1], "2023");
	assert_true(isnan(x.value[1]));
	assert_true(x.has_symbol[1]);
	assert_string_equal(x.symbol[1], "c");
	assert_string_equal(x.label[2], "2022");
	assert_int_equal(x.kind[2], PERIOD_CALENDAR);
	assert_true(fabs(x.value[2] - 584) < 1e-12);
	assert_false(x.has_symbol[2]);
	assert_string_equal(x.area[3], "E06000050");
	assert_string_equal(x.label[3], "2018/19 Q4");
	assert_int_equal(x.kind[3], PERIOD_QUARTER);
	assert_int_equal(x.sortable[3], 20190100L);
	assert_true(fabs(x.value[3] - 0.5) < 1e-15);

	/* the file's record */
	assert_int_equal(store_file_hash(st, "dfe/cla.csv", sha, ssha,
					 &found), 0);
	assert_true(found);
	assert_string_equal(sha, "00ff");
	assert_string_equal(ssha, "");		/* not finished yet */
	assert_int_equal(store_file_finish(st, file, "abcd", "ef01", 99, 4),
			 0);
	assert_int_equal(store_file_hash(st, "dfe/cla.csv", sha, ssha,
					 &found), 0);
	assert_string_equal(sha, "abcd");
	assert_string_equal(ssha, "ef01");
	assert_int_equal(sql_int(fx->path, "SELECT rows FROM source_file"),
			 4);
	assert_int_equal(store_file_hash(st, "other.csv", sha, ssha, &found),
			 0);
	assert_false(found);
	assert_string_equal(sha, "");
	assert_string_equal(ssha, "");

	/* loading the same path again drops its observations */
	assert_int_equal(store_file_replace(st, "dfe/cla.csv", "dfe_cla",
					    "1234", 5, run, &file2), 0);
	assert_true(file2 > 0);
	assert_int_equal(store_file_hash(st, "dfe/cla.csv", sha, ssha,
					 &found), 0);
	assert_string_equal(sha, "1234");
	assert_int_equal(read_obs(st, &x), 0);
	assert_int_equal(x.n, 0);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM "
				 "source_file"), 1);

	/* another measure or dataset reads nothing */
	assert_int_equal(store_each_observation(st, "dfe_cla", "other",
						on_obs, &x), 0);
	assert_int_equal(x.n, 0);
}

/* Two series in one file: a selection by filter reads only its own. */
static int count_obs(const struct observation *o, void *ctx)
{
	double *sum = ctx;

	sum[0] += 1;
	if (!isnan(o->value))
		sum[1] += o->value;
	return 0;
}

static void test_observation_series(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	long long run = add_run(st, "ingest");
	long long file = add_file(st, "dfe/cla.csv", run);
	struct observation o;
	double sum[2];
	int i;

	assert_int_equal(store_begin(st), 0);
	for (i = 0; i < 3; i++) {
		o = make_obs(file, i ? "E06000050" : "E92000001", "2023",
			     10 + i, NULL);
		o.filters = "population_type=Starting\x1fsex=Total";
		assert_int_equal(store_put_observation(st, &o), 0);
		o.filters = "population_type=Ceasing\x1fsex=Female";
		o.value = 100 + i;
		assert_int_equal(store_put_observation(st, &o), 0);
	}
	assert_int_equal(store_commit(st), 0);
	memset(sum, 0, sizeof(sum));
	assert_int_equal(store_each_observation_with(st, "dfe_cla",
			"children_count", "sex=Total", NULL, count_obs, sum),
			 0);
	assert_true(fabs(sum[0] - 3) < 1e-12 && fabs(sum[1] - 33) < 1e-12);
	memset(sum, 0, sizeof(sum));
	assert_int_equal(store_each_observation_with(st, "dfe_cla",
			"children_count", "sex=Female",
			"population_type=Ceasing", count_obs, sum), 0);
	assert_true(fabs(sum[0] - 3) < 1e-12 && fabs(sum[1] - 303) < 1e-12);
	/* a pair must match whole: "sex=Fem" is not "sex=Female" */
	memset(sum, 0, sizeof(sum));
	assert_int_equal(store_each_observation_with(st, "dfe_cla",
			"children_count", "sex=Fem", NULL, count_obs, sum),
			 0);
	assert_true(sum[0] < 0.5);
	memset(sum, 0, sizeof(sum));
	assert_int_equal(store_each_observation(st, "dfe_cla",
			"children_count", count_obs, sum), 0);
	assert_true(fabs(sum[0] - 6) < 1e-12);
	/* one block per series; the texts numbered once */
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM obs_block"),
			 2);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM obs_text"),
			 2);
}

/* What a rolled-back transaction or savepoint held is gone, and what is
 * written after it reads back with the right texts. */
static void test_observation_rollback(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	long long run = add_run(st, "ingest");
	long long file = add_file(st, "dfe/cla.csv", run);
	struct observation o;
	struct obs x;

	assert_int_equal(store_begin(st), 0);
	o = make_obs(file, "E06000050", "2023", 1, "c");
	o.note = "a note that goes";
	assert_int_equal(store_put_observation(st, &o), 0);
	assert_int_equal(store_rollback(st), 0);
	assert_int_equal(read_obs(st, &x), 0);
	assert_int_equal(x.n, 0);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM obs_text"),
			 0);

	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_savepoint(st), 0);
	o = make_obs(file, "E06000051", "2023", 2, NULL);
	assert_int_equal(store_put_observation(st, &o), 0);
	assert_int_equal(store_savepoint_rollback(st), 0);
	o = make_obs(file, "E06000052", "2024", 3, "x");
	assert_int_equal(store_put_observation(st, &o), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(read_obs(st, &x), 0);
	assert_int_equal(x.n, 1);
	assert_string_equal(x.area[0], "E06000052");
	assert_string_equal(x.symbol[0], "x");
	assert_string_equal(x.label[0], "2024");

	/* closing outside a transaction keeps what was put */
	o = make_obs(file, "E06000053", "2024", 4, NULL);
	assert_int_equal(store_put_observation(st, &o), 0);
	store_close(st);
	fx->st = NULL;
	st = open_store(fx);
	assert_int_equal(read_obs(st, &x), 0);
	assert_int_equal(x.n, 2);
	assert_string_equal(x.area[1], "E06000053");
}

/* The series API: many values go out in several blocks and read back in
 * order, whole numbers and fractions alike. */
struct seq {
	long long n;
	double sum;
	int in_order;
	uint32_t last;
};

static int on_seq(const struct observation *o, void *ctx)
{
	struct seq *q = ctx;
	unsigned v = (unsigned)atoi(o->area + 3);

	if (q->n && v != q->last + 1)
		q->in_order = 0;
	q->last = v;
	q->n++;
	q->sum += o->value;
	return 0;
}

static void test_observation_blocks(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	long long run = add_run(st, "ingest");
	long long file = add_file(st, "ons/sape.csv", run);
	struct store_series *se;
	struct period p;
	struct seq q;
	double expect = 0;
	uint32_t id;
	int i;
	char code[16];

	assert_int_equal(period_parse("2022", NULL, &p), 0);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_series(st, file, "dfe_cla", "children_count",
				      "age=0", &se), 0);
	for (i = 0; i < 100000; i++) {
		double v = i % 7 ? (double)(i % 50) : i * 0.25 - 3;

		snprintf(code, sizeof(code), "E01%06d", i);
		assert_int_equal(store_text_id(st, code, &id), 0);
		assert_int_equal(store_series_put(st, se, id, &p, v, 0, 0),
				 0);
		expect += v;
	}
	assert_int_equal(store_commit(st), 0);
	assert_true(sql_int(fx->path, "SELECT count(*) FROM obs_block") > 1);
	assert_int_equal(sql_int(fx->path, "SELECT sum(rows) FROM obs_block"),
			 100000);
	/* about a byte or two a whole number, eight a fraction */
	assert_true(sql_int(fx->path, "SELECT sum(length(data)) FROM "
			    "obs_block") < 100000 * 3);
	memset(&q, 0, sizeof(q));
	q.in_order = 1;
	assert_int_equal(store_each_observation(st, "dfe_cla",
			"children_count", on_seq, &q), 0);
	assert_int_equal(q.n, 100000);
	assert_true(q.in_order);
	assert_true(fabs(q.sum - expect) < 1e-6);
	/* reloading the file drops its blocks */
	assert_int_equal(store_file_replace(st, "ons/sape.csv", "dfe_cla",
					    "11", 1, run, &file), 0);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM obs_block"),
			 0);
}

/* A warehouse of schema version 4 (observations one row each) opens
 * with its observations moved into blocks. */
extern const char jsna_schema_sql[];

static void test_migrate_observations(void **state)
{
	struct fixture *fx = *state;
	const char *v5 = strstr(jsna_schema_sql, "-- version 5");
	char *v4;
	struct store *st;
	struct obs x;

	assert_non_null(v5);
	assert_int_equal(store_open(fx->path, &fx->st), 0);	/* the folders */
	store_close(fx->st);
	fx->st = NULL;
	assert_int_equal(unlink(fx->path), 0);
	v4 = strndup(jsna_schema_sql, (size_t)(v5 - jsna_schema_sql));
	assert_non_null(v4);
	{
		sqlite3 *db = NULL;

		assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, v4, NULL, NULL, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_exec(db,
			"PRAGMA user_version = 4;"
			"INSERT INTO run(id, command, started, version, pid) "
			"VALUES (1, 'ingest', 'x', 'y', 1);"
			"INSERT INTO dataset VALUES ('dfe_cla', 't', 'p', 's');"
			"INSERT INTO source_file(id, path, dataset, sha256, "
			"source_sha256, size, rows, run, loaded) VALUES (7, "
			"'a.csv', 'dfe_cla', 'aa', 'bb', 1, 2, 1, 'x');"
			"INSERT INTO observation VALUES (7, 'dfe_cla', "
			"'children_count', 'E06000050', 0, 2023, 0, "
			"'sex=Total', 584.5, NULL, 'revised');"
			"INSERT INTO observation VALUES (7, 'dfe_cla', "
			"'children_count', 'E92000001', 0, 2023, 0, "
			"'sex=Total', NULL, 'c', NULL);",
			NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
	}
	free(v4);
	st = open_store(fx);
	assert_int_equal(sql_int(fx->path, "PRAGMA user_version"),
			 store_schema_version());
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM "
				 "sqlite_master WHERE name = 'observation'"),
			 0);
	memset(&x, 0, sizeof(x));
	assert_int_equal(store_each_observation(st, "dfe_cla",
			"children_count", on_obs, &x), 0);
	assert_int_equal(x.n, 2);
	assert_string_equal(x.area[0], "E06000050");
	assert_true(fabs(x.value[0] - 584.5) < 1e-12);
	assert_int_equal(x.file[0], 7);
	assert_string_equal(x.filters[0], "sex=Total");
	assert_string_equal(x.area[1], "E92000001");
	assert_string_equal(x.symbol[1], "c");
	assert_true(isnan(x.value[1]));
}

static void test_savepoint(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	long long run = add_run(st, "ingest");
	long long file = add_file(st, "a.csv", run);
	struct observation o;
	struct obs x;

	assert_int_equal(store_begin(st), 0);
	/* a file that loads: kept */
	assert_int_equal(store_savepoint(st), 0);
	o = make_obs(file, "E06000050", "2022", 1, NULL);
	assert_int_equal(store_put_observation(st, &o), 0);
	assert_int_equal(store_savepoint_release(st), 0);
	/* a file that fails half way: rolled back */
	assert_int_equal(store_savepoint(st), 0);
	o = make_obs(file, "E06000050", "2023", 2, NULL);
	assert_int_equal(store_put_observation(st, &o), 0);
	o = make_obs(file, "E92000001", "2023", 3, NULL);
	assert_int_equal(store_put_observation(st, &o), 0);
	assert_int_equal(read_obs(st, &x), 0);
	assert_int_equal(x.n, 3);		/* seen inside */
	assert_int_equal(store_savepoint_rollback(st), 0);
	assert_int_equal(read_obs(st, &x), 0);
	assert_int_equal(x.n, 1);
	/* and the transaction goes on after it */
	o = make_obs(file, "E92000001", "2022", 4, NULL);
	assert_int_equal(store_put_observation(st, &o), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(read_obs(st, &x), 0);
	assert_int_equal(x.n, 2);
	assert_true(fabs(x.value[0] - 1) < 1e-15);
	assert_true(fabs(x.value[1] - 4) < 1e-15);

	/* a whole transaction rolled back */
	assert_int_equal(store_begin(st), 0);
	o = make_obs(file, "E92000001", "2021", 5, NULL);
	assert_int_equal(store_put_observation(st, &o), 0);
	assert_int_equal(store_rollback(st), 0);
	assert_int_equal(read_obs(st, &x), 0);
	assert_int_equal(x.n, 2);
}

static void test_prune(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	long long run = add_run(st, "ingest");
	long long fa = add_file(st, "a.csv", run);
	long long fb = add_file(st, "b.csv", run);
	long long fc = add_file(st, "c.csv", run);
	const char *keep[] = { "c.csv", "a.csv", "not-loaded.csv" };
	struct observation o;
	struct obs x;
	size_t dropped = 99;

	o = make_obs(fa, "E06000050", "2022", 1, NULL);
	assert_int_equal(store_put_observation(st, &o), 0);
	o = make_obs(fb, "E06000050", "2023", 2, NULL);
	assert_int_equal(store_put_observation(st, &o), 0);
	o = make_obs(fc, "E06000050", "2024", 3, NULL);
	assert_int_equal(store_put_observation(st, &o), 0);

	assert_int_equal(store_file_prune(st, keep, 3, &dropped), 0);
	assert_int_equal(dropped, 1);
	assert_int_equal(read_obs(st, &x), 0);
	assert_int_equal(x.n, 2);
	assert_int_equal(x.file[0], fa);
	assert_int_equal(x.file[1], fc);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM "
				 "source_file WHERE path = 'b.csv'"), 0);
	/* nothing more to drop */
	assert_int_equal(store_file_prune(st, keep, 3, &dropped), 0);
	assert_int_equal(dropped, 0);
	/* keeping nothing drops everything */
	assert_int_equal(store_file_prune(st, NULL, 0, &dropped), 0);
	assert_int_equal(dropped, 2);
	assert_int_equal(read_obs(st, &x), 0);
	assert_int_equal(x.n, 0);
}

struct vals {
	int n;
	char ind[8][16], area[8][16], label[8][32], note[8][16];
	char cmp[8][16], quartile[8][4], cat[8][16];
	double value[8], lower95[8], upper998[8], count[8], nb[8];
	int rank[8], rank_of[8];
};

static int on_val(const struct value_row *v, void *ctx)
{
	struct vals *x = ctx;
	int i = x->n;

	if (i == 8)
		return -1;
	snprintf(x->ind[i], 16, "%s", v->indicator);
	snprintf(x->area[i], 16, "%s", v->area);
	snprintf(x->label[i], 32, "%s", v->period.label);
	snprintf(x->note[i], 16, "%s", v->note);
	snprintf(x->cmp[i], 16, "%s", v->cmp_england);
	snprintf(x->quartile[i], 4, "%s", v->quartile);
	snprintf(x->cat[i], 16, "%s", v->category);
	x->value[i] = v->value;
	x->lower95[i] = v->lower95;
	x->upper998[i] = v->upper998;
	x->count[i] = v->count;
	x->nb[i] = v->neighbour_avg;
	x->rank[i] = v->rank;
	x->rank_of[i] = v->rank_of;
	x->n++;
	return 0;
}

static struct value_row make_val(const char *ind, const char *area,
				  const char *period, double value)
{
	struct value_row v;

	memset(&v, 0, sizeof(v));
	v.indicator = ind;
	v.area = area;
	assert_int_equal(period_parse(period, "Reporting year", &v.period), 0);
	v.value = value;
	v.lower95 = v.upper95 = v.lower998 = v.upper998 = NAN;
	v.count = v.denominator = v.neighbour_avg = NAN;
	return v;
}

static void test_values(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	long long run = add_run(st, "calc"), other = add_run(st, "calc");
	struct value_row v;
	struct vals x;

	v = make_val("cla_rate", "E06000050", "2024", 93.6);
	v.lower95 = 88.1;
	v.upper95 = 99.3;
	v.lower998 = 84.9;
	v.upper998 = 102.8;
	v.count = 584;
	v.denominator = 62410;
	v.note = NULL;
	v.cmp_england = "Higher";
	v.neighbour_avg = 101.25;
	v.rank = 12;
	v.rank_of = 152;
	v.quartile = "B";
	assert_int_equal(store_put_value(st, run, &v), 0);
	/* a withheld value: NaN everywhere, no rank */
	v = make_val("cla_rate", "E06000050", "2023", NAN);
	v.note = "c";
	assert_int_equal(store_put_value(st, run, &v), 0);
	v = make_val("cla_rate", "E92000001", "2024", 70);
	assert_int_equal(store_put_value(st, run, &v), 0);
	v = make_val("aaa_count", "E06000050", "2024", 3);
	v.category_type = "Sex";
	v.category = "Female";
	assert_int_equal(store_put_value(st, run, &v), 0);
	/* another run's values are apart */
	v = make_val("cla_rate", "E06000050", "2024", 1);
	assert_int_equal(store_put_value(st, other, &v), 0);

	memset(&x, 0, sizeof(x));
	assert_int_equal(store_each_value(st, run, NULL, NULL, on_val, &x), 0);
	assert_int_equal(x.n, 4);
	/* by indicator, area, category, period */
	assert_string_equal(x.ind[0], "aaa_count");
	assert_string_equal(x.cat[0], "Female");
	assert_string_equal(x.ind[1], "cla_rate");
	assert_string_equal(x.area[1], "E06000050");
	assert_string_equal(x.label[1], "2023");
	assert_true(isnan(x.value[1]));
	assert_true(isnan(x.lower95[1]));
	assert_true(isnan(x.count[1]));
	assert_true(isnan(x.nb[1]));
	assert_string_equal(x.note[1], "c");
	assert_int_equal(x.rank[1], 0);
	assert_int_equal(x.rank_of[1], 0);
	assert_string_equal(x.quartile[1], "");
	assert_string_equal(x.cmp[1], "");
	assert_string_equal(x.label[2], "2024");
	assert_true(fabs(x.value[2] - 93.6) < 1e-12);
	assert_true(fabs(x.lower95[2] - 88.1) < 1e-12);
	assert_true(fabs(x.upper998[2] - 102.8) < 1e-12);
	assert_true(fabs(x.count[2] - 584) < 1e-12);
	assert_true(fabs(x.nb[2] - 101.25) < 1e-12);
	assert_string_equal(x.note[2], "");	/* NULL is stored as "" */
	assert_string_equal(x.cmp[2], "Higher");
	assert_int_equal(x.rank[2], 12);
	assert_int_equal(x.rank_of[2], 152);
	assert_string_equal(x.quartile[2], "B");
	assert_string_equal(x.area[3], "E92000001");

	/* one indicator, one area */
	memset(&x, 0, sizeof(x));
	assert_int_equal(store_each_value(st, run, "cla_rate", "E92000001",
					  on_val, &x), 0);
	assert_int_equal(x.n, 1);
	assert_true(fabs(x.value[0] - 70) < 1e-12);
	memset(&x, 0, sizeof(x));
	assert_int_equal(store_each_value(st, run, NULL, "E06000050", on_val,
					  &x), 0);
	assert_int_equal(x.n, 3);
	memset(&x, 0, sizeof(x));
	assert_int_equal(store_each_value(st, other, NULL, NULL, on_val, &x),
			 0);
	assert_int_equal(x.n, 1);
	assert_true(fabs(x.value[0] - 1) < 1e-12);

	/* the same key again replaces the row */
	v = make_val("cla_rate", "E92000001", "2024", 71);
	assert_int_equal(store_put_value(st, run, &v), 0);
	memset(&x, 0, sizeof(x));
	assert_int_equal(store_each_value(st, run, "cla_rate", "E92000001",
					  on_val, &x), 0);
	assert_int_equal(x.n, 1);
	assert_true(fabs(x.value[0] - 71) < 1e-12);
}

static void test_latest_calc(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	long long run = -1, c1, c2, c3, c4, i1;

	assert_int_equal(store_latest_calc(st, &run), 0);
	assert_int_equal(run, 0);			/* none yet */
	c1 = add_run(st, "calc");
	assert_int_equal(store_latest_calc(st, &run), 0);
	assert_int_equal(run, 0);			/* not finished */
	assert_int_equal(store_run_end(st, c1, 0), 0);
	assert_int_equal(store_latest_calc(st, &run), 0);
	assert_int_equal(run, c1);
	c2 = add_run(st, "calc");
	assert_int_equal(store_run_end(st, c2, 1), 0);	/* some rejected */
	i1 = add_run(st, "ingest");
	assert_int_equal(store_run_end(st, i1, 0), 0);	/* not a calc */
	c3 = add_run(st, "calc");
	assert_int_equal(store_run_end(st, c3, 3), 0);	/* failed */
	c4 = add_run(st, "calc");			/* running */
	(void)c4;
	assert_int_equal(store_latest_calc(st, &run), 0);
	assert_int_equal(run, c2);
}

struct inds {
	int n;
	char id[4][16], title[4][64], unit[4][64], sex[4][16], age[4][16];
	double multiplier[4];
	int decimals[4];
};

static int on_indicator(const struct indicator_meta *m, void *ctx)
{
	struct inds *x = ctx;
	int i = x->n;

	if (i == 4)
		return -1;
	snprintf(x->id[i], 16, "%s", m->id);
	snprintf(x->title[i], 64, "%s", m->title);
	snprintf(x->unit[i], 64, "%s", m->unit);
	snprintf(x->sex[i], 16, "%s", m->sex);
	snprintf(x->age[i], 16, "%s", m->age);
	x->multiplier[i] = m->multiplier;
	x->decimals[i] = m->decimals;
	x->n++;
	return 0;
}

static void test_indicators(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	long long run = add_run(st, "calc"), other = add_run(st, "calc");
	struct indicator_meta m;
	struct inds x;

	memset(&m, 0, sizeof(m));
	m.id = "cla_rate";
	m.title = "Children in care";
	m.domain = "Care";
	m.type = "rate";
	m.multiplier = 10000;
	m.polarity = "none";
	m.ci = "byar";
	m.decimals = 0;
	m.unit = "per 10,000 children aged under 18";
	m.count_label = "children in care";
	m.sex = "Persons";
	m.age = "<18 yrs";
	m.source = "DfE";
	m.definition = "indicators/cla_rate.ini";
	m.sha256 = "ab";
	assert_int_equal(store_put_indicator(st, run, &m), 0);
	m.title = "Children in care (again)";
	assert_int_equal(store_put_indicator(st, run, &m), 0);	/* replaces */
	m.id = "aaa";
	m.decimals = 2;
	m.multiplier = 100;
	assert_int_equal(store_put_indicator(st, run, &m), 0);
	assert_int_equal(store_put_indicator(st, other, &m), 0);

	memset(&x, 0, sizeof(x));
	assert_int_equal(store_each_indicator(st, run, on_indicator, &x), 0);
	assert_int_equal(x.n, 2);
	assert_string_equal(x.id[0], "aaa");		/* in id order */
	assert_int_equal(x.decimals[0], 2);
	assert_string_equal(x.id[1], "cla_rate");
	assert_string_equal(x.title[1], "Children in care (again)");
	assert_string_equal(x.unit[1], "per 10,000 children aged under 18");
	assert_string_equal(x.sex[1], "Persons");
	assert_string_equal(x.age[1], "<18 yrs");
	assert_true(fabs(x.multiplier[1] - 10000) < 1e-12);
	memset(&x, 0, sizeof(x));
	assert_int_equal(store_each_indicator(st, other, on_indicator, &x),
			 0);
	assert_int_equal(x.n, 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_open_creates),
		T(test_reopen),
		T(test_open_fails),
		T(test_runs),
		T(test_areas),
		T(test_observations),
		T(test_observation_series),
		T(test_observation_rollback),
		T(test_observation_blocks),
		T(test_migrate_observations),
		T(test_savepoint),
		T(test_prune),
		T(test_values),
		T(test_latest_calc),
		T(test_indicators),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
