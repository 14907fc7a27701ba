// SPDX-License-Identifier: GPL-2.0
/* The unit test runner: see ssf_test.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "ssf_test.h"

static struct ssf_test *tests, **tests_tail = &tests;
static char case_name[160];
static bool case_open, case_implicit;
static unsigned int case_checks, case_failed, n_cases, n_passed, n_failed;

void ssf_test_register(struct ssf_test *t)
{
	/* keep registration (file link) order */
	*tests_tail = t;
	tests_tail = &t->next;
}

static void case_end(void)
{
	bool ok;

	if (!case_open)
		return;
	case_open = false;
	if (!case_checks)
		printf("# %s: checked nothing\n", case_name);
	ok = case_checks && !case_failed;
	n_cases++;
	if (ok)
		n_passed++;
	else
		n_failed++;
	printf("%sok %u - %s\n", ok ? "" : "not ", n_cases, case_name);
}

static void case_begin(bool implicit, const char *fmt, va_list ap)
{
	/* the implicit case of a table-driven test is replaced by its own */
	if (case_open && case_implicit && !case_checks && !case_failed)
		case_open = false;
	case_end();
	vsnprintf(case_name, sizeof(case_name), fmt, ap);
	case_open = true;
	case_implicit = implicit;
	case_checks = 0;
	case_failed = 0;
}

void t_case(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	case_begin(false, fmt, ap);
	va_end(ap);
}

static void t_case_implicit(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	case_begin(true, fmt, ap);
	va_end(ap);
}

bool t_check(bool ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	case_checks++;
	if (ok)
		return true;
	case_failed++;
	printf("#   %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return false;
}

int main(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : NULL;
	struct ssf_test *t;

	for (t = tests; t; t = t->next) {
		if (only && !strstr(t->name, only))
			continue;
		t_case_implicit("%s", t->name);
		t->fn();
		case_end();
	}
	printf("1..%u\n", n_cases);
	printf("%u passed, %u failed\n", n_passed, n_failed);
	return n_failed || !n_cases ? 1 : 0;
}
