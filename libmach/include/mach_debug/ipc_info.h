/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The IPC debugging records of Darwin's <mach_debug/ipc_info.h>, field for
 * field (every field a natural_t).  mach_port_space_info fills the space
 * and name records (Documentation/ports.rst); iin_object and
 * iip_port_object are the low 32 bits of the port's id, never an address.
 */
#ifndef _MACH_DEBUG_IPC_INFO_H_
#define _MACH_DEBUG_IPC_INFO_H_

#include <mach/boolean.h>
#include <mach/port.h>
#include <mach/machine/vm_types.h>

typedef struct ipc_info_space {
	natural_t iis_genno_mask;	/* generation bits of a name: 0xff */
	natural_t iis_table_size;	/* slots in the table */
	natural_t iis_table_next;	/* slots after the next new name */
	natural_t iis_tree_size;	/* unused: 0 */
	natural_t iis_tree_small;	/* unused: 0 */
	natural_t iis_tree_hash;	/* unused: 0 */
} ipc_info_space_t;

typedef struct ipc_info_space_basic {
	natural_t iisb_genno_mask;
	natural_t iisb_table_size;
	natural_t iisb_table_next;
	natural_t iisb_table_inuse;
	natural_t iisb_reserved[2];
} ipc_info_space_basic_t;

typedef struct ipc_info_name {
	mach_port_name_t iin_name;	/* index and generation */
	integer_t iin_collision;	/* 0 */
	mach_port_type_t iin_type;	/* MACH_PORT_TYPE_* bits */
	mach_port_urefs_t iin_urefs;
	natural_t iin_object;		/* the port's identifier, or 0 */
	natural_t iin_next;		/* free slot: next free index */
	natural_t iin_hash;		/* 0 */
} ipc_info_name_t;

typedef ipc_info_name_t *ipc_info_name_array_t;

/* the splay tree is gone from XNU: never filled */
typedef struct ipc_info_tree_name {
	ipc_info_name_t iitn_name;
	mach_port_name_t iitn_lchild;
	mach_port_name_t iitn_rchild;
} ipc_info_tree_name_t;

typedef ipc_info_tree_name_t *ipc_info_tree_name_array_t;

/* also declared by <mach/exception_types.h>, under the same guard */
#ifndef _MACH_IPC_INFO_PORT_T_
#define _MACH_IPC_INFO_PORT_T_
typedef struct ipc_info_port {
	natural_t iip_port_object;
	natural_t iip_receiver_object;
} ipc_info_port_t;
typedef ipc_info_port_t *exception_handler_info_array_t;
#endif

#endif /* _MACH_DEBUG_IPC_INFO_H_ */
