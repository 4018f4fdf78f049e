// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mach_error_string() and friends.  Texts follow Darwin's
 * "(system/subsystem) what happened" convention so logs read the same.
 */
#include <stdio.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include "libmach.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const kern_text[] = {
	[KERN_SUCCESS]			= "successful",
	[KERN_INVALID_ADDRESS]		= "invalid address",
	[KERN_PROTECTION_FAILURE]	= "protection failure",
	[KERN_NO_SPACE]			= "no space available",
	[KERN_INVALID_ARGUMENT]		= "invalid argument",
	[KERN_FAILURE]			= "failure",
	[KERN_RESOURCE_SHORTAGE]	= "resource shortage",
	[KERN_NOT_RECEIVER]		= "not receiver",
	[KERN_NO_ACCESS]		= "no access",
	[KERN_MEMORY_FAILURE]		= "memory failure",
	[KERN_MEMORY_ERROR]		= "memory error",
	[KERN_ALREADY_IN_SET]		= "already in set",
	[KERN_NOT_IN_SET]		= "not in set",
	[KERN_NAME_EXISTS]		= "name exists",
	[KERN_ABORTED]			= "aborted",
	[KERN_INVALID_NAME]		= "invalid name",
	[KERN_INVALID_TASK]		= "invalid task",
	[KERN_INVALID_RIGHT]		= "invalid right",
	[KERN_INVALID_VALUE]		= "invalid value",
	[KERN_UREFS_OVERFLOW]		= "urefs overflow",
	[KERN_INVALID_CAPABILITY]	= "invalid capability",
	[KERN_RIGHT_EXISTS]		= "right exists",
	[KERN_INVALID_HOST]		= "invalid host",
	[KERN_MEMORY_PRESENT]		= "memory present",
	[KERN_MEMORY_DATA_MOVED]	= "memory data moved",
	[KERN_MEMORY_RESTART_COPY]	= "memory restart copy",
	[KERN_INVALID_PROCESSOR_SET]	= "invalid processor set",
	[KERN_POLICY_LIMIT]		= "policy limit",
	[KERN_INVALID_POLICY]		= "invalid policy",
	[KERN_INVALID_OBJECT]		= "invalid object",
	[KERN_ALREADY_WAITING]		= "already waiting",
	[KERN_DEFAULT_SET]		= "default set",
	[KERN_EXCEPTION_PROTECTED]	= "exception protected",
	[KERN_INVALID_LEDGER]		= "invalid ledger",
	[KERN_INVALID_MEMORY_CONTROL]	= "invalid memory control",
	[KERN_INVALID_SECURITY]		= "invalid security",
	[KERN_NOT_DEPRESSED]		= "thread not depressed",
	[KERN_TERMINATED]		= "object terminated",
	[KERN_LOCK_SET_DESTROYED]	= "lock set destroyed",
	[KERN_LOCK_UNSTABLE]		= "lock unstable",
	[KERN_LOCK_OWNED]		= "lock owned by another",
	[KERN_LOCK_OWNED_SELF]		= "lock owned by self",
	[KERN_SEMAPHORE_DESTROYED]	= "semaphore destroyed",
	[KERN_RPC_SERVER_TERMINATED]	= "RPC server terminated",
	[KERN_RPC_TERMINATE_ORPHAN]	= "terminate orphan",
	[KERN_RPC_CONTINUE_ORPHAN]	= "continue orphan",
	[KERN_NOT_SUPPORTED]		= "operation not supported",
	[KERN_NODE_DOWN]		= "remote node down",
	[KERN_NOT_WAITING]		= "thread not waiting",
	[KERN_OPERATION_TIMED_OUT]	= "operation timed out",
	[KERN_CODESIGN_ERROR]		= "code signature error",
	[KERN_POLICY_STATIC]		= "policy is static",
	[KERN_INSUFFICIENT_BUFFER_SIZE]	= "insufficient buffer size",
	[KERN_DENIED]			= "denied",
	[KERN_MISSING_KC]		= "missing kernel collection",
	[KERN_INVALID_KC]		= "invalid kernel collection",
	[KERN_NOT_FOUND]		= "not found",
};

/* Indexed by err_get_code() of MACH_SEND_* (subsystem 0 of err_mach_ipc). */
static const char *const send_text[] = {
	[0x01] = "send in progress",
	[0x02] = "invalid data",
	[0x03] = "invalid destination port",
	[0x04] = "timed out",
	[0x05] = "invalid voucher",
	[0x07] = "interrupted",
	[0x08] = "message too small",
	[0x09] = "invalid reply port",
	[0x0a] = "invalid port right",
	[0x0b] = "invalid notify port",
	[0x0c] = "invalid memory",
	[0x0d] = "no message buffer",
	[0x0e] = "message too large",
	[0x0f] = "invalid message type",
	[0x10] = "invalid message header",
	[0x11] = "invalid message trailer",
	[0x12] = "invalid context for reply",
	[0x13] = "invalid send options",
	[0x15] = "out-of-line buffer too large",
	[0x16] = "destination does not accept port rights",
	[0x17] = "message filtered",
	[0x18] = "auxiliary data too small",
	[0x19] = "auxiliary data too large",
};

/* Indexed by err_get_code() of MACH_RCV_* (subsystem 1). */
static const char *const rcv_text[] = {
	[0x01] = "receive in progress",
	[0x02] = "invalid name",
	[0x03] = "timed out",
	[0x04] = "message too large",
	[0x05] = "interrupted",
	[0x06] = "port changed",
	[0x07] = "invalid notify port",
	[0x08] = "invalid receive buffer",
	[0x09] = "port died",
	[0x0a] = "port is in a set",
	[0x0b] = "header error",
	[0x0c] = "body error",
	[0x0d] = "invalid message type",
	[0x0e] = "scatter list too small",
	[0x0f] = "invalid trailer",
	[0x11] = "receive in progress (timed)",
	[0x12] = "invalid reply port",
	[0x13] = "invalid receive arguments",
};

/* Indexed by MIG_TYPE_ERROR - code. */
static const char *const mig_text[] = {
	"type check failure in message interface",
	"wrong reply message ID",
	"server detected error",
	"bad request message ID",
	"server found wrong arguments",
	"no reply should be sent",
	"server raised exception",
	"user specified array not large enough",
	"server died",
	"unknown trailer format",
};

/* Resource-shortage bits that ride on some mach_msg errors. */
static const struct {
	int bit;
	const char *text;
} msg_bits[] = {
	{ MACH_MSG_IPC_SPACE,	"no room in IPC name space" },
	{ MACH_MSG_VM_SPACE,	"no room in VM address space" },
	{ MACH_MSG_IPC_KERNEL,	"kernel IPC resource shortage" },
	{ MACH_MSG_VM_KERNEL,	"kernel VM resource shortage" },
};

#define MIG_FIRST	MIG_TRAILER_ERROR
#define MIG_LAST	MIG_TYPE_ERROR

struct decoded {
	const char *type;	/* "(os/kern)" */
	const char *text;	/* without the type; NULL if unknown */
	int bits;		/* MACH_MSG_MASK bits split off */
	int unix_errno;		/* for (os/unix) */
};

static const char *pick(const char *const *table, size_t n, unsigned int i)
{
	return i < n ? table[i] : NULL;
}

static struct decoded decode(mach_error_t err)
{
	struct decoded d = { "(?/?)", NULL, 0, 0 };
	unsigned int sys = (unsigned int)err_get_system(err);
	unsigned int sub = (unsigned int)err_get_sub(err);
	unsigned int code = (unsigned int)err_get_code(err);

	if (err >= MIG_FIRST && err <= MIG_LAST) {
		d.type = "(ipc/mig)";
		d.text = mig_text[MIG_LAST - err];
	} else if (sys == 0 && sub == 0) {
		d.type = "(os/kern)";
		d.text = pick(kern_text, N(kern_text), code);
	} else if (sys == 0 && sub == 3) {
		d.type = "(os/unix)";
		d.unix_errno = (int)code;
	} else if (sys == 0) {
		d.type = "(os/?)";
	} else if (sys == 4 && sub <= 1) {
		d.type = sub ? "(ipc/rcv)" : "(ipc/send)";
		d.bits = (int)(code & MACH_MSG_MASK);
		code &= ~(unsigned int)MACH_MSG_MASK;
		d.text = sub ? pick(rcv_text, N(rcv_text), code)
			     : pick(send_text, N(send_text), code);
		if (!d.text)
			d.bits = 0;
	} else if (sys == 4 && sub == 2) {
		d.type = "(ipc/mig)";
	} else if (sys == 4) {
		d.type = "(ipc/?)";
	}
	return d;
}

/*
 * Most answers are literals.  Composite ones (errno text, resource bits)
 * are built in a small per-thread ring so a couple of calls can share
 * one printf.
 */
static char *scratch(void)
{
	static __thread char ring[4][192];
	static __thread unsigned int next;

	return ring[next++ % 4];
}

static char *render(mach_error_t err, int *unknown)
{
	struct decoded d = decode(err);
	char *buf;
	size_t len;
	size_t i;

	*unknown = 0;
	if (d.unix_errno) {
		buf = scratch();
		snprintf(buf, 192, "%s %s", d.type, strerror(d.unix_errno));
		return buf;
	}
	if (!d.text) {
		*unknown = 1;
		if (strchr(d.type, '?'))
			return (char *)"unknown error subsystem";
		return (char *)"unknown error code";
	}
	buf = scratch();
	len = (size_t)snprintf(buf, 192, "%s %s", d.type, d.text);
	for (i = 0; i < N(msg_bits); i++)
		if ((d.bits & msg_bits[i].bit) && len < 192)
			len += (size_t)snprintf(buf + len, 192 - len, "; %s",
						msg_bits[i].text);
	return buf;
}

LIBMACH_API char *mach_error_string(mach_error_t error_value)
{
	int unknown;

	return render(error_value, &unknown);
}

LIBMACH_API char *mach_error_type(mach_error_t error_value)
{
	return (char *)decode(error_value).type;
}

LIBMACH_API void mach_error(const char *str, mach_error_t error_value)
{
	int unknown;
	const char *text = render(error_value, &unknown);

	if (unknown)
		fprintf(stderr, "%s %s %s (%x)\n", str, mach_error_type(error_value),
			text, (unsigned int)error_value);
	else
		fprintf(stderr, "%s %s\n", str, text);
}
