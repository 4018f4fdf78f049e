// SPDX-License-Identifier: GPL-2.0
/*
 * host_get_special_port (host_priv.defs 412, module/host.c,
 * Documentation/host.rst): XNU's host_get_special_port on the one host
 * port, which is host_priv to a caller with CAP_SYS_ADMIN.  The
 * privileged tests skip as a plain user; the unprivileged answer is
 * tested as nobody.
 */
#include "harness.h"
#include "as_user.h"

#include <mach/mach.h>
#include <mach/host_priv.h>
#include <mach/host_special_ports.h>

#define NEED_ROOT() do {						\
	if (geteuid() != 0)						\
		SKIP(return, "host_priv needs CAP_SYS_ADMIN (root)");	\
} while (0)

/* XNU's host_get_special_port: HOST_PORT is the host port itself */
TEST(host_port_is_mach_host_self)
{
	mach_port_t host = mach_host_self(), p = MACH_PORT_NULL;

	NEED_ROOT();
	ASSERT_EQ(KERN_SUCCESS, host_get_host_port(host, &p));
	EXPECT_EQ(host, p);
	mach_port_deallocate(mach_task_self(), p);
}

/* XNU's host_get_special_port: HOST_PRIV_PORT to a host_priv holder */
TEST(host_priv_port_for_root)
{
	mach_port_t host = mach_host_self(), p = MACH_PORT_NULL;

	NEED_ROOT();
	ASSERT_EQ(KERN_SUCCESS, host_get_host_priv_port(host, &p));
	EXPECT_TRUE(MACH_PORT_VALID(p));
	mach_port_deallocate(mach_task_self(), p);
}

/* XNU's host_get_special_port: HOST_SECURITY_PORT is never handed out */
TEST(security_port_is_invalid_argument)
{
	mach_port_t p = MACH_PORT_NULL;

	NEED_ROOT();
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  host_get_special_port(mach_host_self(), HOST_LOCAL_NODE,
					HOST_SECURITY_PORT, &p));
	EXPECT_EQ(MACH_PORT_NULL, p);
}

/* XNU's host_get_special_port: ids outside MIN..MAX */
TEST(out_of_range_id_is_invalid_argument)
{
	mach_port_t p = MACH_PORT_NULL;

	NEED_ROOT();
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  host_get_special_port(mach_host_self(), HOST_LOCAL_NODE,
					HOST_MAX_SPECIAL_PORT + 1, &p));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  host_get_special_port(mach_host_self(), HOST_LOCAL_NODE,
					-1, &p));
	EXPECT_EQ(MACH_PORT_NULL, p);
}

/* XNU's host_get_special_port: an empty slot is success with no port */
TEST(empty_slot_is_null)
{
	mach_port_t p = 0x1234;

	NEED_ROOT();
	EXPECT_EQ(KERN_SUCCESS,
		  host_get_special_port(mach_host_self(), HOST_LOCAL_NODE,
					HOST_AUTOMOUNTD_PORT, &p));
	EXPECT_EQ(MACH_PORT_NULL, p);
	p = 0x1234;
	EXPECT_EQ(KERN_SUCCESS,
		  host_get_io_main_port(mach_host_self(), &p));
	EXPECT_EQ(MACH_PORT_NULL, p);
}

static int unpriv(void *arg)
{
	mach_port_t p = MACH_PORT_NULL;

	return host_get_special_port(mach_host_self(), HOST_LOCAL_NODE,
				     HOST_PORT, &p) == KERN_INVALID_ARGUMENT &&
		p == MACH_PORT_NULL ? 0 : 1;
}

/* XNU's host_get_special_port: HOST_PRIV_NULL for a plain host port */
TEST(unprivileged_is_invalid_argument)
{
	if (geteuid() != 0)
		ASSERT_EQ(0, unpriv(NULL));
	else
		ASSERT_EQ(0, as_user_run(AS_USER_NOBODY, unpriv, NULL));
}

/* XNU's ipc_kobject_server: a task port converts to HOST_PRIV_NULL */
TEST(task_port_is_invalid_argument)
{
	mach_port_t p = MACH_PORT_NULL;

	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  host_get_special_port(mach_task_self(), HOST_LOCAL_NODE,
					HOST_PORT, &p));
	EXPECT_EQ(MACH_PORT_NULL, p);
}

TEST_HARNESS_MAIN
