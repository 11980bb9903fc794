/* capture.h - catching what a unit test's code under test writes on
 * stderr, to check the exact message (FILE:LINE: ...).
 *
 *	capture_begin();
 *	... call that reports an error ...
 *	msg = capture_end();     caller frees
 *
 * Include after <cmocka.h> and <unistd.h>. One capture at a time.
 */
#ifndef JSNA_TEST_CAPTURE_H
#define JSNA_TEST_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int saved_stderr = -1;
static FILE *captured;

static void capture_begin(void)
{
	fflush(stderr);
	captured = tmpfile();
	assert_non_null(captured);
	saved_stderr = dup(2);
	assert_true(saved_stderr >= 0);
	assert_true(dup2(fileno(captured), 2) >= 0);
}

static inline char *capture_end(void)
{
	char *s;
	long n;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	saved_stderr = -1;
	n = ftell(captured);
	s = calloc(1, (size_t)(n > 0 ? n : 0) + 1);
	assert_non_null(s);
	rewind(captured);
	if (n > 0)
		assert_int_equal(fread(s, 1, (size_t)n, captured), (size_t)n);
	fclose(captured);
	captured = NULL;
	return s;
}

#endif
