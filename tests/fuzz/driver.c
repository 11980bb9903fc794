/* driver.c - replays a fuzz corpus without libFuzzer.
 *
 * usage: replay_TARGET FILE-OR-FOLDER...
 * Feeds every file to the target's LLVMFuzzerTestOneInput; a crash or a
 * sanitizer report fails the run. Prints how many inputs were replayed.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t len = 0, alloc = 0, n;
	unsigned char block[4096];

	if (!f) {
		perror(path);
		return -1;
	}
	while ((n = fread(block, 1, sizeof(block), f)) > 0) {
		if (len + n > alloc) {
			alloc = (len + n) * 2;
			data = realloc(data, alloc);
			if (!data) {
				fclose(f);
				return -1;
			}
		}
		memcpy(data + len, block, n);
		len += n;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(data ? data : block, len);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int i, count = 0;

	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *e;

		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (replay_file(argv[i]) < 0)
				return 1;
			count++;
			continue;
		}
		d = opendir(argv[i]);
		if (!d) {
			perror(argv[i]);
			return 1;
		}
		while ((e = readdir(d)) != NULL) {
			char path[4096];

			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
			if (replay_file(path) < 0) {
				closedir(d);
				return 1;
			}
			count++;
		}
		closedir(d);
	}
	printf("%d inputs replayed\n", count);
	return 0;
}
