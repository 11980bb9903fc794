/* lock.c - one writer at a time on the warehouse. */
#include "jsna/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "jsna/buf.h"
#include "jsna/outset.h"
#include "jsna/util.h"

/* Accepts the inherited descriptor only if it is the same lock file. */
static int inherited_fd(const char *path)
{
	const char *env = getenv("JSNA_LOCK_FD");
	struct stat a, b;
	char *end;
	long fd;

	if (!env || !*env)
		return -1;
	fd = strtol(env, &end, 10);
	if (*end || fd < 0 || fd > 65535)
		return -1;
	if (fstat((int)fd, &a) < 0 || stat(path, &b) < 0)
		return -1;
	if (a.st_dev != b.st_dev || a.st_ino != b.st_ino)
		return -1;
	return (int)fd;
}

/* Is the PID in text a live process? */
static int alive(const char *text)
{
	char *end;
	long pid = strtol(text, &end, 10);

	if (end == text || *end || pid <= 0)
		return 0;
	return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* Reads the holder's PID. A holder that has just taken the lock may not
 * have written its PID yet (the file is then empty, or after a crash
 * still names the dead holder before it): read again for a moment, then
 * take what is there. */
static void read_holder(int fd, char *out, size_t n)
{
	const struct timespec pause = { 0, 2000000 };
	int tries = 100;	/* 0.2 s at most */

	for (;;) {
		ssize_t got = pread(fd, out, n - 1, 0);

		if (got < 0)
			got = 0;
		out[got] = '\0';
		out[strcspn(out, "\n")] = '\0';
		if (alive(out) || --tries == 0)
			break;
		nanosleep(&pause, NULL);
	}
}

int lock_take(const char *warehouse, struct lock *lk)
{
	struct buf path = BUF_INIT;
	char pid[32];
	int fd;

	lk->fd = -1;
	lk->inherited = 0;
	buf_addf(&path, "%s.lock", warehouse);
	lk->path = buf_detach(&path, NULL);

	fd = inherited_fd(lk->path);
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) {
		lk->fd = fd;
		lk->inherited = 1;
		return 0;
	}
	{
		/* The warehouse's folder may not exist yet on a first run. */
		char *dir = xstrdup(lk->path), *slash = strrchr(dir, '/');
		int bad = 0;

		if (slash && slash != dir) {
			*slash = '\0';
			bad = make_dirs(dir) < 0;
		}
		free(dir);
		if (bad)
			return JSNA_EXIT_SYSTEM;
	}
	fd = open(lk->path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		error_errno("cannot open the lock file '%s'", lk->path);
		return JSNA_EXIT_SYSTEM;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		char holder[64];

		if (errno != EWOULDBLOCK) {
			error_errno("cannot lock '%s'", lk->path);
			close(fd);
			return JSNA_EXIT_SYSTEM;
		}
		read_holder(fd, holder, sizeof(holder));
		error("the warehouse '%s' is in use by another jsna process%s%s%s; nothing done",
		      warehouse, *holder ? " (PID " : "", holder,
		      *holder ? ")" : "");
		close(fd);
		return JSNA_EXIT_LOCKED;
	}
	/* Written over the old content, then cut to length: a reader never
	 * sees the file empty while it is held. */
	snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (pwrite(fd, pid, strlen(pid), 0) != (ssize_t)strlen(pid) ||
	    ftruncate(fd, (off_t)strlen(pid)) < 0) {
		error_errno("cannot write the lock file '%s'", lk->path);
		close(fd);
		return JSNA_EXIT_SYSTEM;
	}
	lk->fd = fd;
	return 0;
}

int lock_share(struct lock *lk)
{
	char v[16];
	int flags = fcntl(lk->fd, F_GETFD);

	if (flags < 0 || fcntl(lk->fd, F_SETFD, flags & ~FD_CLOEXEC) < 0)
		return error_errno("cannot share the warehouse lock");
	snprintf(v, sizeof(v), "%d", lk->fd);
	if (setenv("JSNA_LOCK_FD", v, 1) < 0)
		return error_errno("cannot share the warehouse lock");
	return 0;
}

void lock_release(struct lock *lk)
{
	/* An inherited lock belongs to the parent: leave it held. Our own
	 * is emptied first, so that the file names no one when free. */
	if (lk->fd >= 0 && !lk->inherited) {
		if (ftruncate(lk->fd, 0) < 0)
			warning("cannot clear the lock file '%s': %s",
				lk->path, strerror(errno));
		close(lk->fd);
	}
	lk->fd = -1;
	free(lk->path);
	lk->path = NULL;
}
