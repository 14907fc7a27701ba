// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line helpers shared by every subcommand: error messages and
 * usage texts built from the command tables.
 */
#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "ssfctl.h"

void ssf_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("ssfctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void ssf_print_usage(FILE *f, const char *path, const struct ssfctl_command *c,
		     bool full)
{
	const struct ssfctl_command *s;
	const struct ssfctl_option *o;
	size_t w = 0, n;

	fprintf(f, "usage: %s%s%s\n", path, c->args[0] ? " " : "", c->args);
	if (!full)
		return;
	fprintf(f, "\n%c%s.\n", toupper((unsigned char)c->help[0]), c->help + 1);
	if (c->sub) {
		for (s = c->sub; s->name; s++) {
			n = strlen(s->name) + 1 + strlen(s->args);
			if (n > w)
				w = n;
		}
		fprintf(f, "\nCommands:\n");
		for (s = c->sub; s->name; s++) {
			n = strlen(s->name) + 1 + strlen(s->args);
			fprintf(f, "  %s%s%s%*s  %s\n", s->name,
				s->args[0] ? " " : "", s->args,
				(int)(w - n + !s->args[0]), "", s->help);
		}
	}
	if (c->details)
		fprintf(f, "\n%s", c->details);
	fprintf(f, "\nOptions:\n");
	w = strlen("--json, -j");
	for (o = c->opts; o && o->name; o++) {
		n = 2 + strlen(o->name) + (o->arg ? strlen(o->arg) + 1 : 0);
		if (n > w)
			w = n;
	}
	for (o = c->opts; o && o->name; o++) {
		n = 2 + strlen(o->name) + (o->arg ? strlen(o->arg) + 1 : 0);
		fprintf(f, "  --%s%s%s%*s   %s\n", o->name, o->arg ? " " : "",
			o->arg ? o->arg : "", (int)(w - n), "", o->help);
	}
	fprintf(f, "  %-*s   machine-readable output (JSON)\n"
		"  %-*s   this help", (int)w, "--json, -j", (int)w, "--help, -h");
	if (c->sub)
		fprintf(f, "; \"%s <command> --help\" for a command", path);
	fprintf(f, "\n");
}

int ssf_usage_err(const struct ssfctl_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	if (ctx->what[0])
		fprintf(stderr, "ssfctl: %s: ", ctx->what);
	else
		fprintf(stderr, "ssfctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	ssf_print_usage(stderr, ctx->path, ctx->cmd, false);
	return 2;
}

int ssf_arg_uint(const struct ssfctl_ctx *ctx, const char *what, const char *s,
		 u32 max, u32 *out)
{
	unsigned long long v = 0;
	const char *p;

	for (p = s; *p >= '0' && *p <= '9' && v <= max; p++)
		v = v * 10 + (unsigned long long)(*p - '0');
	if (p == s || *p || v > max)
		return ssf_usage_err(ctx, "bad %s \"%s\" (0-%u)", what, s, max);
	*out = (u32)v;
	return 0;
}
