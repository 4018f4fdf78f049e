/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's kern_return_t values (<mach/kern_return.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_KERN_RETURN_H
#define _UAPI_LINUX_MACH_KERN_RETURN_H

/*
 * Every return code (here, in message.h and in mig_errors.h) is written
 * __MACH_KR(n): a plain number for userspace; mach.ko defines __MACH_KR
 * first, to give the codes its sparse-checked kern_return_t.
 */
#ifndef __MACH_KR
#define __MACH_KR(x)	(x)
#endif

#define KERN_SUCCESS			__MACH_KR(0)
#define KERN_INVALID_ADDRESS		__MACH_KR(1)
#define KERN_PROTECTION_FAILURE		__MACH_KR(2)
#define KERN_NO_SPACE			__MACH_KR(3)
#define KERN_INVALID_ARGUMENT		__MACH_KR(4)
#define KERN_FAILURE			__MACH_KR(5)
#define KERN_RESOURCE_SHORTAGE		__MACH_KR(6)
#define KERN_NOT_RECEIVER		__MACH_KR(7)
#define KERN_NO_ACCESS			__MACH_KR(8)
#define KERN_MEMORY_FAILURE		__MACH_KR(9)
#define KERN_MEMORY_ERROR		__MACH_KR(10)
#define KERN_ALREADY_IN_SET		__MACH_KR(11)
#define KERN_NOT_IN_SET			__MACH_KR(12)
#define KERN_NAME_EXISTS		__MACH_KR(13)
#define KERN_ABORTED			__MACH_KR(14)
#define KERN_INVALID_NAME		__MACH_KR(15)
#define KERN_INVALID_TASK		__MACH_KR(16)
#define KERN_INVALID_RIGHT		__MACH_KR(17)
#define KERN_INVALID_VALUE		__MACH_KR(18)
#define KERN_UREFS_OVERFLOW		__MACH_KR(19)
#define KERN_INVALID_CAPABILITY		__MACH_KR(20)
#define KERN_RIGHT_EXISTS		__MACH_KR(21)
#define KERN_INVALID_HOST		__MACH_KR(22)
#define KERN_MEMORY_PRESENT		__MACH_KR(23)
#define KERN_MEMORY_DATA_MOVED		__MACH_KR(24)
#define KERN_MEMORY_RESTART_COPY	__MACH_KR(25)
#define KERN_INVALID_PROCESSOR_SET	__MACH_KR(26)
#define KERN_POLICY_LIMIT		__MACH_KR(27)
#define KERN_INVALID_POLICY		__MACH_KR(28)
#define KERN_INVALID_OBJECT		__MACH_KR(29)
#define KERN_ALREADY_WAITING		__MACH_KR(30)
#define KERN_DEFAULT_SET		__MACH_KR(31)
#define KERN_EXCEPTION_PROTECTED	__MACH_KR(32)
#define KERN_INVALID_LEDGER		__MACH_KR(33)
#define KERN_INVALID_MEMORY_CONTROL	__MACH_KR(34)
#define KERN_INVALID_SECURITY		__MACH_KR(35)
#define KERN_NOT_DEPRESSED		__MACH_KR(36)
#define KERN_TERMINATED			__MACH_KR(37)
#define KERN_LOCK_SET_DESTROYED		__MACH_KR(38)
#define KERN_LOCK_UNSTABLE		__MACH_KR(39)
#define KERN_LOCK_OWNED			__MACH_KR(40)
#define KERN_LOCK_OWNED_SELF		__MACH_KR(41)
#define KERN_SEMAPHORE_DESTROYED	__MACH_KR(42)
#define KERN_RPC_SERVER_TERMINATED	__MACH_KR(43)
#define KERN_RPC_TERMINATE_ORPHAN	__MACH_KR(44)
#define KERN_RPC_CONTINUE_ORPHAN	__MACH_KR(45)
#define KERN_NOT_SUPPORTED		__MACH_KR(46)
#define KERN_NODE_DOWN			__MACH_KR(47)
#define KERN_NOT_WAITING		__MACH_KR(48)
#define KERN_OPERATION_TIMED_OUT	__MACH_KR(49)
#define KERN_CODESIGN_ERROR		__MACH_KR(50)
#define KERN_POLICY_STATIC		__MACH_KR(51)
#define KERN_INSUFFICIENT_BUFFER_SIZE	__MACH_KR(52)
#define KERN_DENIED			__MACH_KR(53)
#define KERN_MISSING_KC			__MACH_KR(54)
#define KERN_INVALID_KC			__MACH_KR(55)
#define KERN_NOT_FOUND			__MACH_KR(56)
#define KERN_RETURN_MAX			0x100

#endif /* _UAPI_LINUX_MACH_KERN_RETURN_H */
