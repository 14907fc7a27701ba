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
#include <stdlib.h>

#include "ssf_test.h"
#include "ctlrule.h"

#define CHECK(c)		T_OK(c, "%s", #c)
#define CHECK_STR(got, want)	T_STR(got, want)
#define CHECK_INT(got, want)	T_INT(got, want)

/* Rules equal in every field that defines them (not id, not the masks). */
bool ssf_t_rule_eq(const struct ssfctl_rule *a, const struct ssfctl_rule *b);
/* A random rule that passes ssf_rule_verify(). */
void ssf_t_rule_random(struct ssfctl_rule *r, uint64_t *seed);
uint64_t ssf_t_rand(uint64_t *seed);

struct ssfctl_out;
/* What @fn prints on an output (JSON if @json), as a string to free(). */
typedef void (*ssf_t_print_fn)(struct ssfctl_out *o, const void *arg);
char *ssf_t_print(bool json, ssf_t_print_fn fn, const void *arg);
/* CHECK_STR() of what @fn prints as text and as JSON. */
#define CHECK_PRINT(fn, arg, text, json)				\
	do {								\
		char *_s = ssf_t_print(false, fn, arg);			\
									\
		CHECK_STR(_s, text);					\
		free(_s);						\
		_s = ssf_t_print(true, fn, arg);			\
		CHECK_STR(_s, json);					\
		free(_s);						\
	} while (0)

struct nl_msg;
struct ssfctl_event;
/* @ev as the SSF_A_EVENT nest the kernel sends: what its has bits say. */
void ssf_t_event_put(struct nl_msg *m, const struct ssfctl_event *ev);

struct ssfctl_checks;
struct ssfctl_polfile;
struct ssfctl_namer;
/* What the kernel does with a load's checks: the defaults, then the lines. */
void ssf_t_checks_apply(struct ssfctl_checks *c, const struct ssfctl_polfile *pf);
/*
 * What "policy show" prints (JSON if @json) once the kernel holds what
 * @pf loads: rule ids from 1, no counters, generation 1; names from @nm.
 */
char *ssf_t_policy_show(const struct ssfctl_polfile *pf, bool json,
			const struct ssfctl_namer *nm);

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
