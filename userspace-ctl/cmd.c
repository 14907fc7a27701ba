// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line helpers shared by every subcommand: error messages and
 * usage texts built from the command tables.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ssfctl.h"
#include "json.h"
#include "netlink.h"

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

/* What every command takes. */
static const struct ssfctl_option ssf_common_opts[] = {
	{ "json", NULL, "machine-readable output (JSON)", 'j' },
	{ "help", NULL, "this help", 'h' },
	{ NULL, NULL, NULL, 0 },
};

/*
 * "--name <arg>, -l <arg>": on the first pass only its width, the widest
 * of @w and it returned; on the second, the line with the help and
 * @more after it.
 */
static size_t ssf_print_opt(FILE *f, const struct ssfctl_option *o, size_t w,
			    int pass, const char *more)
{
	char s[96];
	int n;

	n = snprintf(s, sizeof(s), "--%s%s%s", o->name, o->arg ? " " : "",
		     o->arg ? o->arg : "");
	if (o->letter)
		snprintf(s + n, sizeof(s) - (size_t)n, ", -%c%s%s", o->letter,
			 o->arg ? " " : "", o->arg ? o->arg : "");
	if (pass)
		fprintf(f, "  %-*s   %s%s\n", (int)w, s, o->help, more);
	return strlen(s) > w ? strlen(s) : w;
}

void ssf_print_usage(FILE *f, const char *path, const struct ssfctl_command *c,
		     bool full)
{
	const struct ssfctl_command *s;
	const struct ssfctl_option *o;
	size_t w = 0, n;
	char more[160];
	int pass;

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
	snprintf(more, sizeof(more), "; \"%s <command> --help\" for a command",
		 path);
	fprintf(f, "\nOptions:\n");
	w = 0;
	for (pass = 0; pass < 2; pass++) {
		for (o = c->opts; o && o->name; o++)
			w = ssf_print_opt(f, o, w, pass, "");
		for (o = ssf_common_opts; o->name; o++)
			w = ssf_print_opt(f, o, w, pass,
					  c->sub && o[1].name == NULL ? more : "");
	}
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

void ssf_print_result(const struct ssfctl_ctx *ctx, const char *key,
		      const char *fmt, u64 v)
{
	struct ssfctl_out o;

	ssf_out_init(&o, stdout, ctx->json);
	ssf_print_obj_open(&o, NULL);
	ssf_print_u64(&o, fmt ? SSF_PRINT_ANY : SSF_PRINT_JSON, key, fmt, v);
	ssf_print_obj_close(&o);
	ssf_out_end(&o);
}

int ssf_show(const struct ssfctl_ctx *ctx, int argc, char **argv,
	     const struct ssfctl_show *show)
{
	struct ssfctl_out o;
	struct ssfctl_nl nl;
	void *obj;
	int ret = 1;

	if (argc)
		return ssf_usage_err(ctx, "unexpected argument \"%s\"", argv[0]);
	obj = calloc(1, show->size);
	if (!obj) {
		ssf_err("%s: out of memory", ctx->what);
		return 1;
	}
	if (!ssf_nl_open(&nl, ctx->netns)) {
		ret = show->read(&nl, obj) ? 1 : 0;
		ssf_nl_close(&nl);
	}
	if (!ret) {
		ssf_out_init(&o, stdout, ctx->json);
		show->print(&o, obj);
		ssf_out_end(&o);
	}
	if (show->done)
		show->done(obj);
	free(obj);
	return ret;
}
