// SPDX-License-Identifier: GPL-2.0
/*
 * Name lookups for ssfctl: users and groups (NSS), cgroup v2 paths <-> ids.
 *
 * A cgroup's id, as the kernel's cgroup_id() and SSF_RULE_A_CGROUP have
 * it, is the inode number of its directory on a cgroup2 mount. Paths in a
 * policy are below the cgroup2 root ("/system.slice/ssh.service", as
 * /proc/<pid>/cgroup shows them) or full paths starting with
 * /sys/fs/cgroup. Back from an id, the hierarchy is walked once and
 * remembered for the rest of the run (policy show may print many).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>

#include "resolve.h"
#include "array.h"

/* NSS buffers: what sysconf() suggests, grown on ERANGE up to this. */
#define SSF_NSS_BUF_MAX		(1 << 20)

/*
 * The id of user or group @name (getpwnam_r() or getgrnam_r(), the buffer
 * grown on ERANGE): 0, -ENOENT when there is no such name, or -errno.
 */
static int ssf_nss_id(bool group, const char *name, u32 *id)
{
	struct passwd pw, *pwr = NULL;
	struct group gr, *grr = NULL;
	size_t size = 1024;
	char *buf = NULL, *nb;
	int ret;

	for (;;) {
		nb = realloc(buf, size);
		if (!nb) {
			ret = ENOMEM;
			break;
		}
		buf = nb;
		ret = group ? getgrnam_r(name, &gr, buf, size, &grr) :
			      getpwnam_r(name, &pw, buf, size, &pwr);
		if (ret != ERANGE || size >= SSF_NSS_BUF_MAX)
			break;
		size *= 2;
	}
	if (!ret && grr)
		*id = (u32)grr->gr_gid;
	else if (!ret && pwr)
		*id = (u32)pwr->pw_uid;
	else if (!ret)
		ret = ENOENT;
	free(buf);
	return -ret;
}

static int ssf_user_id(const char *name, u32 *uid)
{
	return ssf_nss_id(false, name, uid);
}

static int ssf_group_id(const char *name, u32 *gid)
{
	return ssf_nss_id(true, name, gid);
}

static const char *ssf_user_name(u32 uid, char *out, size_t size)
{
	struct passwd pw, *res = NULL;
	char buf[4096];

	if (getpwuid_r((uid_t)uid, &pw, buf, sizeof(buf), &res) || !res ||
	    strlen(res->pw_name) >= size)
		return NULL;
	strcpy(out, res->pw_name);
	return out;
}

static const char *ssf_group_name(u32 gid, char *out, size_t size)
{
	struct group gr, *res = NULL;
	char buf[4096];

	if (getgrgid_r((gid_t)gid, &gr, buf, sizeof(buf), &res) || !res ||
	    strlen(res->gr_name) >= size)
		return NULL;
	strcpy(out, res->gr_name);
	return out;
}

static bool ssf_is_cgroup2(const char *path)
{
	struct statfs sfs;

	return !statfs(path, &sfs) && sfs.f_type == CGROUP2_SUPER_MAGIC;
}

const char *ssf_cgroup_root(void)
{
	if (ssf_is_cgroup2(SSF_CGROUP_ROOT))
		return SSF_CGROUP_ROOT;
	if (ssf_is_cgroup2(SSF_CGROUP_ROOT_HYBRID))
		return SSF_CGROUP_ROOT_HYBRID;
	return NULL;
}

/* @path starts with the directory @dir (then '/' or its end). */
static bool ssf_path_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == '/' || !path[n]);
}

int ssf_cgroup_id(const char *root, const char *path, u64 *id, char *why,
		  size_t size)
{
	char full[4096 + 64];
	struct stat st;

	if (ssf_path_under(path, SSF_CGROUP_ROOT)) {
		snprintf(full, sizeof(full), "%s", path);
	} else if (!root) {
		snprintf(why, size, "no cgroup2 mount at %s or %s",
			 SSF_CGROUP_ROOT, SSF_CGROUP_ROOT_HYBRID);
		return -1;
	} else {
		while (*path == '/')
			path++;
		snprintf(full, sizeof(full), "%s%s%s", root, *path ? "/" : "",
			 path);
	}
	if (stat(full, &st)) {
		snprintf(why, size, "%s: %s", full, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(why, size, "%s: not a cgroup directory", full);
		return -1;
	}
	if (!ssf_is_cgroup2(full)) {
		snprintf(why, size, "%s: not on a cgroup2 mount", full);
		return -1;
	}
	*id = (u64)st.st_ino;
	return 0;
}

/* The hierarchy as walked once: each directory's inode and path. */
struct ssfctl_cg_ent {
	u64 ino;
	char *path;		/* below the root, "/" for the root */
};

static struct {
	char *root;
	struct ssfctl_cg_ent *v;
	size_t n, cap;
	bool failed;		/* out of memory while walking */
} ssf_cg;

static int ssf_cg_visit(const char *fpath, const struct stat *sb, int type,
			struct FTW *ftw)
{
	struct ssfctl_cg_ent *v;
	const char *rel;

	(void)ftw;
	if (type != FTW_D)
		return 0;
	v = ssf_array_room(ssf_cg.v, &ssf_cg.cap, ssf_cg.n, sizeof(*v));
	if (!v)
		goto nomem;
	ssf_cg.v = v;
	rel = fpath + strlen(ssf_cg.root);
	ssf_cg.v[ssf_cg.n].ino = (u64)sb->st_ino;
	ssf_cg.v[ssf_cg.n].path = strdup(*rel ? rel : "/");
	if (!ssf_cg.v[ssf_cg.n].path)
		goto nomem;
	ssf_cg.n++;
	return 0;
nomem:
	ssf_cg.failed = true;
	return 1;
}

static void ssf_cg_forget(void)
{
	size_t i;

	for (i = 0; i < ssf_cg.n; i++)
		free(ssf_cg.v[i].path);
	free(ssf_cg.v);
	free(ssf_cg.root);
	memset(&ssf_cg, 0, sizeof(ssf_cg));
}

const char *ssf_cgroup_path(const char *root, u64 id, char *buf, size_t size)
{
	size_t i;

	if (!root)
		return NULL;
	if (!ssf_cg.root || strcmp(ssf_cg.root, root)) {
		ssf_cg_forget();
		ssf_cg.root = strdup(root);
		if (!ssf_cg.root)
			return NULL;
		/* one file system, no symlinks: the hierarchy and nothing else */
		nftw(root, ssf_cg_visit, 16, FTW_PHYS | FTW_MOUNT);
	}
	for (i = 0; i < ssf_cg.n; i++) {
		if (ssf_cg.v[i].ino == id && strlen(ssf_cg.v[i].path) < size) {
			strcpy(buf, ssf_cg.v[i].path);
			return buf;
		}
	}
	return NULL;
}

static int ssf_sys_cgroup_id(const char *path, u64 *id, char *why,
			     size_t size)
{
	return ssf_cgroup_id(ssf_cgroup_root(), path, id, why, size);
}

static const char *ssf_sys_cgroup_path(u64 id, char *buf, size_t size)
{
	return ssf_cgroup_path(ssf_cgroup_root(), id, buf, size);
}

const struct ssfctl_resolver ssf_sys_resolver = {
	.user = ssf_user_id,
	.group = ssf_group_id,
	.cgroup = ssf_sys_cgroup_id,
};

const struct ssfctl_namer ssf_sys_namer = {
	.user = ssf_user_name,
	.group = ssf_group_name,
	.cgroup = ssf_sys_cgroup_path,
};
