/* SPDX-License-Identifier: GPL-2.0 */
/* The C types behind migtest.defs. */
#ifndef MIGTEST_TYPES_H
#define MIGTEST_TYPES_H
#include <stdint.h>
#include <mach/mach_types.h>

typedef int int_pair_t[2];
typedef int *int_list_t;
typedef char *byte_list_t;
typedef uint32_t *word_ool_t;
typedef mach_port_t *port_list_t;
typedef mach_port_t *handler_list_t;
typedef char small_name_t[32];
typedef char var_name_t[64];

#endif
