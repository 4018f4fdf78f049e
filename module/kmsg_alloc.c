// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: message memory.
 *
 * Messages up to a page are carved from per-CPU blocks of pages this file
 * owns, as the network stack carves packet buffers: a bump of an offset in
 * a 32 KiB compound page to allocate, one atomic decrement of the page's
 * reference count to free.  A queue of one-way messages fills blocks in
 * order, and a block whose messages have all been freed by the time the
 * CPU wants a new one is reused in place, so an RPC's requests and replies
 * cycle through one block without the page allocator (or the zeroing
 * init_on_alloc does on every slab object).  A block is charged to the
 * memory cgroup of the sender that filled it and lives until its last
 * message is freed.  Larger messages, or any when no block can be had
 * without sleeping, come from kvmalloc.
 *
 * This used the kernel's page_frag_cache until its fields and functions
 * changed (Linux 6.10 to 7.x); it now uses only the folio API, which every
 * supported kernel has (Documentation/portability.rst).
 *
 * Reference counting: a new block's count is raised to MK_BLOCK_BIAS and
 * the CPU remembers how many of those references it still holds (@bias);
 * handing out a message gives one away without an atomic, freeing a
 * message drops one with folio_put().  When the CPU moves on it returns
 * the references it still holds but one: a count of one then means every
 * message was freed, and the block is reused; else the block becomes the
 * CPU's spare, reused in its turn once its messages are gone (one
 * reference held, so a spare whose messages are freed is not freed with
 * them: a steady stream cycles through two blocks).
 */
#include <linux/gfp.h>
#include <linux/local_lock.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include "kmsg.h"
#include "kmsg_alloc.h"
#include "stats.h"

#define MK_BLOCK_ORDER	get_order(SZ_32K)
#define MK_KMSG_FRAG_MAX	PAGE_SIZE	/* larger ones: kvmalloc */
/* more than the messages a block can hold (each is a cache line or more) */
#define MK_BLOCK_BIAS	((PAGE_SIZE << MK_BLOCK_ORDER) / SMP_CACHE_BYTES + 1)

struct mk_kmsg_block {
	local_lock_t lock;
	struct folio *folio;	/* NULL: none yet */
	struct folio *spare;	/* the block before, one reference held */
	unsigned int offset;	/* of the next message */
	unsigned int bias;	/* references this CPU still holds */
};

static DEFINE_PER_CPU(struct mk_kmsg_block, mk_kmsg_blocks) = {
	.lock = INIT_LOCAL_LOCK(lock),
};

/* Context: the CPU's block lock; no sleeping. */
static struct folio *block_new(struct mk_kmsg_block *b)
{
	const gfp_t gfp = GFP_NOWAIT | __GFP_NOWARN | __GFP_ACCOUNT;
	struct folio *folio;

	folio = folio_alloc(gfp | __GFP_NORETRY, MK_BLOCK_ORDER);
	if (!folio)
		folio = folio_alloc(gfp, 0);
	if (!folio)
		return NULL;
	folio_ref_add(folio, MK_BLOCK_BIAS - 1);
	return folio;
}

/*
 * The CPU is done carving @b->folio, of which it holds one reference
 * still: keep it as the spare, so that it is not freed when its last
 * message is, and let the spare it replaces go.  Context: the CPU's block
 * lock.
 */
static void block_retire(struct mk_kmsg_block *b)
{
	if (b->spare)
		folio_put(b->spare);
	b->spare = b->folio;
	b->folio = NULL;
}

/*
 * A block to carve from: the spare if every message in it has been freed
 * (only the reference block_retire kept is left, and nothing takes new
 * ones to a retired block), else a new one.  A stream whose messages in
 * flight fit in one block alternates between two blocks without the page
 * allocator (and without the zeroing init_on_alloc does on every page).
 * Context: the CPU's block lock; no sleeping.
 */
static struct folio *block_next(struct mk_kmsg_block *b)
{
	struct folio *folio = b->spare;

	if (folio && folio_ref_count(folio) == 1) {
		b->spare = NULL;
		folio_set_count(folio, MK_BLOCK_BIAS);
	} else {
		folio = block_new(b);
	}
	if (b->folio)
		block_retire(b);
	return folio;
}

/* Context: the CPU's block lock.  A message of @size bytes, or NULL. */
static void *block_carve(struct mk_kmsg_block *b, unsigned int size)
{
	struct folio *folio = b->folio;

	if (unlikely(!folio || b->offset + size > folio_size(folio))) {
		/* give back the references but one: is that one all left? */
		if (folio && folio_ref_sub_return(folio, b->bias - 1) == 1) {
			/* every message freed: reuse it in place */
			folio_set_count(folio, MK_BLOCK_BIAS);
		} else {
			folio = block_next(b);
			b->folio = folio;
			if (!folio)
				return NULL;
		}
		b->offset = 0;
		b->bias = MK_BLOCK_BIAS;
		if (size > folio_size(folio))
			return NULL;	/* an order-0 fallback, a large message */
	}
	b->offset += size;
	b->bias--;
	return folio_address(folio) + b->offset - size;
}

/* @zero: all of it (kernel-made messages), else the struct only */
struct mk_kmsg *mk_kmsg_get(size_t bytes, bool zero)
{
	struct mk_kmsg *kmsg = NULL;
	bool frag = bytes <= MK_KMSG_FRAG_MAX;

	if (frag) {
		local_lock(&mk_kmsg_blocks.lock);
		kmsg = block_carve(this_cpu_ptr(&mk_kmsg_blocks),
				   ALIGN(bytes, SMP_CACHE_BYTES));
		local_unlock(&mk_kmsg_blocks.lock);
	}
	if (!kmsg) {
		/* charged to the sender's memory cgroup, like pipe buffers */
		frag = false;
		kmsg = kvmalloc(bytes, GFP_KERNEL_ACCOUNT);
		if (!kmsg)
			return NULL;
	}
	if (zero)
		memset(kmsg, 0, bytes);
	else
		memset(kmsg, 0, sizeof(*kmsg));	/* inlined: a constant size */
	kmsg->frag = frag;
	atomic_long_inc(&mk_stats.kmsgs);
	return kmsg;
}

void mk_kmsg_put(struct mk_kmsg *kmsg)
{
	atomic_long_dec(&mk_stats.kmsgs);
	if (kmsg->frag)
		folio_put(virt_to_folio(kmsg));
	else
		kvfree(kmsg);
}

/* Context: module exit, no message left anywhere. */
void mk_msg_exit(void)
{
	long left = atomic_long_read(&mk_stats.kmsgs);
	struct mk_kmsg_block *b;
	int cpu;

	/*
	 * kmem_cache_destroy() reports leaked ports and entries, kmemleak
	 * leaked kmalloc memory; a message leaked in a block would only
	 * keep its pages, silently.
	 */
	WARN(left, "mach: %ld messages never freed\n", left);
	for_each_possible_cpu(cpu) {
		b = per_cpu_ptr(&mk_kmsg_blocks, cpu);
		if (b->spare)		/* one reference, its messages all freed */
			folio_put(b->spare);
		b->spare = NULL;
		if (!b->folio)
			continue;
		/* the CPU's references but one, then that one */
		folio_ref_sub(b->folio, b->bias - 1);
		folio_put(b->folio);
		b->folio = NULL;
	}
}
