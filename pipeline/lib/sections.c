/* sections.c - reading indicators/sections.ini. */
#include "jsna/sections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/inifile.h"
#include "jsna/util.h"

struct parse {
	struct sections *out;
	const struct indicator_set *set;
	size_t alloc;
	char *bad_section;
	int have_title, have_indicators, have_intro;
};

static struct section *current(struct parse *p, const struct ini_key *k)
{
	const char *id;
	struct section *s;

	if (strncmp(k->section, "section ", 8) != 0)
		return NULL;
	id = k->section + 8;
	if (p->out->n && !strcmp(p->out->sec[p->out->n - 1].id, id))
		return &p->out->sec[p->out->n - 1];
	XGROW(p->out->sec, p->alloc, p->out->n + 1);
	s = &p->out->sec[p->out->n++];
	memset(s, 0, sizeof(*s));
	s->id = xstrdup(id);
	s->line = k->line;
	p->have_title = p->have_indicators = p->have_intro = 0;
	return s;
}

static int add_ids(const struct ini_key *k, struct parse *p,
		   struct section *s)
{
	char *copy = xstrdup(k->value), *tok, *save = NULL;
	size_t alloc = 0, i;
	int ret = 0;

	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *id = str_trim(tok);

		if (!indicator_valid_id(id)) {
			ret = error_at(k->path, k->line, 0,
				       "'%s' is not an indicator id", id);
			continue;
		}
		if (p->set && !indicator_find(p->set, id)) {
			ret = error_at(k->path, k->line, 0,
				       "[%s] lists '%s', which has no definition (or one with errors)",
				       k->section, id);
			continue;
		}
		for (i = 0; i < s->nids; i++)
			if (!strcmp(s->ids[i], id))
				break;
		if (i < s->nids) {
			ret = error_at(k->path, k->line, 0,
				       "[%s] lists '%s' twice", k->section, id);
			continue;
		}
		XGROW(s->ids, alloc, s->nids + 1);
		s->ids[s->nids++] = xstrdup(id);
	}
	free(copy);
	if (!s->nids && ret == 0)
		ret = error_at(k->path, k->line, 0,
			       "[%s] lists no indicators", k->section);
	return ret;
}

static int on_key(const struct ini_key *k, void *vp)
{
	struct parse *p = vp;
	struct section *s = current(p, k);

	if (!s) {
		if (p->bad_section && !strcmp(p->bad_section, k->section))
			return -1;
		free(p->bad_section);
		p->bad_section = xstrdup(k->section);
		return error_at(k->path, k->line, 0,
				"unknown section '[%s]': sections are [section ID]",
				k->section);
	}
	if (!indicator_valid_id(s->id)) {
		if (s->line != k->line)
			return -1;
		return error_at(k->path, k->line, 0,
				"'[%s]': a section id is lowercase letters, digits and '_'",
				k->section);
	}
	if (!strcmp(k->name, "title")) {
		if (p->have_title++)
			return error_at(k->path, k->line, 0,
					"'title' is given twice in [%s]",
					k->section);
		s->title = xstrdup(k->value);
		return 0;
	}
	if (!strcmp(k->name, "intro")) {
		if (p->have_intro++)
			return error_at(k->path, k->line, 0,
					"'intro' is given twice in [%s]",
					k->section);
		s->intro = xstrdup(k->value);
		return 0;
	}
	if (!strcmp(k->name, "indicators")) {
		if (p->have_indicators++)
			return error_at(k->path, k->line, 0,
					"'indicators' is given twice in [%s]",
					k->section);
		return add_ids(k, p, s);
	}
	return error_at(k->path, k->line, 0, "unknown key '%s' in [%s]",
			k->name, k->section);
}

int sections_load(const char *path, const struct indicator_set *set,
		  struct sections *out)
{
	struct parse p;
	size_t i, j;
	int ret;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	p.out = out;
	p.set = set;
	ret = inifile_read(path, on_key, &p);
	free(p.bad_section);
	for (i = 0; i < out->n; i++) {
		struct section *s = &out->sec[i];

		if (!s->title)
			ret = error_at(path, s->line, 0,
				       "[section %s] needs 'title'", s->id);
		if (!s->ids)
			ret = error_at(path, s->line, 0,
				       "[section %s] needs 'indicators'",
				       s->id);
		if (!s->intro)
			s->intro = xstrdup("");
		for (j = 0; j < i; j++)
			if (!strcmp(out->sec[j].id, s->id))
				ret = error_at(path, s->line, 0,
					       "[section %s] is given twice",
					       s->id);
	}
	if (out->n == 0 && ret == 0)
		ret = error_at(path, 1, 0, "no [section ID] in the file");
	return ret < 0 ? -1 : 0;
}

void sections_release(struct sections *s)
{
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		free(s->sec[i].id);
		free(s->sec[i].title);
		free(s->sec[i].intro);
		for (j = 0; j < s->sec[i].nids; j++)
			free(s->sec[i].ids[j]);
		free(s->sec[i].ids);
	}
	free(s->sec);
	memset(s, 0, sizeof(*s));
}
