// SPDX-License-Identifier: GPL-2.0
/*
 * thread_policy_set (3617) and thread_policy_get (3618) on thread ports
 * (module/thread_policy.c): XNU's thread_policy_set_internal and
 * thread_policy_get, as macOS builds them.  What is set is what get
 * returns; out-of-range blocks get XNU's codes.  Apple's MPMMtest calls
 * thread_policy_set(THREAD_EXTENDED_POLICY) on every thread it makes.
 */
#include "harness.h"

#include <pthread.h>
#include <mach/mach.h>
#include <mach/thread_act.h>
#include <mach/thread_policy.h>

#define MS	1000000u	/* mach_absolute_time units (ns) */

static kern_return_t get(thread_act_t t, thread_policy_flavor_t flavor,
			 integer_t *info, mach_msg_type_number_t count,
			 boolean_t *get_default)
{
	mach_msg_type_number_t n = count;

	return thread_policy_get(t, flavor, info, &n, get_default);
}

/* thread_policy_get: a thread nobody set is timeshare, not a default */
TEST(extended_policy_of_a_new_thread_is_timeshare)
{
	thread_extended_policy_data_t ext = { .timeshare = FALSE };
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS, get(mach_thread_self(), THREAD_EXTENDED_POLICY,
				    (integer_t *)&ext,
				    THREAD_EXTENDED_POLICY_COUNT, &def));
	EXPECT_EQ(TRUE, ext.timeshare);
	EXPECT_EQ(FALSE, def);
}

/* thread_policy_set_internal: timeshare FALSE is fixed priority */
TEST(extended_policy_fixed_is_returned)
{
	thread_extended_policy_data_t ext = { .timeshare = FALSE };
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_policy_set(mach_thread_self(), THREAD_EXTENDED_POLICY,
				    (thread_policy_t)&ext,
				    THREAD_EXTENDED_POLICY_COUNT));
	ext.timeshare = TRUE;
	ASSERT_EQ(KERN_SUCCESS, get(mach_thread_self(), THREAD_EXTENDED_POLICY,
				    (integer_t *)&ext,
				    THREAD_EXTENDED_POLICY_COUNT, &def));
	EXPECT_EQ(FALSE, ext.timeshare);
}

/* thread_policy_set_internal: a block shorter than one word is timeshare */
TEST(extended_policy_without_data_is_timeshare)
{
	thread_extended_policy_data_t ext = { .timeshare = FALSE };
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_policy_set(mach_thread_self(), THREAD_EXTENDED_POLICY,
				    (thread_policy_t)&ext,
				    THREAD_EXTENDED_POLICY_COUNT));
	ASSERT_EQ(KERN_SUCCESS,
		  thread_policy_set(mach_thread_self(), THREAD_STANDARD_POLICY,
				    (thread_policy_t)&ext,
				    THREAD_STANDARD_POLICY_COUNT));
	ASSERT_EQ(KERN_SUCCESS, get(mach_thread_self(), THREAD_EXTENDED_POLICY,
				    (integer_t *)&ext,
				    THREAD_EXTENDED_POLICY_COUNT, &def));
	EXPECT_EQ(TRUE, ext.timeshare);
}

/* thread_policy_set_internal / _get: the real-time block round trips */
TEST(time_constraint_round_trips)
{
	thread_time_constraint_policy_data_t tc = {
		.period = 5 * MS, .computation = 1 * MS,
		.constraint = 2 * MS, .preemptible = FALSE,
	};
	thread_time_constraint_policy_data_t out = { 0 };
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_policy_set(mach_thread_self(),
				    THREAD_TIME_CONSTRAINT_POLICY,
				    (thread_policy_t)&tc,
				    THREAD_TIME_CONSTRAINT_POLICY_COUNT));
	ASSERT_EQ(KERN_SUCCESS, get(mach_thread_self(),
				    THREAD_TIME_CONSTRAINT_POLICY,
				    (integer_t *)&out,
				    THREAD_TIME_CONSTRAINT_POLICY_COUNT, &def));
	EXPECT_EQ(FALSE, def);
	EXPECT_EQ(5 * MS, out.period);
	EXPECT_EQ(1 * MS, out.computation);
	EXPECT_EQ(2 * MS, out.constraint);
	EXPECT_EQ(FALSE, out.preemptible);
}

/* thread_policy_get: a real-time thread's extended policy is the default */
TEST(extended_policy_of_a_realtime_thread_is_a_default)
{
	thread_time_constraint_policy_data_t tc = {
		.period = 0, .computation = 1 * MS, .constraint = 1 * MS,
		.preemptible = TRUE,
	};
	thread_extended_policy_data_t ext = { .timeshare = FALSE };
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_policy_set(mach_thread_self(),
				    THREAD_TIME_CONSTRAINT_POLICY,
				    (thread_policy_t)&tc,
				    THREAD_TIME_CONSTRAINT_POLICY_COUNT));
	ASSERT_EQ(KERN_SUCCESS, get(mach_thread_self(), THREAD_EXTENDED_POLICY,
				    (integer_t *)&ext,
				    THREAD_EXTENDED_POLICY_COUNT, &def));
	EXPECT_EQ(TRUE, def);
	EXPECT_EQ(TRUE, ext.timeshare);
}

/* thread_policy_get: no real-time block set, XNU's timeshare defaults */
TEST(time_constraint_of_a_timeshare_thread_is_the_default)
{
	thread_time_constraint_policy_data_t out = { 1, 1, 1, 0 };
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS, get(mach_thread_self(),
				    THREAD_TIME_CONSTRAINT_POLICY,
				    (integer_t *)&out,
				    THREAD_TIME_CONSTRAINT_POLICY_COUNT, &def));
	EXPECT_EQ(TRUE, def);
	EXPECT_EQ(0, out.period);
	EXPECT_EQ(5 * MS, out.computation);	/* std_quantum / 2 */
	EXPECT_EQ(10 * MS, out.constraint);	/* std_quantum */
	EXPECT_EQ(TRUE, out.preemptible);
}

static kern_return_t set_tc(uint32_t computation, uint32_t constraint,
			    mach_msg_type_number_t count)
{
	thread_time_constraint_policy_data_t tc = {
		.period = 0, .computation = computation,
		.constraint = constraint, .preemptible = TRUE,
	};

	return thread_policy_set(mach_thread_self(),
				 THREAD_TIME_CONSTRAINT_POLICY,
				 (thread_policy_t)&tc, count);
}

/* thread_policy_set_internal: constraint < computation is refused */
TEST(time_constraint_shorter_than_computation_is_invalid)
{
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  set_tc(2 * MS, 1 * MS, THREAD_TIME_CONSTRAINT_POLICY_COUNT));
}

/* min_rt_quantum (50 us) and max_rt_quantum (50 ms) bound computation */
TEST(time_constraint_computation_outside_the_rt_quanta_is_invalid)
{
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  set_tc(49000, 1 * MS, THREAD_TIME_CONSTRAINT_POLICY_COUNT));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  set_tc(51 * MS, 60 * MS,
			 THREAD_TIME_CONSTRAINT_POLICY_COUNT));
	EXPECT_EQ(KERN_SUCCESS,
		  set_tc(50000, 50 * MS, THREAD_TIME_CONSTRAINT_POLICY_COUNT));
	EXPECT_EQ(KERN_SUCCESS,
		  set_tc(50 * MS, 50 * MS,
			 THREAD_TIME_CONSTRAINT_POLICY_COUNT));
}

/* thread_policy_set_internal: a short block is KERN_INVALID_ARGUMENT */
TEST(time_constraint_short_count_is_invalid)
{
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  set_tc(1 * MS, 2 * MS,
			 THREAD_TIME_CONSTRAINT_POLICY_COUNT - 1));
}

/* thread_policy_get: a short buffer for a 4-word block is refused */
TEST(time_constraint_get_with_short_count_is_invalid)
{
	thread_time_constraint_policy_data_t out;
	boolean_t def = FALSE;

	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  get(mach_thread_self(), THREAD_TIME_CONSTRAINT_POLICY,
		      (integer_t *)&out, THREAD_TIME_CONSTRAINT_POLICY_COUNT - 1,
		      &def));
}

/* thread_policy_set_internal: THREAD_PRECEDENCE_POLICY's importance */
TEST(precedence_round_trips_and_defaults_to_zero)
{
	thread_precedence_policy_data_t p = { .importance = 7 };
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_policy_set(mach_thread_self(), THREAD_PRECEDENCE_POLICY,
				    (thread_policy_t)&p,
				    THREAD_PRECEDENCE_POLICY_COUNT));
	p.importance = 0;
	ASSERT_EQ(KERN_SUCCESS, get(mach_thread_self(),
				    THREAD_PRECEDENCE_POLICY,
				    (integer_t *)&p,
				    THREAD_PRECEDENCE_POLICY_COUNT, &def));
	EXPECT_EQ(7, p.importance);
	def = TRUE;
	ASSERT_EQ(KERN_SUCCESS, get(mach_thread_self(),
				    THREAD_PRECEDENCE_POLICY,
				    (integer_t *)&p,
				    THREAD_PRECEDENCE_POLICY_COUNT, &def));
	EXPECT_EQ(0, p.importance);
}

/* thread_affinity_set / thread_affinity_get: the tag is the thread's */
TEST(affinity_tag_round_trips_and_defaults_to_null)
{
	thread_affinity_policy_data_t a = { .affinity_tag = 3 };
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_policy_set(mach_thread_self(), THREAD_AFFINITY_POLICY,
				    (thread_policy_t)&a,
				    THREAD_AFFINITY_POLICY_COUNT));
	a.affinity_tag = 0;
	ASSERT_EQ(KERN_SUCCESS, get(mach_thread_self(), THREAD_AFFINITY_POLICY,
				    (integer_t *)&a,
				    THREAD_AFFINITY_POLICY_COUNT, &def));
	EXPECT_EQ(3, a.affinity_tag);
	def = TRUE;
	ASSERT_EQ(KERN_SUCCESS, get(mach_thread_self(), THREAD_AFFINITY_POLICY,
				    (integer_t *)&a,
				    THREAD_AFFINITY_POLICY_COUNT, &def));
	EXPECT_EQ(THREAD_AFFINITY_TAG_NULL, a.affinity_tag);
}

/* qos_latency_policy_validate: tier 0-5 or unspecified, else invalid */
TEST(latency_qos_tiers_are_validated)
{
	thread_latency_qos_policy_data_t q = {
		.thread_latency_qos_tier = LATENCY_QOS_TIER_2,
	};
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_policy_set(mach_thread_self(),
				    THREAD_LATENCY_QOS_POLICY,
				    (thread_policy_t)&q,
				    THREAD_LATENCY_QOS_POLICY_COUNT));
	q.thread_latency_qos_tier = 0;
	ASSERT_EQ(KERN_SUCCESS, get(mach_thread_self(),
				    THREAD_LATENCY_QOS_POLICY,
				    (integer_t *)&q,
				    THREAD_LATENCY_QOS_POLICY_COUNT, &def));
	EXPECT_EQ(LATENCY_QOS_TIER_2, q.thread_latency_qos_tier);
	q.thread_latency_qos_tier = LATENCY_QOS_TIER_5 + 1;
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_policy_set(mach_thread_self(),
				    THREAD_LATENCY_QOS_POLICY,
				    (thread_policy_t)&q,
				    THREAD_LATENCY_QOS_POLICY_COUNT));
	/* a throughput tier is not a latency tier */
	q.thread_latency_qos_tier = THROUGHPUT_QOS_TIER_1;
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_policy_set(mach_thread_self(),
				    THREAD_LATENCY_QOS_POLICY,
				    (thread_policy_t)&q,
				    THREAD_LATENCY_QOS_POLICY_COUNT));
}

/* qos_throughput_policy_validate, the same for throughput tiers */
TEST(throughput_qos_tiers_are_validated)
{
	thread_throughput_qos_policy_data_t q = {
		.thread_throughput_qos_tier = THROUGHPUT_QOS_TIER_4,
	};
	boolean_t def = FALSE;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_policy_set(mach_thread_self(),
				    THREAD_THROUGHPUT_QOS_POLICY,
				    (thread_policy_t)&q,
				    THREAD_THROUGHPUT_QOS_POLICY_COUNT));
	q.thread_throughput_qos_tier = 0;
	ASSERT_EQ(KERN_SUCCESS, get(mach_thread_self(),
				    THREAD_THROUGHPUT_QOS_POLICY,
				    (integer_t *)&q,
				    THREAD_THROUGHPUT_QOS_POLICY_COUNT, &def));
	EXPECT_EQ(THROUGHPUT_QOS_TIER_4, q.thread_throughput_qos_tier);
	q.thread_throughput_qos_tier = LATENCY_QOS_TIER_1;
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_policy_set(mach_thread_self(),
				    THREAD_THROUGHPUT_QOS_POLICY,
				    (thread_policy_t)&q,
				    THREAD_THROUGHPUT_QOS_POLICY_COUNT));
}

/*
 * thread_policy_set: THREAD_QOS_POLICY (9) needs -qos-policy-allow and
 * THREAD_BACKGROUND_POLICY is not built for macOS; unknown flavors too.
 */
TEST(flavors_macos_refuses_are_invalid)
{
	integer_t info[2] = { 0, 0 };

	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_policy_set(mach_thread_self(), 9, info, 2));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_policy_set(mach_thread_self(),
				    THREAD_BACKGROUND_POLICY, info, 1));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_policy_set(mach_thread_self(), 1000, info, 1));
}

/* thread_policy_get converts a thread_inspect_t: an inspect port reads */
TEST(policy_get_through_an_inspect_port)
{
	thread_precedence_policy_data_t p = { .importance = 5 };
	boolean_t def = FALSE;
	mach_port_t in = MACH_PORT_NULL;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_get_special_port(mach_thread_self(),
					  THREAD_INSPECT_PORT, &in));
	ASSERT_EQ(KERN_SUCCESS,
		  thread_policy_set(mach_thread_self(), THREAD_PRECEDENCE_POLICY,
				    (thread_policy_t)&p,
				    THREAD_PRECEDENCE_POLICY_COUNT));
	p.importance = 0;
	ASSERT_EQ(KERN_SUCCESS, get(in, THREAD_PRECEDENCE_POLICY,
				    (integer_t *)&p,
				    THREAD_PRECEDENCE_POLICY_COUNT, &def));
	EXPECT_EQ(5, p.importance);
}

/* thread_policy_set converts a thread_act_t: an inspect port is THREAD_NULL */
TEST(policy_set_through_an_inspect_port_is_invalid)
{
	thread_precedence_policy_data_t p = { .importance = 5 };
	mach_port_t in = MACH_PORT_NULL;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_get_special_port(mach_thread_self(),
					  THREAD_INSPECT_PORT, &in));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_policy_set(in, THREAD_PRECEDENCE_POLICY,
				    (thread_policy_t)&p,
				    THREAD_PRECEDENCE_POLICY_COUNT));
}

struct peer {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	thread_act_t port;
	int done;
	thread_affinity_policy_data_t seen;
};

static void *peer_main(void *arg)
{
	struct peer *p = arg;
	mach_msg_type_number_t n = THREAD_AFFINITY_POLICY_COUNT;
	boolean_t def = FALSE;

	pthread_mutex_lock(&p->lock);
	p->port = mach_thread_self();
	pthread_cond_broadcast(&p->cond);
	while (p->done == 0)
		pthread_cond_wait(&p->cond, &p->lock);
	thread_policy_get(mach_thread_self(), THREAD_AFFINITY_POLICY,
			  (thread_policy_t)&p->seen, &n, &def);
	p->done = 2;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* thread_policy_set on another thread's port: that thread sees it */
TEST(policy_set_on_another_thread_is_seen_by_it)
{
	struct peer p = {
		.lock = PTHREAD_MUTEX_INITIALIZER,
		.cond = PTHREAD_COND_INITIALIZER,
	};
	thread_affinity_policy_data_t a = { .affinity_tag = 42 };
	pthread_t t;

	ASSERT_EQ(0, pthread_create(&t, NULL, peer_main, &p));
	pthread_mutex_lock(&p.lock);
	while (p.port == MACH_PORT_NULL)
		pthread_cond_wait(&p.cond, &p.lock);
	pthread_mutex_unlock(&p.lock);
	EXPECT_EQ(KERN_SUCCESS,
		  thread_policy_set(p.port, THREAD_AFFINITY_POLICY,
				    (thread_policy_t)&a,
				    THREAD_AFFINITY_POLICY_COUNT));
	pthread_mutex_lock(&p.lock);
	p.done = 1;
	pthread_cond_broadcast(&p.cond);
	while (p.done != 2)
		pthread_cond_wait(&p.cond, &p.lock);
	pthread_mutex_unlock(&p.lock);
	pthread_join(t, NULL);
	EXPECT_EQ(42, p.seen.affinity_tag);
	/* and this thread's own tag is untouched */
	{
		thread_affinity_policy_data_t mine = { .affinity_tag = -1 };
		boolean_t def = FALSE;

		ASSERT_EQ(KERN_SUCCESS,
			  get(mach_thread_self(), THREAD_AFFINITY_POLICY,
			      (integer_t *)&mine, THREAD_AFFINITY_POLICY_COUNT,
			      &def));
		EXPECT_EQ(THREAD_AFFINITY_TAG_NULL, mine.affinity_tag);
	}
}

/* MIG's server: an array count past the routine's bound (16) */
TEST(policy_set_with_an_oversized_count_is_mig_bad_arguments)
{
	union {
		struct {
			mach_msg_header_t head;
			NDR_record_t ndr;
			thread_policy_flavor_t flavor;
			mach_msg_type_number_t count;
			integer_t info[17];
		} rq;
		struct {
			mach_msg_header_t head;
			NDR_record_t ndr;
			kern_return_t ret;
		} rp;
		char space[256];
	} m;
	mach_port_t reply = mig_get_reply_port();

	memset(&m, 0, sizeof(m));
	m.rq.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
					     MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.rq.head.msgh_size = sizeof(m.rq);
	m.rq.head.msgh_remote_port = mach_thread_self();
	m.rq.head.msgh_local_port = reply;
	m.rq.head.msgh_id = 3617;
	m.rq.ndr = NDR_record;
	m.rq.flavor = THREAD_PRECEDENCE_POLICY;
	m.rq.count = 17;
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg(&m.rq.head, MACH_SEND_MSG | MACH_RCV_MSG,
			   sizeof(m.rq), sizeof(m), reply,
			   MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL));
	EXPECT_EQ(3717, m.rp.head.msgh_id);
	EXPECT_EQ(MIG_BAD_ARGUMENTS, m.rp.ret);
}

TEST_HARNESS_MAIN
