// SPDX-License-Identifier: GPL-2.0
/*
 * Commit-confirm: a commit with a timeout keeps the policy it replaced as a
 * restore point; unless SSF_CMD_POLICY_CONFIRM arrives in time, a delayed
 * work item publishes the restore point again (rules, defaults, checks and
 * mode), so an administrator who cut off their own access gets it back.
 *
 * Lifetime: the restore point is a policy object that is no longer
 * published; readers may still see it until a grace period has passed, so
 * it is never changed: a revert publishes a copy, and the restore point is
 * released (freed after a grace period) either way. It belongs to
 * sn->confirm until then and is counted in sn->objects like any policy.
 *
 * Locking: every field of sn->confirm is under sn->lock. The work item
 * takes sn->lock; nothing that holds sn->lock waits for the work item
 * (cancel_delayed_work(), never _sync, under the lock): a work item already
 * running finds confirm.pending cleared and does nothing. Netns exit
 * clears the state under the lock, then waits for the work item unlocked.
 */
#include <linux/jiffies.h>
#include <linux/workqueue.h>

#include "ssf_net.h"
#include "ssf_events.h"
#include "ssf_log.h"

/* Free the restore point and forget the pending confirm. */
void ssf_confirm_cancel(struct ssf_net *sn)
{
	lockdep_assert_held(&sn->lock);
	if (!sn->confirm.pending)
		return;
	sn->confirm.pending = false;
	cancel_delayed_work(&sn->confirm.work);
	ssf_policy_release(sn->confirm.restore);
	sn->confirm.restore = NULL;
}

static void ssf_confirm_arm(struct ssf_net *sn, u32 seconds)
{
	unsigned long delay = (unsigned long)seconds * HZ;

	sn->confirm.deadline = jiffies + delay;
	mod_delayed_work(ssf_wq, &sn->confirm.work, delay);
}

/*
 * Publish @p with a restore point: the policy it replaces, unless a confirm
 * is already pending (then the older restore point stays). Restarts the
 * timer with @seconds. On error nothing changed and @p is freed.
 */
int ssf_confirm_publish(struct ssf_net *sn, struct ssf_policy *p,
			u32 seconds, struct netlink_ext_ack *extack,
			u32 *missing)
{
	struct ssf_policy *old;
	int ret;

	lockdep_assert_held(&sn->lock);
	if (sn->confirm.pending) {
		ret = ssf_net_publish(sn, p, extack, missing);
		if (!ret)
			ssf_confirm_arm(sn, seconds);
		return ret;
	}
	ret = ssf_net_publish_keep(sn, p, extack, missing, &old);
	if (ret)
		return ret;
	sn->confirm.pending = true;
	sn->confirm.restore = old;
	ssf_confirm_arm(sn, seconds);
	return 0;
}

/* SSF_CMD_POLICY_CONFIRM: keep what is published. */
int ssf_confirm_keep(struct ssf_net *sn)
{
	lockdep_assert_held(&sn->lock);
	if (!sn->confirm.pending)
		return -ENOENT;
	ssf_confirm_cancel(sn);
	return 0;
}

/* Seconds before the revert (rounded up), 0 when none is pending. */
u32 ssf_confirm_left(struct ssf_net *sn)
{
	long left;

	lockdep_assert_held(&sn->lock);
	if (!sn->confirm.pending)
		return 0;
	left = (long)(sn->confirm.deadline - jiffies);
	if (left <= 0)
		return 1;	/* the work item is about to run */
	return DIV_ROUND_UP(jiffies_to_msecs(left), 1000);
}

/*
 * Publish the restore point again. It was published once, and a reader
 * may still hold it, so it is never changed: a copy (sharing its rules'
 * counters) carries the new generation. Rule ids go on from the current
 * counter: ids handed out in the confirm window are not reused.
 */
static int ssf_confirm_revert(struct ssf_net *sn)
{
	struct ssf_policy *restore = sn->confirm.restore, *p;
	u32 missing;
	int ret;

	sn->confirm.restore = NULL;
	sn->confirm.pending = false;
	if (!restore) {
		ssf_net_flush(sn);
		return 0;
	}
	p = ssf_policy_copy(sn, restore, U32_MAX, 0);
	/* the restore point still holds every module the copy needs */
	ret = p ? ssf_net_publish(sn, p, NULL, &missing) : -ENOMEM;
	ssf_policy_release(restore);
	return ret;
}

static void ssf_confirm_expire(struct work_struct *work)
{
	struct ssf_net *sn = container_of(to_delayed_work(work),
					  struct ssf_net, confirm.work);
	u64 gen;
	int ret;

	mutex_lock(&sn->lock);
	/*
	 * Run for the confirm that is pending now and due now: this work may
	 * have waited for the lock while a confirm was given, or while a new
	 * commit restarted the timer (which queues this work again).
	 */
	if (!sn->confirm.pending ||
	    time_before(jiffies, sn->confirm.deadline)) {
		mutex_unlock(&sn->lock);
		return;
	}
	ret = ssf_confirm_revert(sn);
	gen = sn->generation;
	mutex_unlock(&sn->lock);

	if (ret) {
		ssf_log_revert(sn, ret, gen);
		return;
	}
	ssf_log_revert(sn, 0, gen);
	ssf_event_revert(sn, gen);
}

void ssf_confirm_init(struct ssf_net *sn)
{
	sn->confirm.pending = false;
	sn->confirm.restore = NULL;
	INIT_DELAYED_WORK(&sn->confirm.work, ssf_confirm_expire);
}

/* Netns exit, after ssf_net_flush() cancelled any confirm under the lock. */
void ssf_confirm_exit(struct ssf_net *sn)
{
	cancel_delayed_work_sync(&sn->confirm.work);
}
