-- The warehouse schema, version by version. store.c embeds this file and
-- applies each "-- version N" block whose N is above PRAGMA user_version,
-- in order, in one transaction. Never edit a released block: add a new one.

-- version 1
CREATE TABLE run (
	id       INTEGER PRIMARY KEY,
	command  TEXT NOT NULL,          -- refresh, ingest, calc, ...
	parent   INTEGER REFERENCES run(id), -- the refresh a stage ran under
	started  TEXT NOT NULL,          -- UTC, ISO 8601
	ended    TEXT,
	status   INTEGER,                -- exit status; NULL while running
	version  TEXT NOT NULL,
	pid      INTEGER NOT NULL
);

CREATE TABLE area (
	code      TEXT PRIMARY KEY,      -- GSS code, e.g. E06000050
	name      TEXT NOT NULL,
	level     TEXT NOT NULL,         -- England, Region, LA
	parent    TEXT,                  -- the region of an LA
	la_number TEXT                   -- DfE's old three-digit LA number
);

CREATE TABLE dataset (
	id        TEXT PRIMARY KEY,      -- stable id from a source definition
	title     TEXT NOT NULL,
	publisher TEXT NOT NULL,
	source    TEXT NOT NULL          -- the source definition file
);

CREATE TABLE source_file (
	id       INTEGER PRIMARY KEY,
	path     TEXT NOT NULL UNIQUE,   -- as found under the inputs folder
	dataset  TEXT NOT NULL REFERENCES dataset(id),
	sha256   TEXT NOT NULL,
	source_sha256 TEXT NOT NULL,     -- of the source definition that read it
	size     INTEGER NOT NULL,
	rows     INTEGER NOT NULL,
	run      INTEGER NOT NULL REFERENCES run(id),
	loaded   TEXT NOT NULL
);

-- What became of each file at each ingest: loaded, unchanged, rejected,
-- unknown (no definition recognised it), empty.
CREATE TABLE file_status (
	run      INTEGER NOT NULL REFERENCES run(id),
	path     TEXT NOT NULL,
	sha256   TEXT NOT NULL,
	status   TEXT NOT NULL,
	dataset  TEXT,
	rows     INTEGER NOT NULL,
	errors   INTEGER NOT NULL,
	PRIMARY KEY (run, path)
);

CREATE TABLE observation (
	file      INTEGER NOT NULL REFERENCES source_file(id) ON DELETE CASCADE,
	dataset   TEXT NOT NULL,
	measure   TEXT NOT NULL,
	area      TEXT NOT NULL,
	kind      INTEGER NOT NULL,      -- enum period_kind
	year      INTEGER NOT NULL,      -- start year
	month     INTEGER NOT NULL,
	filters   TEXT NOT NULL,         -- "col=value" pairs joined by US (0x1f)
	value     REAL,                  -- NULL when a symbol stands instead
	symbol    TEXT,                  -- c, x, z, low, u, ...
	note      TEXT                   -- the publisher's note on the value
);
CREATE INDEX observation_series ON observation(dataset, measure);
CREATE INDEX observation_file ON observation(file);

-- Reference lists: an area's parent (lower to upper tier), an authority's
-- statistical neighbours (rank, closeness), an old LA number's name.
CREATE TABLE lookup (
	file      INTEGER NOT NULL REFERENCES source_file(id) ON DELETE CASCADE,
	dataset   TEXT NOT NULL,
	kind      TEXT NOT NULL,         -- parent, neighbour, la_number
	code      TEXT NOT NULL,
	other     TEXT NOT NULL,
	rank      INTEGER,
	label     TEXT
);
CREATE INDEX lookup_code ON lookup(kind, code);
CREATE INDEX lookup_file ON lookup(file);

CREATE TABLE indicator (
	run         INTEGER NOT NULL REFERENCES run(id),
	id          TEXT NOT NULL,
	title       TEXT NOT NULL,
	domain      TEXT NOT NULL,
	type        TEXT NOT NULL,
	multiplier  REAL NOT NULL,
	polarity    TEXT NOT NULL,
	ci          TEXT NOT NULL,
	decimals    INTEGER NOT NULL,
	unit        TEXT NOT NULL,       -- "per 10,000 children aged under 18"
	count_label TEXT NOT NULL,       -- "children in care"
	sex         TEXT NOT NULL,       -- Fingertips' Sex, e.g. Persons
	age         TEXT NOT NULL,       -- Fingertips' Age, e.g. <18 yrs
	source      TEXT NOT NULL,
	definition  TEXT NOT NULL,       -- path of the definition file
	sha256      TEXT NOT NULL,       -- of the definition file
	PRIMARY KEY (run, id)
);

CREATE TABLE indicator_value (
	run           INTEGER NOT NULL REFERENCES run(id),
	indicator     TEXT NOT NULL,
	area          TEXT NOT NULL,
	kind          INTEGER NOT NULL,
	year          INTEGER NOT NULL,
	month         INTEGER NOT NULL,
	category_type TEXT NOT NULL DEFAULT '',
	category      TEXT NOT NULL DEFAULT '',
	value         REAL,
	lower95       REAL,
	upper95       REAL,
	lower998      REAL,
	upper998      REAL,
	count         REAL,
	denominator   REAL,
	note          TEXT NOT NULL DEFAULT '',
	cmp_england   TEXT NOT NULL DEFAULT '',
	cmp_parent    TEXT NOT NULL DEFAULT '',
	trend         TEXT NOT NULL DEFAULT '',
	neighbour_avg REAL,
	rank          INTEGER,
	rank_of       INTEGER,
	quartile      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (run, indicator, area, year, month, category_type, category)
);

-- version 2
-- The indicator catalogue: what a chart, table or statement needs to know
-- of each definition, and what each value is compared with.
ALTER TABLE indicator ADD COLUMN denominator_label TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator ADD COLUMN target REAL;
ALTER TABLE indicator ADD COLUMN base_year INTEGER;
ALTER TABLE indicator ADD COLUMN last_update TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator ADD COLUMN next_update TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator ADD COLUMN group_a TEXT NOT NULL DEFAULT '';   -- a gap's groups:
ALTER TABLE indicator ADD COLUMN group_b TEXT NOT NULL DEFAULT '';   -- "ID" or "ID/CATEGORY"
ALTER TABLE indicator ADD COLUMN datasets TEXT NOT NULL DEFAULT '';  -- ids read, comma-separated
-- Category Type and Category of each breakdown, in the definition's order.
CREATE TABLE indicator_category (
	run           INTEGER NOT NULL REFERENCES run(id),
	indicator     TEXT NOT NULL,
	name          TEXT NOT NULL,     -- [category NAME]
	category_type TEXT NOT NULL,
	category      TEXT NOT NULL,
	ord           INTEGER NOT NULL,
	PRIMARY KEY (run, indicator, name)
);
ALTER TABLE indicator_value ADD COLUMN cmp_goal TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator_value ADD COLUMN change_prev REAL;    -- since the previous period
ALTER TABLE indicator_value ADD COLUMN change_base REAL;    -- since the base year
ALTER TABLE indicator_value ADD COLUMN rank_region INTEGER;
ALTER TABLE indicator_value ADD COLUMN rank_region_of INTEGER;
ALTER TABLE indicator_value ADD COLUMN rank_neighbours INTEGER;  -- among the area and its neighbours
ALTER TABLE indicator_value ADD COLUMN rank_neighbours_of INTEGER;
ALTER TABLE indicator_value ADD COLUMN new_data TEXT NOT NULL DEFAULT '';

-- version 3
-- A projection's estimates: the indicator whose trend it carries on.
ALTER TABLE indicator ADD COLUMN continues TEXT NOT NULL DEFAULT '';

-- version 4
-- The run record of a refresh: the digest of everything it read (inputs,
-- definitions, source definitions, configuration, neighbour list and the
-- programs), each file with its SHA-256 in run_file, and the output set it
-- published. A night whose digest equals the last good refresh's, with
-- that refresh's set still published, recomputes and redraws nothing.
ALTER TABLE run ADD COLUMN fingerprint TEXT;
ALTER TABLE run ADD COLUMN outset TEXT;         -- the set published
ALTER TABLE run ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE TABLE run_file (
	run     INTEGER NOT NULL REFERENCES run(id),
	kind    TEXT NOT NULL,   -- input, definition, source, config, neighbours, program
	path    TEXT NOT NULL,   -- relative to its folder
	sha256  TEXT NOT NULL,
	size    INTEGER NOT NULL,
	PRIMARY KEY (run, kind, path)
);
-- Hashes known by a file's identity, as git's index keeps them: a file
-- whose size, times and inode are those recorded is not read again.
CREATE TABLE hash_cache (
	path     TEXT PRIMARY KEY,   -- absolute
	size     INTEGER NOT NULL,
	mtime_ns INTEGER NOT NULL,
	ctime_ns INTEGER NOT NULL,
	inode    INTEGER NOT NULL,
	sha256   TEXT NOT NULL
);

-- version 5
-- Observations in blocks (obsblock.h): each block holds rows of one
-- series, one file's dataset, measure and filter values, packed; the
-- texts rows name (area codes, symbols, notes) are numbered once, in
-- obs_text. Reading a selection reads the blocks of its series only, and
-- a national file of small areas takes a byte or two a value. store.c
-- moves the rows of the observation table into blocks as it migrates to
-- this version, then drops the table.
CREATE TABLE obs_text (
	id       INTEGER PRIMARY KEY,
	text     TEXT NOT NULL UNIQUE
);
CREATE TABLE obs_block (
	id         INTEGER PRIMARY KEY,  -- the order blocks were written in
	file       INTEGER NOT NULL REFERENCES source_file(id) ON DELETE CASCADE,
	dataset    TEXT NOT NULL,
	measure    TEXT NOT NULL,
	filters    TEXT NOT NULL,        -- "col=value" pairs joined by US (0x1f)
	rows       INTEGER NOT NULL,
	first_year INTEGER NOT NULL,
	last_year  INTEGER NOT NULL,
	data       BLOB NOT NULL
);
CREATE INDEX obs_block_series ON obs_block(dataset, measure, file);
CREATE INDEX obs_block_file ON obs_block(file);
