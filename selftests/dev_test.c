// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/mach device-level ABI: open, version, and the errno rules for ABI
 * misuse (unknown command, bad pointer, non-zero reserved fields).
 */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <linux/mach_dev.h>
#include "harness.h"

FIXTURE(dev) {
	int fd;
};

FIXTURE_SETUP(dev)
{
	self->fd = open("/dev/mach", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(dev)
{
	EXPECT_EQ(0, close(self->fd));
}

TEST(device_node_is_world_accessible)
{
	struct stat st;

	ASSERT_EQ(0, stat("/dev/mach", &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(0666, st.st_mode & 0777);
}

TEST_F(dev, version_reports_abi)
{
	struct mach_ioc_version v = { 0 };

	ASSERT_EQ(0, ioctl(self->fd, MACH_IOC_VERSION, &v));
	EXPECT_EQ(MACH_DEV_ABI_VERSION, v.abi_version);
	EXPECT_EQ(0, v.reserved[0]);
	EXPECT_EQ(0, v.reserved[1]);
}

TEST_F(dev, unknown_ioctl_is_enotty)
{
	struct mach_ioc_version v = { 0 };

	EXPECT_EQ(-1, ioctl(self->fd, _IOWR(MACH_IOC_MAGIC, 0xff,
					      struct mach_ioc_version), &v));
	EXPECT_EQ(ENOTTY, errno);
	/* right number, wrong size encoded in the command */
	EXPECT_EQ(-1, ioctl(self->fd, _IOWR(MACH_IOC_MAGIC, 0x00, __u64), &v));
	EXPECT_EQ(ENOTTY, errno);
	/* another driver's magic */
	EXPECT_EQ(-1, ioctl(self->fd, _IOWR('T', 0x00,
					      struct mach_ioc_version), &v));
	EXPECT_EQ(ENOTTY, errno);
}

TEST_F(dev, bad_pointer_is_efault)
{
	void *unmapped;

	EXPECT_EQ(-1, ioctl(self->fd, MACH_IOC_VERSION, NULL));
	EXPECT_EQ(EFAULT, errno);
	/* a page that is mapped read-only: the copy-out must fail */
	unmapped = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	ASSERT_NE(MAP_FAILED, unmapped);
	EXPECT_EQ(-1, ioctl(self->fd, MACH_IOC_VERSION, unmapped));
	EXPECT_EQ(EFAULT, errno);
	munmap(unmapped, 4096);
}

TEST_F(dev, nonzero_reserved_is_einval)
{
	struct mach_ioc_version v = { 0 };

	v.reserved[1] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, MACH_IOC_VERSION, &v));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, v.abi_version); /* nothing written back on error */

	memset(&v, 0, sizeof(v));
	v.flags = 0x80000000u;
	EXPECT_EQ(-1, ioctl(self->fd, MACH_IOC_VERSION, &v));
	EXPECT_EQ(EINVAL, errno);
}

TEST_HARNESS_MAIN
