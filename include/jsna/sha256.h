/* sha256.h - SHA-256 of files and buffers, for the record of what was
 * loaded (an unchanged input is skipped on the next night).
 *
 *	char hex[65];
 *	if (sha256_file("inputs/x.csv", hex, &size) < 0) ... reported ...
 */
#ifndef JSNA_SHA256_H
#define JSNA_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* A digest in progress: init, then update, then final, which frees what
 * init took (the library's context). */
struct sha256 {
	void *ctx;
	uint64_t len;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
/* Writes 64 lowercase hex digits and a NUL. */
void sha256_final(struct sha256 *c, char hex[65]);

/* Hashes a whole file; *size gets its length. Returns 0 or -1 (reported). */
int sha256_file(const char *path, char hex[65], long long *size);

#endif
