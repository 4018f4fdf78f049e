/* SPDX-License-Identifier: GPL-2.0 */
/* The target a test is built for: here, like macOS on x86-64. */
#ifndef LINUX_MACH_APPLE_TESTS_TARGETCONDITIONALS_H
#define LINUX_MACH_APPLE_TESTS_TARGETCONDITIONALS_H
#define TARGET_OS_MAC		1
#define TARGET_OS_OSX		1
#define TARGET_OS_IPHONE	0
#define TARGET_OS_IOS		0
#define TARGET_OS_TV		0
#define TARGET_OS_WATCH		0
#define TARGET_OS_BRIDGE	0
#define TARGET_OS_SIMULATOR	0
#define TARGET_OS_EMBEDDED	0
#define TARGET_CPU_X86_64	1
#define TARGET_CPU_ARM64	0
#define TARGET_RT_64_BIT	1
#endif
