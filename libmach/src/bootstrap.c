// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libmach: the bootstrap API (<servers/bootstrap.h>), client stubs for
 * bootstrapd's MIG subsystem 400 (layouts in bootstrap_wire.h), the
 * bootstrap_port global, and the Linux-only helpers of <mach/linux_mach.h>.
 *
 * bootstrap_port is read from the task's TASK_BOOTSTRAP_PORT special port
 * at load and again in every fork child, which is a new task whose special
 * ports the kernel copies from the parent (fork_mach_init() on Darwin).
 * That refresh uses its own task-self lookup and a throw-away reply port,
 * so it does not depend on the order in which libmach's other constructors
 * and fork handlers run.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/linux_mach.h>
#include <servers/bootstrap.h>
#include <bootstrap_priv.h>
#include "bootstrap_wire.h"
#include "calls.h"
#include "libmach.h"

LIBMACH_API mach_port_t bootstrap_port = MACH_PORT_NULL;

/* ------------------------------------------------------------------ */
/* RPC plumbing */

/* Room for the largest fixed reply and a full trailer. */
union bs_buf {
	mach_msg_header_t head;
	mig_reply_error_t error;
	struct bs_port_reply port;
	struct bs_status_reply status;
	struct bs_look_up_array_reply array;
	struct bs_lookup_children_reply children;
	struct bs_name_request name_rq;
	struct bs_register_request register_rq;
	struct bs_look_up_array_request array_rq;
	struct bs_subset_request subset_rq;
	struct bs_dump_request dump_rq;
	char bytes[sizeof(struct bs_lookup_children_reply) +
		   sizeof(struct bs_register_request) +
		   sizeof(mach_msg_max_trailer_t)];
};

/*
 * Send the request in @msg (@size bytes, bits already holding COMPLEX if
 * needed) to @bp and receive the reply into the same buffer of @bufsize
 * bytes on @reply.  As a MIG stub: transport errors are the result, a
 * send-once notification instead of a reply is MIG_SERVER_DIED, another
 * id is MIG_REPLY_MISMATCH.
 */
static kern_return_t bs_rpc_on(mach_msg_header_t *msg, mach_msg_size_t bufsize,
			       mach_port_t bp, mach_msg_id_t id,
			       mach_msg_size_t size, mach_port_t reply,
			       int own_reply)
{
	mach_msg_return_t mr;

	msg->msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
					MACH_MSG_TYPE_MAKE_SEND_ONCE) |
			 (msg->msgh_bits & MACH_MSGH_BITS_COMPLEX);
	msg->msgh_size = size;
	msg->msgh_remote_port = bp;
	msg->msgh_local_port = reply;
	msg->msgh_voucher_port = MACH_PORT_NULL;
	msg->msgh_id = id;
	/*
	 * own_reply: a call to our own task port, which the kernel answers
	 * within the send (no queue to wait for), so the reply is queued
	 * before the receive looks.
	 * Not waiting keeps a fork child from parking in its atfork handler
	 * if another task holding our task port renamed that name meanwhile
	 * (XNU's fork hands the child its ports without any message).
	 */
	mr = mach_msg(msg, MACH_SEND_MSG | MACH_RCV_MSG |
		      (own_reply ? MACH_SEND_TIMEOUT | MACH_RCV_TIMEOUT : 0),
		      size, bufsize, reply,
		      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS) {
		/* a reply may still be on its way to a cached reply port */
		if (!own_reply && (mr & ~MACH_MSG_MASK) >= MACH_RCV_IN_PROGRESS)
			mig_dealloc_reply_port(reply);
		return mr;
	}
	if (msg->msgh_id == MACH_NOTIFY_SEND_ONCE)
		return MIG_SERVER_DIED;
	if (msg->msgh_id != BS_REPLY(id)) {
		mach_msg_destroy(msg);
		return MIG_REPLY_MISMATCH;
	}
	return KERN_SUCCESS;
}

static kern_return_t bs_rpc(union bs_buf *buf, mach_port_t bp,
			    mach_msg_id_t id, mach_msg_size_t size)
{
	return bs_rpc_on(&buf->head, sizeof(*buf), bp, id, size,
			 mig_get_reply_port(), 0);
}

/* A reply that is only a return code, or the error of a bigger reply. */
static kern_return_t bs_retcode(mach_msg_header_t *head)
{
	mig_reply_error_t *err = (mig_reply_error_t *)head;

	if ((head->msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
	    head->msgh_size != sizeof(mig_reply_error_t)) {
		mach_msg_destroy(head);
		return MIG_TYPE_ERROR;
	}
	return err->RetCode;
}

/* A reply carrying one port right of type @want (received form). */
static kern_return_t bs_port_out(union bs_buf *buf, mach_msg_type_name_t want,
				 mach_port_t *port)
{
	struct bs_port_reply *rp = &buf->port;
	kern_return_t kr;

	if (!(buf->head.msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
		kr = bs_retcode(&buf->head);
		return kr ? kr : MIG_TYPE_ERROR;
	}
	if (buf->head.msgh_size != sizeof(*rp) ||
	    rp->body.msgh_descriptor_count != 1 ||
	    rp->port.type != MACH_MSG_PORT_DESCRIPTOR ||
	    rp->port.disposition != want) {
		mach_msg_destroy(&buf->head);
		return MIG_TYPE_ERROR;
	}
	*port = rp->port.name;
	return KERN_SUCCESS;
}

/*
 * name_t is a fixed 128-byte field.  A longer name is sent as its first
 * 128 bytes with no NUL, which bootstrapd rejects (MIG_BAD_ARGUMENTS)
 * rather than silently truncating it as Darwin's stubs do.
 */
static void put_name(name_t dst, const char *src)
{
	size_t len = src ? strnlen(src, sizeof(name_t)) : 0;

	memset(dst, 0, sizeof(name_t));
	memcpy(dst, src ? src : "", len);
}

static kern_return_t name_call(mach_port_t bp, mach_msg_id_t id,
			       const char *name, union bs_buf *buf)
{
	struct bs_name_request *rq = &buf->name_rq;

	memset(rq, 0, sizeof(*rq));
	rq->ndr = NDR_record;
	put_name(rq->name, name);
	return bs_rpc(buf, bp, id, sizeof(*rq));
}

/* ------------------------------------------------------------------ */
/* <servers/bootstrap.h> */

LIBMACH_API kern_return_t bootstrap_check_in(mach_port_t bp,
					     const char *service_name,
					     mach_port_t *sp)
{
	union bs_buf buf;
	kern_return_t kr;

	*sp = MACH_PORT_NULL;
	kr = name_call(bp, BS_MSG_CHECK_IN, service_name, &buf);
	return kr ? kr : bs_port_out(&buf, MACH_MSG_TYPE_PORT_RECEIVE, sp);
}

LIBMACH_API kern_return_t bootstrap_look_up(mach_port_t bp,
					    const char *service_name,
					    mach_port_t *sp)
{
	union bs_buf buf;
	kern_return_t kr;

	*sp = MACH_PORT_NULL;
	kr = name_call(bp, BS_MSG_LOOK_UP, service_name, &buf);
	return kr ? kr : bs_port_out(&buf, MACH_MSG_TYPE_PORT_SEND, sp);
}

LIBMACH_API kern_return_t bootstrap_create_service(mach_port_t bp,
						   const char *service_name,
						   mach_port_t *sp)
{
	union bs_buf buf;
	kern_return_t kr;

	*sp = MACH_PORT_NULL;
	kr = name_call(bp, BS_MSG_CREATE_SERVICE, service_name, &buf);
	return kr ? kr : bs_port_out(&buf, MACH_MSG_TYPE_PORT_SEND, sp);
}

LIBMACH_API kern_return_t bootstrap_register(mach_port_t bp,
					     const char *service_name,
					     mach_port_t sp)
{
	struct bs_register_request *rq;
	union bs_buf buf;
	kern_return_t kr;

	rq = &buf.register_rq;
	memset(rq, 0, sizeof(*rq));
	rq->head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	rq->body.msgh_descriptor_count = 1;
	rq->port.name = sp;
	rq->port.disposition = MACH_MSG_TYPE_COPY_SEND;
	rq->port.type = MACH_MSG_PORT_DESCRIPTOR;
	rq->ndr = NDR_record;
	put_name(rq->name, service_name);
	kr = bs_rpc(&buf, bp, BS_MSG_REGISTER, sizeof(*rq));
	return kr ? kr : bs_retcode(&buf.head);
}

LIBMACH_API kern_return_t bootstrap_status(mach_port_t bp, const char *service_name,
					   bootstrap_status_t *service_active)
{
	union bs_buf buf;
	kern_return_t kr;

	kr = name_call(bp, BS_MSG_STATUS, service_name, &buf);
	if (kr)
		return kr;
	if (buf.head.msgh_size == sizeof(mig_reply_error_t)) {
		kr = bs_retcode(&buf.head);
		return kr ? kr : MIG_TYPE_ERROR;
	}
	if ((buf.head.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
	    buf.head.msgh_size != sizeof(struct bs_status_reply)) {
		mach_msg_destroy(&buf.head);
		return MIG_TYPE_ERROR;
	}
	if (buf.status.retcode)
		return buf.status.retcode;
	*service_active = buf.status.status;
	return KERN_SUCCESS;
}

LIBMACH_API kern_return_t bootstrap_parent(mach_port_t bp,
					   mach_port_t *parent_port)
{
	union bs_buf buf;
	kern_return_t kr;

	*parent_port = MACH_PORT_NULL;
	memset(&buf.head, 0, sizeof(buf.head));
	kr = bs_rpc(&buf, bp, BS_MSG_PARENT, sizeof(mach_msg_header_t));
	return kr ? kr : bs_port_out(&buf, MACH_MSG_TYPE_PORT_SEND, parent_port);
}

LIBMACH_API kern_return_t bootstrap_subset(mach_port_t bp,
					   mach_port_t requestor_port,
					   mach_port_t *subset_port)
{
	struct bs_subset_request *rq;
	union bs_buf buf;
	kern_return_t kr;

	*subset_port = MACH_PORT_NULL;
	rq = &buf.subset_rq;
	memset(rq, 0, sizeof(*rq));
	rq->head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	rq->body.msgh_descriptor_count = 1;
	rq->requestor.name = requestor_port;
	rq->requestor.disposition = MACH_MSG_TYPE_COPY_SEND;
	rq->requestor.type = MACH_MSG_PORT_DESCRIPTOR;
	kr = bs_rpc(&buf, bp, BS_MSG_SUBSET, sizeof(*rq));
	return kr ? kr : bs_port_out(&buf, MACH_MSG_TYPE_PORT_SEND, subset_port);
}

LIBMACH_API kern_return_t bootstrap_unprivileged(mach_port_t bp,
						 mach_port_t *unpriv_port)
{
	kern_return_t kr;

	*unpriv_port = MACH_PORT_NULL;
	kr = mach_port_mod_refs(mach_task_self(), bp, MACH_PORT_RIGHT_SEND, 1);
	if (kr == KERN_SUCCESS)
		*unpriv_port = bp;
	return kr;
}

LIBMACH_API kern_return_t bootstrap_create_server(mach_port_t bp,
						  const char *server_cmd,
						  uid_t server_uid,
						  boolean_t on_demand,
						  mach_port_t *server_port)
{
	(void)bp;
	(void)server_cmd;
	(void)server_uid;
	(void)on_demand;
	*server_port = MACH_PORT_NULL;
	return KERN_NOT_SUPPORTED;
}

LIBMACH_API const char *bootstrap_strerror(kern_return_t r)
{
	switch (r) {
	case BOOTSTRAP_SUCCESS:
		return "Success";
	case BOOTSTRAP_NOT_PRIVILEGED:
		return "Permission denied";
	case BOOTSTRAP_NAME_IN_USE:
	case BOOTSTRAP_SERVICE_ACTIVE:
		return "Service name already exists";
	case BOOTSTRAP_UNKNOWN_SERVICE:
		return "Unknown service name";
	case BOOTSTRAP_BAD_COUNT:
		return "Too many lookups were requested in one request";
	case BOOTSTRAP_NO_MEMORY:
		return "Out of memory";
	case BOOTSTRAP_NO_CHILDREN:
		return "No child bootstrap namespaces";
	/* Linux: say what these mean for a bootstrap port. */
	case MACH_SEND_INVALID_DEST:
		return "(ipc/send) invalid destination port: the bootstrap "
		       "server is gone (bootstrapd exited or was restarted; "
		       "this process keeps its old, dead bootstrap port)";
	case MIG_SERVER_DIED:
		return "(ipc/mig) server died: the bootstrap server exited "
		       "during the request";
	default:
		return mach_error_string(r);
	}
}

/* ------------------------------------------------------------------ */
/* <bootstrap_priv.h> */

LIBMACH_API kern_return_t
bootstrap_look_up_array(mach_port_t bp, name_array_t service_names,
			mach_msg_type_number_t service_namesCnt,
			mach_port_array_t *service_ports,
			mach_msg_type_number_t *service_portsCnt,
			boolean_t *all_services_known)
{
	struct bs_look_up_array_request *rq;
	struct bs_look_up_array_reply *rp;
	union bs_buf buf;
	kern_return_t kr;

	*service_ports = NULL;
	*service_portsCnt = 0;
	rq = &buf.array_rq;
	memset(rq, 0, sizeof(*rq));
	rq->head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	rq->body.msgh_descriptor_count = 1;
	rq->names.address = service_names;
	rq->names.size = service_namesCnt * (mach_msg_size_t)sizeof(name_t);
	rq->names.deallocate = FALSE;
	rq->names.copy = MACH_MSG_PHYSICAL_COPY;
	rq->names.type = MACH_MSG_OOL_DESCRIPTOR;
	rq->ndr = NDR_record;
	rq->names_cnt = service_namesCnt;
	kr = bs_rpc(&buf, bp, BS_MSG_LOOK_UP_ARRAY, sizeof(*rq));
	if (kr)
		return kr;
	if (!(buf.head.msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
		kr = bs_retcode(&buf.head);
		return kr ? kr : MIG_TYPE_ERROR;
	}
	rp = &buf.array;
	if (buf.head.msgh_size != sizeof(*rp) ||
	    rp->body.msgh_descriptor_count != 1 ||
	    rp->ports.type != MACH_MSG_OOL_PORTS_DESCRIPTOR ||
	    rp->ports.count != rp->ports_cnt) {
		mach_msg_destroy(&buf.head);
		return MIG_TYPE_ERROR;
	}
	*service_ports = rp->ports.address;
	*service_portsCnt = rp->ports_cnt;
	*all_services_known = rp->all_known;
	return KERN_SUCCESS;
}

LIBMACH_API kern_return_t
bootstrap_lookup_children(mach_port_t bp, mach_port_array_t *children,
			  name_array_t *names,
			  bootstrap_property_array_t *properties,
			  mach_msg_type_number_t *n_children)
{
	struct bs_lookup_children_reply *rp;
	union bs_buf buf;
	kern_return_t kr;
	mach_msg_type_number_t n;

	*children = NULL;
	*names = NULL;
	*properties = NULL;
	*n_children = 0;
	memset(&buf.head, 0, sizeof(buf.head));
	kr = bs_rpc(&buf, bp, BS_MSG_LOOKUP_CHILDREN, sizeof(mach_msg_header_t));
	if (kr)
		return kr;
	if (!(buf.head.msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
		kr = bs_retcode(&buf.head);
		return kr ? kr : MIG_TYPE_ERROR;
	}
	rp = &buf.children;
	n = rp->ports_cnt;
	if (buf.head.msgh_size != sizeof(*rp) ||
	    rp->body.msgh_descriptor_count != 3 ||
	    rp->ports.type != MACH_MSG_OOL_PORTS_DESCRIPTOR ||
	    rp->names.type != MACH_MSG_OOL_DESCRIPTOR ||
	    rp->properties.type != MACH_MSG_OOL_DESCRIPTOR ||
	    rp->ports.count != n || rp->names_cnt != n ||
	    rp->properties_cnt != n ||
	    rp->names.size != n * sizeof(name_t) ||
	    rp->properties.size != n * sizeof(bootstrap_property_t)) {
		mach_msg_destroy(&buf.head);
		return MIG_TYPE_ERROR;
	}
	*children = rp->ports.address;
	*names = rp->names.address;
	*properties = rp->properties.address;
	*n_children = n;
	return KERN_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* <mach/linux_mach.h> */

LIBMACH_API kern_return_t libmach_set_default_bootstrap(mach_port_t port)
{
	struct mach_port_args a = { .name = port };
	int fd = libmach_fd();
	int ret;

	if (fd < 0)
		return MACH_SEND_INVALID_DEST;
	do
		ret = ioctl(fd, MACH_IOC_SET_DEFAULT_BOOTSTRAP, &a);
	while (ret < 0 && errno == EINTR);
	if (ret == 0)
		return a.kr;
	switch (errno) {
	case EPERM:
	case EACCES:
		return KERN_NO_ACCESS;
	case ENOTTY:
		return KERN_NOT_SUPPORTED;
	case EINVAL:
		return KERN_INVALID_ARGUMENT;
	default:
		return KERN_FAILURE;
	}
}

LIBMACH_API kern_return_t libmach_bootstrap_dump(mach_port_t bp, uint32_t flags,
						 struct bootstrap_dump_entry **entries,
						 uint32_t *count)
{
	const mach_msg_size_t bufsize = sizeof(struct bs_dump_reply) +
		BS_DUMP_PAGE * sizeof(struct bootstrap_dump_entry) +
		sizeof(mach_msg_max_trailer_t);
	struct bootstrap_dump_entry *all = NULL, *grown;
	struct bs_dump_request *rq;
	struct bs_dump_reply *rp;
	uint32_t n = 0, start = 0;
	kern_return_t kr = KERN_SUCCESS;
	void *buf;

	*entries = NULL;
	*count = 0;
	buf = malloc(bufsize);
	if (!buf)
		return KERN_RESOURCE_SHORTAGE;
	rq = buf;
	rp = buf;
	do {
		memset(rq, 0, sizeof(*rq));
		rq->ndr = NDR_record;
		rq->flags = flags;
		rq->start = start;
		kr = bs_rpc_on(&rq->head, bufsize, bp, BS_MSG_DUMP, sizeof(*rq),
			       mig_get_reply_port(), 0);
		if (kr)
			break;
		if (rp->head.msgh_size == sizeof(mig_reply_error_t)) {
			kr = bs_retcode(&rp->head);
			if (!kr)
				kr = MIG_TYPE_ERROR;
			break;
		}
		if ((rp->head.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
		    rp->head.msgh_size < sizeof(*rp) ||
		    rp->count > BS_DUMP_PAGE ||
		    rp->head.msgh_size != sizeof(*rp) +
				rp->count * sizeof(struct bootstrap_dump_entry) ||
		    (rp->next && rp->next != start + rp->count)) {
			mach_msg_destroy(&rp->head);
			kr = MIG_TYPE_ERROR;
			break;
		}
		if (rp->retcode) {
			kr = rp->retcode;
			break;
		}
		grown = realloc(all, (n + rp->count + 1) * sizeof(*all));
		if (!grown) {
			kr = KERN_RESOURCE_SHORTAGE;
			break;
		}
		all = grown;
		memcpy(all + n, rp->entries, rp->count * sizeof(*all));
		n += rp->count;
		start = rp->next;
	} while (start);
	free(buf);
	if (kr) {
		free(all);
		return kr;
	}
	*entries = all;
	*count = n;
	return KERN_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* bootstrap_port: at load and in every fork child */

#pragma pack(push, 4)
struct special_port_request {
	mach_msg_header_t head;
	NDR_record_t ndr;
	int which;
};
#pragma pack(pop)

#define TASK_GET_SPECIAL_PORT_ID 3409

static mach_port_t fetch_bootstrap_port(void)
{
	struct mach_port_args self = { 0 };
	struct special_port_request *rq;
	mach_port_t reply, port = MACH_PORT_NULL;
	union bs_buf buf;
	kern_return_t kr;

	if (libmach_port_call(MACH_IOC_TASK_SELF, &self) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	if (mach_port_allocate(self.name, MACH_PORT_RIGHT_RECEIVE, &reply))
		return MACH_PORT_NULL;
	rq = (struct special_port_request *)&buf;
	memset(rq, 0, sizeof(*rq));
	rq->ndr = NDR_record;
	rq->which = TASK_BOOTSTRAP_PORT;
	kr = bs_rpc_on(&buf.head, sizeof(buf), self.name,
		       TASK_GET_SPECIAL_PORT_ID, sizeof(*rq), reply, 1);
	if (kr == KERN_SUCCESS &&
	    bs_port_out(&buf, MACH_MSG_TYPE_PORT_SEND, &port) != KERN_SUCCESS)
		port = MACH_PORT_NULL;
	mach_port_mod_refs(self.name, reply, MACH_PORT_RIGHT_RECEIVE, -1);
	return port;
}

static void bootstrap_fork_child(void)
{
	/* the parent's name means nothing in the child's new space */
	bootstrap_port = fetch_bootstrap_port();
}

__attribute__((constructor))
static void bootstrap_init(void)
{
	bootstrap_port = fetch_bootstrap_port();
	pthread_atfork(NULL, NULL, bootstrap_fork_child);
}
