/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <AvailabilityMacros.h> for Mach programs built on Linux: Apple's SDK
 * header marks declarations with the macOS versions that have them.
 * libmach has no versions to compare, so every availability and
 * deprecation marker is empty and the version numbers say "current".
 * Mach sources include it first (Apple's MPMMtest does).
 */
#ifndef _LIBMACH_AVAILABILITYMACROS_H_
#define _LIBMACH_AVAILABILITYMACROS_H_

#define MAC_OS_X_VERSION_10_0	1000
#define MAC_OS_X_VERSION_10_5	1050
#define MAC_OS_X_VERSION_10_6	1060
#define MAC_OS_X_VERSION_10_7	1070
#define MAC_OS_X_VERSION_10_8	1080
#define MAC_OS_X_VERSION_10_9	1090
#define MAC_OS_X_VERSION_10_10	101000
#define MAC_OS_X_VERSION_10_12	101200
#define MAC_OS_X_VERSION_10_15	101500
#define MAC_OS_VERSION_11_0	110000
#define MAC_OS_VERSION_12_0	120000
#define MAC_OS_VERSION_13_0	130000
#define MAC_OS_VERSION_14_0	140000

#ifndef MAC_OS_X_VERSION_MIN_REQUIRED
#define MAC_OS_X_VERSION_MIN_REQUIRED	MAC_OS_X_VERSION_10_15
#endif
#ifndef MAC_OS_X_VERSION_MAX_ALLOWED
#define MAC_OS_X_VERSION_MAX_ALLOWED	MAC_OS_VERSION_14_0
#endif

#define WEAK_IMPORT_ATTRIBUTE	__attribute__((weak))
#define DEPRECATED_ATTRIBUTE
#define DEPRECATED_MSG_ATTRIBUTE(s)
#define UNAVAILABLE_ATTRIBUTE

/* AVAILABLE_MAC_OS_X_VERSION_10_5_AND_LATER and the like: nothing */
#define AVAILABLE_MAC_OS_X_VERSION_10_0_AND_LATER
#define AVAILABLE_MAC_OS_X_VERSION_10_5_AND_LATER
#define AVAILABLE_MAC_OS_X_VERSION_10_6_AND_LATER
#define AVAILABLE_MAC_OS_X_VERSION_10_7_AND_LATER
#define AVAILABLE_MAC_OS_X_VERSION_10_8_AND_LATER
#define AVAILABLE_MAC_OS_X_VERSION_10_9_AND_LATER
#define AVAILABLE_MAC_OS_X_VERSION_10_10_AND_LATER
#define AVAILABLE_MAC_OS_X_VERSION_10_12_AND_LATER
#define DEPRECATED_IN_MAC_OS_X_VERSION_10_5_AND_LATER
#define DEPRECATED_IN_MAC_OS_X_VERSION_10_12_AND_LATER

#endif /* _LIBMACH_AVAILABILITYMACROS_H_ */
