/* load_lookup.c - reference lists: which area is in which, DfE's
 * statistical neighbours, old LA numbers, a publisher's list of measures.
 *
 * Each row gives rows of the lookup table, code -> other with a rank and
 * a label, of the kind the definition names; where the definition gives a
 * level and the row a GSS code and a name, the area table too. The
 * options name columns, except kind and the levels:
 *
 *   kind = parent       code -> parent (a lower-tier area's upper tier):
 *                       code, parent; for the area table name and level
 *                       (the lower tier), parent_name and parent_level
 *                       (the upper tier; a row whose code is its own
 *                       parent, a unitary, records the area once, at the
 *                       upper tier's level);
 *   kind = la_number    an old LA number -> its name: code, name; with
 *                       gss (and level, LA when not given) the area is
 *                       recorded with its number, which is how LAIT's
 *                       numbers find their GSS codes;
 *   kind = neighbour    DfE's statistical neighbours: code (the LA num
 *                       column), then every SN1, SNP, SN2, SNP, ... pair
 *                       in the header (the SNP right after each SNn): one
 *                       row per neighbour, rank n, the SNP as label; LA
 *                       numbers as written. An empty or '-' SNn is no
 *                       neighbour; a row with no code and no neighbours
 *                       is a heading ("Old SNs:") and gives nothing;
 *   any other kind      (lait_measure, imd, locality, ...): code, other;
 *                       rank, a column of whole numbers (an IMD rank),
 *                       optional; other_name and other_level record the
 *                       other as an area (a locality), with other_parent
 *                       the column of its parent's code (optional).
 *
 * Areas are recorded at the level given, for a Welsh, Scottish or
 * Northern Irish code with the nation added ("LA (Wales)").
 *
 * label (not for neighbour) names one column, whose text is the label, or
 * several, given as "column=value" pairs joined by 0x1f as observation
 * filters are. The counts of values that jsna-ingest reports are the
 * lookup rows written.
 */
#include <stdlib.h>
#include <string.h>

#include "jsna/inifile.h"
#include "load_int.h"

#define MAX_NEIGHBOURS 50
#define MAX_LABELS 16

enum kind { K_PARENT, K_LA_NUMBER, K_NEIGHBOUR, K_OTHER };

struct lookup {
	enum kind kind;
	const char *kind_name;		/* borrowed from the definition */
	int code, other;		/* columns */
	int name, parent_name, gss;	/* columns, or -1 */
	int rank, other_name, other_parent;	/* columns, or -1 */
	const char *other_level;	/* or NULL */
	const char *level, *parent_level;	/* or NULL */
	const char *other_opt;		/* the option naming other */
	int label[MAX_LABELS];
	char *label_name[MAX_LABELS];	/* in label_copy */
	char *label_copy;
	size_t nlabel;
	int sn[MAX_NEIGHBOURS], snp[MAX_NEIGHBOURS];
	size_t nsn;
	struct buf text;		/* a label of several columns */
	struct buf level_text;		/* "LA (Wales)" */
};

static int valid_kind(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
			return 0;
	return 1;
}

/* The column an option names: required or not; -1 when absent or after
 * load_bad. */
static int column_of(struct load *l, const struct csvin_record *h,
		     const char *opt, int required)
{
	const char *name = load_option(l, opt);

	if (!name || !*name) {
		if (required)
			load_bad(l, h->line, 0,
				 "the source definition '%s' needs '%s' for the kind '%s': the column that holds it",
				 l->def->path, opt, load_option(l, "kind"));
		return -1;
	}
	return load_column(l, h, name, 1);
}

/* An option that the kind does not read is a mistake in the definition. */
static void not_for(struct load *l, const struct csvin_record *h,
		    const char *const *opts)
{
	size_t i;

	for (i = 0; opts[i]; i++)
		if (load_option(l, opts[i]))
			load_bad(l, h->line, 0,
				 "the source definition '%s' gives '%s', which the kind '%s' does not read",
				 l->def->path, opts[i], load_option(l, "kind"));
}

static void header_labels(struct load *l, const struct csvin_record *h,
			  struct lookup *s)
{
	const char *v = load_option(l, "label");
	char *items[MAX_LABELS + 1];
	int i, n;

	if (!v)
		return;
	s->label_copy = xstrdup(v);
	n = inifile_split_list(s->label_copy, items, MAX_LABELS + 1);
	if (n > MAX_LABELS || n == 0)
		load_bad(l, h->line, 0,
			 "the source definition '%s' gives 'label' as '%s': name 1 to %d columns",
			 l->def->path, v, MAX_LABELS);
	for (i = 0; i < n && i < MAX_LABELS; i++) {
		int c = load_column(l, h, items[i], 1);

		if (c < 0)
			continue;
		s->label[s->nlabel] = c;
		s->label_name[s->nlabel++] = items[i];
	}
}

static void header_neighbours(struct load *l, const struct csvin_record *h,
			      struct lookup *s)
{
	size_t i;

	for (i = 0; i < MAX_NEIGHBOURS; i++) {
		char name[16];
		int c;

		snprintf(name, sizeof(name), "SN%zu", i + 1);
		if (csvin_find(h, name) < 0)
			break;
		c = load_column(l, h, name, 1);
		if (c < 0)
			return;
		if ((size_t)c + 1 >= h->nfields ||
		    strcmp(h->fields[c + 1].ptr +
			   strspn(h->fields[c + 1].ptr, " "), "SNP") != 0) {
			load_bad(l, h->line, (unsigned long)c + 2,
				 "column '%s' is not followed by its 'SNP' column",
				 name);
			return;
		}
		s->sn[i] = c;
		s->snp[i] = c + 1;
	}
	s->nsn = i;
	if (!s->nsn)
		load_bad(l, h->line, 0,
			 "no 'SN1' column: the kind 'neighbour' reads DfE's layout (LA num, ..., SN1, SNP, SN2, SNP, ...)");
}

static int header(struct load *l, const struct csvin_record *h)
{
	static const char *const not_neighbour[] = {
		"other", "name", "parent", "parent_name", "level",
		"parent_level", "gss", "label", "rank", "other_name",
		"other_level", "other_parent", NULL
	};
	static const char *const not_parent[] = {
		"other", "gss", "rank", "other_name", "other_level",
		"other_parent", NULL
	};
	static const char *const not_la_number[] = {
		"other", "parent", "parent_name", "parent_level", "rank",
		"other_name", "other_level", "other_parent", NULL
	};
	static const char *const not_other[] = {
		"name", "parent", "parent_name", "level", "parent_level",
		"gss", NULL
	};
	struct lookup *s = xcalloc(1, sizeof(*s));
	const char *kind = load_option(l, "kind");

	l->state = s;
	buf_init(&s->text, 64);
	buf_init(&s->level_text, 32);
	s->name = s->parent_name = s->gss = -1;
	s->rank = s->other_name = s->other_parent = -1;
	if (!kind || !valid_kind(kind)) {
		load_bad(l, h->line, 0,
			 "the source definition '%s' needs 'kind' (parent, la_number, neighbour, or another name of lowercase letters and '_')",
			 l->def->path);
		return -1;
	}
	s->kind_name = kind;
	s->kind = !strcmp(kind, "parent") ? K_PARENT :
		  !strcmp(kind, "la_number") ? K_LA_NUMBER :
		  !strcmp(kind, "neighbour") ? K_NEIGHBOUR : K_OTHER;
	s->code = column_of(l, h, "code", 1);
	s->level = load_option(l, "level");
	s->parent_level = load_option(l, "parent_level");
	switch (s->kind) {
	case K_NEIGHBOUR:
		not_for(l, h, not_neighbour);
		header_neighbours(l, h, s);
		return l->res->errors ? -1 : 0;
	case K_PARENT:
		not_for(l, h, not_parent);
		s->other_opt = "parent";
		s->other = column_of(l, h, "parent", 1);
		s->name = column_of(l, h, "name", !!s->level);
		s->parent_name = column_of(l, h, "parent_name",
					   !!s->parent_level);
		break;
	case K_LA_NUMBER:
		not_for(l, h, not_la_number);
		s->other_opt = "name";
		s->other = column_of(l, h, "name", 1);
		s->name = s->other;
		s->gss = column_of(l, h, "gss", 0);
		if (!s->level)
			s->level = "LA";
		break;
	case K_OTHER:
		not_for(l, h, not_other);
		s->other_opt = "other";
		s->other = column_of(l, h, "other", 1);
		s->rank = column_of(l, h, "rank", 0);
		s->other_level = load_option(l, "other_level");
		s->other_name = column_of(l, h, "other_name",
					  !!s->other_level);
		s->other_parent = column_of(l, h, "other_parent", 0);
		if (load_option(l, "other_name") && !s->other_level)
			load_bad(l, h->line, 0,
				 "the source definition '%s' gives 'other_name' without 'other_level': the level to record the areas at",
				 l->def->path);
		break;
	}
	header_labels(l, h, s);
	return l->res->errors ? -1 : 0;
}

/* Writes a lookup row; nothing once the file has a bad row. */
static int put(struct load *l, const char *code, const char *other,
	       int rank, const char *label)
{
	struct lookup *s = l->state;
	struct lookup_row lr;

	if (l->res->errors)
		return 0;
	memset(&lr, 0, sizeof(lr));
	lr.file = l->file;
	lr.dataset = l->def->id;
	lr.kind = s->kind_name;
	lr.code = code;
	lr.other = other;
	lr.rank = rank;
	lr.label = label;
	if (store_put_lookup(l->st, &lr) < 0) {
		l->system_error = 1;
		return -1;
	}
	l->res->values++;
	return 0;
}

static int row_neighbour(struct load *l, struct lookup *s,
			 const struct csvin_record *r)
{
	const char *code = load_field(r, s->code);
	size_t i;
	int bad = 0;

	for (i = 0; i < s->nsn; i++) {
		const char *sn = load_field(r, s->sn[i]);

		if (!*sn || !strcmp(sn, "-"))
			continue;
		if (!*code) {
			load_bad(l, r->line, (unsigned long)s->code + 1,
				 "column '%s': no LA number for an authority with neighbours",
				 load_option(l, "code"));
			return 0;
		}
		if (!str_all_digits(sn)) {
			load_bad(l, r->line, (unsigned long)s->sn[i] + 1,
				 "column 'SN%zu': '%s' is not an LA number",
				 i + 1, sn);
			bad = 1;
		}
	}
	if (!*code || bad)
		return 0;	/* a heading, or reported */
	if (!str_all_digits(code)) {
		load_bad(l, r->line, (unsigned long)s->code + 1,
			 "column '%s': '%s' is not an LA number",
			 load_option(l, "code"), code);
		return 0;
	}
	for (i = 0; i < s->nsn; i++) {
		const char *sn = load_field(r, s->sn[i]);

		if (*sn && strcmp(sn, "-") != 0 &&
		    put(l, code, sn, (int)i + 1,
			load_field(r, s->snp[i])) < 0)
			return -1;
	}
	return 0;
}

/* The label of a row: one column's text, or "col=value" pairs. */
static const char *row_label(struct lookup *s, const struct csvin_record *r)
{
	size_t i;

	if (!s->nlabel)
		return NULL;
	if (s->nlabel == 1)
		return load_field(r, s->label[0]);
	buf_reset(&s->text);
	for (i = 0; i < s->nlabel; i++) {
		if (i)
			buf_addch(&s->text, 0x1f);
		buf_addf(&s->text, "%s=%s", s->label_name[i],
			 load_field(r, s->label[i]));
	}
	return s->text.buf;
}

/* The level recorded for an area: as the definition gives it for an
 * English code; for a Welsh, Scottish or Northern Irish one (W, S, N) with
 * the nation added, "LA (Wales)", as the mye2 layout records them, so
 * that they never join the English authorities' rankings. */
static const char *level_of(struct lookup *s, const char *code,
			    const char *level)
{
	const char *nation = code[0] == 'W' ? "Wales" :
			     code[0] == 'S' ? "Scotland" :
			     code[0] == 'N' ? "Northern Ireland" : NULL;

	if (!nation)
		return level;
	buf_reset(&s->level_text);
	buf_addf(&s->level_text, "%s (%s)", level, nation);
	return s->level_text.buf;
}

static int row_areas(struct load *l, struct lookup *s, const char *code,
		     const char *other, const struct csvin_record *r)
{
	struct area a;

	memset(&a, 0, sizeof(a));
	if (s->kind == K_LA_NUMBER) {
		a.code = s->gss >= 0 ? load_field(r, s->gss) : "";
		a.name = other;
		a.level = level_of(s, a.code, s->level);
		a.la_number = code;
		return *a.code ? load_area(l, &a) : 0;
	}
	if (s->kind == K_OTHER) {
		if (!s->other_level)
			return 0;
		a.code = other;
		a.name = load_field(r, s->other_name);
		a.level = level_of(s, other, s->other_level);
		a.parent = s->other_parent >= 0 ?
			   load_field(r, s->other_parent) : NULL;
		return load_area(l, &a);
	}
	if (s->kind != K_PARENT)
		return 0;
	if (s->parent_level && *load_field(r, s->parent_name)) {
		a.code = other;
		a.name = load_field(r, s->parent_name);
		a.level = level_of(s, other, s->parent_level);
		if (load_area(l, &a) < 0)
			return -1;
		if (!strcmp(code, other))
			return 0;	/* a unitary: its own upper tier */
	}
	if (s->level && *load_field(r, s->name)) {
		a.code = code;
		a.name = load_field(r, s->name);
		a.level = level_of(s, code, s->level);
		a.parent = strcmp(code, other) ? other : NULL;
		if (load_area(l, &a) < 0)
			return -1;
	}
	return 0;
}

static int row(struct load *l, const struct csvin_record *r)
{
	struct lookup *s = l->state;
	const char *code, *other, *label;
	int rank = 0;

	if (s->kind == K_NEIGHBOUR)
		return row_neighbour(l, s, r);
	code = load_field(r, s->code);
	other = load_field(r, s->other);
	if (!*code) {
		load_bad(l, r->line, (unsigned long)s->code + 1,
			 "column '%s': no code", load_option(l, "code"));
		return 0;
	}
	if (!*other) {
		load_bad(l, r->line, (unsigned long)s->other + 1,
			 "column '%s': empty, where the kind '%s' needs a value",
			 load_option(l, s->other_opt), s->kind_name);
		return 0;
	}
	if (s->rank >= 0) {
		const char *t = load_field(r, s->rank);

		if (!str_all_digits(t) || strlen(t) > 9 || atoi(t) < 1) {
			load_bad(l, r->line, (unsigned long)s->rank + 1,
				 "column '%s': '%s' is not a rank (a whole number from 1)",
				 load_option(l, "rank"), t);
			return 0;
		}
		rank = atoi(t);
	}
	label = row_label(s, r);
	if (row_areas(l, s, code, other, r) < 0 ||
	    put(l, code, other, rank, label) < 0)
		return -1;
	return 0;
}

static void release(struct load *l)
{
	struct lookup *s = l->state;

	if (!s)
		return;
	buf_release(&s->text);
	buf_release(&s->level_text);
	free(s->label_copy);
	free(s);
	l->state = NULL;
}

static const char *const options[] = {
	"kind", "code", "other", "name", "parent", "parent_name", "level",
	"parent_level", "gss", "label", "rank", "other_name", "other_level",
	"other_parent", NULL
};

const struct load_layout load_lookup = {
	"lookup", options, header, row, release, NULL
};
