/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach selftest harness: a small TAP 13 runner with the kselftest
 * macro vocabulary (TEST, FIXTURE, TEST_F, ASSERT_*, EXPECT_*), written for
 * this project.  Each test runs in its own forked child under an alarm, so a
 * crash or a hang fails that test and the run goes on.
 *
 * A test that calls SKIP() must say why; the summary counts skips apart so
 * that a skip can never pass for a success.
 */
#ifndef MACH_SELFTEST_HARNESS_H
#define MACH_SELFTEST_HARNESS_H

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HARNESS_TIMEOUT_DEFAULT 60
#define HARNESS_EXIT_SKIP 4

struct harness_test {
	const char *name;
	void (*fn)(struct harness_test *t);
	int timeout;
	int failed;
	struct harness_test *next;
};

static struct harness_test *harness_head, **harness_tail = &harness_head;
static int harness_count;

static inline void harness_register(struct harness_test *t)
{
	*harness_tail = t;
	harness_tail = &t->next;
	harness_count++;
}

/* Milliseconds on CLOCK_MONOTONIC, and a sleep that survives signals. */
static inline long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static inline void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/*
 * Deadline waits (instead of fixed sleeps).  WAIT_UNTIL polls @cond every
 * 5 ms and is true as soon as it holds, false if @ms pass first: use it
 * for what must happen, with a deadline generous enough for a loaded TCG
 * host.  HOLDS_FOR polls @cond for a window of @ms and is false as soon
 * as it stops holding: use it for what must NOT happen (a stopped counter
 * stays put), the one place where a test has to spend a fixed time.
 */
#define WAIT_UNTIL(cond, ms) ({						\
	long long __end = now_ms() + (ms);				\
	bool __ok;							\
	while (!(__ok = !!(cond)) && now_ms() < __end)			\
		sleep_ms(5);						\
	__ok;								\
})

#define HOLDS_FOR(cond, ms) ({						\
	long long __end = now_ms() + (ms);				\
	bool __ok, __past;						\
	for (;;) {							\
		__past = now_ms() >= __end;				\
		__ok = !!(cond);					\
		if (!__ok || __past)					\
			break;						\
		sleep_ms(5);						\
	}								\
	__ok;								\
})

#define TH_LOG(fmt, ...) \
	fprintf(stdout, "# %s:%d: " fmt "\n", __FILE__, __LINE__, ##__VA_ARGS__)

#define SKIP(statement, fmt, ...) do {					\
	fprintf(stdout, "# SKIP " fmt "\n", ##__VA_ARGS__);		\
	fflush(stdout);							\
	_exit(HARNESS_EXIT_SKIP);					\
	statement;							\
} while (0)

#define __TEST_IMPL(test_name, timeout_s)				\
	static void test_name(struct harness_test *_metadata);		\
	static struct harness_test _t_##test_name = {			\
		.name = #test_name, .fn = test_name,			\
		.timeout = timeout_s,					\
	};								\
	static void __attribute__((constructor)) _r_##test_name(void)	\
	{								\
		harness_register(&_t_##test_name);			\
	}								\
	static void test_name(struct harness_test *_metadata)

#define TEST(name) __TEST_IMPL(name, HARNESS_TIMEOUT_DEFAULT)
#define TEST_TIMEOUT(name, secs) __TEST_IMPL(name, secs)

#define FIXTURE(fx) struct _fixture_##fx
#define FIXTURE_SETUP(fx) \
	static void _setup_##fx(struct harness_test *_metadata, \
				struct _fixture_##fx *self)
#define FIXTURE_TEARDOWN(fx) \
	static void _teardown_##fx(struct harness_test *_metadata, \
				   struct _fixture_##fx *self)

#define __TEST_F_IMPL(fx, test_name, timeout_s)				\
	static void _body_##fx##_##test_name(struct harness_test *,	\
					     struct _fixture_##fx *);	\
	__TEST_IMPL(fx##_##test_name, timeout_s)			\
	{								\
		struct _fixture_##fx self;				\
		memset(&self, 0, sizeof(self));				\
		_setup_##fx(_metadata, &self);				\
		_body_##fx##_##test_name(_metadata, &self);		\
		_teardown_##fx(_metadata, &self);			\
	}								\
	static void _body_##fx##_##test_name(				\
		struct harness_test *_metadata __attribute__((unused)),	\
		struct _fixture_##fx *self)

#define TEST_F(fx, name) __TEST_F_IMPL(fx, name, HARNESS_TIMEOUT_DEFAULT)
#define TEST_F_TIMEOUT(fx, name, secs) __TEST_F_IMPL(fx, name, secs)

/* Comparisons print both values as signed and hex; kern_return_t and
 * mach_msg_return_t are easier to read in hex. */
#define __CMP(exp, seen, op, is_assert) do {				\
	long long __e = (long long)(exp);				\
	long long __s = (long long)(seen);				\
	if (!(__e op __s)) {						\
		fprintf(stdout, "# %s:%d: expected %s (%lld, 0x%llx) "	\
			#op " %s (%lld, 0x%llx)\n", __FILE__, __LINE__,	\
			#exp, __e, (unsigned long long)__e, #seen, __s,	\
			(unsigned long long)__s);			\
		_metadata->failed = 1;					\
		if (is_assert) {					\
			fflush(stdout);					\
			_exit(1);					\
		}							\
	}								\
} while (0)

#define ASSERT_EQ(e, s) __CMP(e, s, ==, 1)
#define ASSERT_NE(e, s) __CMP(e, s, !=, 1)
#define ASSERT_LT(e, s) __CMP(e, s, <, 1)
#define ASSERT_LE(e, s) __CMP(e, s, <=, 1)
#define ASSERT_GT(e, s) __CMP(e, s, >, 1)
#define ASSERT_GE(e, s) __CMP(e, s, >=, 1)
#define ASSERT_TRUE(c) __CMP(0, !!(c), !=, 1)
#define ASSERT_FALSE(c) __CMP(0, !!(c), ==, 1)
#define EXPECT_EQ(e, s) __CMP(e, s, ==, 0)
#define EXPECT_NE(e, s) __CMP(e, s, !=, 0)
#define EXPECT_LT(e, s) __CMP(e, s, <, 0)
#define EXPECT_LE(e, s) __CMP(e, s, <=, 0)
#define EXPECT_GT(e, s) __CMP(e, s, >, 0)
#define EXPECT_GE(e, s) __CMP(e, s, >=, 0)
#define EXPECT_TRUE(c) __CMP(0, !!(c), !=, 0)
#define EXPECT_FALSE(c) __CMP(0, !!(c), ==, 0)
#define ASSERT_STREQ(e, s) __CMP(0, strcmp((e), (s)), ==, 1)
#define EXPECT_STREQ(e, s) __CMP(0, strcmp((e), (s)), ==, 0)

/* Runs one test in a child; returns 0 pass, 1 fail, 2 skip. */
static inline int harness_run_one(struct harness_test *t)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("# fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		setpgid(0, 0);
		alarm(t->timeout);
		t->failed = 0;
		t->fn(t);
		fflush(stdout);
		_exit(t->failed ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) < 0)
		return 1;
	/* reap anything the test left behind in its process group */
	kill(-pid, SIGKILL);
	if (WIFSIGNALED(status)) {
		printf("# %s: killed by signal %d%s\n", t->name,
		       WTERMSIG(status),
		       WTERMSIG(status) == SIGALRM ? " (timeout)" : "");
		return 1;
	}
	if (WEXITSTATUS(status) == HARNESS_EXIT_SKIP)
		return 2;
	return WEXITSTATUS(status) ? 1 : 0;
}

static inline int harness_main(int argc, char **argv)
{
	int pass = 0, fail = 0, skip = 0, n = 0;
	const char *only = argc > 1 ? argv[1] : NULL;
	struct harness_test *t;
	int planned = 0;

	for (t = harness_head; t; t = t->next)
		if (!only || !strcmp(only, t->name))
			planned++;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n1..%d\n", planned);
	for (t = harness_head; t; t = t->next) {
		int r;

		if (only && strcmp(only, t->name))
			continue;
		n++;
		r = harness_run_one(t);
		if (r == 0) {
			pass++;
			printf("ok %d %s\n", n, t->name);
		} else if (r == 2) {
			skip++;
			printf("ok %d %s # SKIP\n", n, t->name);
		} else {
			fail++;
			printf("not ok %d %s\n", n, t->name);
		}
	}
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0\n",
	       pass, fail, skip);
	return fail ? 1 : 0;
}

#define TEST_HARNESS_MAIN \
	int main(int argc, char **argv) { return harness_main(argc, argv); }

#endif /* MACH_SELFTEST_HARNESS_H */
