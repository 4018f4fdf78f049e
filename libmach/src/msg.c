// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mach_msg and friends over MACH_IOC_MSG, plus mach_msg_destroy and the
 * constant records messages carry.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <mach/mach.h>
#include "libmach.h"
#include "calls.h"

LIBMACH_API const security_token_t KERNEL_SECURITY_TOKEN = KERNEL_SECURITY_TOKEN_VALUE;
LIBMACH_API const audit_token_t KERNEL_AUDIT_TOKEN = KERNEL_AUDIT_TOKEN_VALUE;

LIBMACH_API NDR_record_t NDR_record = {
	.mig_vers = 0,
	.if_vers = 0,
	.reserved1 = 0,
	.mig_encoding = NDR_PROTOCOL_2_0,
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	.int_rep = NDR_INT_BIG_ENDIAN,
#else
	.int_rep = NDR_INT_LITTLE_ENDIAN,
#endif
	.char_rep = NDR_CHAR_ASCII,
	.float_rep = NDR_FLOAT_IEEE,
	.reserved2 = 0,
};

/* Options only this library acts on; the kernel never sees them. */
#define LIBMACH_OPTIONS (MACH_SEND_INTERRUPT | MACH_RCV_INTERRUPT)

/*
 * An errno means the call did not run at all.  Report it as the phase
 * that would have gone first:
 *  - no /dev/mach: nothing can be a valid destination or receive name,
 *    so MACH_SEND_INVALID_DEST / MACH_RCV_INVALID_NAME;
 *  - EINTR: *_INTERRUPTED, which the caller's retry policy handles (safe
 *    because nothing was sent);
 *  - EFAULT: the argument block was unreadable: *_INVALID_DATA;
 *  - ENOMEM: MACH_SEND_NO_BUFFER;
 *  - anything else (ENOTTY, EINVAL: libmach and module disagree):
 *    MACH_SEND_INVALID_OPTIONS / MACH_RCV_INVALID_ARGUMENTS.
 */
static mach_msg_return_t msg_errno(int err, mach_msg_option_t option)
{
	int send = option & MACH_SEND_MSG;

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

static inline mach_msg_return_t msg_call(struct mach_msg_args *a)
{
	int fd = libmach_fd();

	a->mr = 0;		/* the kernel writes it and wants it 0 */
	if (fd < 0)
		return msg_errno(-1, a->option);
	if (ioctl(fd, MACH_IOC_MSG, a) < 0)
		return msg_errno(errno == EBADF ? -1 : errno, a->option);
	return a->mr;
}

/* A call that was interrupted, retried as @option asks. */
static mach_msg_return_t msg_retry(struct mach_msg_args *a, mach_msg_option_t option,
				   mach_msg_return_t mr)
{
	/* An interrupted send was handed back intact: send it again. */
	if (!(option & MACH_SEND_INTERRUPT))
		while (mr == MACH_SEND_INTERRUPTED)
			mr = msg_call(a);

	/* The send half (if any) is done: restart only the receive. */
	a->option &= ~MACH_SEND_MSG;
	a->send_size = 0;
	if (!(option & MACH_RCV_INTERRUPT))
		while (mr == MACH_RCV_INTERRUPTED)
			mr = msg_call(a);
	return mr;
}

/*
 * One ioctl in the common case; the argument block is built once.
 * @notify is not passed on: XNU ignores it outside MACH_RCV_SYNC_WAIT and
 * the ABI requires 0.  @rcv_limit is unused by XNU too; rcv_size bounds
 * the receive.
 */
static inline mach_msg_return_t msg_overwrite(mach_msg_header_t *msg, mach_msg_option_t option,
					      mach_msg_size_t send_size,
					      mach_msg_size_t rcv_size,
					      mach_port_name_t rcv_name,
					      mach_msg_timeout_t timeout,
					      mach_msg_header_t *rcv_msg)
{
	struct mach_msg_args a = {
		.msg = (uintptr_t)msg,
		.rcv_msg = (uintptr_t)rcv_msg,
		.option = (__u32)(option & ~LIBMACH_OPTIONS),
		.send_size = send_size,
		.rcv_size = rcv_size,
		.rcv_name = rcv_name,
		.timeout = timeout,
		.notify = MACH_PORT_NULL,
	};
	mach_msg_return_t mr = msg_call(&a);

	if (__builtin_expect(mr == MACH_MSG_SUCCESS, 1))
		return mr;
	return msg_retry(&a, option, mr);
}

LIBMACH_API mach_msg_return_t mach_msg_overwrite(mach_msg_header_t *msg,
						 mach_msg_option_t option,
						 mach_msg_size_t send_size,
						 mach_msg_size_t rcv_size,
						 mach_port_name_t rcv_name,
						 mach_msg_timeout_t timeout,
						 mach_port_name_t notify,
						 mach_msg_header_t *rcv_msg,
						 mach_msg_size_t rcv_limit)
{
	(void)notify;
	(void)rcv_limit;
	return msg_overwrite(msg, option, send_size, rcv_size, rcv_name, timeout, rcv_msg);
}

LIBMACH_API mach_msg_return_t mach_msg(mach_msg_header_t *msg, mach_msg_option_t option,
				       mach_msg_size_t send_size, mach_msg_size_t rcv_size,
				       mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
				       mach_port_name_t notify)
{
	(void)notify;
	return msg_overwrite(msg, option, send_size, rcv_size, rcv_name, timeout, NULL);
}

LIBMACH_API mach_msg_return_t mach_msg_send(mach_msg_header_t *msg)
{
	return mach_msg(msg, MACH_SEND_MSG, msg->msgh_size, 0, MACH_PORT_NULL,
			MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
}

LIBMACH_API mach_msg_return_t mach_msg_receive(mach_msg_header_t *msg)
{
	return mach_msg(msg, MACH_RCV_MSG, 0, msg->msgh_size, msg->msgh_local_port,
			MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
}

/*
 * Drop one right named in a message.  Received types (16/17/18) equal
 * the MOVE dispositions.  MAKE_* rights are created and then dropped, so
 * that an unsent message has the effect (make-send count, no-senders or
 * send-once notification) a sent and destroyed one would have.
 */
static void destroy_right(mach_port_t name, mach_msg_type_name_t type)
{
	mach_port_t self = mach_task_self_;
	mach_port_t so;
	mach_msg_type_name_t so_type;

	if (!MACH_PORT_VALID(name))
		return;
	switch (type) {
	case MACH_MSG_TYPE_MOVE_SEND:
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		mach_port_deallocate(self, name);
		break;
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		mach_port_mod_refs(self, name, MACH_PORT_RIGHT_RECEIVE, -1);
		break;
	case MACH_MSG_TYPE_MAKE_SEND:
		if (mach_port_insert_right(self, name, name, MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS)
			mach_port_deallocate(self, name);
		break;
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		if (mach_port_extract_right(self, name, MACH_MSG_TYPE_MAKE_SEND_ONCE,
					    &so, &so_type) == KERN_SUCCESS)
			mach_port_deallocate(self, so);
		break;
	default:		/* COPY_SEND and port names hold nothing */
		break;
	}
}

static void destroy_descriptor(mach_msg_descriptor_t *d)
{
	mach_port_t self = mach_task_self_;
	mach_msg_type_number_t i;

	switch (d->type.type) {
	case MACH_MSG_PORT_DESCRIPTOR:
		destroy_right(d->port.name, d->port.disposition);
		break;
	case MACH_MSG_OOL_DESCRIPTOR:
		/* Received memory is ours to free only when deallocate is set. */
		if (d->out_of_line.deallocate && d->out_of_line.size)
			vm_deallocate(self, (vm_address_t)d->out_of_line.address,
				      d->out_of_line.size);
		break;
	case MACH_MSG_OOL_PORTS_DESCRIPTOR: {
		mach_port_t *ports = d->ool_ports.address;

		for (i = 0; ports && i < d->ool_ports.count; i++)
			destroy_right(ports[i], d->ool_ports.disposition);
		if (d->ool_ports.deallocate && d->ool_ports.count)
			vm_deallocate(self, (vm_address_t)ports,
				      d->ool_ports.count * sizeof(mach_port_t));
		break;
	}
	case MACH_MSG_GUARDED_PORT_DESCRIPTOR:
		/* A guarded receive right dies only by destruct with its guard
		 * (any value will do if it is not guarded). */
		if (d->guarded_port.disposition == MACH_MSG_TYPE_MOVE_RECEIVE &&
		    MACH_PORT_VALID(d->guarded_port.name))
			mach_port_destruct(self, d->guarded_port.name, 0,
					   d->guarded_port.context);
		else
			destroy_right(d->guarded_port.name, d->guarded_port.disposition);
		break;
	default:		/* OOL_VOLATILE: nothing owned */
		break;
	}
}

static size_t descriptor_size(mach_msg_descriptor_type_t type)
{
	switch (type) {
	case MACH_MSG_PORT_DESCRIPTOR:
		return sizeof(mach_msg_port_descriptor_t);
	case MACH_MSG_OOL_DESCRIPTOR:
	case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
		return sizeof(mach_msg_ool_descriptor_t);
	case MACH_MSG_OOL_PORTS_DESCRIPTOR:
		return sizeof(mach_msg_ool_ports_descriptor_t);
	case MACH_MSG_GUARDED_PORT_DESCRIPTOR:
		return sizeof(mach_msg_guarded_port_descriptor_t);
	default:
		return 0;
	}
}

LIBMACH_API void mach_msg_destroy(mach_msg_header_t *msg)
{
	mach_msg_bits_t bits = msg->msgh_bits;
	mach_msg_base_t *base = (mach_msg_base_t *)msg;
	char *p, *end;
	mach_msg_size_t i;

	destroy_right(msg->msgh_remote_port, MACH_MSGH_BITS_REMOTE(bits));
	destroy_right(msg->msgh_voucher_port, MACH_MSGH_BITS_VOUCHER(bits));

	/*
	 * Stay inside msgh_size: a MACH_RCV_TOO_LARGE header keeps the
	 * COMPLEX bit but carries no body.
	 */
	if (!(bits & MACH_MSGH_BITS_COMPLEX) || msg->msgh_size < sizeof(*base))
		return;
	p = (char *)(base + 1);
	end = (char *)msg + msg->msgh_size;
	for (i = 0; i < base->body.msgh_descriptor_count; i++) {
		mach_msg_descriptor_t *d = (mach_msg_descriptor_t *)p;
		size_t len;

		if ((size_t)(end - p) < sizeof(mach_msg_type_descriptor_t))
			break;
		len = descriptor_size(d->type.type);
		if (len == 0 || (size_t)(end - p) < len)
			break;		/* unknown type: cannot find the next one */
		destroy_descriptor(d);
		p += len;
	}
}
