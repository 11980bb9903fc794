/* csvpass.c - the parsing limit for `make bench`: a bare libcsv pass over
 * files that does nothing with the fields, so that ingest's throughput can
 * be set beside the fastest any reader built on libcsv could go.
 *
 * usage: csvpass FILE...
 * Prints the bytes, fields and rows read. Exit status: 0, or 3 when a file
 * cannot be read or libcsv reports an error.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct counts {
	unsigned long long bytes, fields, rows;
};

static void on_field(void *data, size_t len, void *ctx)
{
	(void)data;
	(void)len;
	((struct counts *)ctx)->fields++;
}

static void on_row(int c, void *ctx)
{
	(void)c;
	((struct counts *)ctx)->rows++;
}

static int pass(const char *path, struct counts *n)
{
	struct csv_parser p;
	char block[65536];
	ssize_t got;
	int fd = open(path, O_RDONLY), ret = 0;

	if (fd < 0) {
		fprintf(stderr, "csvpass: cannot open '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	if (csv_init(&p, 0) != 0) {
		close(fd);
		fputs("csvpass: out of memory\n", stderr);
		return -1;
	}
	while ((got = read(fd, block, sizeof(block))) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "csvpass: cannot read '%s': %s\n",
				path, strerror(errno));
			ret = -1;
			break;
		}
		n->bytes += (unsigned long long)got;
		if (csv_parse(&p, block, (size_t)got, on_field, on_row, n) !=
		    (size_t)got) {
			fprintf(stderr, "csvpass: %s: %s\n", path,
				csv_strerror(csv_error(&p)));
			ret = -1;
			break;
		}
	}
	if (ret == 0)
		csv_fini(&p, on_field, on_row, n);
	csv_free(&p);
	close(fd);
	return ret;
}

int main(int argc, char **argv)
{
	struct counts n = { 0, 0, 0 };
	int i;

	if (argc < 2) {
		fputs("usage: csvpass FILE...\n", stderr);
		return 2;
	}
	for (i = 1; i < argc; i++)
		if (pass(argv[i], &n) < 0)
			return 3;
	printf("%llu bytes, %llu fields, %llu rows\n", n.bytes, n.fields,
	       n.rows);
	return 0;
}
