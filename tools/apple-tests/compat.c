// SPDX-License-Identifier: GPL-2.0
/*
 * sysctlbyname() for XNU's tests (compat/sys/sysctl.h): the names with a
 * Linux equivalent; ENOENT for every other, as XNU answers an unknown name.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include <sys/sysctl.h>

static int sysctl_out(void *oldp, size_t *oldlenp, const void *val, size_t len)
{
	if (!oldlenp)
		return 0;
	if (oldp) {
		if (*oldlenp < len) {
			errno = ENOMEM;
			return -1;
		}
		memcpy(oldp, val, len);
	}
	*oldlenp = len;
	return 0;
}

static long long proc_stat_btime(void)
{
	char line[256];
	long long btime = -1;
	FILE *f = fopen("/proc/stat", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "btime %lld", &btime) == 1)
			break;
	fclose(f);
	return btime;
}

int sysctlbyname(const char *name, void *oldp, size_t *oldlenp,
		 const void *newp, size_t newlen)
{
	if (newp) {
		errno = EPERM;
		return -1;
	}
	if (!strcmp(name, "kern.boottime")) {
		struct timeval tv = { .tv_sec = proc_stat_btime(), .tv_usec = 0 };

		if (tv.tv_sec < 0) {
			errno = ENOENT;
			return -1;
		}
		return sysctl_out(oldp, oldlenp, &tv, sizeof(tv));
	}
	if (!strcmp(name, "hw.ncpu") || !strcmp(name, "hw.logicalcpu") ||
	    !strcmp(name, "hw.activecpu")) {
		int n = (int)sysconf(_SC_NPROCESSORS_ONLN);

		return sysctl_out(oldp, oldlenp, &n, sizeof(n));
	}
	if (!strcmp(name, "hw.pagesize")) {
		int n = (int)sysconf(_SC_PAGESIZE);

		return sysctl_out(oldp, oldlenp, &n, sizeof(n));
	}
	/*
	 * XNU's switch for immovable and pinned task control ports
	 * (ipc_control_port_options in osfmk/kern/ipc_tt.c).  linux-mach's
	 * control ports are movable and unpinned: all options off.
	 */
	/* A release kernel: no DEVELOPMENT/DEBUG-only interfaces. */
	if (!strcmp(name, "kern.development")) {
		int dev = 0;

		return sysctl_out(oldp, oldlenp, &dev, sizeof(dev));
	}
	/*
	 * The EXC_GUARD behaviour new tasks get: Mach port guards are
	 * delivered and fatal here, what task_get_exc_guard_behavior
	 * reports (TASK_EXC_GUARD_MP_DELIVER | TASK_EXC_GUARD_MP_FATAL).
	 */
	if (!strcmp(name, "kern.task_exc_guard_default")) {
		unsigned int behavior = 0x10 | 0x80;

		return sysctl_out(oldp, oldlenp, &behavior, sizeof(behavior));
	}
	if (!strcmp(name, "kern.ipc_control_port_options")) {
		unsigned int opts = 0;

		return sysctl_out(oldp, oldlenp, &opts, sizeof(opts));
	}
	errno = ENOENT;
	return -1;
}

/*
 * <spawn.h>'s posix_spawnattr_setexceptionports_np: glibc's posix_spawn
 * cannot give the child exception ports, so the attribute is refused.
 */
#include <mach/mach_types.h>
#include <mach/exception_types.h>
#include <spawn.h>

int posix_spawnattr_setexceptionports_np(posix_spawnattr_t *attr,
					 exception_mask_t mask,
					 mach_port_t new_port,
					 exception_behavior_t behavior,
					 thread_state_flavor_t new_flavor)
{
	return ENOTSUP;
}

/* ---- <pthread/private.h> and <mach-o/dyld.h> ---- */
#include <limits.h>
#include <pthread.h>
#include <mach/mach.h>

static pthread_t main_thread;
static mach_port_t main_thread_port;
mach_port_t pthread_mach_thread_np(pthread_t thread);

__attribute__((constructor)) static void note_main_thread(void)
{
	main_thread = pthread_self();
	(void)pthread_mach_thread_np(main_thread);
}

pthread_t pthread_main_thread_np(void)
{
	return main_thread;
}

/*
 * Darwin keeps each pthread's thread port; here the calling thread's is
 * mach_thread_self() (one name per thread: the extra reference is given
 * back) and the main thread's is taken at start-up.  Another thread's: MACH_PORT_NULL.
 */
mach_port_t pthread_mach_thread_np(pthread_t thread)
{
	mach_port_t port;

	if (!pthread_equal(thread, pthread_self()))
		return pthread_equal(thread, main_thread) ? main_thread_port : MACH_PORT_NULL;
	port = mach_thread_self();
	mach_port_deallocate(mach_task_self(), port);
	if (pthread_equal(thread, main_thread))
		main_thread_port = port;
	return port;
}

int _NSGetExecutablePath(char *buf, uint32_t *bufsize)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);

	if (n < 0)
		return -1;
	path[n] = 0;
	if ((uint32_t)n + 1 > *bufsize) {
		*bufsize = (uint32_t)n + 1;
		return -1;
	}
	memcpy(buf, path, (size_t)n + 1);
	return 0;
}

/* tests/test_utils.h: kern.development, which is 0 here. */
bool is_development_kernel(void)
{
	return false;
}

/*
 * Darwin's shared_region_check_np(2) gives the address of dyld's shared
 * cache; Linux has no shared region: ENOSYS.
 */
int __shared_region_check_np(uint64_t *start_address);
int __shared_region_check_np(uint64_t *start_address)
{
	errno = ENOSYS;
	return -1;
}
