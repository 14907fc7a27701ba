/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The userspace test harness (tests/unit, userspace-ctl/tests).
 *
 * A test is a function declared with SSF_TEST(name); it registers itself
 * at load time and runs in the runner's process. SSF_TEST_PROC(name)
 * declares one that starts processes or changes process state: it runs in
 * a child process of its own, SSF_TEST_JOBS of them at a time (default:
 * the CPUs online, at least 2), after the in-process tests, and its cases
 * are reported in registration order as if it had run in the runner. A
 * child that dies is a failed case.
 *
 * Each test is one case named after the function, unless it opens cases
 * of its own with t_case() (table-driven tests). A case passes when it
 * made at least one check and none failed: a case that checks nothing is
 * a failure, so a test cannot pass by accident. The runner prints TAP
 * lines and ends with "N passed, N failed" (cases); its one optional
 * argument runs only the tests whose name contains it.
 */
#ifndef _SSF_TEST_H
#define _SSF_TEST_H

#include <stdint.h>
#include <stdbool.h>

struct ssf_test {
	const char *name;
	void (*fn)(void);
	bool proc;			/* run in a child process */
	struct ssf_test *next;
};

void ssf_test_register(struct ssf_test *t);

#define SSF_TEST_DECLARE(n, in_proc)					\
	static void n(void);						\
	static struct ssf_test n##_test = { #n, n, in_proc, 0 };	\
	__attribute__((constructor)) static void n##_register(void)	\
	{								\
		ssf_test_register(&n##_test);				\
	}								\
	static void n(void)

#define SSF_TEST(n)		SSF_TEST_DECLARE(n, false)
#define SSF_TEST_PROC(n)	SSF_TEST_DECLARE(n, true)

/* Open a new case (ends the current one). */
void t_case(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Record one check; on failure print the location and the message. */
bool t_check(bool ok, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* One check that two strings (NULL: none) are equal; both shown if not. */
bool t_check_str(const char *got, const char *want, const char *file,
		 int line, const char *what);
/* One check that two numbers are equal; both shown, in decimal, if not. */
bool t_check_int(long long got, long long want, const char *file, int line,
		 const char *what);

#define T_OK(cond, ...)							\
	t_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define T_EQ(a, b, ...)							\
	({								\
		unsigned long long _a = (a), _b = (b);			\
		bool _ok = t_check(_a == _b, __FILE__, __LINE__,	\
				   "%s == %s: %#llx != %#llx", #a, #b,	\
				   _a, _b);				\
		if (!_ok)						\
			t_check(false, __FILE__, __LINE__, __VA_ARGS__); \
		_ok;							\
	})

#define T_STR(got, want)						\
	t_check_str(got, want, __FILE__, __LINE__, #got)
#define T_INT(got, want)						\
	t_check_int((long long)(got), (long long)(want), __FILE__,	\
		    __LINE__, #got)

/*
 * A scratch directory of this process, made on first use and removed with
 * everything in it when the process's tests are done.
 */
const char *ssf_test_tmpdir(void);

#endif /* _SSF_TEST_H */
