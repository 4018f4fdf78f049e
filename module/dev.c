// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: the /dev/mach misc device and its ioctl dispatch.
 *
 * This file only moves argument blocks across the user boundary and checks
 * ABI rules (sizes, reserved fields); the Mach semantics live in the files
 * named after each concept.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>
#include <linux/mach_dev.h>
#include "dev.h"
#include "host.h"
#include "msg.h"
#include "port.h"
#include "sync.h"
#include "task.h"

static long mach_ioc_version(void __user *uarg)
{
	struct mach_ioc_version v;

	if (copy_from_user(&v, uarg, sizeof(v)))
		return -EFAULT;
	if (v.flags || v.reserved[0] || v.reserved[1])
		return -EINVAL;
	v.abi_version = MACH_DEV_ABI_VERSION;
	v.features = MACH_FEATURE_PORTS | MACH_FEATURE_MSG;
	v.features |= MACH_FEATURE_CONFORMANCE;
	v.features |= MACH_FEATURE_EXCEPTIONS;
	v.features |= MACH_FEATURE_SEMAPHORE | MACH_FEATURE_MK_TIMER |
		      MACH_FEATURE_PORT_FD;
	v.features |= MACH_FEATURE_VM | MACH_FEATURE_HOST;
	if (copy_to_user(uarg, &v, sizeof(v)))
		return -EFAULT;
	return 0;
}

long mk_dev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	unsigned int nr = _IOC_NR(cmd);

	switch (cmd) {
	case MACH_IOC_VERSION:
		return mach_ioc_version(uarg);
	case MACH_IOC_MSG:
		return mk_msg_ioctl(uarg);
	case MACH_IOC_TASK_READ_FOR_PID:
	case MACH_IOC_TASK_INSPECT_FOR_PID:
	case MACH_IOC_PORT_PEEK:
	case MACH_IOC_PORT_GUARD_WITH_FLAGS:
	case MACH_IOC_PORT_SWAP_GUARD:
	case MACH_IOC_PORT_SPACE_INFO:
	case MACH_IOC_PORT_KOBJECT:
		return mk_port_ioctl(cmd, uarg);
	case MACH_IOC_SEMA_SIGNAL:	/* sync.h */
	case MACH_IOC_SEMA_WAIT:
		return mk_sema_ioctl(cmd, uarg);
	case MACH_IOC_TIMER_CREATE:
	case MACH_IOC_TIMER_DESTROY:
	case MACH_IOC_TIMER_ARM:
	case MACH_IOC_TIMER_CANCEL:
		return mk_timer_ioctl(cmd, uarg);
	case MACH_IOC_PORT_FD:
		return mk_port_fd_ioctl(uarg);
	case MACH_IOC_HOST_SELF:
		return mk_host_ioctl(cmd, uarg);
	}
	/* the port family shares one argument block and one number range */
	if (nr >= _IOC_NR(MACH_IOC_TASK_SELF) &&
	    nr <= _IOC_NR(MACH_IOC_TASK_NAME_FOR_PID) &&
	    cmd == _IOWR(MACH_IOC_MAGIC, nr, struct mach_port_args))
		return mk_port_ioctl(cmd, uarg);
	return -ENOTTY;
}

/* Every close; at process exit it runs before the parent is notified. */
static int mk_dev_flush(struct file *file, fl_owner_t id)
{
	mk_task_exit_current();
	return 0;
}

static const struct file_operations mach_fops = {
	.owner		= THIS_MODULE,
	.flush		= mk_dev_flush,
	.unlocked_ioctl	= mk_dev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice mach_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= MACH_DEV_NAME,
	.fops	= &mach_fops,
	.mode	= 0666,
};

int mk_dev_init(void)
{
	return misc_register(&mach_misc);
}

void mk_dev_exit(void)
{
	misc_deregister(&mach_misc);
}
