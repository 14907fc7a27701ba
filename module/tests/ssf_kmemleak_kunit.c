// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ssf_kmemleak: fails when kmemleak suspects a leak.
 *
 * KUnit boots, runs the suites and halts without ever starting userspace,
 * so nobody writes "scan" to /sys/kernel/debug/kmemleak, and kmemleak's own
 * thread would only scan a minute after boot. This suite does what a user
 * would: it mounts debugfs privately (kern_mount), gets a user buffer
 * (kunit_vm_mmap(): the file's methods take user pointers), waits until
 * the objects the earlier suites allocated are older than kmemleak's
 * minimum report age (5 s, MSECS_MIN_AGE in mm/kmemleak.c), writes "scan"
 * twice (see ssf_kmemleak_scan()) and reads the report back.
 *
 * A canary proves the scan and the read work: a block registered with
 * kmemleak_alloc() wanting more references than it can ever have, which
 * kmemleak therefore always reports. Every other object in the report
 * fails the test and is copied to the test log, where tests/kunit/run also
 * looks for it ("unreferenced object").
 *
 * It is linked after the other ssf suites (Kbuild), so it runs last among
 * them: KUnit runs built-in suites in link order.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/kmemleak.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#define SSF_KMEMLEAK_REPORT_MAX	(64 * 1024)
#define SSF_KMEMLEAK_MIN_AGE_MS	5000	/* MSECS_MIN_AGE in mm/kmemleak.c */
#define SSF_KMEMLEAK_CANARY_REFS	(1 << 20)

struct ssf_kmemleak {
	struct file_system_type *fs;
	struct vfsmount *mnt;
	struct file *f;
	char *report;		/* kernel copy of the report */
	char __user *ubuf;	/* user buffer for the file's methods */
	void *canary;
};

static int ssf_kmemleak_open(struct kunit *test, struct ssf_kmemleak *k)
{
	k->fs = get_fs_type("debugfs");
	if (!k->fs) {
		kunit_err(test, "no debugfs file system type\n");
		return -ENODEV;
	}
	k->mnt = kern_mount(k->fs);
	if (IS_ERR(k->mnt)) {
		kunit_err(test, "kern_mount(debugfs): %ld\n", PTR_ERR(k->mnt));
		goto err_fs;
	}
	k->f = file_open_root_mnt(k->mnt, "kmemleak", O_RDWR, 0);
	if (IS_ERR(k->f)) {
		kunit_err(test, "open kmemleak: %ld\n", PTR_ERR(k->f));
		goto err_mnt;
	}
	return 0;

err_mnt:
	kern_unmount(k->mnt);
err_fs:
	put_filesystem(k->fs);
	return -ENOENT;
}

static void ssf_kmemleak_close(struct ssf_kmemleak *k)
{
	fput(k->f);
	kern_unmount(k->mnt);
	put_filesystem(k->fs);
}

/*
 * Write "scan" twice: kmemleak scans before the write returns, and an
 * object whose contents changed since the previous scan (so, any object at
 * its first scan: the checksum starts at 0) is spared until the next one.
 * Returns the bytes written by the second write or an error.
 */
static ssize_t ssf_kmemleak_scan(struct ssf_kmemleak *k)
{
	static const char cmd[] = "scan";
	ssize_t n = 0;
	loff_t pos;
	int i;

	if (copy_to_user(k->ubuf, cmd, sizeof(cmd) - 1))
		return -EFAULT;
	for (i = 0; i < 2 && n >= 0; i++) {
		pos = 0;
		n = vfs_write(k->f, k->ubuf, sizeof(cmd) - 1, &pos);
	}
	return n;
}

/* The whole report into k->report. */
static ssize_t ssf_kmemleak_read(struct ssf_kmemleak *k)
{
	size_t total = 0;
	loff_t pos = 0;
	ssize_t n;

	while (total < SSF_KMEMLEAK_REPORT_MAX) {
		n = vfs_read(k->f, k->ubuf, SSF_KMEMLEAK_REPORT_MAX - total,
			     &pos);
		if (n < 0)
			return n;
		if (!n)
			break;
		if (copy_from_user(k->report + total, k->ubuf, n))
			return -EFAULT;
		total += n;
	}
	k->report[total] = '\0';
	return total;
}

/*
 * Copy every reported object but the canary to the test log. Returns how
 * many there are; *@seen tells whether the canary was reported.
 */
static int ssf_kmemleak_leaks(struct kunit *test, struct ssf_kmemleak *k,
			      bool *seen)
{
	char *rest = k->report, *line, canary[40];
	bool mine = false;
	int leaks = 0;

	snprintf(canary, sizeof(canary), "unreferenced object 0x%08lx ",
		 (unsigned long)k->canary);
	*seen = false;
	while ((line = strsep(&rest, "\n"))) {
		if (strstr(line, "unreferenced object")) {
			mine = !strncmp(line, canary, strlen(canary));
			if (mine)
				*seen = true;
			else
				leaks++;
		}
		if (*line && !mine)
			kunit_err(test, "%s\n", line);
	}
	return leaks;
}

static void ssf_kmemleak_no_leaks(struct kunit *test)
{
	struct ssf_kmemleak k;
	unsigned long ubuf;
	struct page *page;
	ssize_t scan, n;
	bool seen;
	int leaks;

	k.report = kunit_kzalloc(test, SSF_KMEMLEAK_REPORT_MAX + 1,
				 GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, k.report);
	ubuf = kunit_vm_mmap(test, NULL, 0, SSF_KMEMLEAK_REPORT_MAX,
			     PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE,
			     0);
	KUNIT_ASSERT_NE_MSG(test, ubuf, 0, "no user memory");
	KUNIT_ASSERT_LT_MSG(test, ubuf, (unsigned long)TASK_SIZE,
			    "no user memory");
	k.ubuf = (char __user *)ubuf;
	KUNIT_ASSERT_EQ(test, ssf_kmemleak_open(test, &k), 0);

	/* Page memory is not tracked: register it as a kmemleak object. */
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!page) {
		ssf_kmemleak_close(&k);
		KUNIT_FAIL_AND_ABORT(test, "no page for the canary");
	}
	k.canary = page_address(page);
	kmemleak_alloc(k.canary, 64, SSF_KMEMLEAK_CANARY_REFS, GFP_KERNEL);

	msleep(SSF_KMEMLEAK_MIN_AGE_MS + 500);
	scan = ssf_kmemleak_scan(&k);
	n = ssf_kmemleak_read(&k);
	leaks = n >= 0 ? ssf_kmemleak_leaks(test, &k, &seen) : 0;

	kmemleak_free(k.canary);
	__free_page(page);
	ssf_kmemleak_close(&k);

	KUNIT_ASSERT_EQ_MSG(test, scan, 4, "writing \"scan\": %zd", scan);
	KUNIT_ASSERT_GE_MSG(test, n, 0, "reading the report: %zd", n);
	KUNIT_ASSERT_TRUE_MSG(test, seen, "the canary was not reported");
	KUNIT_EXPECT_EQ_MSG(test, leaks, 0, "kmemleak suspects %d leaks",
			    leaks);
}

static struct kunit_case ssf_kmemleak_cases[] = {
	KUNIT_CASE_SLOW(ssf_kmemleak_no_leaks),
	{}
};

static struct kunit_suite ssf_kmemleak_suite = {
	.name = "ssf_kmemleak",
	.test_cases = ssf_kmemleak_cases,
};

kunit_test_suite(ssf_kmemleak_suite);
