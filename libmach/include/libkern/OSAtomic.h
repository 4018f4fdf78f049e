/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <libkern/OSAtomic.h> for Mach programs built on Linux: the old Darwin
 * atomics (deprecated there in favour of <stdatomic.h>, still used by
 * Apple's MPMMtest and older ports), as GCC's __atomic builtins.  The
 * *Barrier forms are sequentially consistent, the others relaxed; Darwin
 * returns the new value from the arithmetic ones, as these do.
 */
#ifndef _LIBMACH_OSATOMIC_H_
#define _LIBMACH_OSATOMIC_H_

#include <stdbool.h>
#include <stdint.h>

#define LIBMACH_OSATOMIC_OP(name, type, op, order)				\
static inline type name(type amount, volatile type *value)		\
{									\
	return __atomic_##op##_fetch(value, amount, order);		\
}

LIBMACH_OSATOMIC_OP(OSAtomicAdd32, int32_t, add, __ATOMIC_RELAXED)
LIBMACH_OSATOMIC_OP(OSAtomicAdd32Barrier, int32_t, add, __ATOMIC_SEQ_CST)
LIBMACH_OSATOMIC_OP(OSAtomicAdd64, int64_t, add, __ATOMIC_RELAXED)
LIBMACH_OSATOMIC_OP(OSAtomicAdd64Barrier, int64_t, add, __ATOMIC_SEQ_CST)
LIBMACH_OSATOMIC_OP(OSAtomicOr32, uint32_t, or, __ATOMIC_RELAXED)
LIBMACH_OSATOMIC_OP(OSAtomicOr32Barrier, uint32_t, or, __ATOMIC_SEQ_CST)
LIBMACH_OSATOMIC_OP(OSAtomicAnd32, uint32_t, and, __ATOMIC_RELAXED)
LIBMACH_OSATOMIC_OP(OSAtomicAnd32Barrier, uint32_t, and, __ATOMIC_SEQ_CST)
LIBMACH_OSATOMIC_OP(OSAtomicXor32, uint32_t, xor, __ATOMIC_RELAXED)
LIBMACH_OSATOMIC_OP(OSAtomicXor32Barrier, uint32_t, xor, __ATOMIC_SEQ_CST)
#undef LIBMACH_OSATOMIC_OP

static inline int32_t OSAtomicIncrement32(volatile int32_t *v)
{
	return OSAtomicAdd32(1, v);
}

static inline int32_t OSAtomicIncrement32Barrier(volatile int32_t *v)
{
	return OSAtomicAdd32Barrier(1, v);
}

static inline int32_t OSAtomicDecrement32(volatile int32_t *v)
{
	return OSAtomicAdd32(-1, v);
}

static inline int32_t OSAtomicDecrement32Barrier(volatile int32_t *v)
{
	return OSAtomicAdd32Barrier(-1, v);
}

static inline int64_t OSAtomicIncrement64(volatile int64_t *v)
{
	return OSAtomicAdd64(1, v);
}

static inline int64_t OSAtomicIncrement64Barrier(volatile int64_t *v)
{
	return OSAtomicAdd64Barrier(1, v);
}

static inline int64_t OSAtomicDecrement64(volatile int64_t *v)
{
	return OSAtomicAdd64(-1, v);
}

static inline int64_t OSAtomicDecrement64Barrier(volatile int64_t *v)
{
	return OSAtomicAdd64Barrier(-1, v);
}

static inline bool OSAtomicCompareAndSwap32(int32_t old, int32_t new_value,
					    volatile int32_t *v)
{
	return __atomic_compare_exchange_n(v, &old, new_value, false,
					   __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

static inline bool OSAtomicCompareAndSwap32Barrier(int32_t old,
						   int32_t new_value,
						   volatile int32_t *v)
{
	return __atomic_compare_exchange_n(v, &old, new_value, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

static inline bool OSAtomicCompareAndSwap64(int64_t old, int64_t new_value,
					    volatile int64_t *v)
{
	return __atomic_compare_exchange_n(v, &old, new_value, false,
					   __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

static inline bool OSAtomicCompareAndSwap64Barrier(int64_t old,
						   int64_t new_value,
						   volatile int64_t *v)
{
	return __atomic_compare_exchange_n(v, &old, new_value, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

static inline bool OSAtomicCompareAndSwapPtr(void *old, void *new_value,
					     void *volatile *v)
{
	return __atomic_compare_exchange_n(v, &old, new_value, false,
					   __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

static inline bool OSAtomicCompareAndSwapPtrBarrier(void *old,
						    void *new_value,
						    void *volatile *v)
{
	return __atomic_compare_exchange_n(v, &old, new_value, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

static inline void OSMemoryBarrier(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

#endif /* _LIBMACH_OSATOMIC_H_ */
