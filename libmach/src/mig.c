// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libmach: MIG client plumbing and the task routines.  Each routine is a
 * request message to the task port (a kernel object); the module serves it
 * and replies with id + 100 on the calling thread's reply port.
 */
#include <pthread.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/task.h>
#include "calls.h"
#include "libmach.h"

static __thread mach_port_t mig_reply;

static void mig_forget_reply_port(void)
{
	/* a forked child starts with an empty space */
	mig_reply = MACH_PORT_NULL;
}

static void __attribute__((constructor)) mig_init(void)
{
	pthread_atfork(NULL, NULL, mig_forget_reply_port);
}

LIBMACH_API mach_port_t mig_get_reply_port(void)
{
	if (mig_reply == MACH_PORT_NULL)
		mig_reply = mach_reply_port();
	return mig_reply;
}

LIBMACH_API void mig_dealloc_reply_port(mach_port_t reply_port)
{
	mach_port_t port = mig_reply;

	mig_reply = MACH_PORT_NULL;
	if (port != MACH_PORT_NULL)
		mach_port_mod_refs(mach_task_self(), port,
				   MACH_PORT_RIGHT_RECEIVE, -1);
	(void)reply_port;
}

LIBMACH_API void mig_put_reply_port(mach_port_t reply_port)
{
	(void)reply_port;
}

/* Room for any reply these routines get, plus the largest trailer. */
union mig_buf {
	mach_msg_header_t head;
	mig_reply_error_t error;
	char bytes[sizeof(mach_msg_header_t) + 8 + 8 + 4 * 1024 +
		   sizeof(mach_msg_max_trailer_t)];
};

/*
 * Send @msg (a request of @size bytes to @dest with @dest_disp) and wait
 * for the reply in the same buffer, @rcv_size bytes.  Transport errors
 * come back as the routine's result, as from a MIG stub; a mismatched
 * reply is MIG_REPLY_MISMATCH.
 */
kern_return_t libmach_mig_rpc(mach_msg_header_t *msg, mach_msg_size_t rcv_size,
			      mach_port_t dest, mach_msg_type_name_t dest_disp,
			      mach_msg_id_t id, mach_msg_size_t size)
{
	mach_port_t reply = mig_get_reply_port();
	mach_msg_return_t mr;

	msg->msgh_bits = MACH_MSGH_BITS(dest_disp,
					MACH_MSG_TYPE_MAKE_SEND_ONCE) |
			 (msg->msgh_bits & MACH_MSGH_BITS_COMPLEX);
	msg->msgh_size = size;
	msg->msgh_remote_port = dest;
	msg->msgh_local_port = reply;
	msg->msgh_voucher_port = MACH_PORT_NULL;
	msg->msgh_id = id;
	mr = mach_msg(msg, MACH_SEND_MSG | MACH_RCV_MSG, size, rcv_size, reply,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS) {
		if ((mr & ~MACH_MSG_MASK) >= MACH_RCV_IN_PROGRESS)
			mig_dealloc_reply_port(reply);
		return mr;
	}
	if (msg->msgh_id == MACH_NOTIFY_SEND_ONCE)
		return MIG_SERVER_DIED;
	if (msg->msgh_id != id + 100) {
		mach_msg_destroy(msg);
		return MIG_REPLY_MISMATCH;
	}
	return KERN_SUCCESS;
}

static kern_return_t mig_rpc(union mig_buf *buf, mach_port_t dest,
			     mach_msg_type_name_t dest_disp, mach_msg_id_t id,
			     mach_msg_size_t size)
{
	return libmach_mig_rpc(&buf->head, sizeof(*buf), dest, dest_disp, id,
			       size);
}

/* A reply that is just a return code (or an error for a bigger reply). */
static kern_return_t mig_retcode(union mig_buf *buf)
{
	if (buf->head.msgh_bits & MACH_MSGH_BITS_COMPLEX)
		return MIG_TYPE_ERROR;
	if (buf->head.msgh_size != sizeof(mig_reply_error_t))
		return MIG_TYPE_ERROR;
	return buf->error.RetCode;
}

static kern_return_t simple_routine(mach_port_t task, mach_msg_id_t id)
{
	union mig_buf buf;
	kern_return_t kr;

	memset(&buf.head, 0, sizeof(buf.head));
	kr = mig_rpc(&buf, task, MACH_MSG_TYPE_COPY_SEND, id,
		     sizeof(mach_msg_header_t));
	return kr ? kr : mig_retcode(&buf);
}

LIBMACH_API kern_return_t task_terminate(task_t target_task)
{
	return simple_routine(target_task, 3401);
}

LIBMACH_API kern_return_t task_suspend(task_read_t target_task)
{
	return simple_routine(target_task, 3407);
}

LIBMACH_API kern_return_t task_resume(task_read_t target_task)
{
	return simple_routine(target_task, 3408);
}

LIBMACH_API kern_return_t task_info(task_name_t target_task,
				    task_flavor_t flavor,
				    task_info_t task_info_out,
				    mach_msg_type_number_t *task_info_outCnt)
{
	struct request {
		mach_msg_header_t head;
		NDR_record_t ndr;
		task_flavor_t flavor;
		mach_msg_type_number_t count;
	} __attribute__((packed)) *rq;
	struct reply {
		mach_msg_header_t head;
		NDR_record_t ndr;
		kern_return_t retcode;
		mach_msg_type_number_t count;
		integer_t info[];
	} __attribute__((packed)) *rp;
	union mig_buf buf;
	mach_msg_type_number_t n;
	kern_return_t kr;

	rq = (struct request *)&buf;
	memset(rq, 0, sizeof(*rq));
	rq->ndr = NDR_record;
	rq->flavor = flavor;
	rq->count = *task_info_outCnt < 1024 ? *task_info_outCnt : 1024;
	kr = mig_rpc(&buf, target_task, MACH_MSG_TYPE_COPY_SEND, 3405,
		     sizeof(*rq));
	if (kr)
		return kr;
	if (buf.head.msgh_size == sizeof(mig_reply_error_t))
		return buf.error.RetCode ? buf.error.RetCode : MIG_TYPE_ERROR;
	rp = (struct reply *)&buf;
	n = rp->count;
	if (rp->retcode || n > *task_info_outCnt ||
	    buf.head.msgh_size != sizeof(*rp) + n * sizeof(integer_t))
		return rp->retcode ? rp->retcode : MIG_TYPE_ERROR;
	memcpy(task_info_out, rp->info, n * sizeof(integer_t));
	*task_info_outCnt = n;
	return KERN_SUCCESS;
}

struct port_reply {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port;
};

/* A reply carrying one port: its name, or the error it carried. */
static kern_return_t port_reply(union mig_buf *buf, mach_port_t *port)
{
	struct port_reply *rp = (struct port_reply *)buf;

	if (!(buf->head.msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return buf->error.RetCode ? buf->error.RetCode : MIG_TYPE_ERROR;
	if (buf->head.msgh_size != sizeof(*rp) ||
	    rp->body.msgh_descriptor_count != 1 ||
	    rp->port.type != MACH_MSG_PORT_DESCRIPTOR) {
		mach_msg_destroy(&buf->head);
		return MIG_TYPE_ERROR;
	}
	*port = rp->port.name;
	return KERN_SUCCESS;
}

LIBMACH_API kern_return_t task_get_special_port(task_inspect_t task,
						int which_port,
						mach_port_t *special_port)
{
	struct request {
		mach_msg_header_t head;
		NDR_record_t ndr;
		int which;
	} __attribute__((packed)) *rq;
	union mig_buf buf;
	kern_return_t kr;

	rq = (struct request *)&buf;
	memset(rq, 0, sizeof(*rq));
	rq->ndr = NDR_record;
	rq->which = which_port;
	kr = mig_rpc(&buf, task, MACH_MSG_TYPE_COPY_SEND, 3409, sizeof(*rq));
	return kr ? kr : port_reply(&buf, special_port);
}

LIBMACH_API kern_return_t task_set_special_port(task_t task, int which_port,
						mach_port_t special_port)
{
	struct request {
		mach_msg_header_t head;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t port;
		NDR_record_t ndr;
		int which;
	} __attribute__((packed)) *rq;
	union mig_buf buf;
	kern_return_t kr;

	rq = (struct request *)&buf;
	memset(rq, 0, sizeof(*rq));
	rq->head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	rq->body.msgh_descriptor_count = 1;
	rq->port.name = special_port;
	rq->port.disposition = MACH_MSG_TYPE_COPY_SEND;
	rq->port.type = MACH_MSG_PORT_DESCRIPTOR;
	rq->ndr = NDR_record;
	rq->which = which_port;
	kr = mig_rpc(&buf, task, MACH_MSG_TYPE_COPY_SEND, 3410, sizeof(*rq));
	return kr ? kr : mig_retcode(&buf);
}

LIBMACH_API kern_return_t task_suspend2(task_read_t target_task,
					task_suspension_token_t *suspend_token)
{
	union mig_buf buf;
	kern_return_t kr;

	*suspend_token = MACH_PORT_NULL;
	memset(&buf.head, 0, sizeof(buf.head));
	kr = mig_rpc(&buf, target_task, MACH_MSG_TYPE_COPY_SEND, 3436,
		     sizeof(mach_msg_header_t));
	return kr ? kr : port_reply(&buf, suspend_token);
}

LIBMACH_API kern_return_t task_resume2(task_suspension_token_t suspend_token)
{
	union mig_buf buf;
	kern_return_t kr;

	/* the token is the destination and is consumed */
	memset(&buf.head, 0, sizeof(buf.head));
	kr = mig_rpc(&buf, suspend_token, MACH_MSG_TYPE_MOVE_SEND_ONCE, 3437,
		     sizeof(mach_msg_header_t));
	return kr ? kr : mig_retcode(&buf);
}
