/* strmap.c - open addressing with linear probing; each entry keeps its
 * key's hash, so a probe compares keys only when the hashes agree. */
#include "jsna/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/util.h"

/* Eight bytes at a time, each word mixed in by a multiply and a shift:
 * keys are area codes and series names, tens of bytes long. */
static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0xff51afd7ed558ccdULL);
	uint64_t w;

	while (n >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xff51afd7ed558ccdULL;
	h ^= h >> 32;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 29);
}

static struct strmap_entry *find(const struct strmap *m, const char *key,
				 uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->slots[i].key && (m->slots[i].hash != h ||
				   strcmp(m->slots[i].key, key) != 0))
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
			*find(m, old.slots[i].key, old.slots[i].hash) =
				old.slots[i];
	free(old.slots);
}

void **strmap_put(struct strmap *m, const char *key)
{
	struct strmap_entry *e;
	size_t n = strlen(key);
	uint64_t h = hash(key, n);

	if ((m->len + 1) * 4 >= m->cap * 3)
		grow(m);
	e = find(m, key, h);
	if (!e->key) {
		e->key = xmalloc(n + 1);
		memcpy(e->key, key, n + 1);
		e->value = NULL;
		e->hash = h;
		m->len++;
	}
	return &e->value;
}

void *strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_entry *e;

	if (!m->cap)
		return NULL;
	e = find(m, key, hash(key, strlen(key)));
	return e->key ? e->value : NULL;
}

int strmap_has(const struct strmap *m, const char *key)
{
	return m->cap && find(m, key, hash(key, strlen(key)))->key != NULL;
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
