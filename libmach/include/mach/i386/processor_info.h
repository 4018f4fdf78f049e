/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* x86 has no machine-specific processor_info flavors. */
#ifndef _MACH_I386_PROCESSOR_INFO_H_
#define _MACH_I386_PROCESSOR_INFO_H_
#endif
