/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * DTrace statically defined probes.  Linux has no DTrace; the probe
 * macros expand to nothing so code that places probes still builds.
 */
#ifndef _MACH_SDT_H_
#define _MACH_SDT_H_

#define DTRACE_PROBE(provider, name)				do { } while (0)
#define DTRACE_PROBE1(provider, name, a1)			do { (void)(a1); } while (0)
#define DTRACE_PROBE2(provider, name, a1, a2) \
	do { (void)(a1); (void)(a2); } while (0)
#define DTRACE_PROBE3(provider, name, a1, a2, a3) \
	do { (void)(a1); (void)(a2); (void)(a3); } while (0)
#define DTRACE_PROBE4(provider, name, a1, a2, a3, a4) \
	do { (void)(a1); (void)(a2); (void)(a3); (void)(a4); } while (0)

#endif
