/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal test harness for the userspace unit tests of the shared code.
 *
 * A test is a function declared with SSF_TEST(name); it registers itself
 * at load time. Each test is one case named after the function, unless it
 * opens cases of its own with t_case() (table-driven tests). A case
 * passes when it made at least one check and none failed: a case that
 * checks nothing is a failure, so a test cannot pass by accident.
 * The runner prints TAP lines and ends with "N passed, N failed".
 */
#ifndef _SSF_TEST_H
#define _SSF_TEST_H

#include <stdint.h>
#include <stdbool.h>

struct ssf_test {
	const char *name;
	void (*fn)(void);
	struct ssf_test *next;
};

void ssf_test_register(struct ssf_test *t);

#define SSF_TEST(n)							\
	static void n(void);						\
	static struct ssf_test n##_test = { #n, n, 0 };			\
	__attribute__((constructor)) static void n##_register(void)	\
	{								\
		ssf_test_register(&n##_test);				\
	}								\
	static void n(void)

/* Open a new case (ends the current one). */
void t_case(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Record one check; on failure print the location and the message. */
bool t_check(bool ok, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

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

#endif /* _SSF_TEST_H */
