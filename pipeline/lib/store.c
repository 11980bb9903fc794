/* store.c - the only file that includes <sqlite3.h>; all SQL lives here
 * and in schema.sql. */
#include "jsna/store.h"

#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/obsblock.h"
#include "jsna/strmap.h"
#include "jsna/util.h"

extern const char jsna_schema_sql[];

/* A series being written goes out as a block when it holds this much. */
#define BLOCK_BYTES	(64 * 1024)

enum stmt_id {
	S_BEGIN, S_COMMIT, S_ROLLBACK, S_SAVEPOINT, S_RELEASE, S_ROLLBACK_TO,
	S_RUN_BEGIN, S_RUN_END,
	S_AREA_PUT, S_AREA_EACH,
	S_DATASET_PUT,
	S_FILE_HASH, S_FILE_DELETE, S_FILE_INSERT, S_FILE_ROWS, S_FILE_ALL,
	S_FILE_EACH, S_RUN_LATEST,
	S_OBS_EACH, S_LOOKUP_PUT, S_LOOKUP_EACH, S_FILE_STATUS,
	S_DATASET_EACH, S_FILTER_EACH,
	S_IND_PUT, S_IND_EACH,
	S_VAL_PUT, S_VAL_EACH, S_LATEST_CALC, S_CAT_PUT, S_CAT_EACH, S_DATASET_LOADED,
	S_RUN_RECORD, S_RUN_INFO, S_LAST_REFRESH, S_RUN_FILE_PUT, S_RUN_FILE_EACH,
	S_HASH_GET, S_HASH_PUT, S_VALUES_RUN, S_PRUNE_VALUES, S_PRUNE_IND,
	S_PRUNE_CAT, S_PRUNE_RUN_FILE, S_STATUS_EACH, S_LAST_OUTSET,
	S_TEXT_PUT, S_TEXT_ALL, S_BLOCK_PUT, S_AREA_KNOWN,
	S_VAL_EACH_IND, S_VAL_EACH_AREA, S_VAL_EACH_BOTH, S_SERIES_EACH,
	S_COUNT
};

/* Each statement with what it is for, named in error messages. */
static const struct { const char *what, *sql; } stmts[S_COUNT] = {
	[S_BEGIN] = { "begin a transaction", "BEGIN IMMEDIATE" },
	[S_COMMIT] = { "commit", "COMMIT" },
	[S_ROLLBACK] = { "roll back", "ROLLBACK" },
	[S_SAVEPOINT] = { "start a savepoint", "SAVEPOINT file" },
	[S_RELEASE] = { "release a savepoint", "RELEASE file" },
	[S_ROLLBACK_TO] = { "roll back a file", "ROLLBACK TO file" },
	[S_RUN_BEGIN] = { "record a run",
		"INSERT INTO run(command, parent, started, version, pid) "
		"VALUES (?1, ?2, ?3, ?4, ?5)" },
	[S_RUN_END] = { "record the end of a run",
		"UPDATE run SET ended = ?2, status = ?3 WHERE id = ?1" },
	[S_AREA_PUT] = { "record an area",
		"INSERT INTO area(code, name, level, parent, la_number) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(code) DO UPDATE SET "
		"name = CASE WHEN area.name = '' THEN excluded.name "
		"ELSE area.name END, "
		"parent = coalesce(area.parent, excluded.parent), "
		"la_number = coalesce(area.la_number, excluded.la_number)" },
	[S_AREA_EACH] = { "read areas",
		"SELECT code, name, level, parent, la_number FROM area "
		"ORDER BY code" },
	[S_DATASET_PUT] = { "record a dataset",
		"INSERT INTO dataset(id, title, publisher, source) "
		"VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO UPDATE SET "
		"title = excluded.title, publisher = excluded.publisher, "
		"source = excluded.source" },
	[S_FILE_HASH] = { "look up a loaded file",
		"SELECT sha256, source_sha256 FROM source_file WHERE path = ?1" },
	[S_FILE_DELETE] = { "drop a file's last load",
		"DELETE FROM source_file WHERE path = ?1" },
	[S_FILE_INSERT] = { "record a loaded file",
		"INSERT INTO source_file(path, dataset, sha256, source_sha256, "
		"size, rows, run, loaded) VALUES (?1, ?2, ?3, '', ?4, 0, ?5, ?6)" },
	[S_FILE_ROWS] = { "record a file's load",
		"UPDATE source_file SET sha256 = ?2, source_sha256 = ?3, "
		"size = ?4, rows = ?5 WHERE id = ?1" },
	[S_FILE_ALL] = { "list loaded files",
		"SELECT path FROM source_file ORDER BY path" },
	[S_FILE_EACH] = { "read the loaded files",
		"SELECT path, dataset, sha256, size, rows, loaded, id "
		"FROM source_file ORDER BY path" },
	[S_RUN_LATEST] = { "find the latest run of a command",
		"SELECT id, coalesce(status, -1), coalesce(ended, '') FROM run "
		"WHERE command = ?1 AND (?2 = 0 OR status IN (0, 1)) "
		"ORDER BY id DESC LIMIT 1" },
	[S_TEXT_PUT] = { "number a text",
		"INSERT INTO obs_text(text) VALUES (?1)" },
	[S_TEXT_ALL] = { "read the numbered texts",
		"SELECT id, text FROM obs_text WHERE id > ?1 ORDER BY id" },
	[S_BLOCK_PUT] = { "store a block of observations",
		"INSERT INTO obs_block(file, dataset, measure, filters, rows, "
		"first_year, last_year, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		"?7, ?8)" },
	[S_AREA_KNOWN] = { "read the areas known",
		"SELECT code, name, parent, la_number FROM area" },
	[S_FILE_STATUS] = { "record what became of a file",
		"INSERT OR REPLACE INTO file_status(run, path, sha256, status, "
		"dataset, rows, errors) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" },
	[S_LOOKUP_PUT] = { "store a reference row",
		"INSERT INTO lookup(file, dataset, kind, code, other, rank, "
		"label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" },
	[S_LOOKUP_EACH] = { "read reference rows",
		"SELECT file, dataset, kind, code, other, rank, label "
		"FROM lookup WHERE kind = ?1 ORDER BY code, rank, file" },
	[S_OBS_EACH] = { "read observations",
		"SELECT file, filters, data FROM obs_block WHERE dataset = ?1 "
		"AND measure = ?2 ORDER BY file, id" },
	[S_DATASET_EACH] = { "list datasets",
		"SELECT d.id, d.title, d.publisher, o.measure, sum(o.rows), "
		"count(DISTINCT o.file), min(o.first_year), max(o.last_year) "
		"FROM dataset d JOIN obs_block o ON o.dataset = d.id "
		"GROUP BY d.id, o.measure "
		"UNION ALL SELECT d.id, d.title, d.publisher, "
		"'lookup:' || l.kind, count(*), count(DISTINCT l.file), 0, 0 "
		"FROM dataset d JOIN lookup l ON l.dataset = d.id "
		"GROUP BY d.id, l.kind ORDER BY 1, 4" },
	[S_FILTER_EACH] = { "list a dataset's filters",
		"SELECT DISTINCT filters FROM obs_block WHERE dataset = ?1 "
		"ORDER BY filters" },
	[S_SERIES_EACH] = { "list a measure's series",
		"SELECT DISTINCT filters FROM obs_block WHERE dataset = ?1 "
		"AND measure = ?2 ORDER BY filters" },
	[S_IND_PUT] = { "store an indicator",
		"INSERT OR REPLACE INTO indicator(run, id, title, domain, type, "
		"multiplier, polarity, ci, decimals, unit, count_label, sex, "
		"age, source, definition, sha256, denominator_label, target, "
		"base_year, last_update, next_update, group_a, group_b, "
		"datasets, continues) VALUES (?1, ?2, ?3, ?4, ?5, "
		"?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
		"?19, ?20, ?21, ?22, ?23, ?24, ?25)" },
	[S_IND_EACH] = { "read indicators",
		"SELECT id, title, domain, type, multiplier, polarity, ci, "
		"decimals, unit, count_label, sex, age, source, definition, "
		"sha256, denominator_label, target, base_year, last_update, "
		"next_update, group_a, group_b, datasets, continues "
		"FROM indicator WHERE run = ?1 ORDER BY id" },
	[S_VAL_PUT] = { "store an indicator value",
		"INSERT OR REPLACE INTO indicator_value(run, indicator, area, "
		"kind, year, month, category_type, category, value, lower95, "
		"upper95, lower998, upper998, count, denominator, note, "
		"cmp_england, cmp_parent, trend, neighbour_avg, rank, rank_of, "
		"quartile, cmp_goal, change_prev, change_base, rank_region, "
		"rank_region_of, rank_neighbours, rank_neighbours_of, new_data) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		"?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
		"?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)" },
	/* One statement for each way of asking, so that each uses the
	 * primary key (run, indicator, area, ...) as far as it can. */
	[S_VAL_EACH] = { "read indicator values",
		"SELECT indicator, area, kind, year, month, category_type, "
		"category, value, lower95, upper95, lower998, upper998, count, "
		"denominator, note, cmp_england, cmp_parent, trend, "
		"neighbour_avg, rank, rank_of, quartile, cmp_goal, change_prev, "
		"change_base, rank_region, rank_region_of, rank_neighbours, "
		"rank_neighbours_of, new_data FROM indicator_value "
		"WHERE run = ?1 "
		"ORDER BY indicator, area, category_type, category, year, month" },
	[S_VAL_EACH_IND] = { "read indicator values",
		"SELECT indicator, area, kind, year, month, category_type, "
		"category, value, lower95, upper95, lower998, upper998, count, "
		"denominator, note, cmp_england, cmp_parent, trend, "
		"neighbour_avg, rank, rank_of, quartile, cmp_goal, change_prev, "
		"change_base, rank_region, rank_region_of, rank_neighbours, "
		"rank_neighbours_of, new_data FROM indicator_value "
		"WHERE run = ?1 AND indicator = ?2 "
		"ORDER BY indicator, area, category_type, category, year, month" },
	[S_VAL_EACH_AREA] = { "read indicator values",
		"SELECT indicator, area, kind, year, month, category_type, "
		"category, value, lower95, upper95, lower998, upper998, count, "
		"denominator, note, cmp_england, cmp_parent, trend, "
		"neighbour_avg, rank, rank_of, quartile, cmp_goal, change_prev, "
		"change_base, rank_region, rank_region_of, rank_neighbours, "
		"rank_neighbours_of, new_data FROM indicator_value "
		"WHERE run = ?1 AND area = ?3 "
		"ORDER BY indicator, area, category_type, category, year, month" },
	[S_VAL_EACH_BOTH] = { "read indicator values",
		"SELECT indicator, area, kind, year, month, category_type, "
		"category, value, lower95, upper95, lower998, upper998, count, "
		"denominator, note, cmp_england, cmp_parent, trend, "
		"neighbour_avg, rank, rank_of, quartile, cmp_goal, change_prev, "
		"change_base, rank_region, rank_region_of, rank_neighbours, "
		"rank_neighbours_of, new_data FROM indicator_value "
		"WHERE run = ?1 AND indicator = ?2 AND area = ?3 "
		"ORDER BY indicator, area, category_type, category, year, month" },
	[S_LATEST_CALC] = { "find the latest calculation",
		"SELECT max(id) FROM run WHERE command = 'calc' AND "
		"status IN (0, 1)" },
	[S_CAT_PUT] = { "store a breakdown",
		"INSERT OR REPLACE INTO indicator_category(run, indicator, "
		"name, category_type, category, ord) VALUES (?1, ?2, ?3, ?4, "
		"?5, ?6)" },
	[S_RUN_RECORD] = { "record what a refresh read",
		"UPDATE run SET fingerprint = ?2, outset = ?3, note = ?4 "
		"WHERE id = ?1" },
	[S_RUN_INFO] = { "read a run",
		"SELECT id, command, coalesce(status, -1), started, "
		"coalesce(ended, ''), version, coalesce(fingerprint, ''), "
		"coalesce(outset, ''), note, coalesce(parent, 0) FROM run "
		"WHERE id = ?1" },
	[S_LAST_REFRESH] = { "find the last good refresh",
		"SELECT max(id) FROM run WHERE command = 'refresh' AND "
		"status IN (0, 1) AND (?1 = 0 OR id < ?1)" },
	[S_LAST_OUTSET] = { "find the output set published last",
		"SELECT outset FROM run WHERE coalesce(outset, '') != '' AND "
		"status IN (0, 1) ORDER BY id DESC LIMIT 1" },
	[S_RUN_FILE_PUT] = { "record a file a refresh read",
		"INSERT OR REPLACE INTO run_file(run, kind, path, sha256, size) "
		"VALUES (?1, ?2, ?3, ?4, ?5)" },
	[S_RUN_FILE_EACH] = { "read the files a refresh read",
		"SELECT kind, path, sha256, size FROM run_file WHERE run = ?1 "
		"ORDER BY kind, path" },
	[S_HASH_GET] = { "look up a known hash",
		"SELECT sha256 FROM hash_cache WHERE path = ?1 AND size = ?2 "
		"AND mtime_ns = ?3 AND ctime_ns = ?4 AND inode = ?5" },
	[S_HASH_PUT] = { "remember a hash",
		"INSERT OR REPLACE INTO hash_cache(path, size, mtime_ns, "
		"ctime_ns, inode, sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6)" },
	[S_VALUES_RUN] = { "find the values a refresh published",
		"SELECT max(r.id) FROM run r WHERE r.command = 'calc' AND "
		"r.status IN (0, 1) AND r.parent IS NOT NULL AND "
		"r.parent <= ?1 AND EXISTS (SELECT 1 FROM indicator i "
		"WHERE i.run = r.id)" },
	[S_PRUNE_VALUES] = { "drop old values",
		"DELETE FROM indicator_value WHERE run NOT IN (SELECT id FROM "
		"run WHERE command = 'calc' AND status IN (0, 1) ORDER BY id "
		"DESC LIMIT ?1)" },
	[S_PRUNE_IND] = { "drop old indicator records",
		"DELETE FROM indicator WHERE run NOT IN (SELECT id FROM "
		"run WHERE command = 'calc' AND status IN (0, 1) ORDER BY id "
		"DESC LIMIT ?1)" },
	[S_PRUNE_CAT] = { "drop old breakdown records",
		"DELETE FROM indicator_category WHERE run NOT IN (SELECT id "
		"FROM run WHERE command = 'calc' AND status IN (0, 1) ORDER BY "
		"id DESC LIMIT ?1)" },
	[S_PRUNE_RUN_FILE] = { "drop old run records",
		"DELETE FROM run_file WHERE run != ?2 AND run NOT IN (SELECT "
		"id FROM run WHERE command = 'refresh' AND status IN (0, 1) "
		"ORDER BY id DESC LIMIT ?1)" },
	[S_STATUS_EACH] = { "read what became of each input",
		"SELECT f.path, f.status, coalesce(f.dataset, ''), f.rows, "
		"f.errors FROM file_status f JOIN run r ON r.id = f.run "
		"WHERE r.parent = ?1 ORDER BY f.path" },
	[S_DATASET_LOADED] = { "look for a dataset's values",
		"SELECT EXISTS (SELECT 1 FROM obs_block WHERE dataset = ?1)" },
	[S_CAT_EACH] = { "read breakdowns",
		"SELECT indicator, name, category_type, category FROM "
		"indicator_category WHERE run = ?1 ORDER BY indicator, ord" },
};

/* A series being written: one file's dataset, measure and filters. */
struct store_series {
	long long file;
	char *dataset, *measure, *filters;
	struct obsblock_enc enc;
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *st[S_COUNT];
	/* Observations being written, by "file US dataset US measure US
	 * filters"; written out as blocks when full, when their file is
	 * finished and before anything reads or commits. */
	struct strmap series;
	/* The numbered texts (obs_text) seen so far, both ways. */
	struct strmap text_ids;		/* text -> number, as a pointer */
	char **texts;			/* number -> text (NULL: not read) */
	size_t texts_alloc;
	long long texts_read;		/* numbers read from obs_text */
	int texts_loaded;
	/* Areas already recorded as a put would leave them (code -> flags
	 * AREA_*), so that a file of 30,000 small areas writes nothing when
	 * they are known. */
	struct strmap areas;
	int areas_loaded;
	struct buf key, blob;
	long long key_file;		/* the file whose number is key_num */
	char key_num[24];
};

enum { AREA_KNOWN = 1, AREA_NAMED = 2, AREA_PARENT = 4, AREA_NUMBER = 8 };

/* SQLite says "disk I/O error" for any failed read or write: say which
 * operation failed, and why when the system said ("File too large"). */
static int db_error(struct store *s, const char *what)
{
	int last = errno;	/* the failed call's, when SQLite keeps none */
	int ext = sqlite3_extended_errcode(s->db);
	int err = sqlite3_system_errno(s->db);
	const char *op = "";

	switch (ext) {
	case SQLITE_IOERR_READ:
	case SQLITE_IOERR_SHORT_READ:
		op = " while reading";
		break;
	case SQLITE_IOERR_WRITE:
	case SQLITE_IOERR_TRUNCATE:
		op = " while writing";
		break;
	case SQLITE_IOERR_FSYNC:
	case SQLITE_IOERR_DIR_FSYNC:
		op = " while syncing to disk";
		break;
	case SQLITE_IOERR_SHMOPEN:
	case SQLITE_IOERR_SHMSIZE:
	case SQLITE_IOERR_SHMMAP:
		op = " while making its shared-memory file";
		break;
	default:
		break;
	}
	switch (ext & 0xff) {
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
		break;
	default:
		err = 0;	/* not about a file */
	}
	/* SQLite keeps the system's error only on some paths; a write that
	 * failed for want of room left it in errno. */
	if (!err && *op && (last == ENOSPC || last == EFBIG ||
			    last == EDQUOT || last == EIO))
		err = last;
	return error("warehouse '%s': cannot %s: %s%s%s%s", s->path, what,
		     sqlite3_errmsg(s->db), op, err ? ": " : "",
		     err ? strerror(err) : "");
}

static sqlite3_stmt *prep(struct store *s, enum stmt_id id)
{
	if (!s->st[id] &&
	    sqlite3_prepare_v3(s->db, stmts[id].sql, -1,
			       SQLITE_PREPARE_PERSISTENT, &s->st[id],
			       NULL) != SQLITE_OK) {
		db_error(s, stmts[id].what);
		return NULL;
	}
	sqlite3_reset(s->st[id]);
	sqlite3_clear_bindings(s->st[id]);
	return s->st[id];
}

/* Steps a statement that returns no rows. */
static int done(struct store *s, enum stmt_id id)
{
	int rc = sqlite3_step(s->st[id]);

	sqlite3_reset(s->st[id]);
	if (rc != SQLITE_DONE)
		return db_error(s, stmts[id].what);
	return 0;
}

static void bind_text(sqlite3_stmt *q, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

static void bind_real(sqlite3_stmt *q, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(q, i);
	else
		sqlite3_bind_double(q, i, v);
}

static double col_real(sqlite3_stmt *q, int i)
{
	if (sqlite3_column_type(q, i) == SQLITE_NULL)
		return NAN;
	return sqlite3_column_double(q, i);
}

static const char *col_text(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

static const char *col_str(sqlite3_stmt *q, int i)
{
	const char *t = col_text(q, i);

	return t ? t : "";
}

static int simple(struct store *s, enum stmt_id id)
{
	if (!prep(s, id))
		return -1;
	return done(s, id);
}

static void utc_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Makes the folder that holds path, and its parents. */
static int make_parent(const char *path)
{
	char *dir = xstrdup(path), *p;
	int ret = 0;

	p = strrchr(dir, '/');
	if (p && p != dir) {
		*p = '\0';
		for (p = dir + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			if (mkdir(dir, 0777) < 0 && errno != EEXIST)
				ret = -1;
			*p = '/';
		}
		if (mkdir(dir, 0777) < 0 && errno != EEXIST)
			ret = -1;
		if (ret < 0)
			error_errno("cannot create the folder '%s'", dir);
	}
	free(dir);
	return ret;
}

int store_schema_version(void)
{
	const char *p = jsna_schema_sql;
	int v = 0;

	while ((p = strstr(p, "-- version ")) != NULL) {
		p += strlen("-- version ");
		v = atoi(p);
	}
	return v;
}

/* ---- observations, in blocks ------------------------------------------ */

static void series_free(void *v)
{
	struct store_series *se = v;

	if (!se)
		return;
	obsblock_release(&se->enc);
	free(se->dataset);
	free(se->measure);
	free(se->filters);
	free(se);
}

/* Forgets what a rollback may have undone: numbered texts, known areas
 * and the series not yet written. */
static void forget_cache(struct store *s)
{
	size_t i;

	strmap_release(&s->series, series_free);
	strmap_release(&s->text_ids, NULL);
	for (i = 0; i < s->texts_alloc; i++)
		free(s->texts[i]);
	free(s->texts);
	s->texts = NULL;
	s->texts_alloc = 0;
	s->texts_read = 0;
	s->texts_loaded = 0;
	strmap_release(&s->areas, NULL);
	s->areas_loaded = 0;
}

static void text_remember(struct store *s, long long id, const char *text)
{
	if ((size_t)id >= s->texts_alloc) {
		size_t was = s->texts_alloc;

		XGROW(s->texts, s->texts_alloc, (size_t)id + 1);
		memset(s->texts + was, 0,
		       (s->texts_alloc - was) * sizeof(*s->texts));
	}
	free(s->texts[id]);
	s->texts[id] = xstrdup(text);
	*strmap_put(&s->text_ids, text) = (void *)(uintptr_t)id;
}

/* Reads the numbered texts written since the last read. */
static int texts_load(struct store *s)
{
	sqlite3_stmt *q = prep(s, S_TEXT_ALL);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, s->texts_read);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(q, 0);

		if (id <= 0 || id > UINT32_MAX) {
			sqlite3_reset(q);
			return error("warehouse '%s' is damaged: a text numbered %lld",
				     s->path, id);
		}
		text_remember(s, id, col_str(q, 1));
		s->texts_read = id;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return db_error(s, stmts[S_TEXT_ALL].what);
	s->texts_loaded = 1;
	return 0;
}

int store_text_id(struct store *s, const char *text, uint32_t *id)
{
	void *v;
	long long n;

	if (!s->texts_loaded && texts_load(s) < 0)
		return -1;
	if ((v = strmap_get(&s->text_ids, text)) != NULL) {
		*id = (uint32_t)(uintptr_t)v;
		return 0;
	}
	if (!prep(s, S_TEXT_PUT))
		return -1;
	bind_text(s->st[S_TEXT_PUT], 1, text);
	if (done(s, S_TEXT_PUT) < 0)
		return -1;
	n = sqlite3_last_insert_rowid(s->db);
	if (n <= 0 || n > UINT32_MAX)
		return error("warehouse '%s': too many texts numbered",
			     s->path);
	text_remember(s, n, text);
	if (n > s->texts_read)
		s->texts_read = n;
	*id = (uint32_t)n;
	return 0;
}

/* The text numbered id, or NULL when the warehouse has none. */
static const char *text_of(struct store *s, uint32_t id)
{
	if (id == 0)
		return NULL;
	if ((size_t)id >= s->texts_alloc || !s->texts[id]) {
		if (texts_load(s) < 0)
			return NULL;
		if ((size_t)id >= s->texts_alloc)
			return NULL;
	}
	return s->texts[id];
}

static int series_write(struct store *s, struct store_series *se)
{
	sqlite3_stmt *q;

	if (se->enc.nrows == 0)
		return 0;
	if (!(q = prep(s, S_BLOCK_PUT)))
		return -1;
	sqlite3_bind_int64(q, 1, se->file);
	bind_text(q, 2, se->dataset);
	bind_text(q, 3, se->measure);
	bind_text(q, 4, se->filters);
	sqlite3_bind_int64(q, 5, (long long)se->enc.nrows);
	sqlite3_bind_int(q, 6, se->enc.min_year);
	sqlite3_bind_int(q, 7, se->enc.max_year);
	buf_reset(&s->blob);
	obsblock_finish(&se->enc, &s->blob);
	sqlite3_bind_blob(q, 8, s->blob.buf, (int)s->blob.len, SQLITE_STATIC);
	return done(s, S_BLOCK_PUT);
}

/* Writes every series still held, and forgets them. */
static int series_flush(struct store *s)
{
	size_t i;
	int ret = 0;

	for (i = 0; i < s->series.cap && ret == 0; i++)
		if (s->series.slots[i].key)
			ret = series_write(s, s->series.slots[i].value);
	strmap_release(&s->series, series_free);
	return ret;
}

int store_series(struct store *s, long long file, const char *dataset,
		 const char *measure, const char *filters,
		 struct store_series **out)
{
	void **slot;
	struct store_series *se;

	/* "file US dataset US measure US filters", without printf: this
	 * runs for every value a file holds. */
	if (file != s->key_file || !s->key_num[0]) {
		snprintf(s->key_num, sizeof(s->key_num), "%lld", file);
		s->key_file = file;
	}
	buf_reset(&s->key);
	buf_adds(&s->key, s->key_num);
	buf_addch(&s->key, 0x1f);
	buf_adds(&s->key, dataset);
	buf_addch(&s->key, 0x1f);
	buf_adds(&s->key, measure);
	buf_addch(&s->key, 0x1f);
	if (filters)
		buf_adds(&s->key, filters);
	slot = strmap_put(&s->series, s->key.buf);
	if (!*slot) {
		se = xcalloc(1, sizeof(*se));
		se->file = file;
		se->dataset = xstrdup(dataset);
		se->measure = xstrdup(measure);
		se->filters = xstrdup(filters ? filters : "");
		obsblock_init(&se->enc);
		*slot = se;
	}
	*out = *slot;
	return 0;
}

int store_series_put(struct store *s, struct store_series *se,
		     uint32_t area, const struct period *p, double value,
		     uint32_t symbol, uint32_t note)
{
	struct obsblock_row r;

	r.area = area;
	r.kind = p->kind;
	r.year = p->year;
	r.month = p->month;
	r.value = symbol ? NAN : value;
	r.symbol = symbol;
	r.note = note;
	obsblock_add(&se->enc, &r);
	if (obsblock_size(&se->enc) >= BLOCK_BYTES)
		return series_write(s, se);
	return 0;
}

int store_series_put_wholes(struct store *s, struct store_series *se,
			    const uint32_t *area, const uint32_t *value,
			    size_t n, const struct period *p)
{
	while (n) {
		size_t k = obsblock_add_wholes(&se->enc, area, value, n,
					       p->kind, p->year, p->month,
					       BLOCK_BYTES);

		area += k;
		value += k;
		n -= k;
		if (obsblock_size(&se->enc) >= BLOCK_BYTES &&
		    series_write(s, se) < 0)
			return -1;
	}
	return 0;
}

int store_put_observation(struct store *s, const struct observation *o)
{
	struct store_series *se;
	uint32_t area, symbol = 0, note = 0;

	if (store_series(s, o->file, o->dataset, o->measure, o->filters,
			 &se) < 0 ||
	    store_text_id(s, o->area, &area) < 0 ||
	    (o->symbol && *o->symbol &&
	     store_text_id(s, o->symbol, &symbol) < 0) ||
	    (o->note && *o->note && store_text_id(s, o->note, &note) < 0))
		return -1;
	return store_series_put(s, se, area, &o->period, o->value, symbol,
				note);
}

/* 1 when "col=value" is one of the pairs of filters. */
static int filters_have(const char *filters, const char *with)
{
	size_t n = strlen(with);
	const char *p = filters;

	while (*p) {
		const char *end = strchr(p, 0x1f);
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && !memcmp(p, with, n))
			return 1;
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

struct each_ctx {
	struct store *s;
	struct observation o;
	enum period_kind kind;
	int year, month, have_period;
	store_obs_fn *fn;
	void *ctx;
	int ret;
	int damaged;
};

static int on_block_row(const struct obsblock_row *r, void *vc)
{
	struct each_ctx *c = vc;
	struct observation *o = &c->o;

	o->area = text_of(c->s, r->area);
	o->area_id = r->area;
	o->symbol = text_of(c->s, r->symbol);
	o->note = text_of(c->s, r->note);
	if (!o->area || (r->symbol && !o->symbol) || (r->note && !o->note)) {
		c->damaged = 1;
		return -1;
	}
	if (!c->have_period || r->kind != c->kind || r->year != c->year ||
	    r->month != c->month) {
		memset(&o->period, 0, sizeof(o->period));
		o->period.kind = r->kind;
		o->period.year = r->year;
		o->period.month = r->month;
		period_finish(&o->period);
		c->kind = r->kind;
		c->year = r->year;
		c->month = r->month;
		c->have_period = 1;
	}
	o->value = r->value;
	if ((c->ret = c->fn(o, c->ctx)) < 0)
		return -1;
	return 0;
}

int store_each_observation(struct store *s, const char *dataset,
			   const char *measure, store_obs_fn *fn, void *ctx)
{
	return store_each_observation_with(s, dataset, measure, NULL, NULL,
					   fn, ctx);
}

struct with_pair {
	const char *with1, *with2;
};

static int keep_with(const char *filters, void *vp)
{
	const struct with_pair *w = vp;

	return (!w->with1 || filters_have(filters, w->with1)) &&
	       (!w->with2 || filters_have(filters, w->with2));
}

int store_each_observation_with(struct store *s, const char *dataset,
				const char *measure, const char *with1,
				const char *with2, store_obs_fn *fn, void *ctx)
{
	struct with_pair w = { with1, with2 };

	return store_each_observation_where(s, dataset, measure, keep_with,
					    &w, fn, ctx);
}

int store_each_observation_where(struct store *s, const char *dataset,
				 const char *measure, store_series_fn *keep,
				 void *keep_ctx, store_obs_fn *fn, void *ctx)
{
	sqlite3_stmt *q;
	struct each_ctx c;
	int rc, ret = 0;

	if (series_flush(s) < 0 || !(q = prep(s, S_OBS_EACH)))
		return -1;
	memset(&c, 0, sizeof(c));
	c.s = s;
	c.o.dataset = dataset;
	c.o.measure = measure;
	c.fn = fn;
	c.ctx = ctx;
	bind_text(q, 1, dataset);
	bind_text(q, 2, measure);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *filters = col_str(q, 1);
		const void *data = sqlite3_column_blob(q, 2);
		int len = sqlite3_column_bytes(q, 2);

		if (keep && !keep(filters, keep_ctx))
			continue;
		c.o.file = sqlite3_column_int64(q, 0);
		c.o.filters = filters;
		c.o.block++;
		if (obsblock_decode(data, (size_t)len, on_block_row, &c) < 0) {
			if (c.ret < 0) {
				ret = c.ret;
				break;
			}
			c.damaged = 1;
		}
		if (c.damaged) {
			ret = error("warehouse '%s' is damaged: a block of %s '%s' cannot be read (run 'jsna-ingest --force')",
				    s->path, dataset, measure);
			break;
		}
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(s, stmts[S_OBS_EACH].what);
	sqlite3_reset(q);
	return ret;
}

/* Moves the rows of version 4's observation table into blocks. */
static int migrate_observations(struct store *s)
{
	sqlite3_stmt *q;
	int rc, ret = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT file, dataset, measure, area, "
			       "kind, year, month, filters, value, symbol, "
			       "note FROM observation ORDER BY file, rowid",
			       -1, &q, NULL) != SQLITE_OK)
		return db_error(s, "read the observations to move");
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct observation o;

		memset(&o, 0, sizeof(o));
		o.file = sqlite3_column_int64(q, 0);
		o.dataset = col_str(q, 1);
		o.measure = col_str(q, 2);
		o.area = col_str(q, 3);
		o.period.kind = (enum period_kind)sqlite3_column_int(q, 4);
		o.period.year = sqlite3_column_int(q, 5);
		o.period.month = sqlite3_column_int(q, 6);
		o.filters = col_str(q, 7);
		o.value = col_real(q, 8);
		o.symbol = col_text(q, 9);
		o.note = col_text(q, 10);
		if ((ret = store_put_observation(s, &o)) < 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(s, "read the observations to move");
	sqlite3_finalize(q);
	if (ret == 0)
		ret = series_flush(s);
	if (ret == 0 && sqlite3_exec(s->db, "DROP TABLE observation", NULL,
				     NULL, NULL) != SQLITE_OK)
		ret = db_error(s, "drop the old observation table");
	return ret;
}

/* Applies every "-- version N" block above the file's user_version. */
static int migrate(struct store *s)
{
	sqlite3_stmt *q;
	int have, target = store_schema_version(), v;
	const char *p;
	char *msg = NULL;
	struct buf sql = BUF_INIT;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &q,
			       NULL) != SQLITE_OK ||
	    sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_finalize(q);
		return db_error(s, "read the schema version");
	}
	have = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (have > target)
		return error("warehouse '%s' has schema version %d, newer than this program's %d: use a newer jsna",
			     s->path, have, target);
	if (have == target)
		return 0;

	for (v = have + 1; v <= target; v++) {
		char tag[32];
		const char *end;

		snprintf(tag, sizeof(tag), "-- version %d\n", v);
		p = strstr(jsna_schema_sql, tag);
		if (!p)
			BUG("schema.sql has no version %d", v);
		p += strlen(tag);
		end = strstr(p, "-- version ");
		buf_add(&sql, p, end ? (size_t)(end - p) : strlen(p));
	}
	buf_addf(&sql, "\nPRAGMA user_version = %d;\n", target);
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(s->db, sql.buf, NULL, NULL, &msg) != SQLITE_OK) {
		error("warehouse '%s': cannot upgrade the schema from version %d to %d: %s",
		      s->path, have, target, msg ? msg : sqlite3_errmsg(s->db));
		goto fail;
	}
	/* Version 5 keeps observations in blocks: move the old rows. */
	if (have < 5 && migrate_observations(s) < 0)
		goto fail;
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		error("warehouse '%s': cannot upgrade the schema from version %d to %d: %s",
		      s->path, have, target, sqlite3_errmsg(s->db));
		goto fail;
	}
	buf_release(&sql);
	return 0;
fail:
	sqlite3_free(msg);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	forget_cache(s);
	buf_release(&sql);
	return -1;
}

int store_open(const char *path, struct store **out)
{
	struct store *s = xcalloc(1, sizeof(*s));

	*out = NULL;
	s->path = xstrdup(path);
	if (make_parent(path) < 0)
		goto fail;
	if (sqlite3_open_v2(path, &s->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		db_error(s, "open the database");
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 10000);
	if (sqlite3_exec(s->db, "PRAGMA journal_mode = WAL; "
			 "PRAGMA synchronous = NORMAL; "
			 "PRAGMA cache_size = -16384; "	/* 16 MB: fewer page writes */
			 "PRAGMA temp_store = MEMORY; "
			 "PRAGMA foreign_keys = ON;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		db_error(s, "set the journal mode");
		goto fail;
	}
	if (migrate(s) < 0)
		goto fail;
	*out = s;
	return 0;
fail:
	store_close(s);
	return -1;
}

void store_close(struct store *s)
{
	int i;

	if (!s)
		return;
	/* Outside a transaction what was put is kept, as each row would
	 * have been; inside one, closing rolls it back. */
	if (s->db && sqlite3_get_autocommit(s->db))
		series_flush(s);
	forget_cache(s);
	buf_release(&s->key);
	buf_release(&s->blob);
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

/* Observations held in memory are written before a transaction or a
 * savepoint ends, and dropped (with what the rollback may have undone)
 * when it is rolled back. */
int store_begin(struct store *s) { return simple(s, S_BEGIN); }

int store_commit(struct store *s)
{
	if (series_flush(s) < 0)
		return -1;
	return simple(s, S_COMMIT);
}

int store_rollback(struct store *s)
{
	forget_cache(s);
	return simple(s, S_ROLLBACK);
}

int store_savepoint(struct store *s)
{
	if (series_flush(s) < 0)
		return -1;
	return simple(s, S_SAVEPOINT);
}

int store_savepoint_release(struct store *s)
{
	if (series_flush(s) < 0)
		return -1;
	return simple(s, S_RELEASE);
}

int store_savepoint_rollback(struct store *s)
{
	forget_cache(s);
	if (simple(s, S_ROLLBACK_TO) < 0)
		return -1;
	return simple(s, S_RELEASE);
}

int store_run_begin(struct store *s, const char *command, long long parent,
		    long long *run)
{
	sqlite3_stmt *q = prep(s, S_RUN_BEGIN);
	char now[32];

	if (!q)
		return -1;
	utc_now(now);
	bind_text(q, 1, command);
	if (parent > 0)
		sqlite3_bind_int64(q, 2, parent);
	bind_text(q, 3, now);
	bind_text(q, 4, JSNA_VERSION);
	sqlite3_bind_int64(q, 5, (long long)getpid());
	if (done(s, S_RUN_BEGIN) < 0)
		return -1;
	*run = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_run_end(struct store *s, long long run, int status)
{
	sqlite3_stmt *q = prep(s, S_RUN_END);
	char now[32];

	if (!q)
		return -1;
	utc_now(now);
	sqlite3_bind_int64(q, 1, run);
	bind_text(q, 2, now);
	sqlite3_bind_int(q, 3, status);
	return done(s, S_RUN_END);
}

static int area_flags(const char *name, const char *parent,
		      const char *la_number)
{
	return AREA_KNOWN | (name && *name ? AREA_NAMED : 0) |
	       (parent && *parent ? AREA_PARENT : 0) |
	       (la_number && *la_number ? AREA_NUMBER : 0);
}

static int areas_load(struct store *s)
{
	sqlite3_stmt *q = prep(s, S_AREA_KNOWN);
	int rc;

	if (!q)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		*strmap_put(&s->areas, col_str(q, 0)) = (void *)(uintptr_t)
			area_flags(col_text(q, 1), col_text(q, 2),
				   col_text(q, 3));
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return db_error(s, stmts[S_AREA_KNOWN].what);
	s->areas_loaded = 1;
	return 0;
}

int store_put_area(struct store *s, const struct area *a)
{
	sqlite3_stmt *q;
	int known, given = area_flags(a->name, a->parent, a->la_number);
	void **slot;

	if (!s->areas_loaded && areas_load(s) < 0)
		return -1;
	/* Known, and nothing to fill in: the put would change nothing. */
	slot = strmap_put(&s->areas, a->code);
	known = (int)(uintptr_t)*slot;
	if (known && !(given & ~known & (AREA_NAMED | AREA_PARENT |
					  AREA_NUMBER)))
		return 0;
	if (!(q = prep(s, S_AREA_PUT)))
		return -1;
	bind_text(q, 1, a->code);
	bind_text(q, 2, a->name);
	bind_text(q, 3, a->level);
	bind_text(q, 4, a->parent && *a->parent ? a->parent : NULL);
	bind_text(q, 5, a->la_number && *a->la_number ? a->la_number : NULL);
	if (done(s, S_AREA_PUT) < 0)
		return -1;
	*slot = (void *)(uintptr_t)(known | given);
	return 0;
}

int store_each_area(struct store *s, store_area_fn *fn, void *ctx)
{
	sqlite3_stmt *q = prep(s, S_AREA_EACH);
	int rc, ret = 0;

	if (!q)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct area a;

		a.code = col_str(q, 0);
		a.name = col_str(q, 1);
		a.level = col_str(q, 2);
		a.parent = col_text(q, 3);
		a.la_number = col_text(q, 4);
		if ((ret = fn(&a, ctx)) < 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(s, stmts[S_AREA_EACH].what);
	sqlite3_reset(q);
	return ret;
}

int store_put_dataset(struct store *s, const char *id, const char *title,
		      const char *publisher, const char *source)
{
	sqlite3_stmt *q = prep(s, S_DATASET_PUT);

	if (!q)
		return -1;
	bind_text(q, 1, id);
	bind_text(q, 2, title);
	bind_text(q, 3, publisher);
	bind_text(q, 4, source);
	return done(s, S_DATASET_PUT);
}

int store_file_hash(struct store *s, const char *path, char sha[65],
		    char source_sha[65], int *found)
{
	sqlite3_stmt *q = prep(s, S_FILE_HASH);
	int rc;

	if (!q)
		return -1;
	*found = 0;
	sha[0] = source_sha[0] = '\0';
	bind_text(q, 1, path);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		snprintf(sha, 65, "%s", col_str(q, 0));
		snprintf(source_sha, 65, "%s", col_str(q, 1));
		*found = 1;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, stmts[S_FILE_HASH].what);
	return 0;
}

int store_file_replace(struct store *s, const char *path, const char *dataset,
		       const char *sha256, long long size, long long run,
		       long long *file)
{
	sqlite3_stmt *q;
	char now[32];

	if (series_flush(s) < 0 || !(q = prep(s, S_FILE_DELETE)))
		return -1;
	bind_text(q, 1, path);
	if (done(s, S_FILE_DELETE) < 0)
		return -1;
	if (!(q = prep(s, S_FILE_INSERT)))
		return -1;
	utc_now(now);
	bind_text(q, 1, path);
	bind_text(q, 2, dataset);
	bind_text(q, 3, sha256);
	sqlite3_bind_int64(q, 4, size);
	sqlite3_bind_int64(q, 5, run);
	bind_text(q, 6, now);
	if (done(s, S_FILE_INSERT) < 0)
		return -1;
	*file = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_file_finish(struct store *s, long long file, const char *sha256,
		      const char *source_sha256, long long size,
		      long long rows)
{
	sqlite3_stmt *q;

	if (series_flush(s) < 0 || !(q = prep(s, S_FILE_ROWS)))
		return -1;
	sqlite3_bind_int64(q, 1, file);
	bind_text(q, 2, sha256);
	bind_text(q, 3, source_sha256);
	sqlite3_bind_int64(q, 4, size);
	sqlite3_bind_int64(q, 5, rows);
	return done(s, S_FILE_ROWS);
}

int store_file_prune(struct store *s, const char *const *keep, size_t n,
		     size_t *dropped)
{
	sqlite3_stmt *q;
	char **gone = NULL;
	size_t ngone = 0, alloc = 0, i, j;
	int rc, ret = 0;

	*dropped = 0;
	if (series_flush(s) < 0 || !(q = prep(s, S_FILE_ALL)))
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *p = col_str(q, 0);

		for (j = 0; j < n; j++)
			if (strcmp(keep[j], p) == 0)
				break;
		if (j == n) {
			XGROW(gone, alloc, ngone + 1);
			gone[ngone++] = xstrdup(p);
		}
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		ret = db_error(s, stmts[S_FILE_ALL].what);
	for (i = 0; i < ngone; i++) {
		if (ret == 0) {
			if (!(q = prep(s, S_FILE_DELETE)))
				ret = -1;
			else {
				bind_text(q, 1, gone[i]);
				ret = done(s, S_FILE_DELETE);
			}
		}
		free(gone[i]);
	}
	free(gone);
	if (ret == 0)
		*dropped = ngone;
	return ret;
}

int store_put_file_status(struct store *s, long long run, const char *path,
			  const char *sha256, const char *status,
			  const char *dataset, long long rows,
			  unsigned long errors)
{
	sqlite3_stmt *q = prep(s, S_FILE_STATUS);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, run);
	bind_text(q, 2, path);
	bind_text(q, 3, sha256 ? sha256 : "");
	bind_text(q, 4, status);
	bind_text(q, 5, dataset);
	sqlite3_bind_int64(q, 6, rows);
	sqlite3_bind_int64(q, 7, (long long)errors);
	return done(s, S_FILE_STATUS);
}

int store_each_source_file(struct store *s, store_source_file_fn *fn,
			   void *ctx)
{
	sqlite3_stmt *q = prep(s, S_FILE_EACH);
	int rc, ret = 0;

	if (!q)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct source_file_info f;

		f.path = col_str(q, 0);
		f.dataset = col_str(q, 1);
		f.sha256 = col_str(q, 2);
		f.size = sqlite3_column_int64(q, 3);
		f.rows = sqlite3_column_int64(q, 4);
		f.loaded = col_str(q, 5);
		f.id = sqlite3_column_int64(q, 6);
		if ((ret = fn(&f, ctx)) < 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(s, stmts[S_FILE_EACH].what);
	sqlite3_reset(q);
	return ret;
}

int store_latest_run(struct store *s, const char *command, int good,
		     long long *run, int *status, char ended[32])
{
	sqlite3_stmt *q = prep(s, S_RUN_LATEST);
	int rc;

	*run = 0;
	*status = -1;
	ended[0] = '\0';
	if (!q)
		return -1;
	bind_text(q, 1, command);
	sqlite3_bind_int(q, 2, good);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*run = sqlite3_column_int64(q, 0);
		*status = sqlite3_column_int(q, 1);
		snprintf(ended, 32, "%s", col_str(q, 2));
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, stmts[S_RUN_LATEST].what);
	return 0;
}

int store_put_lookup(struct store *s, const struct lookup_row *r)
{
	sqlite3_stmt *q = prep(s, S_LOOKUP_PUT);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, r->file);
	bind_text(q, 2, r->dataset);
	bind_text(q, 3, r->kind);
	bind_text(q, 4, r->code);
	bind_text(q, 5, r->other);
	if (r->rank > 0)
		sqlite3_bind_int(q, 6, r->rank);
	bind_text(q, 7, r->label && *r->label ? r->label : NULL);
	return done(s, S_LOOKUP_PUT);
}

int store_each_lookup(struct store *s, const char *kind, store_lookup_fn *fn,
		      void *ctx)
{
	sqlite3_stmt *q = prep(s, S_LOOKUP_EACH);
	int rc, ret = 0;

	if (!q)
		return -1;
	bind_text(q, 1, kind);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct lookup_row r;

		r.file = sqlite3_column_int64(q, 0);
		r.dataset = col_str(q, 1);
		r.kind = col_str(q, 2);
		r.code = col_str(q, 3);
		r.other = col_str(q, 4);
		r.rank = sqlite3_column_int(q, 5);
		r.label = col_text(q, 6);
		if ((ret = fn(&r, ctx)) < 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(s, stmts[S_LOOKUP_EACH].what);
	sqlite3_reset(q);
	return ret;
}

int store_each_dataset(struct store *s, store_dataset_fn *fn, void *ctx)
{
	sqlite3_stmt *q;
	int rc, ret = 0;

	if (series_flush(s) < 0 || !(q = prep(s, S_DATASET_EACH)))
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct dataset_info d;

		d.id = col_str(q, 0);
		d.title = col_str(q, 1);
		d.publisher = col_str(q, 2);
		d.measure = col_str(q, 3);
		d.rows = sqlite3_column_int64(q, 4);
		d.files = sqlite3_column_int64(q, 5);
		d.first_year = sqlite3_column_int(q, 6);
		d.last_year = sqlite3_column_int(q, 7);
		if ((ret = fn(&d, ctx)) < 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(s, stmts[S_DATASET_EACH].what);
	sqlite3_reset(q);
	return ret;
}

int store_each_filter(struct store *s, const char *dataset,
		      store_string_fn *fn, void *ctx)
{
	sqlite3_stmt *q;
	int rc, ret = 0;

	if (series_flush(s) < 0 || !(q = prep(s, S_FILTER_EACH)))
		return -1;
	bind_text(q, 1, dataset);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if ((ret = fn(col_str(q, 0), ctx)) < 0)
			break;
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(s, stmts[S_FILTER_EACH].what);
	sqlite3_reset(q);
	return ret;
}

int store_each_series(struct store *s, const char *dataset,
		      const char *measure, store_string_fn *fn, void *ctx)
{
	sqlite3_stmt *q;
	int rc, ret = 0;

	if (series_flush(s) < 0 || !(q = prep(s, S_SERIES_EACH)))
		return -1;
	bind_text(q, 1, dataset);
	bind_text(q, 2, measure);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if ((ret = fn(col_str(q, 0), ctx)) < 0)
			break;
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(s, stmts[S_SERIES_EACH].what);
	sqlite3_reset(q);
	return ret;
}

int store_put_indicator(struct store *s, long long run,
			const struct indicator_meta *m)
{
	sqlite3_stmt *q = prep(s, S_IND_PUT);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, run);
	bind_text(q, 2, m->id);
	bind_text(q, 3, m->title);
	bind_text(q, 4, m->domain);
	bind_text(q, 5, m->type);
	sqlite3_bind_double(q, 6, m->multiplier);
	bind_text(q, 7, m->polarity);
	bind_text(q, 8, m->ci);
	sqlite3_bind_int(q, 9, m->decimals);
	bind_text(q, 10, m->unit);
	bind_text(q, 11, m->count_label);
	bind_text(q, 12, m->sex);
	bind_text(q, 13, m->age);
	bind_text(q, 14, m->source);
	bind_text(q, 15, m->definition);
	bind_text(q, 16, m->sha256);
	bind_text(q, 17, m->denominator_label ? m->denominator_label : "");
	bind_real(q, 18, m->target);
	if (m->base_year)
		sqlite3_bind_int(q, 19, m->base_year);
	bind_text(q, 20, m->last_update ? m->last_update : "");
	bind_text(q, 21, m->next_update ? m->next_update : "");
	bind_text(q, 22, m->group_a ? m->group_a : "");
	bind_text(q, 23, m->group_b ? m->group_b : "");
	bind_text(q, 24, m->datasets ? m->datasets : "");
	bind_text(q, 25, m->continues ? m->continues : "");
	return done(s, S_IND_PUT);
}

int store_each_indicator(struct store *s, long long run,
			 store_indicator_fn *fn, void *ctx)
{
	sqlite3_stmt *q = prep(s, S_IND_EACH);
	int rc, ret = 0;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, run);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct indicator_meta m;

		m.id = col_str(q, 0);
		m.title = col_str(q, 1);
		m.domain = col_str(q, 2);
		m.type = col_str(q, 3);
		m.multiplier = sqlite3_column_double(q, 4);
		m.polarity = col_str(q, 5);
		m.ci = col_str(q, 6);
		m.decimals = sqlite3_column_int(q, 7);
		m.unit = col_str(q, 8);
		m.count_label = col_str(q, 9);
		m.sex = col_str(q, 10);
		m.age = col_str(q, 11);
		m.source = col_str(q, 12);
		m.definition = col_str(q, 13);
		m.sha256 = col_str(q, 14);
		m.denominator_label = col_str(q, 15);
		m.target = col_real(q, 16);
		m.base_year = sqlite3_column_int(q, 17);
		m.last_update = col_str(q, 18);
		m.next_update = col_str(q, 19);
		m.group_a = col_str(q, 20);
		m.group_b = col_str(q, 21);
		m.datasets = col_str(q, 22);
		m.continues = col_str(q, 23);
		if ((ret = fn(&m, ctx)) < 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(s, stmts[S_IND_EACH].what);
	sqlite3_reset(q);
	return ret;
}

int store_put_value(struct store *s, long long run, const struct value_row *v)
{
	sqlite3_stmt *q = prep(s, S_VAL_PUT);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, run);
	bind_text(q, 2, v->indicator);
	bind_text(q, 3, v->area);
	sqlite3_bind_int(q, 4, (int)v->period.kind);
	sqlite3_bind_int(q, 5, v->period.year);
	sqlite3_bind_int(q, 6, v->period.month);
	bind_text(q, 7, v->category_type ? v->category_type : "");
	bind_text(q, 8, v->category ? v->category : "");
	bind_real(q, 9, v->value);
	bind_real(q, 10, v->lower95);
	bind_real(q, 11, v->upper95);
	bind_real(q, 12, v->lower998);
	bind_real(q, 13, v->upper998);
	bind_real(q, 14, v->count);
	bind_real(q, 15, v->denominator);
	bind_text(q, 16, v->note ? v->note : "");
	bind_text(q, 17, v->cmp_england ? v->cmp_england : "");
	bind_text(q, 18, v->cmp_parent ? v->cmp_parent : "");
	bind_text(q, 19, v->trend ? v->trend : "");
	bind_real(q, 20, v->neighbour_avg);
	if (v->rank > 0) {
		sqlite3_bind_int(q, 21, v->rank);
		sqlite3_bind_int(q, 22, v->rank_of);
	}
	bind_text(q, 23, v->quartile ? v->quartile : "");
	bind_text(q, 24, v->cmp_goal ? v->cmp_goal : "");
	bind_real(q, 25, v->change_prev);
	bind_real(q, 26, v->change_base);
	if (v->rank_region > 0) {
		sqlite3_bind_int(q, 27, v->rank_region);
		sqlite3_bind_int(q, 28, v->rank_region_of);
	}
	if (v->rank_neighbours > 0) {
		sqlite3_bind_int(q, 29, v->rank_neighbours);
		sqlite3_bind_int(q, 30, v->rank_neighbours_of);
	}
	bind_text(q, 31, v->new_data ? v->new_data : "");
	return done(s, S_VAL_PUT);
}

int store_each_value(struct store *s, long long run, const char *indicator,
		     const char *area, store_value_fn *fn, void *ctx)
{
	enum stmt_id id = indicator ? (area ? S_VAL_EACH_BOTH : S_VAL_EACH_IND) :
			  area ? S_VAL_EACH_AREA : S_VAL_EACH;
	sqlite3_stmt *q = prep(s, id);
	int rc, ret = 0;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, run);
	bind_text(q, 2, indicator);
	bind_text(q, 3, area);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct value_row v;

		v.indicator = col_str(q, 0);
		v.area = col_str(q, 1);
		memset(&v.period, 0, sizeof(v.period));
		v.period.kind = (enum period_kind)sqlite3_column_int(q, 2);
		v.period.year = sqlite3_column_int(q, 3);
		v.period.month = sqlite3_column_int(q, 4);
		period_finish(&v.period);
		v.category_type = col_str(q, 5);
		v.category = col_str(q, 6);
		v.value = col_real(q, 7);
		v.lower95 = col_real(q, 8);
		v.upper95 = col_real(q, 9);
		v.lower998 = col_real(q, 10);
		v.upper998 = col_real(q, 11);
		v.count = col_real(q, 12);
		v.denominator = col_real(q, 13);
		v.note = col_str(q, 14);
		v.cmp_england = col_str(q, 15);
		v.cmp_parent = col_str(q, 16);
		v.trend = col_str(q, 17);
		v.neighbour_avg = col_real(q, 18);
		v.rank = sqlite3_column_int(q, 19);
		v.rank_of = sqlite3_column_int(q, 20);
		v.quartile = col_str(q, 21);
		v.cmp_goal = col_str(q, 22);
		v.change_prev = col_real(q, 23);
		v.change_base = col_real(q, 24);
		v.rank_region = sqlite3_column_int(q, 25);
		v.rank_region_of = sqlite3_column_int(q, 26);
		v.rank_neighbours = sqlite3_column_int(q, 27);
		v.rank_neighbours_of = sqlite3_column_int(q, 28);
		v.new_data = col_str(q, 29);
		if ((ret = fn(&v, ctx)) < 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(s, stmts[id].what);
	sqlite3_reset(q);
	return ret;
}

int store_put_category(struct store *s, long long run, const char *indicator,
		       const char *name, const char *category_type,
		       const char *category, int ord)
{
	sqlite3_stmt *q = prep(s, S_CAT_PUT);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, run);
	bind_text(q, 2, indicator);
	bind_text(q, 3, name);
	bind_text(q, 4, category_type);
	bind_text(q, 5, category);
	sqlite3_bind_int(q, 6, ord);
	return done(s, S_CAT_PUT);
}

int store_each_category(struct store *s, long long run,
			store_category_fn *fn, void *ctx)
{
	sqlite3_stmt *q = prep(s, S_CAT_EACH);
	int rc, ret = 0;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, run);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if ((ret = fn(col_str(q, 0), col_str(q, 1), col_str(q, 2),
			      col_str(q, 3), ctx)) < 0)
			break;
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(s, stmts[S_CAT_EACH].what);
	sqlite3_reset(q);
	return ret;
}

int store_dataset_loaded(struct store *s, const char *dataset)
{
	sqlite3_stmt *q;
	int rc, ret;

	if (series_flush(s) < 0 || !(q = prep(s, S_DATASET_LOADED)))
		return -1;
	bind_text(q, 1, dataset);
	rc = sqlite3_step(q);
	ret = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) != 0 :
		db_error(s, stmts[S_DATASET_LOADED].what);
	sqlite3_reset(q);
	return ret;
}

int store_latest_calc(struct store *s, long long *run)
{
	sqlite3_stmt *q = prep(s, S_LATEST_CALC);
	int rc;

	if (!q)
		return -1;
	*run = 0;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*run = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, stmts[S_LATEST_CALC].what);
	return 0;
}

/* ---- the run record of a refresh ---- */

static void copy_col(char *out, size_t n, sqlite3_stmt *q, int i)
{
	snprintf(out, n, "%s", col_str(q, i));
}

int store_run_record(struct store *s, long long run, const char *fingerprint,
		     const char *outset, const char *note)
{
	sqlite3_stmt *q = prep(s, S_RUN_RECORD);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, run);
	bind_text(q, 2, fingerprint);
	bind_text(q, 3, outset);
	bind_text(q, 4, note ? note : "");
	return done(s, S_RUN_RECORD);
}

int store_run_info(struct store *s, long long id, struct run_info *out,
		   int *found)
{
	sqlite3_stmt *q = prep(s, S_RUN_INFO);
	int rc;

	*found = 0;
	memset(out, 0, sizeof(*out));
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*found = 1;
		out->id = sqlite3_column_int64(q, 0);
		copy_col(out->command, sizeof(out->command), q, 1);
		out->status = sqlite3_column_int(q, 2);
		copy_col(out->started, sizeof(out->started), q, 3);
		copy_col(out->ended, sizeof(out->ended), q, 4);
		copy_col(out->version, sizeof(out->version), q, 5);
		copy_col(out->fingerprint, sizeof(out->fingerprint), q, 6);
		copy_col(out->outset, sizeof(out->outset), q, 7);
		copy_col(out->note, sizeof(out->note), q, 8);
		out->parent = sqlite3_column_int64(q, 9);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, stmts[S_RUN_INFO].what);
	return 0;
}

/* Steps a statement whose one answer is a run id (0 for NULL). */
static int one_id(struct store *s, enum stmt_id id, long long *out)
{
	int rc = sqlite3_step(s->st[id]);

	*out = 0;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s->st[id], 0);
	sqlite3_reset(s->st[id]);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, stmts[id].what);
	return 0;
}

int store_last_refresh(struct store *s, long long before,
		       struct run_info *out, int *found)
{
	sqlite3_stmt *q = prep(s, S_LAST_REFRESH);
	long long id;

	*found = 0;
	memset(out, 0, sizeof(*out));
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, before);
	if (one_id(s, S_LAST_REFRESH, &id) < 0)
		return -1;
	if (!id)
		return 0;
	return store_run_info(s, id, out, found);
}

int store_put_run_file(struct store *s, long long run, const char *kind,
		       const char *path, const char *sha256, long long size)
{
	sqlite3_stmt *q = prep(s, S_RUN_FILE_PUT);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, run);
	bind_text(q, 2, kind);
	bind_text(q, 3, path);
	bind_text(q, 4, sha256);
	sqlite3_bind_int64(q, 5, size);
	return done(s, S_RUN_FILE_PUT);
}

int store_each_run_file(struct store *s, long long run, store_run_file_fn *fn,
			void *ctx)
{
	sqlite3_stmt *q = prep(s, S_RUN_FILE_EACH);
	int rc, ret = 0;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, run);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		ret = fn(col_str(q, 0), col_str(q, 1), col_str(q, 2),
			 sqlite3_column_int64(q, 3), ctx);
		if (ret)
			break;
	}
	sqlite3_reset(q);
	if (!ret && rc != SQLITE_DONE)
		return db_error(s, stmts[S_RUN_FILE_EACH].what);
	return ret;
}

static void bind_identity(sqlite3_stmt *q, const char *path,
			  const struct file_identity *id)
{
	bind_text(q, 1, path);
	sqlite3_bind_int64(q, 2, id->size);
	sqlite3_bind_int64(q, 3, id->mtime_ns);
	sqlite3_bind_int64(q, 4, id->ctime_ns);
	sqlite3_bind_int64(q, 5, id->inode);
}

int store_hash_get(struct store *s, const char *path,
		   const struct file_identity *id, char sha[65], int *found)
{
	sqlite3_stmt *q = prep(s, S_HASH_GET);
	int rc;

	*found = 0;
	if (!q)
		return -1;
	bind_identity(q, path, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && strlen(col_str(q, 0)) == 64) {
		memcpy(sha, col_str(q, 0), 65);
		*found = 1;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, stmts[S_HASH_GET].what);
	return 0;
}

int store_hash_put(struct store *s, const char *path,
		   const struct file_identity *id, const char *sha)
{
	sqlite3_stmt *q = prep(s, S_HASH_PUT);

	if (!q)
		return -1;
	bind_identity(q, path, id);
	bind_text(q, 6, sha);
	return done(s, S_HASH_PUT);
}

int store_values_run(struct store *s, long long refresh, long long *calc)
{
	sqlite3_stmt *q = prep(s, S_VALUES_RUN);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, refresh);
	return one_id(s, S_VALUES_RUN, calc);
}

int store_prune_history(struct store *s, int keep, long long current)
{
	static const enum stmt_id ids[] = {
		S_PRUNE_VALUES, S_PRUNE_IND, S_PRUNE_CAT, S_PRUNE_RUN_FILE
	};
	size_t i;

	if (keep < 1)
		keep = 1;
	if (store_begin(s) < 0)
		return -1;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		sqlite3_stmt *q = prep(s, ids[i]);

		if (!q)
			goto fail;
		/* The current refresh has not ended yet: it is one of the
		 * runs kept. */
		sqlite3_bind_int(q, 1, ids[i] == S_PRUNE_RUN_FILE ? keep - 1 :
				 keep);
		if (ids[i] == S_PRUNE_RUN_FILE)
			sqlite3_bind_int64(q, 2, current);
		if (done(s, ids[i]) < 0)
			goto fail;
	}
	return store_commit(s);
fail:
	store_rollback(s);
	return -1;
}

int store_each_file_status(struct store *s, long long refresh,
			   store_file_status_fn *fn, void *ctx)
{
	sqlite3_stmt *q = prep(s, S_STATUS_EACH);
	int rc, ret = 0;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, refresh);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		ret = fn(col_str(q, 0), col_str(q, 1), col_str(q, 2),
			 sqlite3_column_int64(q, 3), sqlite3_column_int64(q, 4),
			 ctx);
		if (ret)
			break;
	}
	sqlite3_reset(q);
	if (!ret && rc != SQLITE_DONE)
		return db_error(s, stmts[S_STATUS_EACH].what);
	return ret;
}

int store_last_outset(struct store *s, char name[128])
{
	sqlite3_stmt *q = prep(s, S_LAST_OUTSET);
	int rc;

	name[0] = '\0';
	if (!q)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		snprintf(name, 128, "%s", col_str(q, 0));
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, stmts[S_LAST_OUTSET].what);
	return 0;
}
