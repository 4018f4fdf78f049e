// SPDX-License-Identifier: GPL-2.0
/*
 * The runner behind darwintest.h: main(), the test list, the checks and
 * the kselftest TAP output.  Our own code (see darwintest.h).
 *
 * Each T_DECL runs in a child made by re-executing this binary with
 * "-n NAME", so a failed assertion, a crash or a hang ends one test only.
 * The child reports a skip's reason through a pipe (DT_RESULT_FD); its
 * exit status says the rest: 0 passed, 1 failed, 4 skipped (kselftest's
 * KSFT_SKIP).  Arguments are test names to run (default: every T_DECL).
 * DT_TIMEOUT in the environment overrides the per-test time limit.
 */
#include "darwintest.h"
#include "darwintest_multiprocess.h"

#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/wait.h>
#include <time.h>
#include <mach/mach_error.h>
#include <servers/bootstrap.h>

#define DT_EXIT_PASS	0
#define DT_EXIT_FAIL	1
#define DT_EXIT_SKIP	4
#define DT_DEFAULT_TIMEOUT 180

int dt_last_result;
int dt_quiet_next, dt_errno_next, dt_expectfail_next;
int dt_in_setup;

static struct dt_test *dt_tests, **dt_tail = &dt_tests;
static const struct dt_meta *dt_gmetas[16];
static size_t dt_ngmetas[16], dt_ngroups;
static const char *dt_self;
static const char *dt_current = "?";
static unsigned int dt_failures, dt_passes;
static int dt_result_fd = -1;
static void (*dt_atends[16])(void);
static int dt_natends;

void dt_register(struct dt_test *t)
{
	*dt_tail = t;
	dt_tail = &t->next;
}

void dt_register_global_metas(const struct dt_meta *m, size_t n)
{
	if (dt_ngroups < 16) {
		dt_gmetas[dt_ngroups] = m;
		dt_ngmetas[dt_ngroups++] = n;
	}
}

/* The last value given for meta kind, the test's own before the file's. */
static const struct dt_meta *dt_find_meta(const struct dt_test *t, int kind)
{
	const struct dt_meta *found = NULL;
	size_t g, i;

	for (g = 0; g < dt_ngroups; g++)
		for (i = 0; i < dt_ngmetas[g]; i++)
			if (dt_gmetas[g][i].kind == kind)
				found = &dt_gmetas[g][i];
	for (i = 0; i < t->nmetas; i++)
		if (t->metas[i].kind == kind)
			found = &t->metas[i];
	return found;
}

static struct dt_test *dt_lookup(const char *name)
{
	struct dt_test *t;

	for (t = dt_tests; t; t = t->next)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

/* ---- output ---- */

static void dt_vprint(const char *prefix, const char *fmt, va_list ap)
{
	char buf[4096];
	char *line, *save = NULL;

	if (!fmt) {
		printf("# %s\n", prefix);
		fflush(stdout);
		return;
	}
	vsnprintf(buf, sizeof(buf), fmt, ap);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		printf("# %s%s\n", prefix, line);
	fflush(stdout);
}

void dt_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dt_vprint("", fmt, ap);
	va_end(ap);
}

static void dt_run_atends(void)
{
	while (dt_natends > 0)
		dt_atends[--dt_natends]();
}

void dt_atend(void (*fn)(void))
{
	if (dt_natends < 16)
		dt_atends[dt_natends++] = fn;
}

void dt_end(void)
{
	dt_run_atends();
	fflush(stdout);
	fflush(stderr);
	_exit(dt_failures ? DT_EXIT_FAIL : DT_EXIT_PASS);
}

void dt_skip(const char *fmt, ...)
{
	char buf[512] = "";
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(buf, sizeof(buf), fmt, ap);
		va_end(ap);
	}
	printf("# SKIP: %s\n", buf);
	if (dt_result_fd >= 0 && write(dt_result_fd, buf, strlen(buf)) < 0)
		perror("darwintest: skip reason");
	dt_run_atends();
	fflush(stdout);
	_exit(dt_failures ? DT_EXIT_FAIL : DT_EXIT_SKIP);
}

/*
 * Record one check.  detail says what was compared (printed on failure),
 * the user's message says what it means.  Returns only when the test goes on.
 */
static void dt_record(int is_assert, int ok, const char *file, int line,
		      const char *detail, const char *fmt, va_list ap)
{
	int quiet = dt_quiet_next, xfail = dt_expectfail_next, with_errno = dt_errno_next;
	int err = errno;
	char msg[2048] = "";

	dt_quiet_next = dt_expectfail_next = dt_errno_next = 0;
	if (fmt)
		vsnprintf(msg, sizeof(msg), fmt, ap);
	if (ok && xfail) {
		dt_last_result = T_RESULT_XPASS;
		printf("# XPASS (expected to fail, passed): %s (%s) at %s:%d\n",
		       msg, detail, file, line);
		dt_passes++;
		return;
	}
	if (ok) {
		dt_last_result = T_RESULT_PASS;
		dt_passes++;
		if (!quiet)
			printf("#   PASS: %s\n", msg[0] ? msg : detail);
		return;
	}
	if (xfail) {
		dt_last_result = T_RESULT_XFAIL;
		printf("# XFAIL (expected failure): %s (%s) at %s:%d\n",
		       msg, detail, file, line);
		return;
	}
	dt_last_result = T_RESULT_FAIL;
	dt_failures++;
	printf("# %s:%d: %s%s: %s\n#     %s%s%s\n", file, line,
	       dt_in_setup ? "setup " : "", is_assert ? "ASSERT FAILED" : "EXPECT FAILED",
	       msg[0] ? msg : "(no message)", detail,
	       with_errno ? ", errno: " : "", with_errno ? strerror(err) : "");
	fflush(stdout);
	if (is_assert)
		dt_end();
}

void dt_check(int is_assert, int ok, const char *file, int line,
	      const char *what, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dt_record(is_assert, ok, file, line, what, fmt, ap);
	va_end(ap);
}

struct dt_val dt_mkval(const void *p, size_t size, int type_class, int is_signed)
{
	struct dt_val v = { 0 };

	if (type_class == 8) {	/* real_type_class */
		v.cls = 'f';
		if (size == sizeof(float))
			v.f = *(const float *)p;
		else if (size == sizeof(double))
			v.f = *(const double *)p;
		else
			v.f = *(const long double *)p;
		return v;
	}
	v.cls = type_class == 5 ? 'p' : is_signed ? 's' : 'u';
	switch (size) {
	case 1:
		v.u = *(const uint8_t *)p;
		v.i = *(const int8_t *)p;
		break;
	case 2:
		v.u = *(const uint16_t *)p;
		v.i = *(const int16_t *)p;
		break;
	case 4:
		v.u = *(const uint32_t *)p;
		v.i = *(const int32_t *)p;
		break;
	case 8:
		v.u = *(const uint64_t *)p;
		v.i = *(const int64_t *)p;
		break;
	default:
		v.cls = '?';
	}
	return v;
}

static void dt_fmtval(char *buf, size_t n, struct dt_val v)
{
	switch (v.cls) {
	case 'f':
		snprintf(buf, n, "%Lg", v.f);
		break;
	case 'p':
		snprintf(buf, n, "%#llx", v.u);
		break;
	case 's':
		snprintf(buf, n, "%lld (%#llx)", v.i, v.u);
		break;
	case 'u':
		snprintf(buf, n, "%llu (%#llx)", v.u, v.u);
		break;
	default:
		snprintf(buf, n, "(value)");
	}
}

void dt_check_cmp(int is_assert, int ok, const char *file, int line,
		  const char *sa, const char *op, const char *sb,
		  struct dt_val va, struct dt_val vb, const char *fmt, ...)
{
	char a[64], b[64], detail[1024];
	va_list ap;

	dt_fmtval(a, sizeof(a), va);
	dt_fmtval(b, sizeof(b), vb);
	snprintf(detail, sizeof(detail), "%s (%s) %s %s (%s)", sa, a, op, sb, b);
	va_start(ap, fmt);
	dt_record(is_assert, ok, file, line, detail, fmt, ap);
	va_end(ap);
}

void dt_check_mach(int is_assert, kern_return_t kr, kern_return_t want,
		   const char *file, int line, const char *expr, const char *fmt, ...)
{
	char detail[1024];
	va_list ap;

	snprintf(detail, sizeof(detail), "%s returned %#x (%s), wanted %#x (%s)",
		 expr, kr, mach_error_string(kr), want, mach_error_string(want));
	va_start(ap, fmt);
	dt_record(is_assert, kr == want, file, line, detail, fmt, ap);
	va_end(ap);
}

void dt_check_posix(int is_assert, int ok, int err, long long ret,
		    const char *file, int line, const char *expr, const char *fmt, ...)
{
	char detail[1024];
	va_list ap;

	snprintf(detail, sizeof(detail), "%s returned %lld, errno %d (%s)",
		 expr, ret, err, strerror(err));
	va_start(ap, fmt);
	dt_record(is_assert, ok, file, line, detail, fmt, ap);
	va_end(ap);
}

void dt_pass(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dt_record(0, 1, file, line, "T_PASS", fmt, ap);
	va_end(ap);
}

void dt_fail(int is_assert, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dt_record(is_assert, 0, file, line, is_assert ? "T_ASSERT_FAIL" : "T_FAIL", fmt, ap);
	va_end(ap);
}

/* ---- utilities ---- */

int dt_ncpu(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}

bool dt_waitpid(pid_t pid, int *status, int *sig, int timeout)
{
	struct timespec start, now;
	int st = 0;
	pid_t r;

	if (status)
		*status = 0;
	if (sig)
		*sig = 0;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		r = waitpid(pid, &st, timeout > 0 ? WNOHANG : 0);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return false;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (timeout > 0 && now.tv_sec - start.tv_sec >= timeout) {
			pid_t pg = getpgid(pid);

			kill(pid, SIGKILL);
			if (pg == pid)
				kill(-pid, SIGKILL);
			waitpid(pid, &st, 0);
			if (sig)
				*sig = SIG_DT_TIMEOUT;
			return false;
		}
		usleep(10000);
	}
	if (WIFEXITED(st)) {
		if (status)
			*status = WEXITSTATUS(st);
		return WEXITSTATUS(st) == 0;
	}
	if (WIFSIGNALED(st) && sig)
		*sig = WTERMSIG(st);
	return false;
}

const char *dt_tmpdir(void)
{
	static char dir[64];

	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/darwintest.XXXXXX");
		if (!mkdtemp(dir))
			snprintf(dir, sizeof(dir), "/tmp");
	}
	return dir;
}

struct dt_stat {
	const char *name;
	const char *unit;
	unsigned long n;
	double sum;
};

#define DT_STAT_SAMPLES 1000

dt_stat_t dt_stat_create(const char *unit, const char *name, ...)
{
	struct dt_stat *s = calloc(1, sizeof(*s));

	if (!s)
		abort();
	s->name = name;
	s->unit = unit;
	return s;
}

dt_stat_time_t dt_stat_time_create(const char *name, ...)
{
	return dt_stat_create("ns", name);
}

dt_stat_thread_instructions_t dt_stat_thread_instructions_create(const char *name, ...)
{
	/* Counting instructions needs perf counters: measure time instead. */
	return dt_stat_create("ns (time: no instruction counter here)", name);
}

void dt_stat_add(dt_stat_t s, double value)
{
	s->n++;
	s->sum += value;
}

bool dt_stat_stable(dt_stat_t s)
{
	return s->n >= DT_STAT_SAMPLES;
}

static uint64_t dt_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t dt_stat_loop_begin(dt_stat_t s)
{
	return dt_now_ns();
}

void dt_stat_loop_end(dt_stat_t s, uint64_t begin)
{
	dt_stat_add(s, (double)(dt_now_ns() - begin));
}

void dt_stat_finalize(dt_stat_t s)
{
	printf("#   stat %s: %lu samples, mean %.1f %s\n", s->name, s->n,
	       s->n ? s->sum / (double)s->n : 0.0, s->unit);
	free(s);
}

/* ---- running ---- */

/* Run test name in a child; *reason gets a skip's reason. */
static int dt_spawn(const char *name, int timeout, pid_t *pidp, int *rfd)
{
	int pfd[2];
	pid_t pid;

	if (pipe(pfd) < 0)
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		char fdbuf[16];

		/* its own group: whatever the test forks ends with it */
		setpgid(0, 0);
		close(pfd[0]);
		snprintf(fdbuf, sizeof(fdbuf), "%d", pfd[1]);
		setenv("DT_RESULT_FD", fdbuf, 1);
		execl(dt_self, dt_self, "-n", name, (char *)NULL);
		perror("darwintest: exec");
		_exit(DT_EXIT_FAIL);
	}
	close(pfd[1]);
	setpgid(pid, pid);
	fcntl(pfd[0], F_SETFL, O_NONBLOCK);
	*pidp = pid;
	*rfd = pfd[0];
	return 0;
}

static int dt_timeout_for(const struct dt_test *t)
{
	const struct dt_meta *m = dt_find_meta(t, DT_META_TIMEOUT);
	const char *env = getenv("DT_TIMEOUT");

	if (env && atoi(env) > 0)
		return atoi(env);
	return m && m->val > 0 ? (int)m->val : DT_DEFAULT_TIMEOUT;
}

/* Why t cannot run here, or NULL. */
static const char *dt_not_applicable(const struct dt_test *t, char *buf, size_t n)
{
	const struct dt_meta *m;

	m = dt_find_meta(t, DT_META_ENABLED);
	if (m && !m->val) {
		snprintf(buf, n, "T_META_ENABLED(%s) is false here", m->str);
		return buf;
	}
	m = dt_find_meta(t, DT_META_REQUIRES_SYSCTL);
	if (m) {
		snprintf(buf, n, "needs sysctl %s %s %lld (a BSD sysctl; Linux has none)",
			 m->str, m->str2, m->val);
		return buf;
	}
	m = dt_find_meta(t, DT_META_ASROOT);
	if (m && m->val && geteuid() != 0) {
		snprintf(buf, n, "T_META_ASROOT: run as root");
		return buf;
	}
	return NULL;
}

static int dt_run_one(struct dt_test *t, unsigned int num)
{
	char reason[512] = "", nabuf[256];
	const char *na = dt_not_applicable(t, nabuf, sizeof(nabuf));
	int status = 0, sig = 0, rfd;
	pid_t pid;
	ssize_t len;

	printf("# RUN %s: %s\n", t->name, t->desc ? t->desc : "");
	fflush(stdout);
	if (na) {
		printf("ok %u %s # SKIP %s\n", num, t->name, na);
		return DT_EXIT_SKIP;
	}
	if (dt_spawn(t->name, dt_timeout_for(t), &pid, &rfd) < 0) {
		printf("not ok %u %s # could not start: %s\n", num, t->name, strerror(errno));
		return DT_EXIT_FAIL;
	}
	dt_waitpid(pid, &status, &sig, dt_timeout_for(t));
	/* what the test forked and left behind goes with it */
	kill(-pid, SIGKILL);
	len = read(rfd, reason, sizeof(reason) - 1);
	reason[len > 0 ? len : 0] = 0;
	close(rfd);
	if (sig == SIG_DT_TIMEOUT) {
		printf("not ok %u %s # timed out after %d s\n", num, t->name, dt_timeout_for(t));
		return DT_EXIT_FAIL;
	}
	if (sig) {
		printf("not ok %u %s # killed by signal %d (%s)\n", num, t->name, sig, strsignal(sig));
		return DT_EXIT_FAIL;
	}
	if (status == DT_EXIT_SKIP) {
		printf("ok %u %s # SKIP %s\n", num, t->name, reason);
		return DT_EXIT_SKIP;
	}
	if (status == DT_EXIT_PASS) {
		printf("ok %u %s\n", num, t->name);
		return DT_EXIT_PASS;
	}
	printf("not ok %u %s\n", num, t->name);
	return DT_EXIT_FAIL;
}

/* In the child: run one test's body and end it. */
static int dt_child(const char *name)
{
	struct dt_test *t = dt_lookup(name);
	const char *fd = getenv("DT_RESULT_FD");

	if (fd) {
		dt_result_fd = atoi(fd);
		unsetenv("DT_RESULT_FD");
	}
	if (!t) {
		fprintf(stderr, "darwintest: no test named %s\n", name);
		return DT_EXIT_FAIL;
	}
	dt_current = t->name;
	setvbuf(stdout, NULL, _IOLBF, 0);
	t->fn();
	dt_end();
}

dt_helper_t dt_fork_helper(const char *name)
{
	dt_helper_t h = { name, NULL, 0 };

	return h;
}

dt_helper_t dt_child_helper(const char *name)
{
	return dt_fork_helper(name);
}

dt_helper_t dt_launchd_helper(const char *plist, const char *name)
{
	dt_helper_t h = { name, plist, 1 };

	return h;
}

dt_helper_t dt_launchd_helper_domain(const char *plist, const char *name,
				     void *env, int domain)
{
	return dt_launchd_helper(plist, name);
}

/* The service a launchd helper's plist declares: its label. */
static void dt_wait_for_service(const char *plist, int timeout)
{
	char name[256];
	size_t len;
	int i;

	snprintf(name, sizeof(name), "%s", plist);
	len = strlen(name);
	if (len > 6 && !strcmp(name + len - 6, ".plist"))
		name[len - 6] = 0;
	for (i = 0; i < timeout * 100; i++) {
		mach_port_t port = MACH_PORT_NULL;

		if (bootstrap_look_up(bootstrap_port, name, &port) == KERN_SUCCESS) {
			mach_port_deallocate(mach_task_self(), port);
			return;
		}
		usleep(10000);
	}
	T_ASSERT_FAIL("launchd helper: service %s never checked in", name);
}

void dt_run_helpers(dt_helper_t *helpers, size_t n, int timeout)
{
	pid_t pids[16];
	int rfds[16];
	size_t i;
	int pass;

	if (n > 16)
		T_ASSERT_FAIL("dt_run_helpers: %zu helpers, at most 16 here", n);
	/* launchd jobs first, each up before the others start */
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < n; i++) {
			if (helpers[i].launchd != pass)
				continue;
			if (dt_spawn(helpers[i].name, timeout, &pids[i], &rfds[i]) < 0)
				T_ASSERT_FAIL("dt_run_helpers: cannot start %s", helpers[i].name);
			if (pass)
				dt_wait_for_service(helpers[i].plist, 30);
		}
	for (i = 0; i < n; i++) {
		int status, sig;
		bool ok = dt_waitpid(pids[i], &status, &sig, timeout);

		close(rfds[i]);
		dt_check(0, ok, __FILE__, __LINE__, "helper exited 0",
			 "helper %s: exit status %d, signal %d", helpers[i].name, status, sig);
	}
}

int main(int argc, char **argv)
{
	unsigned int num = 0, pass = 0, fail = 0, skip = 0, total = 0;
	struct dt_test *t;
	int i, r;

	dt_self = "/proc/self/exe";
	if (argc == 3 && !strcmp(argv[1], "-n"))
		return dt_child(argv[2]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++)
		if (!dt_lookup(argv[i]) || dt_lookup(argv[i])->helper) {
			fprintf(stderr, "%s: no test named %s\n", argv[0], argv[i]);
			return 2;
		}
	for (t = dt_tests; t; t = t->next)
		if (!t->helper)
			total++;
	printf("TAP version 13\n1..%u\n", argc > 1 ? (unsigned int)argc - 1 : total);
	for (t = dt_tests; t; t = t->next) {
		if (t->helper)
			continue;
		if (argc > 1) {
			for (i = 1; i < argc; i++)
				if (!strcmp(argv[i], t->name))
					break;
			if (i == argc)
				continue;
		}
		r = dt_run_one(t, ++num);
		if (r == DT_EXIT_PASS)
			pass++;
		else if (r == DT_EXIT_SKIP)
			skip++;
		else
			fail++;
	}
	printf("# Totals: pass:%u fail:%u xfail:0 xpass:0 skip:%u error:0\n", pass, fail, skip);
	return fail ? 1 : 0;
}
