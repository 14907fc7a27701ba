/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ssfctl tests on tests/lib/ssf_test.h: CHECK*() are its checks, and
 * here are the helpers the test files share.
 */
#ifndef _SSFCTL_TEST_HARNESS_H
#define _SSFCTL_TEST_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ssf_test.h"
#include "ssf_rule.h"

#define CHECK(c)		T_OK(c, "%s", #c)
#define CHECK_STR(got, want)	T_STR(got, want)
#define CHECK_INT(got, want)	T_INT(got, want)

/* Rules equal in every field that defines them (not id, not the masks). */
bool ssf_t_rule_eq(const struct ssf_rule *a, const struct ssf_rule *b);
/* A random rule that passes ssf_rule_check(). */
void ssf_t_rule_random(struct ssf_rule *r, uint64_t *seed);
uint64_t ssf_t_rand(uint64_t *seed);

/* Running ssfctl: exit status and its output. */
#define SSF_T_MAX_OUT	(1 << 20)
struct ssf_t_run {
	int status;		/* exit code, or 128 + signal */
	const char *out;	/* valid until the next run */
	const char *err;
};
/* The ssfctl under test ($SSFCTL). */
const char *ssf_t_ssfctl(void);
void ssf_t_run(struct ssf_t_run *r, const char *input, const char *const *args);
#define RUN(r, input, ...) \
	ssf_t_run(r, input, (const char *const[]){ __VA_ARGS__, NULL })
/* Write @text to @name in the scratch directory; its path into @path. */
void ssf_t_write(const char *name, const char *text, char *path, size_t size);
int ssf_t_count(const char *hay, const char *needle);
bool ssf_t_starts(const char *s, const char *prefix);

/* Against the fake kernel (test_fake.c); false: it did not start. */
struct ssfctl_fake_cfg;
bool ssf_t_fake_start(const struct ssfctl_fake_cfg *cfg);
void ssf_t_fake_stop(void);
/* The fake's request log so far. */
const char *ssf_t_fake_log(void);

#endif /* _SSFCTL_TEST_HARNESS_H */
