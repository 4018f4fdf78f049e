// SPDX-License-Identifier: GPL-2.0
/* 7.x: shmem_file_setup() takes a vma_flags_t, no longer an unsigned long. */
#include <linux/shmem_fs.h>

struct file *mk_probe(void);
struct file *mk_probe(void)
{
	return shmem_file_setup("probe", 4096, EMPTY_VMA_FLAGS);
}
