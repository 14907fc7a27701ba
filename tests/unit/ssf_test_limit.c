// SPDX-License-Identifier: GPL-2.0
/*
 * The limit's bucket (module/ssf_limit.h) against a plain token bucket
 * model (the reference's, module/tests/ssf_rule_ref.c) with a fake clock:
 * random rates, bursts and arrival times, every decision the same; and
 * under contention, threads taking from one bucket at a frozen clock get
 * exactly the burst between them, no more and no less.
 */
#include <pthread.h>
#include <stdio.h>

#include "ssf_test.h"
#include "ssf_limit.h"
#include "ssf_rnd.h"
#include "ssf_rule_ref.h"

static struct ssf_rule limit_rule(u32 rate, u8 unit, u32 burst)
{
	struct ssf_rule r = { .match = SSF_RM_LIMIT, .limit_rate = rate,
			      .limit_unit = unit, .limit_burst = burst };
	const char *err;

	T_EQ(ssf_rule_verify(&r, &err), 0, "limit rule");
	return r;
}

SSF_TEST(limit_vs_model)
{
	u32 rs = 777, k, i, bad = 0, taken = 0, total = 0;

	for (k = 0; k < 300; k++) {
		struct ssf_rule r = limit_rule(1 + ssf_rnd(&rs) % 1000,
					       ssf_rnd(&rs) % 3,
					       1 + ssf_rnd(&rs) % 20);
		struct ssf_atomic64 bucket = {};
		struct ssf_ref_bucket model = {};
		u64 now = 5000000000ULL + ssf_rnd(&rs);
		u64 gap = r.limit_ns * (1 + ssf_rnd(&rs) % 4) / 2;

		for (i = 0; i < 2000; i++) {
			bool want, got;

			/* bursts of arrivals, then pauses */
			now += ssf_rnd(&rs) % 8 ? ssf_rnd(&rs) % (gap + 1) :
						  gap * (ssf_rnd(&rs) % 50);
			want = ssf_ref_limit(&model, &r, now);
			got = ssf_limit_take(&bucket, now, r.limit_ns,
					     r.limit_burst_ns);
			taken += got;
			total++;
			if (want != got && bad++ < 3)
				T_OK(false, "bucket %u arrival %u: model %d, bucket %d",
				     k, i, want, got);
		}
	}
	T_EQ(bad, 0, "every decision the model's");
	T_OK(taken > total / 10 && taken < total * 9 / 10,
	     "%u of %u passed", taken, total);
}

SSF_TEST(limit_rate)
{
	struct ssf_rule r = limit_rule(10, SSF_LIMIT_SECOND, 5);
	struct ssf_atomic64 bucket = {};
	u64 now = 1000000000ULL, t;
	u32 passed = 0;

	/* 100 packets a second for 10 seconds against 10/s burst 5 */
	for (t = 0; t < 1000; t++)
		passed += ssf_limit_take(&bucket, now + t * 10000000ULL,
					 r.limit_ns, r.limit_burst_ns);
	/* the burst, then one every 100 ms: 5 + 99 or 100 */
	T_OK(passed >= 104 && passed <= 105, "%u passed", passed);
}

struct limit_thread {
	struct ssf_atomic64 *bucket;
	u64 now, step, burst;
	u32 got;
};

static void *limit_hammer(void *arg)
{
	struct limit_thread *t = arg;
	u32 i;

	for (i = 0; i < 200000; i++)
		t->got += ssf_limit_take(t->bucket, t->now, t->step, t->burst);
	return NULL;
}

SSF_TEST(limit_contention)
{
	struct ssf_rule r = limit_rule(1, SSF_LIMIT_HOUR, 1000);
	struct ssf_atomic64 bucket = {};
	struct limit_thread t[4];
	pthread_t th[4];
	u32 i, sum = 0;

	for (i = 0; i < 4; i++) {
		t[i] = (struct limit_thread){ &bucket, 7000000000ULL,
					      r.limit_ns, r.limit_burst_ns, 0 };
		T_EQ(pthread_create(&th[i], NULL, limit_hammer, &t[i]), 0,
		     "thread");
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		sum += t[i].got;
	}
	T_EQ(sum, 1000, "exactly the burst passes at a frozen clock");
}
