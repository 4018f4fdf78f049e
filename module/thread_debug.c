// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: x86_DEBUG_STATE64 and x86_DEBUG_STATE, hardware breakpoints
 * and watchpoints set through thread_set_state.
 *
 * The debug registers belong to the kernel's hw_breakpoint layer, so each
 * enabled DR0-DR3 slot becomes a user hw_breakpoint on the thread
 * (register_user_hw_breakpoint, as ptrace's PTRACE_POKEUSER of the debug
 * registers does); DR7 is checked as XNU's set_debug_state64 checks it
 * (dr7d_is_valid, debug_state_is_valid64).  A hit marks the slot in the
 * thread's virtual DR6, as ptrace's handler does, so that Linux's #DB path
 * sends the SIGTRAP the exception path (exception.c) raises as
 * EXC_BREAKPOINT / EXC_I386_SGL, like XNU's user_trap for T_DEBUG; the
 * slot is also recorded in the DR6 that thread_get_state returns.  The
 * breakpoints are released when the thread port dies (thread exit, task
 * death, module unload).  See Documentation/exceptions.rst.
 */
#include <linux/hw_breakpoint.h>
#include <linux/lockdep.h>
#include <linux/perf_event.h>
#include <linux/slab.h>
#include <asm/debugreg.h>
#include "exception.h"
#include "locking.h"
#include "thread.h"

#define X86_DEBUG_STATE32	10
#define X86_DEBUG_STATE64	11
#define X86_DEBUG_STATE		12
#define X86_DEBUG_STATE64_COUNT	16	/* dr0 ... dr7, 64 bits each */
#define X86_DEBUG_STATE_COUNT	18	/* x86_state_hdr_t, then the union */

/* osfmk/mach/i386/vm_param.h: the highest user page address, excluded */
#define MK_VM_MAX_PAGE_ADDRESS	0x00007fffffe00000ull

struct mk_thread_debug {
	u64 dr[8];			/* as set (dr7 as XNU fixes it) */
	struct perf_event *bp[4];	/* the enabled or disabled slots */
};

bool mk_thread_debug_flavor(s32 flavor)
{
	return flavor >= X86_DEBUG_STATE32 && flavor <= X86_DEBUG_STATE;
}

#ifdef CONFIG_HAVE_HW_BREAKPOINT
/* In the #DB handler, in the thread that hit: one of our slots fired. */
static void mk_dbg_triggered(struct perf_event *bp,
			     struct perf_sample_data *data,
			     struct pt_regs *regs)
{
	struct mk_thread_debug *d = bp->overflow_handler_context;
	int i;

	for (i = 0; i < 4; i++) {
		if (READ_ONCE(d->bp[i]) != bp)
			continue;
		/* what XNU's user_trap stores: the hardware's DR6 */
		WRITE_ONCE(d->dr[6], DR6_RESERVED | (DR_TRAP0 << i));
		/* and what makes Linux send SIGTRAP (ptrace_triggered) */
		current->thread.virtual_dr6 |= DR_TRAP0 << i;
	}
}

/*
 * XNU's dr7d_is_valid and debug_state_is_valid64: fixed bits forced, no
 * global enables, no I/O breakpoints (CR4.DE is clear on Linux as on
 * XNU's usual configuration), no length for an execution breakpoint, no
 * enabled address at or above VM_MAX_PAGE_ADDRESS; the upper half of DR7
 * cleared.
 */
static bool dbg_valid(u64 *ds)
{
	u32 dr7 = ds[7];
	int i;

	for (i = 0; i < 4; i++) {
		u32 rw = (dr7 >> (16 + 4 * i)) & 3;
		u32 len = (dr7 >> (18 + 4 * i)) & 3;

		if (rw == 2 || (rw == 0 && len != 0))
			return false;
	}
	dr7 |= BIT(10);
	dr7 &= ~(BIT(11) | BIT(12) | BIT(14) | BIT(15));
	if (dr7 & (BIT(1) | BIT(3) | BIT(5) | BIT(7)))
		return false;
	for (i = 0; i < 4; i++)
		if ((dr7 & BIT(2 * i)) && ds[i] >= MK_VM_MAX_PAGE_ADDRESS)
			return false;
	ds[7] = dr7;
	return true;
}

/* DR7's type and length of slot @i as a perf breakpoint attribute */
static void dbg_attr(struct perf_event_attr *attr, u64 addr, u32 dr7, int i)
{
	static const u8 lens[4] = {
		HW_BREAKPOINT_LEN_1, HW_BREAKPOINT_LEN_2,
		HW_BREAKPOINT_LEN_8, HW_BREAKPOINT_LEN_4,
	};
	u32 rw = (dr7 >> (16 + 4 * i)) & 3;

	hw_breakpoint_init(attr);
	attr->exclude_kernel = 1;
	attr->bp_addr = addr;
	if (rw == 0) {
		attr->bp_type = HW_BREAKPOINT_X;
		attr->bp_len = sizeof(long);
	} else {
		attr->bp_type = rw == 1 ? HW_BREAKPOINT_W : HW_BREAKPOINT_RW;
		attr->bp_len = lens[(dr7 >> (18 + 4 * i)) & 3];
	}
	attr->disabled = !(dr7 & BIT(2 * i));
}

static kern_return_t dbg_errno(long err)
{
	if (err == -ENOSPC || err == -EBUSY)
		return KERN_NO_SPACE;		/* slots taken (ptrace, perf) */
	if (err == -ENOMEM)
		return KERN_RESOURCE_SHORTAGE;
	return KERN_INVALID_ARGUMENT;		/* misaligned, ... */
}

/* Apply the validated state @ds to @t's breakpoints.  mk_lock held. */
static kern_return_t dbg_apply(struct mk_thread_debug *d, struct task_struct *t,
			       const u64 *ds)
{
	struct perf_event_attr attr;
	struct perf_event *bp;
	u32 dr7 = ds[7];
	int i, err;

	lockdep_assert_held(&mk_lock);
	for (i = 0; i < 4; i++) {
		bool on = dr7 & BIT(2 * i);

		if (!on && !d->bp[i])
			continue;
		if (!on) {
			/* keep the slot, disabled, as ptrace does */
			attr = d->bp[i]->attr;
			attr.disabled = 1;
		} else {
			dbg_attr(&attr, ds[i], dr7, i);
		}
		if (d->bp[i]) {
			err = modify_user_hw_breakpoint(d->bp[i], &attr);
			if (err)
				return dbg_errno(err);
			continue;
		}
		bp = register_user_hw_breakpoint(&attr, mk_dbg_triggered, d, t);
		if (IS_ERR(bp))
			return dbg_errno(PTR_ERR(bp));
		WRITE_ONCE(d->bp[i], bp);
	}
	return KERN_SUCCESS;
}

/*
 * thread_set_state for the debug flavors (XNU's machine_thread_set_state:
 * x86_DEBUG_STATE32 is refused for a 64-bit thread; x86_DEBUG_STATE needs
 * its exact count and a 64-bit header).  mk_lock held.
 */
kern_return_t mk_thread_debug_set(struct mk_thread *thr, struct task_struct *t,
				  s32 flavor, const u32 *state, u32 count)
{
	u64 ds[8];
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (flavor == X86_DEBUG_STATE) {
		if (count != X86_DEBUG_STATE_COUNT ||
		    state[0] != X86_DEBUG_STATE64 ||
		    state[1] != X86_DEBUG_STATE64_COUNT)
			return KERN_INVALID_ARGUMENT;
		state += 2;
		count -= 2;
	} else if (flavor != X86_DEBUG_STATE64) {
		return KERN_INVALID_ARGUMENT;
	}
	if (count < X86_DEBUG_STATE64_COUNT)
		return KERN_INVALID_ARGUMENT;
	memcpy(ds, state, sizeof(ds));
	if (!dbg_valid(ds))
		return KERN_INVALID_ARGUMENT;
	if (!thr->dbg) {
		thr->dbg = kzalloc(sizeof(*thr->dbg), GFP_KERNEL_ACCOUNT);
		if (!thr->dbg)
			return KERN_RESOURCE_SHORTAGE;
	}
	kr = dbg_apply(thr->dbg, t, ds);
	if (kr)
		return kr;
	/* copy_debug_state64(..., FALSE): dr0-dr3, dr6, dr7 */
	memcpy(thr->dbg->dr, ds, 4 * sizeof(u64));
	WRITE_ONCE(thr->dbg->dr[6], ds[6]);
	thr->dbg->dr[7] = ds[7];
	return KERN_SUCCESS;
}

/*
 * Release the thread's breakpoints (its port died).  mk_lock held when
 * there are any (mk_threads_free() finds none left, with no lock).
 */
void mk_thread_debug_free(struct mk_thread *thr)
{
	struct mk_thread_debug *d = thr->dbg;
	int i;

	if (!d)
		return;
	lockdep_assert_held(&mk_lock);	/* a live thread's: thread_kill() */
	thr->dbg = NULL;
	for (i = 0; i < 4; i++)
		if (d->bp[i])
			unregister_hw_breakpoint(d->bp[i]);
	kfree(d);
}
#else
kern_return_t mk_thread_debug_set(struct mk_thread *thr, struct task_struct *t,
				  s32 flavor, const u32 *state, u32 count)
{
	return KERN_INVALID_ARGUMENT;
}

void mk_thread_debug_free(struct mk_thread *thr)
{
}
#endif

/*
 * thread_get_state for the debug flavors: what was set, with the DR6 of
 * the last hit; zeros for a thread that never set any (get_debug_state64).
 * Fills @s, returns the word count, or -1 (KERN_INVALID_ARGUMENT: a short
 * count, or the 32-bit flavor of a 64-bit thread).
 */
int mk_thread_debug_get(struct mk_thread *thr, s32 flavor, u32 count, u32 *s)
{
	u64 ds[8] = { 0 };

	lockdep_assert_held(&mk_lock);
	if (thr->dbg) {
		memcpy(ds, thr->dbg->dr, sizeof(ds));
		ds[6] = READ_ONCE(thr->dbg->dr[6]);
	}
	if (flavor == X86_DEBUG_STATE64) {
		if (count < X86_DEBUG_STATE64_COUNT)
			return -1;
		memcpy(s, ds, sizeof(ds));
		return X86_DEBUG_STATE64_COUNT;
	}
	if (flavor != X86_DEBUG_STATE || count < X86_DEBUG_STATE_COUNT)
		return -1;
	s[0] = X86_DEBUG_STATE64;
	s[1] = X86_DEBUG_STATE64_COUNT;
	memcpy(s + 2, ds, sizeof(ds));
	return X86_DEBUG_STATE_COUNT;
}
