/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Darwin lists its Mach trap numbers here for assembly stubs.  On Linux
 * the Mach calls are ioctls on /dev/mach, not traps: there are no trap
 * numbers to call, and this header declares none.
 */
#ifndef _MACH_SYSCALL_SW_H_
#define _MACH_SYSCALL_SW_H_
#endif
