/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: every IPC object's header at once.  Each object has its own
 * header (port.h, space.h, right.h, pset.h, task.h, thread.h, kmsg.h,
 * mqueue.h, ...) and the locks are in locking.h; new code includes what it
 * uses.  This umbrella remains for the files that still include it.
 */
#ifndef _MACH_IPC_H
#define _MACH_IPC_H

#include "locking.h"
#include "stats.h"
#include "right.h"
#include "port.h"
#include "pset.h"
#include "space.h"
#include "task.h"
#include "suspend.h"
#include "thread.h"
#include "kmsg.h"
#include "mqueue.h"
#include "msg.h"
#include "notify.h"
#include "kobject.h"
#include "exception.h"
#include "netlink.h"
#include "dev.h"

#endif /* _MACH_IPC_H */
