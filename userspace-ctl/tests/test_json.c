// SPDX-License-Identifier: GPL-2.0
/*
 * JSON writer: structure, commas, and string escaping (control characters,
 * quotes, valid and invalid UTF-8).
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "json.h"

typedef void (*t_json_fn)(struct ssf_json *j);

static char *t_json(t_json_fn fn)
{
	struct ssf_json j;
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
	struct ssf_json j;
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

static void t_nested(struct ssf_json *j)
{
	ssf_json_obj_open(j);
	ssf_json_key(j, "a");
	ssf_json_arr_open(j);
	ssf_json_u64(j, 1);
	ssf_json_u64(j, UINT64_MAX);
	ssf_json_obj_open(j);
	ssf_json_kv_bool(j, "b", true);
	ssf_json_kv_bool(j, "c", false);
	ssf_json_obj_close(j);
	ssf_json_arr_open(j);
	ssf_json_arr_close(j);
	ssf_json_obj_open(j);
	ssf_json_obj_close(j);
	ssf_json_arr_close(j);
	ssf_json_key(j, "n");
	ssf_json_null(j);
	ssf_json_kv_u64(j, "z", 0);
	ssf_json_kv_str(j, "k\"ey", "v");
	ssf_json_obj_close(j);
	ssf_json_end(j);
}

static void t_top_array(struct ssf_json *j)
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
