// SPDX-License-Identifier: GPL-2.0
/*
 * icount plugin: counts guest instructions, translation block by
 * translation block, between marks the guest program sets by calling two
 * functions at known addresses.  A QEMU TCG plugin (QEMU 7.2, plugin API
 * version 1).  See Documentation/performance.rst, "Instruction counts".
 *
 * Arguments: start=HEX,stop=HEX (guest virtual addresses of the mark
 * functions), out=FILE.  Every executed start..stop window appends to FILE
 * a line "window N" and, for each block that ran in it, "VADDR NINSNS RUNS".
 *
 * Debian's QEMU does not ship qemu-plugin.h; the few declarations used are
 * written out below, as QEMU documents the API.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
typedef struct {
	const char *target_name;
	struct { int min, cur; } version;
	bool system_emulation;
	union { struct { int smp_vcpus, max_vcpus; } system; };
} qemu_info_t;
struct qemu_plugin_tb;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, qemu_plugin_vcpu_udata_cb_t cb,
					  enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, enum qemu_plugin_op op,
					      void *ptr, uint64_t imm);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);

#define EXPORT __attribute__((visibility("default")))
EXPORT int qemu_plugin_version = 1;

/* One translation of a block; a block translated again gets another. */
struct block {
	uint64_t vaddr, runs;
	size_t ninsns;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct block **blocks;
static size_t nblocks, cap;
static uint64_t *at_start;	/* runs of blocks[i] when the window opened */
static size_t nat_start;
static bool open_window;
static unsigned int windows;
static uint64_t start_va, stop_va;
static const char *out_path;

static void window_start(unsigned int vcpu, void *data)
{
	size_t i;

	pthread_mutex_lock(&lock);
	if (!open_window) {
		free(at_start);
		at_start = malloc((nblocks + 1) * sizeof(*at_start));
		for (i = 0; i < nblocks; i++)
			at_start[i] = blocks[i]->runs;
		nat_start = nblocks;
		open_window = true;
	}
	pthread_mutex_unlock(&lock);
}

static void window_stop(unsigned int vcpu, void *data)
{
	FILE *f;
	size_t i;

	pthread_mutex_lock(&lock);
	if (open_window) {
		open_window = false;
		f = fopen(out_path, windows ? "a" : "w");
		if (f) {
			fprintf(f, "window %u\n", ++windows);
			for (i = 0; i < nblocks; i++) {
				uint64_t runs = blocks[i]->runs -
					(i < nat_start ? at_start[i] : 0);

				if (runs)
					fprintf(f, "%" PRIx64 " %zu %" PRIu64 "\n",
						blocks[i]->vaddr, blocks[i]->ninsns, runs);
			}
			fclose(f);
		}
	}
	pthread_mutex_unlock(&lock);
}

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	struct block *b = calloc(1, sizeof(*b));

	if (!b)
		return;
	b->vaddr = qemu_plugin_tb_vaddr(tb);
	b->ninsns = qemu_plugin_tb_n_insns(tb);
	pthread_mutex_lock(&lock);
	if (nblocks == cap) {
		size_t ncap = cap ? 2 * cap : 1 << 16;
		struct block **n = realloc(blocks, ncap * sizeof(*n));

		if (!n) {
			pthread_mutex_unlock(&lock);
			free(b);
			return;
		}
		blocks = n;
		cap = ncap;
	}
	blocks[nblocks++] = b;
	pthread_mutex_unlock(&lock);
	/* not atomic: the measured programs run on one vCPU */
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &b->runs, 1);
	if (b->vaddr == start_va)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, window_start, QEMU_PLUGIN_CB_NO_REGS, NULL);
	if (b->vaddr == stop_va)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, window_stop, QEMU_PLUGIN_CB_NO_REGS, NULL);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
			       int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "start=", 6))
			start_va = strtoull(argv[i] + 6, NULL, 16);
		else if (!strncmp(argv[i], "stop=", 5))
			stop_va = strtoull(argv[i] + 5, NULL, 16);
		else if (!strncmp(argv[i], "out=", 4))
			out_path = argv[i] + 4;
	}
	if (!start_va || !stop_va || !out_path) {
		fprintf(stderr, "icount: wants start=HEX,stop=HEX,out=FILE\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
	return 0;
}
