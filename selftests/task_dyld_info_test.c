// SPDX-License-Identifier: GPL-2.0
/*
 * The task_info and host_info flavors a release XNU kernel answers without
 * a Linux counterpart (module/task_info.c, module/host.c,
 * Documentation/host.rst): TASK_DYLD_INFO (no dyld image list here),
 * TASK_FLAGS_INFO and
 * the *_DEBUG_INFO_INTERNAL flavors of development kernels.
 */
#include "harness.h"

#include <mach/mach.h>
#include <mach/host_info.h>
#include <mach/task_info.h>

/* XNU's task_info(TASK_DYLD_INFO): no image list registered, 64-bit format */
TEST(dyld_info_none_registered)
{
	struct task_dyld_info di;
	mach_msg_type_number_t count = TASK_DYLD_INFO_COUNT;

	memset(&di, 0xa5, sizeof(di));
	ASSERT_EQ(KERN_SUCCESS, task_info(mach_task_self(), TASK_DYLD_INFO,
					  (task_info_t)&di, &count));
	EXPECT_EQ(5, count);
	EXPECT_EQ(0, di.all_image_info_addr);
	EXPECT_EQ(0, di.all_image_info_size);
	EXPECT_EQ(TASK_DYLD_ALL_IMAGE_INFO_64, di.all_image_info_format);
}

/* XNU's task_info(TASK_DYLD_INFO): a 4-word count gets the legacy layout */
TEST(dyld_info_legacy_count)
{
	struct task_dyld_info di;
	mach_msg_type_number_t count = TASK_DYLD_INFO_COUNT - 1;

	memset(&di, 0xa5, sizeof(di));
	ASSERT_EQ(KERN_SUCCESS, task_info(mach_task_self(), TASK_DYLD_INFO,
					  (task_info_t)&di, &count));
	EXPECT_EQ(4, count);
	EXPECT_EQ(0xa5a5a5a5, (unsigned int)di.all_image_info_format);
}

/* XNU's task_info(TASK_DYLD_INFO): fewer words than the legacy layout */
TEST(dyld_info_short_count)
{
	integer_t buf[8];
	mach_msg_type_number_t count = 3;

	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_info(mach_task_self(), TASK_DYLD_INFO, buf, &count));
}

/* XNU's task_info_from_user: TASK_DYLD_INFO needs a read port, not a name port */
TEST(dyld_info_name_port_refused)
{
	integer_t buf[8];
	mach_msg_type_number_t count = TASK_DYLD_INFO_COUNT;
	mach_port_t name, read;

	ASSERT_EQ(KERN_SUCCESS,
		  task_name_for_pid(mach_task_self(), getpid(), &name));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_info(name, TASK_DYLD_INFO, buf, &count));
	ASSERT_EQ(KERN_SUCCESS,
		  task_read_for_pid(mach_task_self(), getpid(), &read));
	count = TASK_DYLD_INFO_COUNT;
	EXPECT_EQ(KERN_SUCCESS, task_info(read, TASK_DYLD_INFO, buf, &count));
	mach_port_deallocate(mach_task_self(), name);
	mach_port_deallocate(mach_task_self(), read);
}

/* XNU's task_info(TASK_FLAGS_INFO): a 64-bit process's flags */
TEST(flags_info_64bit)
{
	struct task_flags_info fi = { 0 };
	mach_msg_type_number_t count = TASK_FLAGS_INFO_COUNT;

	ASSERT_EQ(KERN_SUCCESS, task_info(mach_task_self(), TASK_FLAGS_INFO,
					  (task_info_t)&fi, &count));
	EXPECT_EQ(1, count);
	EXPECT_EQ(sizeof(long) == 8 ? TF_LP64 | TF_64B_DATA : 0, fi.flags);
}

/* XNU's task_info(TASK_FLAGS_INFO): a zero count is KERN_INVALID_ARGUMENT */
TEST(flags_info_zero_count)
{
	struct task_flags_info fi;
	mach_msg_type_number_t count = 0;

	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_info(mach_task_self(), TASK_FLAGS_INFO,
			    (task_info_t)&fi, &count));
}

/* XNU's task_info(TASK_DEBUG_INFO_INTERNAL): release kernels refuse it */
TEST(task_debug_info_internal_not_supported)
{
	struct task_debug_info_internal d;
	mach_msg_type_number_t count = TASK_DEBUG_INFO_INTERNAL_COUNT;

	EXPECT_EQ(KERN_NOT_SUPPORTED,
		  task_info(mach_task_self(), TASK_DEBUG_INFO_INTERNAL,
			    (task_info_t)&d, &count));
}

/* XNU's host_info(HOST_DEBUG_INFO_INTERNAL): release kernels refuse it */
TEST(host_debug_info_internal_not_supported)
{
	integer_t buf[4];
	mach_msg_type_number_t count = 4;

	EXPECT_EQ(KERN_NOT_SUPPORTED,
		  host_info(mach_host_self(), HOST_DEBUG_INFO_INTERNAL, buf,
			    &count));
}

TEST_HARNESS_MAIN
