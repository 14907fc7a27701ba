/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small streaming JSON writer: the caller opens and closes objects and
 * arrays and writes keys and values; commas and string escaping are done
 * here. Output is compact, one document per line.
 */
#ifndef _SSFCTL_JSON_H
#define _SSFCTL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SSF_JSON_MAX_DEPTH	16

struct ssf_json {
	FILE *f;
	unsigned int depth;
	bool first[SSF_JSON_MAX_DEPTH + 1];	/* nothing written yet at depth */
	bool after_key;				/* a key was written, value next */
};

void ssf_json_init(struct ssf_json *j, FILE *f);
/* Ends the document with a newline. */
void ssf_json_end(struct ssf_json *j);

void ssf_json_obj_open(struct ssf_json *j);
void ssf_json_obj_close(struct ssf_json *j);
void ssf_json_arr_open(struct ssf_json *j);
void ssf_json_arr_close(struct ssf_json *j);

void ssf_json_key(struct ssf_json *j, const char *key);
void ssf_json_str(struct ssf_json *j, const char *s);
void ssf_json_strn(struct ssf_json *j, const char *s, size_t len);
void ssf_json_u64(struct ssf_json *j, uint64_t v);
void ssf_json_bool(struct ssf_json *j, bool v);
void ssf_json_null(struct ssf_json *j);

/* key + value shorthands */
void ssf_json_kv_str(struct ssf_json *j, const char *key, const char *s);
void ssf_json_kv_u64(struct ssf_json *j, const char *key, uint64_t v);
void ssf_json_kv_bool(struct ssf_json *j, const char *key, bool v);

#endif /* _SSFCTL_JSON_H */
