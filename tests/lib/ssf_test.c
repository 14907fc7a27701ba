// SPDX-License-Identifier: GPL-2.0
/*
 * The test runner: see ssf_test.h.
 *
 * A child running an SSF_TEST_PROC test writes to an unlinked temporary
 * file instead of the runner's stdout: its diagnostics as they are, and a
 * line "@ssf-case <0|1> <checks> <name>" where the runner would print "ok N". The
 * runner copies the file out in registration order and numbers the cases,
 * so the output reads the same however the children were scheduled, and a
 * child never blocks on a pipe nobody reads.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "ssf_test.h"

#define SSF_CASE_MARK	"@ssf-case "
#define SSF_JOBS_MAX	32

static struct ssf_test *tests, **tests_tail = &tests;
static char case_name[160];
static bool case_open, case_implicit, in_child;
static unsigned int case_checks, case_failed, n_cases, n_passed, n_failed;
static unsigned long n_checks;

void ssf_test_register(struct ssf_test *t)
{
	/* keep registration (file link) order */
	*tests_tail = t;
	tests_tail = &t->next;
}

static void case_report(bool ok, unsigned int checks, const char *name)
{
	n_checks += checks;
	n_cases++;
	if (ok)
		n_passed++;
	else
		n_failed++;
	printf("%sok %u - %s\n", ok ? "" : "not ", n_cases, name);
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
	if (in_child)
		printf(SSF_CASE_MARK "%d %u %s\n", ok, case_checks, case_name);
	else
		case_report(ok, case_checks, case_name);
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

bool t_check_str(const char *got, const char *want, const char *file,
		 int line, const char *what)
{
	return t_check(got && want && !strcmp(got, want), file, line,
		       "%s\n#     got:  \"%s\"\n#     want: \"%s\"", what,
		       got ? got : "(null)", want ? want : "(null)");
}

bool t_check_int(long long got, long long want, const char *file, int line,
		 const char *what)
{
	return t_check(got == want, file, line, "%s\n#     got:  %lld\n#     want: %lld",
		       what, got, want);
}

static char tmp_dir[64];
static pid_t tmp_owner;

const char *ssf_test_tmpdir(void)
{
	if (tmp_owner == getpid())
		return tmp_dir;
	snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/ssf-test.XXXXXX");
	if (!mkdtemp(tmp_dir)) {
		t_check(false, __FILE__, __LINE__, "mkdtemp: %s", strerror(errno));
		snprintf(tmp_dir, sizeof(tmp_dir), "/nonexistent");
	}
	tmp_owner = getpid();
	return tmp_dir;
}

static int tmp_remove_one(const char *path, const struct stat *sb, int type,
			  struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	if (remove(path))
		printf("# cannot remove %s: %s\n", path, strerror(errno));
	return 0;
}

static void tmp_remove(void)
{
	if (tmp_owner != getpid())
		return;
	nftw(tmp_dir, tmp_remove_one, 16, FTW_DEPTH | FTW_PHYS);
	tmp_owner = 0;
}

static void run_one(struct ssf_test *t)
{
	t_case_implicit("%s", t->name);
	t->fn();
	case_end();
}

/* A test running in a child process, and what it wrote. */
struct job {
	struct ssf_test *t;
	FILE *out;
	pid_t pid;
	int status;
	bool done;
};

static void job_start(struct job *j)
{
	j->out = tmpfile();
	if (!j->out) {
		printf("# %s: tmpfile: %s\n", j->t->name, strerror(errno));
		j->done = true;
		j->status = -1;
		return;
	}
	fflush(NULL);
	j->pid = fork();
	if (j->pid == 0) {
		if (dup2(fileno(j->out), STDOUT_FILENO) < 0)
			_exit(125);
		in_child = true;
		run_one(j->t);
		tmp_remove();
		fflush(NULL);
		_exit(0);
	}
	if (j->pid < 0) {
		printf("# %s: fork: %s\n", j->t->name, strerror(errno));
		j->done = true;
		j->status = -1;
	}
}

/* Copy out what the child wrote; its cases and its death count. */
static void job_report(struct job *j)
{
	unsigned int ok, checks;
	size_t size = 0;
	char *line = NULL;
	bool died;
	int name;

	if (j->out) {
		rewind(j->out);
		while (getline(&line, &size, j->out) > 0) {
			if (strncmp(line, SSF_CASE_MARK, strlen(SSF_CASE_MARK))) {
				fputs(line, stdout);
				continue;
			}
			line[strcspn(line, "\n")] = '\0';
			if (sscanf(line, SSF_CASE_MARK "%u %u %n", &ok, &checks,
				   &name) == 2)
				case_report(ok == 1, checks, line + name);
			else
				printf("%s\n", line);
		}
		free(line);
		fclose(j->out);
	}
	died = j->status == -1 || !WIFEXITED(j->status) ||
	       WEXITSTATUS(j->status);
	if (died) {
		printf("# %s: the test process died (status %#x)\n", j->t->name,
		       j->status);
		case_report(false, 0, j->t->name);
	}
}

static long jobs_max(void)
{
	const char *env = getenv("SSF_TEST_JOBS");
	long n = env ? atol(env) : sysconf(_SC_NPROCESSORS_ONLN);

	if (!env && n < 2)
		n = 2;
	if (n < 1)
		n = 1;
	return n > SSF_JOBS_MAX ? SSF_JOBS_MAX : n;
}

static bool wanted(const struct ssf_test *t, const char *only)
{
	return !only || strstr(t->name, only);
}

static void run_procs(const char *only)
{
	size_t n = 0, started = 0, shown = 0, i;
	long running = 0, max = jobs_max();
	struct ssf_test *t;
	struct job *jobs;
	int status;
	pid_t pid;

	for (t = tests; t; t = t->next)
		n += t->proc && wanted(t, only);
	if (!n)
		return;
	jobs = calloc(n, sizeof(*jobs));
	if (!jobs) {
		t_case_implicit("running the process tests");
		t_check(false, __FILE__, __LINE__, "out of memory");
		case_end();
		return;
	}
	for (t = tests, i = 0; t; t = t->next)
		if (t->proc && wanted(t, only))
			jobs[i++].t = t;
	while (shown < n) {
		while (started < n && running < max) {
			job_start(&jobs[started]);
			running += !jobs[started++].done;
		}
		while (shown < n && jobs[shown].done)
			job_report(&jobs[shown++]);
		if (!running)
			continue;
		pid = wait(&status);
		for (i = 0; i < started; i++) {
			/* no child left to wait for: the rest died unseen */
			if ((jobs[i].pid == pid || pid < 0) && !jobs[i].done) {
				jobs[i].status = pid < 0 ? -1 : status;
				jobs[i].done = true;
				running--;
			}
		}
	}
	free(jobs);
}

int main(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : NULL;
	struct ssf_test *t;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (t = tests; t; t = t->next)
		if (!t->proc && wanted(t, only))
			run_one(t);
	run_procs(only);
	tmp_remove();
	printf("1..%u\n", n_cases);
	printf("# %lu checks\n", n_checks);
	printf("%u passed, %u failed\n", n_passed, n_failed);
	return n_failed || !n_cases ? 1 : 0;
}
