/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/proc.h>: Darwin's process structures.  The Mach tests that include
 * it (read_inspect) use nothing from it.
 */
#ifndef _COMPAT_SYS_PROC_H
#define _COMPAT_SYS_PROC_H
#endif
