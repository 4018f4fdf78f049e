// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The host port and the clocks: mach_host_self() (MACH_IOC_HOST_SELF) and
 * MIG clients of the mach_host (200) and clock (1000) subsystems, served
 * by the module (module/host.c, Documentation/host.rst).  clock_sleep is a
 * trap on XNU; here it is clock_nanosleep on CLOCK_MONOTONIC, the clock
 * SYSTEM_CLOCK and mach_absolute_time() read.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <time.h>
#include <mach/mach.h>
#include <mach/mach_host.h>
#include <mach/clock.h>
#include "calls.h"
#include "libmach.h"

#define HOST_ID_INFO		200
#define HOST_ID_PAGE_SIZE	202
#define HOST_ID_PROCESSOR_INFO	204
#define HOST_ID_GET_CLOCK	206
#define HOST_ID_STATISTICS	216
#define HOST_ID_STATISTICS64	219
#define CLOCK_ID_GET_TIME	1000

#ifndef TIME_ABSOLUTE
#define TIME_ABSOLUTE	0x00
#define TIME_RELATIVE	0x01
#endif

/* Each call adds a user reference, as XNU's host_self_trap does. */
LIBMACH_API mach_port_t mach_host_self(void)
{
	struct mach_port_args a = { 0 };

	if (libmach_port_call(MACH_IOC_HOST_SELF, &a) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return a.name;
}

static kern_return_t host_rpc(void *buf, mach_msg_size_t rcv_size, mach_port_t dest,
			      mach_msg_id_t id, mach_msg_size_t size)
{
	return libmach_mig_rpc(buf, rcv_size, dest, MACH_MSG_TYPE_COPY_SEND, id,
			       size);
}

/* host_info, host_statistics, host_statistics64: flavor + count in, ints out */
static kern_return_t info_call(mach_port_t host, mach_msg_id_t id, int flavor,
			       integer_t *out, mach_msg_type_number_t *outCnt,
			       mach_msg_type_number_t max)
{
#pragma pack(push, 4)
	struct req {
		mach_msg_header_t head;
		NDR_record_t ndr;
		int flavor;
		mach_msg_type_number_t count;
	};
	struct rep {
		mach_msg_header_t head;
		NDR_record_t ndr;
		kern_return_t retcode;
		mach_msg_type_number_t count;
		integer_t info[256];
		mach_msg_max_trailer_t trailer;
	};
#pragma pack(pop)
	union {
		struct req rq;
		struct rep rp;
	} b;
	mach_msg_type_number_t n;
	kern_return_t kr;

	memset(&b.rq, 0, sizeof(b.rq));
	b.rq.ndr = NDR_record;
	b.rq.flavor = flavor;
	b.rq.count = *outCnt < max ? *outCnt : max;
	kr = host_rpc(&b, sizeof(b), host, id, sizeof(b.rq));
	if (kr)
		return kr;
	if (b.rp.head.msgh_size == sizeof(mig_reply_error_t))
		return ((mig_reply_error_t *)&b)->RetCode ?: MIG_TYPE_ERROR;
	n = b.rp.count;
	if ((b.rp.head.msgh_bits & MACH_MSGH_BITS_COMPLEX) || b.rp.retcode ||
	    n > *outCnt || n > max ||
	    b.rp.head.msgh_size != offsetof(struct rep, info) + n * 4)
		return b.rp.retcode ?: MIG_TYPE_ERROR;
	memcpy(out, b.rp.info, n * 4);
	*outCnt = n;
	return KERN_SUCCESS;
}

LIBMACH_API kern_return_t host_info(host_t host, host_flavor_t flavor,
				    host_info_t host_info_out,
				    mach_msg_type_number_t *host_info_outCnt)
{
	return info_call(host, HOST_ID_INFO, flavor, host_info_out,
			 host_info_outCnt, 68);
}

LIBMACH_API kern_return_t host_statistics(host_t host_priv, host_flavor_t flavor,
					  host_info_t host_info_out,
					  mach_msg_type_number_t *host_info_outCnt)
{
	return info_call(host_priv, HOST_ID_STATISTICS, flavor, host_info_out,
			 host_info_outCnt, 68);
}

LIBMACH_API kern_return_t host_statistics64(host_t host_priv, host_flavor_t flavor,
					    host_info64_t host_info64_out,
					    mach_msg_type_number_t *host_info64_outCnt)
{
	return info_call(host_priv, HOST_ID_STATISTICS64, flavor,
			 (integer_t *)host_info64_out, host_info64_outCnt, 256);
}

LIBMACH_API kern_return_t _host_page_size(host_t host, vm_size_t *out_page_size)
{
#pragma pack(push, 4)
	struct rep {
		mach_msg_header_t head;
		NDR_record_t ndr;
		kern_return_t retcode;
		uint64_t value;
		mach_msg_max_trailer_t trailer;
	};
#pragma pack(pop)
	union {
		mach_msg_header_t rq;
		struct rep rp;
	} b;
	kern_return_t kr;

	memset(&b.rq, 0, sizeof(b.rq));
	kr = host_rpc(&b, sizeof(b), host, HOST_ID_PAGE_SIZE, sizeof(b.rq));
	if (kr)
		return kr;
	if (b.rp.head.msgh_size != offsetof(struct rep, trailer))
		return ((mig_reply_error_t *)&b)->RetCode ?: MIG_TYPE_ERROR;
	if (b.rp.retcode)
		return b.rp.retcode;
	*out_page_size = b.rp.value;
	return KERN_SUCCESS;
}

LIBMACH_API kern_return_t host_processor_info(host_t host, processor_flavor_t flavor,
					      natural_t *out_processor_count,
					      processor_info_array_t *out_processor_info,
					      mach_msg_type_number_t *out_processor_infoCnt)
{
#pragma pack(push, 4)
	struct req {
		mach_msg_header_t head;
		NDR_record_t ndr;
		int flavor;
	};
	struct rep {
		mach_msg_header_t head;
		mach_msg_body_t body;
		mach_msg_ool_descriptor_t info;
		NDR_record_t ndr;
		natural_t processor_count;
		mach_msg_type_number_t count;
		mach_msg_max_trailer_t trailer;
	};
#pragma pack(pop)
	union {
		struct req rq;
		struct rep rp;
	} b;
	kern_return_t kr;

	memset(&b.rq, 0, sizeof(b.rq));
	b.rq.ndr = NDR_record;
	b.rq.flavor = flavor;
	kr = host_rpc(&b, sizeof(b), host, HOST_ID_PROCESSOR_INFO, sizeof(b.rq));
	if (kr)
		return kr;
	if (!(b.rp.head.msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return ((mig_reply_error_t *)&b)->RetCode ?: MIG_TYPE_ERROR;
	if (b.rp.head.msgh_size != offsetof(struct rep, trailer) ||
	    b.rp.body.msgh_descriptor_count != 1 ||
	    b.rp.info.type != MACH_MSG_OOL_DESCRIPTOR ||
	    b.rp.info.size != b.rp.count * sizeof(integer_t)) {
		mach_msg_destroy(&b.rp.head);
		return MIG_TYPE_ERROR;
	}
	*out_processor_count = b.rp.processor_count;
	*out_processor_info = b.rp.info.address;
	*out_processor_infoCnt = b.rp.count;
	return KERN_SUCCESS;
}

/* The calendar clock's name once seen: clock_sleep refuses it, as XNU. */
static mach_port_t calendar_name = MACH_PORT_NULL;

LIBMACH_API kern_return_t host_get_clock_service(host_t host, clock_id_t clock_id,
						 clock_serv_t *clock_serv)
{
#pragma pack(push, 4)
	struct req {
		mach_msg_header_t head;
		NDR_record_t ndr;
		clock_id_t id;
	};
	struct rep {
		mach_msg_header_t head;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t port;
		mach_msg_max_trailer_t trailer;
	};
#pragma pack(pop)
	union {
		struct req rq;
		struct rep rp;
	} b;
	kern_return_t kr;

	memset(&b.rq, 0, sizeof(b.rq));
	b.rq.ndr = NDR_record;
	b.rq.id = clock_id;
	kr = host_rpc(&b, sizeof(b), host, HOST_ID_GET_CLOCK, sizeof(b.rq));
	if (kr)
		return kr;
	if (!(b.rp.head.msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return ((mig_reply_error_t *)&b)->RetCode ?: MIG_TYPE_ERROR;
	if (b.rp.head.msgh_size != offsetof(struct rep, trailer) ||
	    b.rp.body.msgh_descriptor_count != 1 ||
	    b.rp.port.type != MACH_MSG_PORT_DESCRIPTOR) {
		mach_msg_destroy(&b.rp.head);
		return MIG_TYPE_ERROR;
	}
	*clock_serv = b.rp.port.name;
	if (clock_id == CALENDAR_CLOCK)
		__atomic_store_n(&calendar_name, b.rp.port.name, __ATOMIC_RELAXED);
	return KERN_SUCCESS;
}

LIBMACH_API kern_return_t clock_get_time(clock_serv_t clock_serv, mach_timespec_t *cur_time)
{
#pragma pack(push, 4)
	struct rep {
		mach_msg_header_t head;
		NDR_record_t ndr;
		kern_return_t retcode;
		mach_timespec_t time;
		mach_msg_max_trailer_t trailer;
	};
#pragma pack(pop)
	union {
		mach_msg_header_t rq;
		struct rep rp;
	} b;
	kern_return_t kr;

	memset(&b.rq, 0, sizeof(b.rq));
	kr = host_rpc(&b, sizeof(b), clock_serv, CLOCK_ID_GET_TIME, sizeof(b.rq));
	if (kr)
		return kr;
	if (b.rp.head.msgh_size != offsetof(struct rep, trailer))
		return ((mig_reply_error_t *)&b)->RetCode ?: MIG_TYPE_ERROR;
	if (b.rp.retcode)
		return b.rp.retcode;
	*cur_time = b.rp.time;
	return KERN_SUCCESS;
}

/* XNU's clock_sleep_trap: the system clock only, KERN_ABORTED on a signal. */
LIBMACH_API kern_return_t clock_sleep(mach_port_t clock_name, int sleep_type,
				      mach_timespec_t sleep_time,
				      mach_timespec_t *wakeup_time)
{
	struct timespec ts, now;
	int err;

	if (!MACH_PORT_VALID(clock_name))
		return KERN_INVALID_ARGUMENT;
	if (clock_name == __atomic_load_n(&calendar_name, __ATOMIC_RELAXED))
		return KERN_FAILURE;
	if (BAD_MACH_TIMESPEC(&sleep_time) ||
	    (sleep_type != TIME_ABSOLUTE && sleep_type != TIME_RELATIVE))
		return KERN_INVALID_VALUE;
	ts.tv_sec = sleep_time.tv_sec;
	ts.tv_nsec = sleep_time.tv_nsec;
	err = clock_nanosleep(CLOCK_MONOTONIC,
			      sleep_type == TIME_ABSOLUTE ? TIMER_ABSTIME : 0,
			      &ts, NULL);
	if (wakeup_time && !clock_gettime(CLOCK_MONOTONIC, &now)) {
		wakeup_time->tv_sec = (unsigned int)now.tv_sec;
		wakeup_time->tv_nsec = (clock_res_t)now.tv_nsec;
	}
	if (err == EINTR)
		return KERN_ABORTED;
	return err ? KERN_INVALID_VALUE : KERN_SUCCESS;
}
