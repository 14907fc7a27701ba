// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl's output: the JSON writer (structure, commas, string escaping of
 * control characters, quotes, valid and invalid UTF-8), and the print
 * calls in both forms, with the escaping of text.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "json.h"
#include <inttypes.h>

typedef void (*t_json_fn)(struct ssfctl_json *j);

static char *t_json(t_json_fn fn)
{
	struct ssfctl_json j;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	ssf_json_init(&j, f);
	fn(&j);
	fclose(f);
	return buf;
}

static char *t_json_string(const char *s, size_t len)
{
	struct ssfctl_json j;
	char *buf = NULL;
	size_t blen = 0;
	FILE *f = open_memstream(&buf, &blen);

	if (!f)
		return NULL;
	ssf_json_init(&j, f);
	ssf_json_strn(&j, s, len);
	fclose(f);
	return buf;
}

#define STR(in, want) t_str(__LINE__, in, sizeof(in) - 1, want)
static void t_str(int line, const char *in, size_t len, const char *want)
{
	char *s = t_json_string(in, len);

	t_check_str(s, want, __FILE__, line, want);
	free(s);
}

static void t_nested(struct ssfctl_json *j)
{
	ssf_json_obj_open(j);
	ssf_json_key(j, "a");
	ssf_json_arr_open(j);
	ssf_json_u64(j, 1);
	ssf_json_u64(j, UINT64_MAX);
	ssf_json_obj_open(j);
	ssf_json_key(j, "b");
	ssf_json_bool(j, true);
	ssf_json_key(j, "c");
	ssf_json_bool(j, false);
	ssf_json_obj_close(j);
	ssf_json_arr_open(j);
	ssf_json_arr_close(j);
	ssf_json_obj_open(j);
	ssf_json_obj_close(j);
	ssf_json_arr_close(j);
	ssf_json_key(j, "n");
	ssf_json_null(j);
	ssf_json_key(j, "z");
	ssf_json_u64(j, 0);
	ssf_json_key(j, "k\"ey");
	ssf_json_str(j, "v");
	ssf_json_obj_close(j);
	ssf_json_end(j);
}

static void t_top_array(struct ssfctl_json *j)
{
	ssf_json_arr_open(j);
	ssf_json_str(j, "x");
	ssf_json_str(j, "");
	ssf_json_arr_close(j);
}

SSF_TEST(json_writer)
{
	char *s;

	s = t_json(t_nested);
	CHECK_STR(s, "{\"a\":[1,18446744073709551615,{\"b\":true,\"c\":false},[],{}],"
		     "\"n\":null,\"z\":0,\"k\\\"ey\":\"v\"}\n");
	free(s);
	s = t_json(t_top_array);
	CHECK_STR(s, "[\"x\",\"\"]");
	free(s);

	STR("plain", "\"plain\"");
	STR("", "\"\"");
	STR("q\"b\\s/", "\"q\\\"b\\\\s/\"");
	STR("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
	STR("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
	STR("a\0b", "\"a\\u0000b\"");
	/* valid UTF-8 passes through */
	STR("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
	STR("\xef\xbf\xbf\xf4\x8f\xbf\xbf", "\"\xef\xbf\xbf\xf4\x8f\xbf\xbf\"");
	/* invalid UTF-8: each bad byte becomes U+FFFD */
	STR("\xff", "\"\\ufffd\"");
	STR("\x80x", "\"\\ufffdx\"");
	STR("\xc0\x80", "\"\\ufffd\\ufffd\"");		/* overlong NUL */
	STR("\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"");	/* overlong '/' */
	STR("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");	/* surrogate */
	STR("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");	/* > U+10FFFF */
	STR("\xe2\x82", "\"\\ufffd\\ufffd\"");		/* truncated */
	STR("\xe2\x82x", "\"\\ufffd\\ufffdx\"");
}

/* Every control byte, alone in a JSON string, comes out escaped. */
SSF_TEST(json_controls)
{
	char in[1], want[16], *s;
	unsigned int c, bad = 0;

	for (c = 0; c < 0x80; c++) {
		if (c >= 0x20 && c != 0x7f)
			continue;
		in[0] = (char)c;
		s = t_json_string(in, 1);
		if (c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')
			snprintf(want, sizeof(want), "\"\\%c\"",
				 "bfnrt"[strchr("\b\f\n\r\t", (int)c) - "\b\f\n\r\t"]);
		else
			snprintf(want, sizeof(want), "\"\\u%04x\"", c);
		if (!s || strcmp(s, want)) {
			printf("# byte %#x: %s, want %s\n", c, s ? s : "(null)", want);
			bad++;
		}
		free(s);
	}
	CHECK_INT(bad, 0);
}

/* Text: what a terminal would act on, as \xHH; nothing else touched. */
static void t_esc(int line, const char *in, bool quoted, const char *want)
{
	char buf[128];
	struct ssfctl_sb b = { .buf = buf, .size = sizeof(buf) };

	buf[0] = '\0';
	ssf_sb_esc(&b, in, quoted);
	t_check_str(buf, want, __FILE__, line, in);
	t_check_int((long long)b.len, (long long)strlen(want), __FILE__, line,
		    "its length");
}
#define ESC(in, quoted, want) t_esc(__LINE__, in, quoted, want)

SSF_TEST(json_text_escape)
{
	ESC("eth0", false, "eth0");
	ESC("\x1b[2J\x1b[H", false, "\\x1b[2J\\x1b[H");
	ESC("a\tb\nc\rd\x7f", false, "a\\x09b\\x0ac\\x0dd\\x7f");
	/* UTF-8 passes; C1 controls in it, and bytes that are not, do not */
	ESC("caf\xc3\xa9 \xe2\x82\xac", false, "caf\xc3\xa9 \xe2\x82\xac");
	ESC("\xc2\x9b" "31m", false, "\\xc2\\x9b31m");
	ESC("\xc2\xa0", false, "\xc2\xa0");
	ESC("\x9b" "31m\xff", false, "\\x9b31m\\xff");
	ESC("\xe2\x82", false, "\\xe2\\x82");
	/* inside a quoted policy word: also the quote and the backslash */
	ESC("a \"q\" \\ b", false, "a \"q\" \\ b");
	ESC("a \"q\" \\ b", true, "a \\\"q\\\" \\\\ b");
	ESC("\x1b\\x1b", true, "\\x1b\\\\x1b");
	CHECK_INT(ssf_text_span("\xc3\xa9x", 3), 2);
	CHECK_INT(ssf_text_span("\xc3", 1), 0);
	CHECK_INT(ssf_text_span("\x01", 1), 0);
	CHECK_INT(ssf_text_span("x", 1), 1);
}

struct t_fields {
	const char *iif;
	u64 n;
};

static void t_fields_print(struct ssfctl_out *o, const void *arg)
{
	const struct t_fields *f = arg;

	ssf_print_obj_open(o, NULL);
	ssf_print_fp(o, "[");
	ssf_print_str(o, SSF_PRINT_ANY, "iif", "iif %s", f->iif);
	ssf_print_u64(o, SSF_PRINT_ANY, "n", " n %" PRIu64, f->n);
	ssf_print_u64(o, SSF_PRINT_JSON, "json_only", " never", 1);
	ssf_print_u64(o, SSF_PRINT_FP, "text_only", " text %" PRIu64, 2);
	ssf_print_bool(o, SSF_PRINT_ANY, "up", " up %s", true);
	ssf_print_bool(o, SSF_PRINT_ANY, "down", " down %s", false);
	ssf_print_name(o, SSF_PRINT_ANY, "named", " %s", "drop", 1, "?");
	ssf_print_name(o, SSF_PRINT_ANY, "unnamed", " %s", NULL, 9, "<9>");
	ssf_print_name(o, SSF_PRINT_ANY, "number", " %s", NULL, 7, NULL);
	ssf_print_arr_open(o, "list");
	ssf_print_str(o, SSF_PRINT_ANY, NULL, " %s", "a");
	ssf_print_obj_open(o, NULL);
	ssf_print_u64(o, SSF_PRINT_ANY, "k", " k %" PRIu64, 3);
	ssf_print_obj_close(o);
	ssf_print_arr_close(o);
	ssf_print_str(o, SSF_PRINT_ANY, "no_text", NULL, "x");
	ssf_print_fp(o, "]\n");
	ssf_print_obj_close(o);
	ssf_out_end(o);
}

/* One call per field: the text and the JSON of the same calls. */
SSF_TEST(json_print_calls)
{
	struct t_fields f = { .iif = "x\x1b[31my", .n = 42 };

	CHECK_PRINT(t_fields_print, &f,
		    "[iif x\\x1b[31my n 42 text 2 up yes down no drop <9> 7 a k 3]\n",
		    "{\"iif\":\"x\\u001b[31my\",\"n\":42,\"json_only\":1,"
		    "\"up\":true,\"down\":false,\"named\":\"drop\",\"unnamed\":9,"
		    "\"number\":7,\"list\":[\"a\",{\"k\":3}],\"no_text\":\"x\"}\n");
}
