// SPDX-License-Identifier: GPL-2.0
/* Every supported kernel: a cache with a usercopy region is never merged. */
#include <linux/slab.h>

struct kmem_cache *mk_probe(void);
struct kmem_cache *mk_probe(void)
{
	return kmem_cache_create_usercopy("mk_probe", 64, 8, 0, 0, 8, NULL);
}
