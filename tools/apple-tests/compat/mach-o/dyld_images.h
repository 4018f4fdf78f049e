/* SPDX-License-Identifier: GPL-2.0 */
/* dyld's image list (TASK_DYLD_INFO points at it on Darwin); nothing here. */
#ifndef LINUX_MACH_APPLE_TESTS_MACH_O_DYLD_IMAGES_H
#define LINUX_MACH_APPLE_TESTS_MACH_O_DYLD_IMAGES_H
#endif
