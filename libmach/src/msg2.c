// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mach_msg2: XNU's 64-bit-option entry point (mach_msg2_trap plus
 * libsyscall's mach_msg2_internal retry loop), on top of MACH_IOC_MSG.
 *
 * libmach does here what XNU's trap does before the message reaches the
 * queue: clear the options user space may not pass, check the
 * control-flow-integrity class, unpack the header and sizes from the
 * arguments, read and validate the vectors.  The module then sends and
 * receives as it does for mach_msg.  What cannot be carried is refused
 * with the error XNU gives for the nearest case; Documentation/conformance-headers.rst
 * ("mach_msg2") lists each.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <mach/mach.h>
#include "libmach.h"
#include "calls.h"

/* XNU's IPC_KMSG_MAX_BODY_SPACE bound on a send (ipc_policy.h). */
#define MSG2_MAX_SEND \
	((mach_msg_size_t)((64 * 1024 * 1024 * 3) / 4 - sizeof(mach_msg_max_trailer_t)))
/* XNU's IPC_KMSG_MAX_AUX_DATA_SPACE. */
#define MSG2_MAX_AUX	1024

struct msg2_call {
	mach_msg_option64_t option64;	/* as the caller gave them */
	mach_msg_header_t header;	/* from the arguments */
	mach_msg_size_t send_size;
	mach_msg_size_t dsc_count;
	mach_msg_size_t rcv_size;
	mach_port_name_t rcv_name;
	mach_msg_timeout_t timeout;
	mach_msg_header_t *send_msg;	/* user's send buffer */
	mach_msg_header_t *rcv_msg;	/* user's receive buffer */
	mach_msg_aux_header_t *rcv_aux;	/* aux receive vector, or NULL */
	mach_msg_return_t rcv_err;	/* bad receive vector: after the send */
};

static mach_msg_return_t msg2_errno(int err, mach_msg_option64_t opt)
{
	int send = !!(opt & MACH64_SEND_MSG);

	switch (err) {
	case -1:
		return send ? MACH_SEND_INVALID_DEST : MACH_RCV_INVALID_NAME;
	case EINTR:
		return send ? MACH_SEND_INTERRUPTED : MACH_RCV_INTERRUPTED;
	case EFAULT:
		return send ? MACH_SEND_INVALID_DATA : MACH_RCV_INVALID_DATA;
	case ENOMEM:
		return send ? MACH_SEND_NO_BUFFER : MACH_RCV_INVALID_ARGUMENTS;
	default:
		return send ? MACH_SEND_INVALID_OPTIONS : MACH_RCV_INVALID_ARGUMENTS;
	}
}

static mach_msg_return_t msg2_ioctl(struct mach_msg_args *a, mach_msg_option64_t opt)
{
	int fd = libmach_fd();

	a->mr = 0;
	if (fd < 0)
		return msg2_errno(-1, opt);
	if (ioctl(fd, MACH_IOC_MSG, a) < 0)
		return msg2_errno(errno == EBADF ? -1 : errno, opt);
	return a->mr;
}

/*
 * ipc_preflight_msg_option64: a send names exactly one CFI class, and
 * the vector form only for message queues (MQ_CALL or ANY).  Whether the
 * class matches the destination (kernel object or queue) is not checked:
 * the module does not tell libmach which a port is.
 */
static mach_msg_return_t msg2_preflight(mach_msg_option64_t opt)
{
	mach_msg_option64_t cfi = opt & MACH64_MSG_OPTION_CFI_MASK;

	if (!(opt & MACH64_SEND_MSG))
		return MACH_MSG_SUCCESS;
	if (cfi == 0 || (cfi & (cfi - 1)) != 0)
		return MACH_SEND_INVALID_OPTIONS;
	if ((opt & MACH64_MSG_VECTOR) &&
	    !(opt & (MACH64_SEND_MQ_CALL | MACH64_SEND_ANY)))
		return MACH_SEND_INVALID_OPTIONS;
	return MACH_MSG_SUCCESS;
}

/* mach_msg_copyin_data_vectors + mach_msg_validate_data_vectors. */
static mach_msg_return_t msg2_vectors(struct msg2_call *c, const void *data,
				      mach_msg_size_t snd_count,
				      mach_msg_size_t rcv_count)
{
	mach_msg_vector_t v[MACH_MSGV_MAX_COUNT];
	mach_msg_size_t n = snd_count > rcv_count ? snd_count : rcv_count;
	int send = !!(c->option64 & MACH64_SEND_MSG);

	memset(v, 0, sizeof(v));
	if (n > MACH_MSGV_MAX_COUNT)
		return send ? MACH_SEND_INVALID_DATA : MACH_RCV_INVALID_ARGUMENTS;
	if (n == 0)
		return send ? MACH_SEND_MSG_TOO_SMALL : MACH_RCV_INVALID_ARGUMENTS;
	if (!data)
		return send ? MACH_SEND_INVALID_DATA : MACH_RCV_INVALID_ARGUMENTS;
	memcpy(v, data, n * sizeof(v[0]));

	if (send) {
		if (snd_count == 0)
			return MACH_SEND_MSG_TOO_SMALL;
		if (v[0].msgv_data == 0)
			return MACH_SEND_INVALID_DATA;
		c->send_msg = (mach_msg_header_t *)(uintptr_t)v[0].msgv_data;
		c->send_size = v[0].msgv_send_size;
		if (snd_count == MACH_MSGV_MAX_COUNT) {
			mach_msg_size_t aux = v[1].msgv_send_size;

			if (aux != 0 && v[1].msgv_data == 0)
				return MACH_SEND_INVALID_DATA;
			if (aux != 0 && aux < sizeof(mach_msg_aux_header_t))
				return MACH_SEND_AUX_TOO_SMALL;
			if (aux > MSG2_MAX_AUX)
				return MACH_SEND_AUX_TOO_LARGE;
			/* The module has nowhere to carry aux data. */
			if (aux != 0)
				return MACH_SEND_AUX_TOO_LARGE;
		}
	}
	if (c->option64 & MACH64_RCV_MSG) {
		/*
		 * Bad receive arguments do not stop the send half of a
		 * combined call (mach_msg2_trap validates them after it).
		 */
		if (rcv_count == 0) {
			c->rcv_err = MACH_RCV_INVALID_ARGUMENTS;
			return MACH_MSG_SUCCESS;
		}
		c->rcv_msg = (mach_msg_header_t *)(uintptr_t)
			(v[0].msgv_rcv_addr ? v[0].msgv_rcv_addr : v[0].msgv_data);
		c->rcv_size = v[0].msgv_rcv_size;
		if (rcv_count == MACH_MSGV_MAX_COUNT) {
			mach_vm_address_t at = v[1].msgv_rcv_addr ?
				v[1].msgv_rcv_addr : v[1].msgv_data;

			if (at == 0 || v[1].msgv_rcv_size < sizeof(mach_msg_aux_header_t)) {
				c->rcv_err = MACH_RCV_INVALID_ARGUMENTS;
				return MACH_MSG_SUCCESS;
			}
			c->rcv_aux = (mach_msg_aux_header_t *)(uintptr_t)at;
		}
	}
	return MACH_MSG_SUCCESS;
}

/* mach_msg_trap_send's size and descriptor-count checks. */
static mach_msg_return_t msg2_send_checks(const struct msg2_call *c)
{
	mach_msg_size_t size = c->send_size;

	if (size < sizeof(mach_msg_header_t) || (size & 3))
		return MACH_SEND_MSG_TOO_SMALL;
	if (size > MSG2_MAX_SEND)
		return MACH_SEND_TOO_LARGE;
	if (c->header.msgh_bits & MACH_MSGH_BITS_COMPLEX) {
		if (size < sizeof(mach_msg_base_t))
			return MACH_SEND_MSG_TOO_SMALL;
		if (c->dsc_count > (size - sizeof(mach_msg_base_t)) /
				   sizeof(mach_msg_type_descriptor_t))
			return MACH_SEND_MSG_TOO_SMALL;
	} else if (c->dsc_count != 0) {
		return MACH_SEND_TOO_LARGE;	/* a simple message has none */
	}
	if (!c->send_msg)
		return MACH_SEND_INVALID_DATA;
	return MACH_MSG_SUCCESS;
}

/* Does the buffer already hold the header (and count) the arguments give? */
static int msg2_buffer_agrees(const struct msg2_call *c)
{
	const mach_msg_header_t *b = c->send_msg;
	const mach_msg_header_t *h = &c->header;

	if (b->msgh_bits != h->msgh_bits || b->msgh_remote_port != h->msgh_remote_port ||
	    b->msgh_local_port != h->msgh_local_port ||
	    b->msgh_voucher_port != h->msgh_voucher_port || b->msgh_id != h->msgh_id)
		return 0;	/* msgh_size is not read: send_size rules */
	if (h->msgh_bits & MACH_MSGH_BITS_COMPLEX)
		return ((const mach_msg_base_t *)b)->body.msgh_descriptor_count ==
		       c->dsc_count;
	return 1;
}

static mach_msg_return_t msg2_run(struct msg2_call *c)
{
	mach_msg_option64_t opt = c->option64;
	mach_msg_header_t *copy = NULL;
	struct mach_msg_args a;
	mach_msg_return_t mr;

	memset(&a, 0, sizeof(a));
	a.option = (__u32)(opt & MACH_MSG_OPTION_USER);
	a.timeout = c->timeout;
	a.notify = MACH_PORT_NULL;
	if (opt & MACH64_SEND_MSG) {
		a.send_size = c->send_size;
		a.msg = (uintptr_t)c->send_msg;
		/*
		 * XNU sends the header the arguments carry.  When the buffer
		 * says otherwise, send a copy that agrees with them; the
		 * caller's buffer is left as it was.
		 */
		if (!msg2_buffer_agrees(c)) {
			copy = malloc(c->send_size);
			if (!copy)
				return MACH_SEND_NO_BUFFER;
			memcpy(copy, c->send_msg, c->send_size);
			*copy = c->header;
			copy->msgh_size = c->send_size;
			if (c->header.msgh_bits & MACH_MSGH_BITS_COMPLEX)
				((mach_msg_base_t *)copy)->body.msgh_descriptor_count =
					c->dsc_count;
			a.msg = (uintptr_t)copy;
		}
	}
	if (opt & MACH64_RCV_MSG) {
		a.rcv_size = c->rcv_size;
		a.rcv_name = c->rcv_name;
		if (!(opt & MACH64_SEND_MSG))
			a.msg = (uintptr_t)c->rcv_msg;
		else if ((uintptr_t)c->rcv_msg != a.msg)
			a.rcv_msg = (uintptr_t)c->rcv_msg;
	}

	mr = msg2_ioctl(&a, opt);
	if (!(opt & MACH64_SEND_INTERRUPT))
		while (mr == MACH_SEND_INTERRUPTED)
			mr = msg2_ioctl(&a, opt);
	if (mr == MACH_RCV_INTERRUPTED) {
		/* the send half is done: restart only the receive */
		a.option &= ~(MACH_SEND_MSG | MACH_RCV_SYNC_WAIT);
		a.send_size = 0;
		if (a.rcv_msg) {
			a.msg = a.rcv_msg;
			a.rcv_msg = 0;
		}
		if (!(opt & MACH64_RCV_INTERRUPT))
			while (mr == MACH_RCV_INTERRUPTED)
				mr = msg2_ioctl(&a, opt & ~MACH64_SEND_MSG);
	}
	free(copy);

	/* No aux data is ever carried: the receiver gets an empty header. */
	if (mr == MACH_MSG_SUCCESS && c->rcv_aux)
		*c->rcv_aux = (mach_msg_aux_header_t){ .msgdh_size = 0 };
	return mr;
}

LIBMACH_API mach_msg_return_t mach_msg2_internal(void *data, mach_msg_option64_t option64,
						 uint64_t msgh_bits_and_send_size,
						 uint64_t msgh_remote_and_local_port,
						 uint64_t msgh_voucher_and_id,
						 uint64_t desc_count_and_rcv_name,
						 uint64_t rcv_size_and_priority,
						 uint64_t timeout)
{
	struct msg2_call c;
	mach_msg_return_t mr;

	memset(&c, 0, sizeof(c));
	/* ipc_current_user_policy: what user space may not pass is dropped */
	c.option64 = option64 & (MACH64_MSG_OPTION_USER | MACH_MSG_OPTION_LIB);
	c.header.msgh_bits = (mach_msg_bits_t)msgh_bits_and_send_size;
	c.header.msgh_remote_port = (mach_port_name_t)msgh_remote_and_local_port;
	c.header.msgh_local_port = (mach_port_name_t)(msgh_remote_and_local_port >> 32);
	c.header.msgh_voucher_port = (mach_port_name_t)msgh_voucher_and_id;
	c.header.msgh_id = (mach_msg_id_t)(msgh_voucher_and_id >> 32);
	c.dsc_count = (mach_msg_size_t)desc_count_and_rcv_name;
	c.rcv_name = (mach_port_name_t)(desc_count_and_rcv_name >> 32);
	c.timeout = (mach_msg_timeout_t)timeout;
	/* rcv_size_and_priority >> 32, the QoS of the send, is not used */

	mr = msg2_preflight(c.option64);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	if (c.option64 & MACH64_MSG_VECTOR) {
		mr = msg2_vectors(&c, data, (mach_msg_size_t)(msgh_bits_and_send_size >> 32),
				  (mach_msg_size_t)rcv_size_and_priority);
		if (mr != MACH_MSG_SUCCESS)
			return mr;
	} else {
		c.send_msg = data;
		c.rcv_msg = data;
		c.send_size = (mach_msg_size_t)(msgh_bits_and_send_size >> 32);
		c.rcv_size = (mach_msg_size_t)rcv_size_and_priority;
	}
	if (c.option64 & MACH64_SEND_MSG) {
		mr = msg2_send_checks(&c);
		if (mr != MACH_MSG_SUCCESS)
			return mr;
	}
	if (c.rcv_err) {
		if (!(c.option64 & MACH64_SEND_MSG))
			return c.rcv_err;
		c.option64 &= ~MACH64_RCV_MSG;
		mr = msg2_run(&c);
		return mr ? mr : c.rcv_err;
	}
	return msg2_run(&c);
}
