/* strmap.c - open addressing with linear probing, FNV-1a hashes. */
#include "jsna/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/util.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static struct strmap_entry *find(const struct strmap *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);

	while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static void grow(struct strmap *m)
{
	struct strmap old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(m, old.slots[i].key) = old.slots[i];
	free(old.slots);
}

void **strmap_put(struct strmap *m, const char *key)
{
	struct strmap_entry *e;

	if ((m->len + 1) * 4 >= m->cap * 3)
		grow(m);
	e = find(m, key);
	if (!e->key) {
		e->key = xstrdup(key);
		e->value = NULL;
		m->len++;
	}
	return &e->value;
}

void *strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_entry *e;

	if (!m->cap)
		return NULL;
	e = find(m, key);
	return e->key ? e->value : NULL;
}

int strmap_has(const struct strmap *m, const char *key)
{
	return m->cap && find(m, key)->key != NULL;
}

void strmap_each(const struct strmap *m,
		 void (*fn)(const char *key, void *value, void *ctx),
		 void *ctx)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			fn(m->slots[i].key, m->slots[i].value, ctx);
}

void strmap_release(struct strmap *m, void (*free_value)(void *))
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		free(m->slots[i].key);
		if (free_value)
			free_value(m->slots[i].value);
	}
	free(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
}
