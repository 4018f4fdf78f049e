/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Present so that MIG-generated code calls mig_strncpy_zerofill(), which
 * libmach provides (<mach/mig.h>).
 */
#ifndef __MACH_MIG_STRNCPY_ZEROFILL_SUPPORT__
#define __MACH_MIG_STRNCPY_ZEROFILL_SUPPORT__
#endif
