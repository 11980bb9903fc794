/* sha256.c - the only file that includes OpenSSL's libcrypto: SHA-256
 * through its EVP interface, which uses the processor's SHA instructions
 * where there are some (several times faster than portable C, and every
 * input byte of a national refresh is hashed once). */
#include "jsna/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "jsna/util.h"

void sha256_init(struct sha256 *c)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		die(JSNA_EXIT_SYSTEM, "cannot start a SHA-256 digest (out of memory?)");
	c->ctx = ctx;
	c->len = 0;
}

void sha256_update(struct sha256 *c, const void *data, size_t len)
{
	if (EVP_DigestUpdate(c->ctx, data, len) != 1)
		die(JSNA_EXIT_SYSTEM, "SHA-256 digest failed");
	c->len += len;
}

void sha256_final(struct sha256 *c, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	if (EVP_DigestFinal_ex(c->ctx, md, &n) != 1 || n != 32)
		die(JSNA_EXIT_SYSTEM, "SHA-256 digest failed");
	EVP_MD_CTX_free(c->ctx);
	c->ctx = NULL;
	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

int sha256_file(const char *path, char hex[65], long long *size)
{
	struct sha256 c;
	char block[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return error_errno("cannot open '%s'", path);
	sha256_init(&c);
	while ((n = read(fd, block, sizeof(block))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			error_errno("cannot read '%s'", path);
			close(fd);
			sha256_final(&c, hex);	/* frees the digest */
			return -1;
		}
		sha256_update(&c, block, (size_t)n);
	}
	close(fd);
	*size = (long long)c.len;
	sha256_final(&c, hex);
	return 0;
}
