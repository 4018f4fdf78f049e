/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What XNU's tests take from Darwin's libpthread private header
 * (compat.c): the main thread, and a pthread's Mach thread port for the
 * calling thread and the main thread (the one the tests ask about).
 */
#ifndef LINUX_MACH_APPLE_TESTS_PTHREAD_PRIVATE_H
#define LINUX_MACH_APPLE_TESTS_PTHREAD_PRIVATE_H
#include <pthread.h>
#include <mach/mach_types.h>
pthread_t pthread_main_thread_np(void);
mach_port_t pthread_mach_thread_np(pthread_t thread);
#endif
