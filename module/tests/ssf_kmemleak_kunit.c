// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ssf_kmemleak: fails when kmemleak suspects a leak.
 *
 * KUnit boots, runs the suites and halts without ever starting userspace,
 * so nobody writes "scan" to /sys/kernel/debug/kmemleak (and the kernel
 * cannot: the file only has a user-buffer write method). kmemleak's own
 * thread scans once, 60 s after it starts (SECS_FIRST_SCAN in
 * mm/kmemleak.c, with CONFIG_DEBUG_KMEMLEAK_AUTO_SCAN); this suite waits
 * for that scan and reads the report back through the seq_file.
 *
 * To know that the scan has happened, the test plants a canary: a block
 * registered with kmemleak_alloc() with min_count 2 and referenced once,
 * which kmemleak therefore reports as soon as it has scanned. Every other
 * object in the report fails the test and is copied to the test log, where
 * tests/kunit/run also looks for it ("unreferenced object").
 *
 * It is linked after the other ssf suites (Kbuild), so it runs last among
 * them: KUnit runs built-in suites in link order. By the time of the scan,
 * every object they left behind is older than kmemleak's 5 s minimum
 * report age.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/kmemleak.h>
#include <linux/mm.h>
#include <linux/mount.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uio.h>

#define SSF_KMEMLEAK_REPORT_MAX	(64 * 1024)
#define SSF_KMEMLEAK_WAIT_S	240	/* for the first automatic scan */

struct ssf_kmemleak {
	struct file_system_type *fs;
	struct vfsmount *mnt;
	struct file *f;
	char *report;
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
	k->f = file_open_root_mnt(k->mnt, "kmemleak", O_RDONLY, 0);
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
 * The whole current report into k->report. The file is a seq_file behind
 * debugfs' proxy, whose read method wants a user buffer; seq_read_iter()
 * takes a kernel one. Reading waits while a scan is running.
 */
static ssize_t ssf_kmemleak_read(struct ssf_kmemleak *k)
{
	size_t total = 0;
	struct kiocb kiocb;
	struct iov_iter it;
	struct kvec kv;
	ssize_t n;

	init_sync_kiocb(&kiocb, k->f);
	kiocb.ki_pos = 0;
	do {
		kv.iov_base = k->report + total;
		kv.iov_len = SSF_KMEMLEAK_REPORT_MAX - total;
		iov_iter_kvec(&it, ITER_DEST, &kv, 1, kv.iov_len);
		n = seq_read_iter(&kiocb, &it);
		if (n < 0)
			return n;
		total += n;
	} while (n > 0 && total < SSF_KMEMLEAK_REPORT_MAX);
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
	unsigned long deadline;
	struct ssf_kmemleak k;
	char canary[40];
	struct page *page;
	bool seen = false;
	int leaks = 0;
	ssize_t n;

	k.report = kunit_kzalloc(test, SSF_KMEMLEAK_REPORT_MAX + 1,
				 GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, k.report);
	KUNIT_ASSERT_EQ(test, ssf_kmemleak_open(test, &k), 0);

	/* Page memory is not tracked: register it, wanting 2 references. */
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!page) {
		ssf_kmemleak_close(&k);
		KUNIT_FAIL_AND_ABORT(test, "no page for the canary");
	}
	k.canary = page_address(page);
	kmemleak_alloc(k.canary, 64, 2, GFP_KERNEL);

	snprintf(canary, sizeof(canary), "unreferenced object 0x%08lx ",
		 (unsigned long)k.canary);
	deadline = jiffies + SSF_KMEMLEAK_WAIT_S * HZ;
	while ((n = ssf_kmemleak_read(&k)) >= 0 && !strstr(k.report, canary) &&
	       time_before(jiffies, deadline))
		msleep(1000);
	if (n >= 0)
		leaks = ssf_kmemleak_leaks(test, &k, &seen);

	kmemleak_free(k.canary);
	__free_page(page);
	ssf_kmemleak_close(&k);

	KUNIT_ASSERT_GE_MSG(test, n, 0, "reading kmemleak: %zd", n);
	KUNIT_ASSERT_TRUE_MSG(test, seen,
			      "no kmemleak scan within %d s (kmemleak off?)",
			      SSF_KMEMLEAK_WAIT_S);
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
