// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libmach: mach_msg_server and mach_msg_server_once, the loops that feed
 * a MIG demux routine (<subsystem>_server) as on macOS.  Followed from
 * libsyscall/mach/mach_msg.c: a request is received (retried larger with
 * MACH_RCV_LARGE), handed to demux, and its reply sent; a reply that is
 * an error (RetCode != KERN_SUCCESS, MIG_NO_REPLY aside) means the
 * routine consumed nothing, so the request's rights and memory are
 * destroyed; a reply that cannot be delivered is destroyed.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <mach/mach.h>
#include "libmach.h"

static int recoverable_send_error(mach_msg_return_t mr)
{
	return mr == MACH_SEND_INVALID_DEST || mr == MACH_SEND_TIMED_OUT ||
	       mr == MACH_SEND_INTERRUPTED;
}

/* The RetCode of a simple reply; a complex reply is a success. */
static kern_return_t reply_code(const mach_msg_header_t *reply)
{
	kern_return_t kr;

	if (reply->msgh_bits & MACH_MSGH_BITS_COMPLEX)
		return KERN_SUCCESS;
	if (reply->msgh_size < sizeof(mig_reply_error_t))
		return KERN_SUCCESS;
	memcpy(&kr, (const char *)reply + offsetof(mig_reply_error_t, RetCode), sizeof(kr));
	return kr;
}

/* Destroy an unsent reply, with the send right the server made for it. */
static void consume_unsent(mach_msg_header_t *hdr)
{
	mach_port_t port = hdr->msgh_local_port;

	if (MACH_PORT_VALID(port)) {
		switch (MACH_MSGH_BITS_LOCAL(hdr->msgh_bits)) {
		case MACH_MSG_TYPE_MOVE_SEND:
		case MACH_MSG_TYPE_MOVE_SEND_ONCE:
			mach_port_deallocate(mach_task_self(), port);
			hdr->msgh_local_port = MACH_PORT_NULL;
			break;
		}
	}
	mach_msg_destroy(hdr);
}

/* Receive one request into *buf (grown as needed). */
static mach_msg_return_t receive(mach_msg_header_t **buf, mach_msg_size_t *alloc,
				 mach_port_t rcv_name, mach_msg_options_t options,
				 mach_msg_size_t trailer)
{
	for (;;) {
		mach_msg_return_t mr;
		mach_msg_size_t need;
		void *p;

		mr = mach_msg(*buf, MACH_RCV_MSG | options, 0, *alloc, rcv_name,
			      (options & MACH_RCV_TIMEOUT) ? 0 : MACH_MSG_TIMEOUT_NONE,
			      MACH_PORT_NULL);
		if (!(mr == MACH_RCV_TOO_LARGE && (options & MACH_RCV_LARGE)))
			return mr;
		need = round_msg((*buf)->msgh_size) + trailer;
		if (need < (*buf)->msgh_size)
			return MACH_RCV_TOO_LARGE;
		p = realloc(*buf, need);
		if (!p)
			return KERN_RESOURCE_SHORTAGE;
		*buf = p;
		*alloc = need;
	}
}

static mach_msg_return_t serve(boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *),
			       mach_msg_header_t *req, mach_msg_header_t *rep,
			       mach_msg_options_t options)
{
	mach_msg_return_t mr = MACH_MSG_SUCCESS;

	(void)demux(req, rep);
	switch (reply_code(rep)) {
	case KERN_SUCCESS:
		break;
	case MIG_NO_REPLY:
		rep->msgh_remote_port = MACH_PORT_NULL;
		break;
	default:
		/* the routine took nothing: free the request, but not the
		 * reply right, which the reply now carries */
		req->msgh_remote_port = MACH_PORT_NULL;
		mach_msg_destroy(req);
		break;
	}
	if (rep->msgh_remote_port == MACH_PORT_NULL) {
		if (rep->msgh_bits & MACH_MSGH_BITS_COMPLEX)
			mach_msg_destroy(rep);
		return MACH_MSG_SUCCESS;
	}
	mr = mach_msg(rep, MACH_SEND_MSG |
		      (MACH_MSGH_BITS_REMOTE(rep->msgh_bits) == MACH_MSG_TYPE_MOVE_SEND_ONCE ?
		       0 : MACH_SEND_TIMEOUT) | (options & ~(MACH_RCV_MSG | MACH_RCV_LARGE |
							    MACH_RCV_TIMEOUT | MACH_RCV_TRAILER_MASK)),
		      rep->msgh_size, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
	if (recoverable_send_error(mr)) {
		consume_unsent(rep);
		mr = MACH_MSG_SUCCESS;
	}
	return mr;
}

static mach_msg_return_t server_loop(boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *),
				     mach_msg_size_t max_size, mach_port_t rcv_name,
				     mach_msg_options_t options, int once)
{
	mach_msg_size_t trailer = REQUESTED_TRAILER_SIZE(options);
	mach_msg_size_t req_alloc, rep_alloc;
	mach_msg_header_t *req, *rep;
	mach_msg_return_t mr;

	options &= ~(MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_VOUCHER);
	if (max_size < sizeof(mig_reply_error_t))
		max_size = sizeof(mig_reply_error_t);
	if (max_size > MACH_MSG_SIZE_MAX - MAX_TRAILER_SIZE - 8)
		return MACH_RCV_TOO_LARGE;
	req_alloc = round_msg(max_size) + trailer;
	rep_alloc = round_msg(max_size) + MAX_TRAILER_SIZE;
	req = calloc(1, req_alloc);
	rep = calloc(1, rep_alloc);
	if (!req || !rep) {
		free(req);
		free(rep);
		return KERN_RESOURCE_SHORTAGE;
	}
	do {
		mr = receive(&req, &req_alloc, rcv_name, options, trailer);
		if (mr != MACH_MSG_SUCCESS)
			break;
		mr = serve(demux, req, rep, options);
		if (mr != MACH_MSG_SUCCESS)
			break;
	} while (!once);
	free(req);
	free(rep);
	return mr;
}

LIBMACH_API mach_msg_return_t
mach_msg_server_once(boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *),
		     mach_msg_size_t max_size, mach_port_t rcv_name,
		     mach_msg_options_t options)
{
	return server_loop(demux, max_size, rcv_name, options, 1);
}

LIBMACH_API mach_msg_return_t
mach_msg_server(boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *),
		mach_msg_size_t max_size, mach_port_t rcv_name,
		mach_msg_options_t options)
{
	return server_loop(demux, max_size, rcv_name, options, 0);
}

LIBMACH_API mach_msg_return_t
mach_msg_server_importance(boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *),
			   mach_msg_size_t max_size, mach_port_t rcv_name,
			   mach_msg_options_t options)
{
	return server_loop(demux, max_size, rcv_name, options, 0);
}
