/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny test harness: CHECK*() count a pass or report a failure with its
 * location and values; main() ends with "N passed, N failed".
 */
#ifndef _SSFCTL_TEST_HARNESS_H
#define _SSFCTL_TEST_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ssf_rule.h"

extern unsigned int ssf_t_passed, ssf_t_failed, ssf_t_skipped;

void ssf_t_check(bool ok, const char *file, int line, const char *expr);
void ssf_t_check_str(const char *got, const char *want, const char *file,
		     int line, const char *expr);
void ssf_t_check_int(long long got, long long want, const char *file,
		     int line, const char *expr);

#define CHECK(c)		ssf_t_check(!!(c), __FILE__, __LINE__, #c)
#define CHECK_STR(got, want)	ssf_t_check_str(got, want, __FILE__, __LINE__, #got)
#define CHECK_INT(got, want)	ssf_t_check_int((long long)(got), (long long)(want), \
						__FILE__, __LINE__, #got)

/* Rules equal in every field that defines them (not id, not the masks). */
bool ssf_t_rule_eq(const struct ssf_rule *a, const struct ssf_rule *b);
/* A random rule that passes ssf_rule_check(). */
void ssf_t_rule_random(struct ssf_rule *r, uint64_t *seed);
uint64_t ssf_t_rand(uint64_t *seed);

/* Running ssfctl (test_cli.c): exit status and its output. */
#define SSF_T_MAX_OUT	(1 << 20)
struct ssf_t_run {
	int status;		/* exit code, or 128 + signal */
	const char *out;	/* valid until the next run */
	const char *err;
};
extern const char *ssf_t_ssfctl;
extern char ssf_t_dir[64];	/* a scratch directory */
void ssf_t_run(struct ssf_t_run *r, const char *input, const char *const *args);
#define RUN(r, input, ...) \
	ssf_t_run(r, input, (const char *const[]){ __VA_ARGS__, NULL })
/* Write @text to @name in the scratch directory; its path into @path. */
void ssf_t_write(const char *name, const char *text, char *path, size_t size);

/* Against the fake kernel (test_fake.c); false: skipped, counted. */
struct ssf_fake_cfg;
bool ssf_t_fake_start(const struct ssf_fake_cfg *cfg);
void ssf_t_fake_stop(void);
/* The fake's request log so far. */
const char *ssf_t_fake_log(void);
int ssf_t_count(const char *hay, const char *needle);
bool ssf_t_starts(const char *s, const char *prefix);

/*
 * Groups of tests that run ssfctl processes: each runs in a child process
 * of its own, with its own scratch directory and fake kernel, several at a
 * time (test_cli.c). Tables end with a NULL name.
 */
struct ssf_t_group {
	const char *name;
	void (*fn)(void);
};
extern const struct ssf_t_group ssf_t_fake_groups[];
extern const struct ssf_t_group ssf_t_validate_groups[];
extern const struct ssf_t_group ssf_t_ctl_groups[];

/* Each test group. */
void ssf_test_polparse(void);
void ssf_test_print(void);
void ssf_test_json(void);
void ssf_test_extack(void);
void ssf_test_attrs(void);
void ssf_test_cli(const char *ssfctl);	/* and the fake and validate groups */
void ssf_test_checks(void);
void ssf_test_words(void);
void ssf_test_event(void);

#endif /* _SSFCTL_TEST_HARNESS_H */
