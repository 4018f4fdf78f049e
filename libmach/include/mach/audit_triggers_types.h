/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The audit daemon's trigger message (audit_triggers.defs). */
#ifndef _MACH_AUDIT_TRIGGER_TYPES_H_
#define _MACH_AUDIT_TRIGGER_TYPES_H_

typedef char	*string_t;

#endif
