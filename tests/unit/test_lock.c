/* test_lock.c - the warehouse lock (lock.h).
 *
 * The lock is between processes, so the tests fork: a child tries
 * lock_take on the warehouse and exits with what it returned
 * (0, JSNA_EXIT_LOCKED or JSNA_EXIT_SYSTEM), which the parent checks.
 * Each test uses a fresh mkdtemp folder, removed by teardown, and runs
 * with JSNA_LOCK_FD unset.
 */
#define _XOPEN_SOURCE 700	/* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jsna/lock.h"
#include "jsna/util.h"

struct fixture {
	char dir[64];
	char warehouse[128];
	char errfile[128];	/* a child's stderr */
};

#include "tmpdir.h"

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	unsetenv("JSNA_LOCK_FD");
	strcpy(fx->dir, "/tmp/jsna-test-lock-XXXXXX");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	snprintf(fx->warehouse, sizeof(fx->warehouse), "%s/var/jsna.db",
		 fx->dir);
	snprintf(fx->errfile, sizeof(fx->errfile), "%s/child.err", fx->dir);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc = tmpdir_remove(fx->dir);

	unsetenv("JSNA_LOCK_FD");
	free(fx);
	return rc;
}

/* Runs lock_take in a child; returns its exit status. The child's
 * messages go to fx->errfile. */
static int child_take(struct fixture *fx)
{
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct lock lk;
		int fd = open(fx->errfile, O_WRONLY | O_CREAT | O_TRUNC,
			      0666);
		int rc;

		if (fd < 0 || dup2(fd, 2) < 0)
			_exit(99);
		close(fd);
		rc = lock_take(fx->warehouse, &lk);
		if (rc == 0 && lk.fd < 0)
			rc = 98;
		if (rc == 0 && lk.inherited)
			rc = 97;	/* told apart by child_take_shared */
		lock_release(&lk);
		_exit(rc);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static const char *slurp(const char *path)
{
	static char buf[512];
	FILE *f = fopen(path, "rb");
	size_t n;

	buf[0] = '\0';
	if (!f)
		return buf;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_take_release(void **state)
{
	struct fixture *fx = *state;
	struct lock lk;
	char want[160], lockfile[160];

	/* the warehouse's folder does not exist yet: made */
	assert_int_equal(lock_take(fx->warehouse, &lk), 0);
	assert_true(lk.fd >= 0);
	assert_int_equal(lk.inherited, 0);
	snprintf(lockfile, sizeof(lockfile), "%s.lock", fx->warehouse);
	assert_string_equal(lk.path, lockfile);
	/* the lock file names its holder */
	snprintf(want, sizeof(want), "%ld\n", (long)getpid());
	assert_string_equal(slurp(lockfile), want);

	/* another process is refused, and told who holds it */
	assert_int_equal(child_take(fx), JSNA_EXIT_LOCKED);
	snprintf(want, sizeof(want), "(PID %ld)", (long)getpid());
	assert_non_null(strstr(slurp(fx->errfile), want));
	assert_non_null(strstr(slurp(fx->errfile), fx->warehouse));

	/* so is a second take in this process: flock is per open file */
	{
		struct lock again;
		int saved = dup(2), devnull = open("/dev/null", O_WRONLY);

		assert_true(saved >= 0 && devnull >= 0);
		fflush(stderr);
		dup2(devnull, 2);
		close(devnull);
		assert_int_equal(lock_take(fx->warehouse, &again),
				 JSNA_EXIT_LOCKED);
		dup2(saved, 2);
		close(saved);
		assert_int_equal(again.fd, -1);
		lock_release(&again);
	}

	lock_release(&lk);
	assert_int_equal(lk.fd, -1);
	assert_null(lk.path);
	lock_release(&lk);		/* twice is harmless */
	/* free: the child takes it */
	assert_int_equal(child_take(fx), 0);
	assert_string_equal(slurp(fx->errfile), "");
	/* and so do we, again */
	assert_int_equal(lock_take(fx->warehouse, &lk), 0);
	lock_release(&lk);
}

/* A holder killed with SIGKILL never releases: the kernel does. */
static void test_killed_holder(void **state)
{
	struct fixture *fx = *state;
	int ready[2];
	pid_t pid;
	char c;
	int status;

	assert_int_equal(pipe(ready), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct lock lk;

		close(ready[0]);
		if (lock_take(fx->warehouse, &lk) != 0)
			_exit(1);
		if (write(ready[1], "k", 1) != 1)
			_exit(2);
		for (;;)
			pause();
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);

	assert_int_equal(child_take(fx), JSNA_EXIT_LOCKED);
	{
		char want[32];

		snprintf(want, sizeof(want), "(PID %ld)", (long)pid);
		assert_non_null(strstr(slurp(fx->errfile), want));
	}
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);

	/* free again at once, though the file still names the dead PID */
	assert_int_equal(child_take(fx), 0);
	{
		struct lock lk;
		char want[32];

		assert_int_equal(lock_take(fx->warehouse, &lk), 0);
		snprintf(want, sizeof(want), "%ld\n", (long)getpid());
		assert_string_equal(slurp(lk.path), want);
		lock_release(&lk);
	}
}

/* `jsna refresh` shares its lock: a child given JSNA_LOCK_FD holding the
 * same open file takes it at once and leaves it held. */
static void test_shared(void **state)
{
	struct fixture *fx = *state;
	struct lock lk;

	assert_int_equal(lock_take(fx->warehouse, &lk), 0);
	assert_int_equal(lock_share(&lk), 0);
	assert_non_null(getenv("JSNA_LOCK_FD"));
	assert_int_equal(child_take(fx), 97);	/* taken, as inherited */
	/* the child's release left it held by us */
	unsetenv("JSNA_LOCK_FD");
	assert_int_equal(child_take(fx), JSNA_EXIT_LOCKED);
	lock_release(&lk);
	assert_int_equal(child_take(fx), 0);

	/* a JSNA_LOCK_FD naming another file is ignored */
	assert_int_equal(lock_take(fx->warehouse, &lk), 0);
	setenv("JSNA_LOCK_FD", "0", 1);
	assert_int_equal(child_take(fx), JSNA_EXIT_LOCKED);
	setenv("JSNA_LOCK_FD", "not a number", 1);
	assert_int_equal(child_take(fx), JSNA_EXIT_LOCKED);
	unsetenv("JSNA_LOCK_FD");
	lock_release(&lk);
}

/* A lock file that cannot be made is a system error. */
static void test_system_error(void **state)
{
	struct fixture *fx = *state;
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/file", fx->dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(fx->warehouse, sizeof(fx->warehouse), "%s/file/jsna.db",
		 fx->dir);
	assert_int_equal(child_take(fx), JSNA_EXIT_SYSTEM);
	assert_true(*slurp(fx->errfile) != '\0');
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_take_release),
		T(test_killed_holder),
		T(test_shared),
		T(test_system_error),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
