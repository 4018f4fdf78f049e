// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: a pollable file descriptor for a receive right or a port set
 * (libmach_port_fd), what kqueue's EVFILT_MACHPORT gives Darwin programs.
 *
 * The descriptor holds a reference on the port (or set) and on the space
 * that named it; it never receives and changes nothing about the right.
 * poll() reports EPOLLIN while a message is queued on the port, or on any
 * member of the set at the time of the poll, and EPOLLHUP once the port is
 * dead, its receive right has left the space, or the set is destroyed.
 *
 * No wake-up of its own is needed: the descriptor waits on the port's (or
 * set's) rcv_wait, which a first queued message (msg.c mqueue_add, through
 * mk_pset_wake for sets), a member joining a set with messages (pset.c)
 * and the port's or set's death (port.c, pset.c) already wake.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/mach_dev.h>
#include "locking.h"
#include "port.h"
#include "pset.h"
#include "space.h"
#include "sync.h"
#include "task.h"

struct mk_port_file {
	struct mk_port *port;		/* a reference, or NULL for a set */
	struct mk_pset *pset;		/* a reference */
	struct mk_space *space;		/* a reference */
};

static atomic_long_t mk_nr_port_fds = ATOMIC_LONG_INIT(0);

static __poll_t port_fd_poll(struct file *file, poll_table *pt)
{
	struct mk_port_file *pf = file->private_data;
	struct mk_psmember *m;
	__poll_t mask = 0;

	poll_wait(file, pf->port ? &pf->port->rcv_wait : &pf->pset->rcv_wait,
		  pt);
	mutex_lock(&mk_lock);
	if (pf->port) {
		if (!pf->port->active || pf->port->receiver != pf->space)
			mask = EPOLLHUP;
		else if (pf->port->msgcount)
			mask = EPOLLIN | EPOLLRDNORM;
	} else if (!pf->pset->active) {
		mask = EPOLLHUP;
	} else {
		list_for_each_entry(m, &pf->pset->members, set_node) {
			if (m->port->msgcount) {
				mask = EPOLLIN | EPOLLRDNORM;
				break;
			}
		}
	}
	mutex_unlock(&mk_lock);
	return mask;
}

static void port_file_free(struct mk_port_file *pf)
{
	mutex_lock(&mk_lock);
	if (pf->port)
		mk_port_put(pf->port);
	if (pf->pset)
		mk_pset_put(pf->pset);
	if (pf->space)
		mk_space_put(pf->space);
	mutex_unlock(&mk_lock);
	kfree(pf);
}

static int port_fd_release(struct inode *inode, struct file *file)
{
	port_file_free(file->private_data);
	atomic_long_dec(&mk_nr_port_fds);
	return 0;
}

static const struct file_operations port_fd_fops = {
	.owner		= THIS_MODULE,
	.poll		= port_fd_poll,
	.release	= port_fd_release,
	.llseek		= noop_llseek,
};

/* What @name denotes in the caller's space.  Context: mk_lock held. */
static kern_return_t port_fd_lookup(struct mk_port_file *pf, u32 name)
{
	struct mk_task *task = mk_task_current();
	struct mk_entry *entry;

	lockdep_assert_held(&mk_lock);
	if (!task)
		return KERN_RESOURCE_SHORTAGE;
	entry = mk_name_valid(name) ? mk_entry_lookup(task->space, name) : NULL;
	if (!entry)
		return KERN_INVALID_NAME;
	if (entry->bits & MACH_PORT_TYPE_RECEIVE) {
		pf->port = entry->port;
		mk_port_get(pf->port);
	} else if (entry->bits & MACH_PORT_TYPE_PORT_SET) {
		pf->pset = entry->pset;
		kref_get(&pf->pset->ref);
	} else {
		return KERN_INVALID_RIGHT;
	}
	pf->space = task->space;
	kref_get(&pf->space->ref);
	return KERN_SUCCESS;
}

/* MACH_IOC_PORT_FD: a Mach error in kr, or the new descriptor in fd. */
long mk_port_fd_ioctl(void __user *uarg)
{
	struct mach_port_fd_args a;
	struct mk_port_file *pf;
	struct file *file;
	int fd;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.reserved || a.kr || a.fd)
		return -EINVAL;
	pf = kzalloc(sizeof(*pf), GFP_KERNEL_ACCOUNT);
	if (!pf)
		return -ENOMEM;
	mutex_lock(&mk_lock);
	a.kr = mk_kr_to_user(port_fd_lookup(pf, a.name));
	mutex_unlock(&mk_lock);
	a.fd = -1;
	if (a.kr) {
		port_file_free(pf);
		return copy_to_user(uarg, &a, sizeof(a)) ? -EFAULT : 0;
	}
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		port_file_free(pf);
		return fd;
	}
	file = anon_inode_getfile("[mach_port]", &port_fd_fops, pf,
				  O_RDONLY | O_CLOEXEC);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		port_file_free(pf);
		return PTR_ERR(file);
	}
	atomic_long_inc(&mk_nr_port_fds);
	a.fd = fd;
	if (copy_to_user(uarg, &a, sizeof(a))) {
		put_unused_fd(fd);
		fput(file);		/* releases pf */
		return -EFAULT;
	}
	fd_install(fd, file);
	return 0;
}

void mk_sync_stats_show(struct seq_file *m)
{
	mk_sync_sema_stats(m);
	mk_sync_timer_stats(m);
	seq_printf(m, "port_fds %ld\n", atomic_long_read(&mk_nr_port_fds));
}
