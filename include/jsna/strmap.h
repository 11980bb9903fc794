/* strmap.h - a hash map from strings to pointers.
 *
 *	struct strmap m = STRMAP_INIT;
 *	void **slot = strmap_put(&m, "E06000050");   NULL value when new
 *	if (!*slot) *slot = make_thing();
 *	thing = strmap_get(&m, "E06000050");         NULL when absent
 *	strmap_release(&m, free);                     frees values with free
 *
 * The map copies and owns its keys; values belong to the caller, who may
 * pass a function to strmap_release to free them.
 */
#ifndef JSNA_STRMAP_H
#define JSNA_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_entry {
	char *key;
	void *value;
	uint64_t hash;		/* of key */
};

struct strmap {
	struct strmap_entry *slots;
	size_t cap;		/* a power of two, or 0 */
	size_t len;
};

#define STRMAP_INIT { NULL, 0, 0 }

/* The value slot for key, created (holding NULL) if absent. */
void **strmap_put(struct strmap *m, const char *key);
/* The value for key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);
/* 1 when key is present. */
int strmap_has(const struct strmap *m, const char *key);
/* Calls fn on each entry in no particular order. */
void strmap_each(const struct strmap *m,
		 void (*fn)(const char *key, void *value, void *ctx),
		 void *ctx);
void strmap_release(struct strmap *m, void (*free_value)(void *));

#endif
