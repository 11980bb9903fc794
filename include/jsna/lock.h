/* lock.h - the warehouse lock that every writer takes.
 *
 *	struct lock lk;
 *	int rc = lock_take(cfg.warehouse, &lk);   0, or JSNA_EXIT_LOCKED/SYSTEM
 *	...
 *	lock_release(&lk);
 *
 * The lock is an flock(2) on WAREHOUSE.lock holding the holder's PID
 * (emptied on release), so a lock left by a killed process is free again
 * at once. `jsna refresh` hands its lock to the stages it runs through the
 * environment (JSNA_LOCK_FD): a child holding the same open file takes it
 * at once.
 */
#ifndef JSNA_LOCK_H
#define JSNA_LOCK_H

struct lock {
	int fd;			/* -1 when not held */
	int inherited;		/* held by the parent refresh */
	char *path;
};

/* Takes the lock next to the warehouse. Returns 0, JSNA_EXIT_LOCKED after
 * saying which process holds it, or JSNA_EXIT_SYSTEM (reported). */
int lock_take(const char *warehouse, struct lock *lk);

/* Lets child processes inherit the lock (sets JSNA_LOCK_FD). */
int lock_share(struct lock *lk);

void lock_release(struct lock *lk);

#endif
