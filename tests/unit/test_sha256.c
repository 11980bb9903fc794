/* test_sha256.c - SHA-256 of buffers and files (sha256.h).
 *
 * Known answers: the FIPS 180-2 appendix B / NIST CAVS examples ("abc",
 * the 448- and 896-bit messages, one million 'a'), the hash of the empty
 * message, and for the padding edges (55 to 65 bytes and more) digests
 * computed with coreutils' sha256sum over runs of 'a'.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsna/sha256.h"

#define SHA_EMPTY \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA_ABC \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define MSG_448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define SHA_448 \
	"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
#define MSG_896 "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn" \
		"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
#define SHA_896 \
	"cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
#define SHA_MILLION_A \
	"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

static void hash_str(const char *s, char hex[65])
{
	struct sha256 c;

	sha256_init(&c);
	sha256_update(&c, s, strlen(s));
	sha256_final(&c, hex);
}

static void test_nist(void **state)
{
	char hex[65];

	(void)state;
	hash_str("", hex);
	assert_string_equal(hex, SHA_EMPTY);
	hash_str("abc", hex);
	assert_string_equal(hex, SHA_ABC);
	hash_str(MSG_448, hex);
	assert_string_equal(hex, SHA_448);
	hash_str(MSG_896, hex);
	assert_string_equal(hex, SHA_896);
}

/* Nothing fed at all, and empty updates, give the empty message's hash. */
static void test_empty_updates(void **state)
{
	struct sha256 c;
	char hex[65];

	(void)state;
	sha256_init(&c);
	sha256_final(&c, hex);
	assert_string_equal(hex, SHA_EMPTY);
	sha256_init(&c);
	sha256_update(&c, "", 0);
	sha256_update(&c, "abc", 0);
	sha256_final(&c, hex);
	assert_string_equal(hex, SHA_EMPTY);
	assert_int_equal(strlen(hex), 64);
}

/* One million 'a' fed in chunks of odd sizes that cross the 64-byte
 * blocks at every offset. */
static void test_million_a(void **state)
{
	static const size_t chunks[] = { 1, 3, 7, 63, 64, 65, 127, 1000, 4093 };
	char *a = malloc(4096);
	struct sha256 c;
	char hex[65];
	size_t done = 0, k = 0;

	(void)state;
	assert_non_null(a);
	memset(a, 'a', 4096);
	sha256_init(&c);
	while (done < 1000000) {
		size_t n = chunks[k++ % (sizeof(chunks) / sizeof(chunks[0]))];

		if (n > 1000000 - done)
			n = 1000000 - done;
		sha256_update(&c, a, n);
		done += n;
	}
	sha256_final(&c, hex);
	assert_string_equal(hex, SHA_MILLION_A);

	/* the same in one call */
	{
		char *big = malloc(1000000);

		assert_non_null(big);
		memset(big, 'a', 1000000);
		sha256_init(&c);
		sha256_update(&c, big, 1000000);
		sha256_final(&c, hex);
		assert_string_equal(hex, SHA_MILLION_A);
		free(big);
	}
	free(a);
}

/* Lengths either side of 55/56 bytes (where the length stops fitting
 * in the last block) and of 64 bytes, all 'a'. */
static void test_padding_edges(void **state)
{
	static const struct {
		size_t n;
		const char *hex;
	} t[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e91"
		      "0f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef797068"
		      "6ec6738a" },
		{ 57, "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed65"
		      "89dfe8c6" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da45"
		      "7ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df"
		      "154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f"
		      "17eb0ae0" },
		{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7e"
		       "a6584dcfb" },
		{ 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55"
		       "af904c21c" },
		{ 128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e"
		       "013afb73e" },
	};
	char a[128];
	char hex[65];

	(void)state;
	memset(a, 'a', sizeof(a));
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct sha256 c;

		sha256_init(&c);
		sha256_update(&c, a, t[i].n);
		sha256_final(&c, hex);
		if (strcmp(hex, t[i].hex) != 0) {
			print_error("%zu x 'a': %s, expected %s\n", t[i].n, hex,
				    t[i].hex);
			fail();
		}
		/* byte by byte gives the same */
		sha256_init(&c);
		for (size_t j = 0; j < t[i].n; j++)
			sha256_update(&c, a + j, 1);
		sha256_final(&c, hex);
		assert_string_equal(hex, t[i].hex);
	}
}

/* ------------------------------------------------------------------ */
/* Files */

static char tmp_path[64];

static void write_tmp(const void *data, size_t n)
{
	int fd;

	strcpy(tmp_path, "/tmp/jsna-test-sha-XXXXXX");
	fd = mkstemp(tmp_path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

static int remove_tmp(void **state)
{
	(void)state;
	if (*tmp_path)
		unlink(tmp_path);
	*tmp_path = '\0';
	return 0;
}

static void test_file(void **state)
{
	static const char csv[] = "area_code,value\r\nE06000050,584\r\n";
	char hex[65];
	long long size = -1;

	(void)state;
	write_tmp("abc", 3);
	assert_int_equal(sha256_file(tmp_path, hex, &size), 0);
	assert_string_equal(hex, SHA_ABC);
	assert_int_equal(size, 3);
	remove_tmp(NULL);

	write_tmp("", 0);
	assert_int_equal(sha256_file(tmp_path, hex, &size), 0);
	assert_string_equal(hex, SHA_EMPTY);
	assert_int_equal(size, 0);
	remove_tmp(NULL);

	write_tmp(csv, sizeof(csv) - 1);
	assert_int_equal(sha256_file(tmp_path, hex, &size), 0);
	assert_string_equal(hex, "e3c16b4ce71713ca18f0d07b0848e4fe41be4a5779"
			    "5bae43ea2cfc6812b8cc00");
	assert_int_equal(size, 32);
}

/* Larger than the 64 KiB read buffer. */
static void test_big_file(void **state)
{
	char *a = malloc(200000);
	char hex[65];
	long long size = -1;

	(void)state;
	assert_non_null(a);
	memset(a, 'a', 200000);
	write_tmp(a, 200000);
	free(a);
	assert_int_equal(sha256_file(tmp_path, hex, &size), 0);
	assert_string_equal(hex, "2287d207f24a941ff3b56c04c8a25ad56b63e302320"
			    "7b3bb5b4ac0c9869d74be");
	assert_int_equal(size, 200000);
}

static void test_missing_file(void **state)
{
	char hex[65];
	long long size = 7;
	int saved = dup(2), devnull;

	(void)state;
	/* the message goes to stderr: keep the test output quiet */
	fflush(stderr);
	devnull = open("/dev/null", O_WRONLY);
	assert_true(saved >= 0 && devnull >= 0);
	dup2(devnull, 2);
	close(devnull);
	assert_int_equal(sha256_file("/nonexistent/jsna/x.csv", hex, &size),
			 -1);
	assert_int_equal(sha256_file("/", hex, &size), -1);	/* a folder */
	dup2(saved, 2);
	close(saved);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nist),
		cmocka_unit_test(test_empty_updates),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_padding_edges),
		cmocka_unit_test_teardown(test_file, remove_tmp),
		cmocka_unit_test_teardown(test_big_file, remove_tmp),
		cmocka_unit_test(test_missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
