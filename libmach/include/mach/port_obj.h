/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A table from port names to user objects, indexed by MACH_PORT_INDEX.
 * Declared as on Darwin; libmach does not provide port_obj_init or the
 * table (it has never been used outside Apple's own servers).
 */
#ifndef PORT_OBJ_H
#define PORT_OBJ_H

#include <mach/port.h>

struct port_obj_tentry {
	void	*pos_value;
	int	pos_type;
};

#ifdef __cplusplus
extern "C" {
#endif

void port_obj_init(int maxsize);
extern struct port_obj_tentry *port_obj_table;
extern int port_obj_table_size;

#ifdef __cplusplus
}
#endif

#define port_set_obj_value_type(pname, value, type) do {		\
	int ndx;							\
									\
	if (!port_obj_table)						\
		port_obj_init(port_obj_table_size);			\
	ndx = MACH_PORT_INDEX(pname);					\
	port_obj_table[ndx].pos_value = (value);			\
	port_obj_table[ndx].pos_type = (type);				\
} while (0)

#define port_get_obj_value(pname) \
	(port_obj_table[MACH_PORT_INDEX(pname)].pos_value)
#define port_get_obj_type(pname) \
	(port_obj_table[MACH_PORT_INDEX(pname)].pos_type)

#define PORT_OBJ_MAX_SIZE	(16 * 1024)

#endif
