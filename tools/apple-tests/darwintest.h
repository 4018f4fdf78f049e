/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A darwintest-compatible test vocabulary for running XNU's own tests
 * (tests/ of a darwin-xnu checkout) against linux-mach.  Written for this
 * project from the documented behaviour of Apple's darwintest macros: no
 * Apple code.  Output is kselftest TAP (one "ok"/"not ok" line per T_DECL),
 * produced by darwintest.c, which holds main() and the runner.
 *
 * What each piece does:
 *  - T_DECL(name, description, metas...) declares a test, whose body is
 *    the function testmain_<name> (tests take its address); each runs in its
 *    own process (the binary re-executes itself), so an assertion that ends
 *    a test, or a crash, ends only that test.
 *  - T_ASSERT_* ends the test on failure; T_EXPECT_* records a failure and
 *    goes on.  T_QUIET silences the next check's "pass" line.
 *  - T_SKIP ends the test as skipped (TAP "# SKIP"), T_END as finished.
 *  - T_META_* attributes are recorded; the ones that change how a test runs
 *    here are T_META_ENABLED (false: skipped, reason given), T_META_TIMEOUT
 *    and T_META_ASROOT (skipped when not root).  The others (namespaces,
 *    leak checks, concurrency, LTE phases) do not apply and are ignored.
 */
#ifndef LINUX_MACH_DARWINTEST_H
#define LINUX_MACH_DARWINTEST_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_error.h>

/* Darwin's <sys/cdefs.h> spelling, which XNU's tests use. */
#ifndef __unused
#define __unused __attribute__((unused))
#endif

#ifdef __cplusplus
extern "C" {
#endif

#ifndef T_NAMESPACE
#define T_NAMESPACE "xnu"
#endif

/* Apple spellings some tests use for booleans. */
#ifndef YES
#define YES 1
#endif
#ifndef NO
#define NO 0
#endif

enum dt_meta_kind {
	DT_META_NONE,
	DT_META_ASROOT,
	DT_META_CHECK_LEAKS,
	DT_META_RUN_CONCURRENTLY,
	DT_META_NAMESPACE,
	DT_META_ALL_VALID_ARCHS,
	DT_META_LTEPHASE,
	DT_META_IGNORECRASHES,
	DT_META_TYPE_PERF,
	DT_META_ENABLED,
	DT_META_TIMEOUT,
	DT_META_MAYFAIL,
	DT_META_OWNER,
	DT_META_RADAR,
	DT_META_ENVVAR,
	DT_META_REQUIRES_SYSCTL,
	DT_META_BOOTARGS,
	DT_META_OTHER,
};

struct dt_meta {
	int kind;
	long long val;
	const char *str;
	const char *str2;
};

#define T_META_ASROOT(x)		{ DT_META_ASROOT, (x), NULL, NULL }
#define T_META_CHECK_LEAKS(x)		{ DT_META_CHECK_LEAKS, (x), NULL, NULL }
#define T_META_RUN_CONCURRENTLY(x)	{ DT_META_RUN_CONCURRENTLY, (x), NULL, NULL }
#define T_META_NAMESPACE(s)		{ DT_META_NAMESPACE, 0, (s), NULL }
#define T_META_ALL_VALID_ARCHS(x)	{ DT_META_ALL_VALID_ARCHS, (x), NULL, NULL }
#define T_META_LTEPHASE(x)		{ DT_META_LTEPHASE, (x), NULL, NULL }
#define T_META_IGNORECRASHES(s)		{ DT_META_IGNORECRASHES, 0, (s), NULL }
#define T_META_TYPE_PERF		{ DT_META_TYPE_PERF, 1, NULL, NULL }
#define T_META_ENABLED(x)		{ DT_META_ENABLED, !!(x), #x, NULL }
#define T_META_TIMEOUT(x)		{ DT_META_TIMEOUT, (x), NULL, NULL }
#define T_META_MAYFAIL(s)		{ DT_META_MAYFAIL, 0, (s), NULL }
#define T_META_OWNER(s)			{ DT_META_OWNER, 0, (s), NULL }
#define T_META_RADAR(s)			{ DT_META_RADAR, 0, (s), NULL }
#define T_META_ENVVAR(s)		{ DT_META_ENVVAR, 0, (s), NULL }
#define T_META_BOOTARGS_SET(s)		{ DT_META_BOOTARGS, 0, (s), NULL }
#define T_META_REQUIRES_SYSCTL_EQ(n, v)	{ DT_META_REQUIRES_SYSCTL, (v), (n), "==" }
#define T_META_REQUIRES_SYSCTL_NE(n, v)	{ DT_META_REQUIRES_SYSCTL, (v), (n), "!=" }
#define T_META_SYSCTL_INT(s)		{ DT_META_OTHER, 0, (s), NULL }
#define T_META_TAG_VM_PREFERRED		{ DT_META_OTHER, 0, NULL, NULL }
#define T_META_CHECK_LEAKS_NONE		{ DT_META_OTHER, 0, NULL, NULL }

/* LTE phases: when in the boot a test may run; meaningless here. */
#define LTE_POSTINIT	1
#define LTE_SINGLEUSER	2
#define LTE_INSTALLEDUSEROS 3

struct dt_test {
	const char *name;
	const char *desc;
	void (*fn)(void);
	const struct dt_meta *metas;
	size_t nmetas;
	int helper;
	struct dt_test *next;
};

void dt_register(struct dt_test *t);
void dt_register_global_metas(const struct dt_meta *m, size_t n);

#define DT_CAT_(a, b) a##b
#define DT_CAT(a, b) DT_CAT_(a, b)

#define DT_DECLARE(name, desc, is_helper, ...)					\
	static void testmain_##name(void);					\
	static const struct dt_meta dt_metas_##name[] = {			\
		{ DT_META_NONE, 0, NULL, NULL }, ##__VA_ARGS__ };		\
	static struct dt_test dt_test_##name = {				\
		#name, desc, testmain_##name, dt_metas_##name,			\
		sizeof(dt_metas_##name) / sizeof(dt_metas_##name[0]),		\
		is_helper, NULL };						\
	__attribute__((constructor)) static void dt_reg_##name(void)		\
	{									\
		dt_register(&dt_test_##name);					\
	}									\
	static void testmain_##name(void)

#define T_DECL(name, desc, ...)		DT_DECLARE(name, desc, 0, ##__VA_ARGS__)
#define T_HELPER_DECL(name, desc, ...)	DT_DECLARE(name, desc, 1, ##__VA_ARGS__)

#define T_GLOBAL_META(...)							\
	static const struct dt_meta DT_CAT(dt_gmetas_, __LINE__)[] = {		\
		{ DT_META_NONE, 0, NULL, NULL }, ##__VA_ARGS__ };		\
	__attribute__((constructor)) static void DT_CAT(dt_greg_, __LINE__)(void) \
	{									\
		dt_register_global_metas(DT_CAT(dt_gmetas_, __LINE__),		\
		    sizeof(DT_CAT(dt_gmetas_, __LINE__)) /			\
		    sizeof(DT_CAT(dt_gmetas_, __LINE__)[0]));			\
	}									\
	struct dt_semicolon_eater

/* Results of the latest check, as T_RESULT reads it. */
enum {
	T_RESULT_PASS = 0,
	T_RESULT_FAIL = 1,
	T_RESULT_SKIP = 2,
	T_RESULT_XFAIL = 3,
	T_RESULT_XPASS = 4,
};
extern int dt_last_result;
#define T_RESULT dt_last_result

/* Modifiers of the next check. */
extern int dt_quiet_next, dt_errno_next, dt_expectfail_next;
extern int dt_in_setup;
#define T_QUIET			(dt_quiet_next = 1)
#define T_WITH_ERRNO		(dt_errno_next = 1)
#define T_EXPECTFAIL		(dt_expectfail_next = 1)
#define T_EXPECTFAIL_WITH_RADAR(r) (dt_expectfail_next = 1)
#define T_SETUPBEGIN		(dt_in_setup = 1)
#define T_SETUPEND		(dt_in_setup = 0)

/* A value as printed by a failed comparison. */
struct dt_val {
	int cls;	/* 'i' signed, 'u' unsigned, 'f' floating, 'p' pointer */
	long long i;
	unsigned long long u;
	long double f;
};
struct dt_val dt_mkval(const void *p, size_t size, int type_class, int is_signed);

#define DT_IS_SIGNED(x) _Generic((x),						\
	signed char: 1, short: 1, int: 1, long: 1, long long: 1,		\
	char: ((char)-1 < 0), default: 0)
#define DT_VAL(x) dt_mkval(&(x), sizeof(x), __builtin_classify_type(x), DT_IS_SIGNED(x))

void dt_check(int is_assert, int ok, const char *file, int line,
	      const char *what, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void dt_check_cmp(int is_assert, int ok, const char *file, int line,
		  const char *sa, const char *op, const char *sb,
		  struct dt_val va, struct dt_val vb, const char *fmt, ...)
	__attribute__((format(printf, 10, 11)));
void dt_check_mach(int is_assert, kern_return_t kr, kern_return_t want,
		   const char *file, int line, const char *expr, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
void dt_check_posix(int is_assert, int ok, int err, long long ret,
		    const char *file, int line, const char *expr, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/*
 * The value of x as an rvalue of its promoted type: a bit-field or an
 * array cannot initialize an __auto_type variable as they are.
 */
#define DT_RVAL(x) (0 ? (x) : (x))

#define DT_CMP(is_assert, a, op, b, ...) do {					\
	__auto_type dt_a = DT_RVAL(a);						\
	__auto_type dt_b = DT_RVAL(b);						\
	int dt_ok = (dt_a op dt_b);						\
	dt_check_cmp(is_assert, dt_ok, __FILE__, __LINE__, #a, #op, #b,		\
		     DT_VAL(dt_a), DT_VAL(dt_b), __VA_ARGS__);			\
} while (0)

#define T_ASSERT_EQ(a, b, ...)	DT_CMP(1, a, ==, b, __VA_ARGS__)
#define T_ASSERT_NE(a, b, ...)	DT_CMP(1, a, !=, b, __VA_ARGS__)
#define T_ASSERT_LT(a, b, ...)	DT_CMP(1, a, <, b, __VA_ARGS__)
#define T_ASSERT_LE(a, b, ...)	DT_CMP(1, a, <=, b, __VA_ARGS__)
#define T_ASSERT_GT(a, b, ...)	DT_CMP(1, a, >, b, __VA_ARGS__)
#define T_ASSERT_GE(a, b, ...)	DT_CMP(1, a, >=, b, __VA_ARGS__)
#define T_EXPECT_EQ(a, b, ...)	DT_CMP(0, a, ==, b, __VA_ARGS__)
#define T_EXPECT_NE(a, b, ...)	DT_CMP(0, a, !=, b, __VA_ARGS__)
#define T_EXPECT_LT(a, b, ...)	DT_CMP(0, a, <, b, __VA_ARGS__)
#define T_EXPECT_LE(a, b, ...)	DT_CMP(0, a, <=, b, __VA_ARGS__)
#define T_EXPECT_GT(a, b, ...)	DT_CMP(0, a, >, b, __VA_ARGS__)
#define T_EXPECT_GE(a, b, ...)	DT_CMP(0, a, >=, b, __VA_ARGS__)

/* The typed spellings compare the same way after conversion to the type. */
#define DT_TYPED(is_assert, T, a, op, b, ...)					\
	DT_CMP(is_assert, (T)(a), op, (T)(b), __VA_ARGS__)
#define T_ASSERT_EQ_INT(a, b, ...)	DT_TYPED(1, int, a, ==, b, __VA_ARGS__)
#define T_EXPECT_EQ_INT(a, b, ...)	DT_TYPED(0, int, a, ==, b, __VA_ARGS__)
#define T_ASSERT_NE_INT(a, b, ...)	DT_TYPED(1, int, a, !=, b, __VA_ARGS__)
#define T_EXPECT_NE_INT(a, b, ...)	DT_TYPED(0, int, a, !=, b, __VA_ARGS__)
#define T_ASSERT_EQ_UINT(a, b, ...)	DT_TYPED(1, unsigned int, a, ==, b, __VA_ARGS__)
#define T_EXPECT_EQ_UINT(a, b, ...)	DT_TYPED(0, unsigned int, a, ==, b, __VA_ARGS__)
#define T_ASSERT_EQ_LONG(a, b, ...)	DT_TYPED(1, long, a, ==, b, __VA_ARGS__)
#define T_EXPECT_EQ_LONG(a, b, ...)	DT_TYPED(0, long, a, ==, b, __VA_ARGS__)
#define T_ASSERT_EQ_ULONG(a, b, ...)	DT_TYPED(1, unsigned long, a, ==, b, __VA_ARGS__)
#define T_EXPECT_EQ_ULONG(a, b, ...)	DT_TYPED(0, unsigned long, a, ==, b, __VA_ARGS__)
#define T_ASSERT_EQ_LLONG(a, b, ...)	DT_TYPED(1, long long, a, ==, b, __VA_ARGS__)
#define T_EXPECT_EQ_LLONG(a, b, ...)	DT_TYPED(0, long long, a, ==, b, __VA_ARGS__)
#define T_ASSERT_EQ_ULLONG(a, b, ...)	DT_TYPED(1, unsigned long long, a, ==, b, __VA_ARGS__)
#define T_EXPECT_EQ_ULLONG(a, b, ...)	DT_TYPED(0, unsigned long long, a, ==, b, __VA_ARGS__)
#define T_ASSERT_GT_ULLONG(a, b, ...)	DT_TYPED(1, unsigned long long, a, >, b, __VA_ARGS__)
#define T_EXPECT_GT_ULLONG(a, b, ...)	DT_TYPED(0, unsigned long long, a, >, b, __VA_ARGS__)
#define T_ASSERT_GE_ULLONG(a, b, ...)	DT_TYPED(1, unsigned long long, a, >=, b, __VA_ARGS__)
#define T_EXPECT_GE_ULLONG(a, b, ...)	DT_TYPED(0, unsigned long long, a, >=, b, __VA_ARGS__)
#define T_ASSERT_LT_ULLONG(a, b, ...)	DT_TYPED(1, unsigned long long, a, <, b, __VA_ARGS__)
#define T_EXPECT_LT_ULLONG(a, b, ...)	DT_TYPED(0, unsigned long long, a, <, b, __VA_ARGS__)
#define T_ASSERT_LE_ULLONG(a, b, ...)	DT_TYPED(1, unsigned long long, a, <=, b, __VA_ARGS__)
#define T_EXPECT_LE_ULLONG(a, b, ...)	DT_TYPED(0, unsigned long long, a, <=, b, __VA_ARGS__)
#define T_ASSERT_EQ_PTR(a, b, ...)	DT_TYPED(1, const void *, a, ==, b, __VA_ARGS__)
#define T_EXPECT_EQ_PTR(a, b, ...)	DT_TYPED(0, const void *, a, ==, b, __VA_ARGS__)
#define T_ASSERT_EQ_STR(a, b, ...)	dt_check(1, strcmp((a), (b)) == 0, __FILE__, __LINE__, #a " eq " #b, __VA_ARGS__)
#define T_EXPECT_EQ_STR(a, b, ...)	dt_check(0, strcmp((a), (b)) == 0, __FILE__, __LINE__, #a " eq " #b, __VA_ARGS__)
#define T_ASSERT_NE_STR(a, b, ...)	dt_check(1, strcmp((a), (b)) != 0, __FILE__, __LINE__, #a " ne " #b, __VA_ARGS__)
#define T_EXPECT_NE_STR(a, b, ...)	dt_check(0, strcmp((a), (b)) != 0, __FILE__, __LINE__, #a " ne " #b, __VA_ARGS__)

#define T_ASSERT_TRUE(e, ...)	dt_check(1, !!(e), __FILE__, __LINE__, #e, __VA_ARGS__)
#define T_EXPECT_TRUE(e, ...)	dt_check(0, !!(e), __FILE__, __LINE__, #e, __VA_ARGS__)
#define T_ASSERT_FALSE(e, ...)	dt_check(1, !(e), __FILE__, __LINE__, "!(" #e ")", __VA_ARGS__)
#define T_EXPECT_FALSE(e, ...)	dt_check(0, !(e), __FILE__, __LINE__, "!(" #e ")", __VA_ARGS__)
#define T_ASSERT_NULL(e, ...)	dt_check(1, (e) == NULL, __FILE__, __LINE__, #e " == NULL", __VA_ARGS__)
#define T_EXPECT_NULL(e, ...)	dt_check(0, (e) == NULL, __FILE__, __LINE__, #e " == NULL", __VA_ARGS__)
#define T_ASSERT_NOTNULL(e, ...) dt_check(1, (e) != NULL, __FILE__, __LINE__, #e " != NULL", __VA_ARGS__)
#define T_EXPECT_NOTNULL(e, ...) dt_check(0, (e) != NULL, __FILE__, __LINE__, #e " != NULL", __VA_ARGS__)

#define T_ASSERT_MACH_SUCCESS(kr, ...)						\
	dt_check_mach(1, (kr), KERN_SUCCESS, __FILE__, __LINE__, #kr, __VA_ARGS__)
#define T_EXPECT_MACH_SUCCESS(kr, ...)						\
	dt_check_mach(0, (kr), KERN_SUCCESS, __FILE__, __LINE__, #kr, __VA_ARGS__)
#define T_ASSERT_MACH_ERROR(kr, want, ...)					\
	dt_check_mach(1, (kr), (want), __FILE__, __LINE__, #kr, __VA_ARGS__)
#define T_EXPECT_MACH_ERROR(kr, want, ...)					\
	dt_check_mach(0, (kr), (want), __FILE__, __LINE__, #kr, __VA_ARGS__)

/* POSIX_SUCCESS: the call did not return -1; errno explains a failure. */
#define DT_POSIX(is_assert, e, ...) do {					\
	long long dt_r = (long long)(e);					\
	int dt_e = errno;							\
	dt_check_posix(is_assert, dt_r != -1, dt_e, dt_r, __FILE__, __LINE__,	\
		       #e, __VA_ARGS__);					\
} while (0)
#define T_ASSERT_POSIX_SUCCESS(e, ...)	DT_POSIX(1, e, __VA_ARGS__)
#define T_EXPECT_POSIX_SUCCESS(e, ...)	DT_POSIX(0, e, __VA_ARGS__)
/* POSIX_ZERO: the call returned 0; any other value is an errno. */
#define DT_POSIX_ZERO(is_assert, e, ...) do {					\
	int dt_r = (int)(e);							\
	dt_check_posix(is_assert, dt_r == 0, dt_r == -1 ? errno : dt_r, dt_r,	\
		       __FILE__, __LINE__,					\
		       #e, __VA_ARGS__);					\
} while (0)
#define T_ASSERT_POSIX_ZERO(e, ...)	DT_POSIX_ZERO(1, e, __VA_ARGS__)
#define T_EXPECT_POSIX_ZERO(e, ...)	DT_POSIX_ZERO(0, e, __VA_ARGS__)
/* POSIX_FAILURE: the call returned -1 with errno set to want. */
#define DT_POSIX_FAIL(is_assert, e, want, ...) do {				\
	errno = 0;								\
	long long dt_r = (long long)(e);					\
	int dt_e = errno;							\
	dt_check(is_assert, dt_r == -1 && dt_e == (want), __FILE__, __LINE__,	\
		 #e " fails with " #want, __VA_ARGS__);				\
} while (0)
#define T_ASSERT_POSIX_FAILURE(e, want, ...) DT_POSIX_FAIL(1, e, want, __VA_ARGS__)
#define T_EXPECT_POSIX_FAILURE(e, want, ...) DT_POSIX_FAIL(0, e, want, __VA_ARGS__)
#define T_ASSERT_POSIX_ERROR(e, want, ...)				\
	dt_check(1, (e) == (want), __FILE__, __LINE__, #e " == " #want, __VA_ARGS__)
#define T_EXPECT_POSIX_ERROR(e, want, ...)				\
	dt_check(0, (e) == (want), __FILE__, __LINE__, #e " == " #want, __VA_ARGS__)

void dt_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void dt_pass(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void dt_fail(int is_assert, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void dt_skip(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void dt_end(void) __attribute__((noreturn));
void dt_atend(void (*fn)(void));

#define T_LOG(...)		dt_log(__VA_ARGS__)
#define T_PASS(...)		dt_pass(__FILE__, __LINE__, __VA_ARGS__)
#define T_FAIL(...)		dt_fail(0, __FILE__, __LINE__, __VA_ARGS__)
#define T_ASSERT_FAIL(...)	dt_fail(1, __FILE__, __LINE__, __VA_ARGS__)
#define T_SKIP(...)		dt_skip(__VA_ARGS__)
#define T_END			dt_end()
#define T_ATEND(fn)		dt_atend(fn)

#ifndef T_LOG_VERBOSE
#define T_LOG_VERBOSE(...)	((void)0)
#endif

#ifdef __cplusplus
}
#endif

#include "darwintest_utils.h"

#endif
