/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The dt_* helpers of darwintest that XNU's tests use, for linux-mach
 * (our own implementation, see darwintest.h).
 */
#ifndef LINUX_MACH_DARWINTEST_UTILS_H
#define LINUX_MACH_DARWINTEST_UTILS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* *signal of dt_waitpid() when the timeout killed the process. */
#define SIG_DT_TIMEOUT	(-2)

/* Online CPUs. */
int dt_ncpu(void);
/*
 * Wait for pid at most timeout seconds (0: no limit; at the limit the
 * process is killed).  *status gets the exit status, *signal the killing
 * signal or SIG_DT_TIMEOUT (either may be NULL).  True when the process
 * exited by itself with status 0.
 */
bool dt_waitpid(pid_t pid, int *status, int *signal, int timeout);
/* A per-run scratch directory. */
const char *dt_tmpdir(void);

/*
 * Performance statistics (T_META_TYPE_PERF tests): a dt_stat collects
 * samples of T_STAT_MEASURE_LOOP's body; finalize logs count and mean.
 */
struct dt_stat;
typedef struct dt_stat *dt_stat_t;
typedef struct dt_stat *dt_stat_time_t;
typedef struct dt_stat *dt_stat_thread_instructions_t;
dt_stat_t dt_stat_create(const char *unit, const char *name, ...);
dt_stat_time_t dt_stat_time_create(const char *name, ...);
dt_stat_thread_instructions_t dt_stat_thread_instructions_create(const char *name, ...);
void dt_stat_add(dt_stat_t s, double value);
bool dt_stat_stable(dt_stat_t s);
void dt_stat_finalize(dt_stat_t s);
uint64_t dt_stat_loop_begin(dt_stat_t s);
void dt_stat_loop_end(dt_stat_t s, uint64_t begin);
#define T_STAT_MEASURE_LOOP(s)							\
	for (uint64_t dt_sb = dt_stat_loop_begin(s); !dt_stat_stable(s);	\
	     dt_stat_loop_end(s, dt_sb), dt_sb = dt_stat_loop_begin(s))
#define T_STAT_MEASURE(s)							\
	for (uint64_t dt_sb = dt_stat_loop_begin(s), dt_once = 1; dt_once;	\
	     dt_stat_loop_end(s, dt_sb), dt_once = 0)

#ifdef __cplusplus
}
#endif

#endif
