/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ssfctl's name lookups, both ways: users and groups through NSS
 * (getpwnam_r() and friends), cgroup v2 paths through the cgroup2 mount
 * (a cgroup's id is the inode number of its directory). The parser and
 * the printers get them as a struct ssfctl_resolver and a struct ssfctl_namer.
 */
#ifndef _SSFCTL_RESOLVE_H
#define _SSFCTL_RESOLVE_H

#include "polparse.h"
#include "print.h"

/* Where the cgroup2 hierarchy is looked for, in this order. */
#define SSF_CGROUP_ROOT		"/sys/fs/cgroup"
#define SSF_CGROUP_ROOT_HYBRID	"/sys/fs/cgroup/unified"

extern const struct ssfctl_resolver ssf_sys_resolver;
extern const struct ssfctl_namer ssf_sys_namer;

/*
 * The id of the cgroup at @path, a path below the cgroup2 root @root
 * ("/a/b" or "a/b"; "/" is the root) or a full path that starts with
 * SSF_CGROUP_ROOT. 0, or -1 with the reason in @why.
 */
int ssf_cgroup_id(const char *root, const char *path, u64 *id, char *why,
		  size_t size);

/*
 * The path below @root of the cgroup with id @id ("/" for the root
 * itself), found by walking the hierarchy once and remembering it; NULL
 * if there is none (or @root is not readable).
 */
const char *ssf_cgroup_path(const char *root, u64 id, char *buf, size_t size);

/* The cgroup2 root: SSF_CGROUP_ROOT, or SSF_CGROUP_ROOT_HYBRID; NULL. */
const char *ssf_cgroup_root(void);

#endif /* _SSFCTL_RESOLVE_H */
