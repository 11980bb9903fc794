/* test_strmap.c - the string-keyed hash map (strmap.h).
 *
 * Each test gets a STRMAP_INIT map from setup; teardown releases it and
 * checks it is empty again. Values freed by strmap_release are counted by
 * a free function of the test's own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsna/strmap.h"

#define MANY 20000

static int setup(void **state)
{
	struct strmap *m = malloc(sizeof(*m));
	struct strmap init = STRMAP_INIT;

	if (!m)
		return -1;
	*m = init;
	*state = m;
	return 0;
}

static int teardown(void **state)
{
	struct strmap *m = *state;

	strmap_release(m, free);
	assert_null(m->slots);
	assert_int_equal(m->cap, 0);
	assert_int_equal(m->len, 0);
	free(m);
	return 0;
}

static void test_empty(void **state)
{
	struct strmap *m = *state;

	assert_null(strmap_get(m, "E06000050"));
	assert_false(strmap_has(m, "E06000050"));
	assert_null(strmap_get(m, ""));
	assert_int_equal(m->len, 0);
}

static void test_put_get_has(void **state)
{
	struct strmap *m = *state;
	void **slot, **again;
	int a = 1, b = 2;

	slot = strmap_put(m, "E06000050");
	assert_non_null(slot);
	assert_null(*slot);		/* new: NULL value */
	*slot = &a;
	assert_int_equal(m->len, 1);
	assert_ptr_equal(strmap_get(m, "E06000050"), &a);
	assert_true(strmap_has(m, "E06000050"));
	assert_false(strmap_has(m, "E06000051"));
	assert_null(strmap_get(m, "E0600005"));
	assert_null(strmap_get(m, "E060000500"));

	/* the same key again: the same slot, the value kept */
	again = strmap_put(m, "E06000050");
	assert_ptr_equal(*again, &a);
	assert_int_equal(m->len, 1);
	*again = &b;
	assert_ptr_equal(strmap_get(m, "E06000050"), &b);

	/* a key present with a NULL value is present */
	strmap_put(m, "E92000001");
	assert_true(strmap_has(m, "E92000001"));
	assert_null(strmap_get(m, "E92000001"));
	assert_int_equal(m->len, 2);

	/* the empty string is a key like another */
	*strmap_put(m, "") = &a;
	assert_ptr_equal(strmap_get(m, ""), &a);
	assert_int_equal(m->len, 3);

	/* the values are ours: detach them before the free() of teardown */
	*strmap_put(m, "E06000050") = NULL;
	*strmap_put(m, "") = NULL;
}

/* The map copies its keys. */
static void test_key_copied(void **state)
{
	struct strmap *m = *state;
	char key[16];
	int v = 7;

	strcpy(key, "E12000002");
	*strmap_put(m, key) = &v;
	strcpy(key, "XXXXXXXXX");
	assert_ptr_equal(strmap_get(m, "E12000002"), &v);
	assert_null(strmap_get(m, key));
	*strmap_put(m, "E12000002") = NULL;
}

/* Thousands of keys: the table grows many times and keeps them all. */
static void test_growth(void **state)
{
	struct strmap *m = *state;
	char key[32];

	for (int i = 0; i < MANY; i++) {
		int *v = malloc(sizeof(*v));
		void **slot;

		assert_non_null(v);
		*v = i;
		snprintf(key, sizeof(key), "E%08d", i);
		slot = strmap_put(m, key);
		assert_null(*slot);
		*slot = v;
		assert_int_equal(m->len, (size_t)i + 1);
	}
	assert_true(m->cap > MANY);
	/* a power of two, at most three quarters full */
	assert_int_equal(m->cap & (m->cap - 1), 0);
	assert_true(m->len * 4 <= m->cap * 3);
	for (int i = 0; i < MANY; i++) {
		int *v;

		snprintf(key, sizeof(key), "E%08d", i);
		v = strmap_get(m, key);
		if (!v || *v != i) {
			print_error("'%s' lost after growth\n", key);
			fail();
		}
		assert_true(strmap_has(m, key));
	}
	for (int i = MANY; i < MANY + 100; i++) {
		snprintf(key, sizeof(key), "E%08d", i);
		assert_false(strmap_has(m, key));
		assert_null(strmap_get(m, key));
	}
	/* teardown frees the values with free() */
}

struct tally {
	size_t n;
	long long sum;
};

static void count_entry(const char *key, void *value, void *ctx)
{
	struct tally *t = ctx;
	char want[32];

	snprintf(want, sizeof(want), "k%d", *(int *)value);
	assert_string_equal(key, want);
	t->n++;
	t->sum += *(int *)value;
}

static void test_each(void **state)
{
	struct strmap *m = *state;
	struct tally t = { 0, 0 };
	char key[32];

	strmap_each(m, count_entry, &t);	/* an empty map */
	assert_int_equal(t.n, 0);
	for (int i = 1; i <= 1000; i++) {
		int *v = malloc(sizeof(*v));

		assert_non_null(v);
		*v = i;
		snprintf(key, sizeof(key), "k%d", i);
		*strmap_put(m, key) = v;
	}
	strmap_each(m, count_entry, &t);
	assert_int_equal(t.n, 1000);
	assert_int_equal(t.sum, 1000LL * 1001 / 2);
}

/* strmap_release calls free_value once per value, NULL ones included
 * (free(NULL) is fine), and not at all without a function. */
static size_t freed;
static long long freed_sum;

static void counting_free(void *v)
{
	freed++;
	if (v)
		freed_sum += *(int *)v;
	free(v);
}

static void test_release_frees_values(void **state)
{
	struct strmap m = STRMAP_INIT;
	char key[32];
	int stack_values[3] = { 1, 2, 3 };

	(void)state;
	for (int i = 0; i < 5000; i++) {
		int *v = malloc(sizeof(*v));

		assert_non_null(v);
		*v = i;
		snprintf(key, sizeof(key), "area-%d", i);
		*strmap_put(&m, key) = v;
	}
	strmap_put(&m, "no value");
	freed = 0;
	freed_sum = 0;
	strmap_release(&m, counting_free);
	assert_int_equal(freed, 5001);
	assert_int_equal(freed_sum, 4999LL * 5000 / 2);
	assert_null(m.slots);
	assert_int_equal(m.len, 0);

	/* without a function the values stay the caller's */
	*strmap_put(&m, "a") = &stack_values[0];
	*strmap_put(&m, "b") = &stack_values[1];
	*strmap_put(&m, "c") = &stack_values[2];
	strmap_release(&m, NULL);
	assert_int_equal(m.len, 0);
	/* and a released map can be used again */
	*strmap_put(&m, "a") = &stack_values[0];
	assert_ptr_equal(strmap_get(&m, "a"), &stack_values[0]);
	strmap_release(&m, NULL);
	strmap_release(&m, NULL);	/* twice is harmless */
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_empty),
		T(test_put_get_has),
		T(test_key_copied),
		T(test_growth),
		T(test_each),
		cmocka_unit_test(test_release_frees_values),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
