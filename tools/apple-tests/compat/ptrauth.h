/* SPDX-License-Identifier: GPL-2.0 */
/* Pointer authentication is arm64e only: on x86-64 pointers are plain. */
#ifndef LINUX_MACH_APPLE_TESTS_PTRAUTH_H
#define LINUX_MACH_APPLE_TESTS_PTRAUTH_H
typedef enum {
	ptrauth_key_asia, ptrauth_key_asib, ptrauth_key_asda, ptrauth_key_asdb,
	ptrauth_key_function_pointer = ptrauth_key_asia,
	ptrauth_key_return_address = ptrauth_key_asib,
	ptrauth_key_process_independent_code = ptrauth_key_asia,
	ptrauth_key_process_dependent_code = ptrauth_key_asib,
} ptrauth_key;
#define ptrauth_strip(value, key)			(value)
#define ptrauth_sign_unauthenticated(value, key, data)	(value)
#define ptrauth_auth_data(value, key, data)		(value)
#define ptrauth_blend_discriminator(p, d)		((uintptr_t)(d))
#define ptrauth_string_discriminator(s)			0
#endif
