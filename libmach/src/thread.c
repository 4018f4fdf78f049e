// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libmach: thread ports.  mach_thread_self() is an ioctl (XNU's trap 27);
 * task_threads() and the thread_act routines are MIG messages to a task
 * or thread port, served by the module like the task routines in mig.c
 * (reply id = request id + 100, errors as mig_reply_error_t).
 */
#include <string.h>
#include <mach/mach.h>
#include <mach/task.h>
#include <mach/thread_act.h>
#include "libmach.h"
#include "calls.h"

#ifndef MACH_IOC_THREAD_SELF
#define MACH_IOC_THREAD_SELF	_IOWR(MACH_IOC_MAGIC, 0x2c, struct mach_port_args)
#endif

LIBMACH_API mach_port_t mach_thread_self(void)
{
	struct mach_port_args a = { 0 };

	if (libmach_port_call(MACH_IOC_THREAD_SELF, &a) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return a.name;
}

/* Room for the largest request or reply here (a whole thread state),
 * plus the largest trailer. */
union thread_buf {
	mach_msg_header_t head;
	mig_reply_error_t error;
	char bytes[sizeof(mach_msg_header_t) + 8 + 4 + 4 +
		   4 * THREAD_STATE_MAX + sizeof(mach_msg_max_trailer_t)];
};

/* One request to @dest (a thread or task port), its reply in @buf. */
static kern_return_t thread_rpc(union thread_buf *buf, mach_port_t dest,
				mach_msg_id_t id, mach_msg_size_t size)
{
	buf->head.msgh_bits = 0;
	return libmach_mig_rpc(&buf->head, sizeof(*buf), dest,
			       MACH_MSG_TYPE_COPY_SEND, id, size);
}

/*
 * A simple reply of @size bytes is what the routine expected; anything
 * else must be a mig_reply_error_t carrying an error.
 */
static kern_return_t reply_check(union thread_buf *buf, mach_msg_size_t min,
				 mach_msg_size_t max)
{
	mach_msg_size_t size = buf->head.msgh_size;

	if (buf->head.msgh_bits & MACH_MSGH_BITS_COMPLEX) {
		mach_msg_destroy(&buf->head);
		return MIG_TYPE_ERROR;
	}
	if (size == sizeof(mig_reply_error_t) && buf->error.RetCode)
		return buf->error.RetCode;
	if (size < min || size > max)
		return MIG_TYPE_ERROR;
	return buf->error.RetCode;
}

static kern_return_t header_only(thread_act_t thread, mach_msg_id_t id)
{
	union thread_buf buf;
	kern_return_t kr;

	memset(&buf.head, 0, sizeof(buf.head));
	kr = thread_rpc(&buf, thread, id, sizeof(mach_msg_header_t));
	if (kr)
		return kr;
	return reply_check(&buf, sizeof(mig_reply_error_t),
			   sizeof(mig_reply_error_t));
}

LIBMACH_API kern_return_t thread_terminate(thread_act_t target_act)
{
	return header_only(target_act, 3600);
}

LIBMACH_API kern_return_t thread_suspend(thread_read_t target_act)
{
	return header_only(target_act, 3605);
}

LIBMACH_API kern_return_t thread_resume(thread_read_t target_act)
{
	return header_only(target_act, 3606);
}

/* The reply shape thread_get_state and thread_info share. */
struct words_reply {
	mach_msg_header_t head;
	NDR_record_t ndr;
	kern_return_t retcode;
	mach_msg_type_number_t count;
	natural_t words[];
} __attribute__((packed));

/*
 * Send {Head; NDR; @flavor; count} as @id, and copy the words of the
 * reply (at most @max) to @out, as a MIG stub does: more words than
 * *@cnt is MIG_ARRAY_TOO_LARGE with the first *@cnt copied and *@cnt
 * set to what the server had.
 */
static kern_return_t words_call(mach_port_t dest, mach_msg_id_t id,
				int flavor, natural_t *out,
				mach_msg_type_number_t *cnt,
				mach_msg_type_number_t max)
{
	struct request {
		mach_msg_header_t head;
		NDR_record_t ndr;
		int flavor;
		mach_msg_type_number_t count;
	} __attribute__((packed)) *rq;
	struct words_reply *rp;
	union thread_buf buf;
	mach_msg_type_number_t n;
	kern_return_t kr;

	rq = (struct request *)&buf;
	memset(rq, 0, sizeof(*rq));
	rq->ndr = NDR_record;
	rq->flavor = flavor;
	rq->count = *cnt < max ? *cnt : max;
	kr = thread_rpc(&buf, dest, id, sizeof(*rq));
	if (kr)
		return kr;
	kr = reply_check(&buf, sizeof(*rp), sizeof(*rp) + 4 * max);
	if (kr)
		return kr;
	rp = (struct words_reply *)&buf;
	n = rp->count;
	if (n > max || buf.head.msgh_size != sizeof(*rp) + 4 * n)
		return MIG_TYPE_ERROR;
	if (n > *cnt) {
		memcpy(out, rp->words, 4 * *cnt);
		*cnt = n;
		return MIG_ARRAY_TOO_LARGE;
	}
	memcpy(out, rp->words, 4 * n);
	*cnt = n;
	return KERN_SUCCESS;
}

#if defined(__x86_64__)
/*
 * The unified flavors (x86_THREAD_STATE, _FLOAT_, _EXCEPTION_, _DEBUG_):
 * a header naming the width-specific flavor, then that state, as XNU's
 * machine_thread_get_state frames them for a 64-bit thread.  The module
 * serves the 64-bit flavors; libmach adds and checks the header.
 */
static int unified_flavor(thread_state_flavor_t flavor,
			  thread_state_flavor_t *f64, mach_msg_type_number_t *c64,
			  mach_msg_type_number_t *cnt)
{
	switch (flavor) {
	case x86_THREAD_STATE:
		*f64 = x86_THREAD_STATE64;
		*c64 = x86_THREAD_STATE64_COUNT;
		*cnt = x86_THREAD_STATE_COUNT;
		return 1;
	case x86_FLOAT_STATE:
		*f64 = x86_FLOAT_STATE64;
		*c64 = x86_FLOAT_STATE64_COUNT;
		*cnt = x86_FLOAT_STATE_COUNT;
		return 1;
	case x86_EXCEPTION_STATE:
		*f64 = x86_EXCEPTION_STATE64;
		*c64 = x86_EXCEPTION_STATE64_COUNT;
		*cnt = x86_EXCEPTION_STATE_COUNT;
		return 1;
	case x86_DEBUG_STATE:
		*f64 = x86_DEBUG_STATE64;
		*c64 = x86_DEBUG_STATE64_COUNT;
		*cnt = x86_DEBUG_STATE_COUNT;
		return 1;
	default:
		return 0;
	}
}
#endif

LIBMACH_API kern_return_t thread_get_state(thread_read_t target_act,
					   thread_state_flavor_t flavor,
					   thread_state_t old_state,
					   mach_msg_type_number_t *old_stateCnt)
{
#if defined(__x86_64__)
	thread_state_flavor_t f64;
	mach_msg_type_number_t c64, cnt, n;
	kern_return_t kr;

	if (unified_flavor(flavor, &f64, &c64, &cnt)) {
		x86_state_hdr_t hdr = { .flavor = (uint32_t)f64, .count = c64 };

		if (*old_stateCnt < cnt)
			return KERN_INVALID_ARGUMENT;
		memset(old_state, 0, cnt * sizeof(natural_t));
		n = c64;
		kr = words_call(target_act, 3603, f64, old_state + 2, &n, c64);
		if (kr)
			return kr;
		memcpy(old_state, &hdr, sizeof(hdr));
		*old_stateCnt = cnt;
		return KERN_SUCCESS;
	}
#endif
	return words_call(target_act, 3603, flavor, old_state, old_stateCnt,
			  THREAD_STATE_MAX);
}

LIBMACH_API kern_return_t thread_info(thread_inspect_t target_act,
				      thread_flavor_t thread_info_flavor,
				      thread_info_t thread_info_out,
				      mach_msg_type_number_t *thread_info_outCnt)
{
	return words_call(target_act, 3612, (int)thread_info_flavor,
			  (natural_t *)thread_info_out, thread_info_outCnt,
			  THREAD_INFO_MAX);
}

LIBMACH_API kern_return_t thread_set_state(thread_act_t target_act,
					   thread_state_flavor_t flavor,
					   thread_state_t new_state,
					   mach_msg_type_number_t new_stateCnt)
{
	struct request {
		mach_msg_header_t head;
		NDR_record_t ndr;
		thread_state_flavor_t flavor;
		mach_msg_type_number_t count;
		natural_t words[];
	} __attribute__((packed)) *rq;
	union thread_buf buf;
	kern_return_t kr;

	if (new_stateCnt > THREAD_STATE_MAX)
		return MIG_ARRAY_TOO_LARGE;
#if defined(__x86_64__)
	{
		thread_state_flavor_t f64;
		mach_msg_type_number_t c64, cnt;
		x86_state_hdr_t hdr;

		/* machine_thread_set_state: the header must name the
		 * 64-bit flavor with its exact count */
		if (unified_flavor(flavor, &f64, &c64, &cnt)) {
			if (new_stateCnt != cnt)
				return KERN_INVALID_ARGUMENT;
			memcpy(&hdr, new_state, sizeof(hdr));
			if (hdr.flavor != (uint32_t)f64 || hdr.count != c64)
				return KERN_INVALID_ARGUMENT;
			return thread_set_state(target_act, f64, new_state + 2, c64);
		}
	}
#endif
	rq = (struct request *)&buf;
	memset(rq, 0, sizeof(*rq));
	rq->ndr = NDR_record;
	rq->flavor = flavor;
	rq->count = new_stateCnt;
	memcpy(rq->words, new_state, 4 * new_stateCnt);
	kr = thread_rpc(&buf, target_act, 3604,
			sizeof(*rq) + 4 * new_stateCnt);
	if (kr)
		return kr;
	return reply_check(&buf, sizeof(mig_reply_error_t),
			   sizeof(mig_reply_error_t));
}

LIBMACH_API kern_return_t task_threads(task_inspect_t target_task,
				       thread_act_array_t *act_list,
				       mach_msg_type_number_t *act_listCnt)
{
	struct reply {
		mach_msg_header_t head;
		mach_msg_body_t body;
		mach_msg_ool_ports_descriptor_t act_list;
		NDR_record_t ndr;
		mach_msg_type_number_t act_listCnt;
	} __attribute__((packed)) *rp;
	union thread_buf buf;
	kern_return_t kr;

	memset(&buf.head, 0, sizeof(buf.head));
	kr = thread_rpc(&buf, target_task, 3402, sizeof(mach_msg_header_t));
	if (kr)
		return kr;
	if (!(buf.head.msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
		if (buf.head.msgh_size == sizeof(mig_reply_error_t) &&
		    buf.error.RetCode)
			return buf.error.RetCode;
		return MIG_TYPE_ERROR;
	}
	rp = (struct reply *)&buf;
	if (buf.head.msgh_size != sizeof(*rp) ||
	    rp->body.msgh_descriptor_count != 1 ||
	    rp->act_list.type != MACH_MSG_OOL_PORTS_DESCRIPTOR ||
	    rp->act_list.disposition != MACH_MSG_TYPE_PORT_SEND ||
	    rp->act_list.count != rp->act_listCnt) {
		mach_msg_destroy(&buf.head);
		return MIG_TYPE_ERROR;
	}
	*act_list = (thread_act_array_t)rp->act_list.address;
	*act_listCnt = rp->act_listCnt;
	return KERN_SUCCESS;
}
