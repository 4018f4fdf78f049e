# SPDX-License-Identifier: GPL-2.0
# mach-fuzz is built from tools/fuzz/*.c (Documentation/testing.rst, "Fuzzing").
FUZZ_SRCS := $(wildcard $(TOP)/tools/fuzz/*.c)
PROGS += $(TOP)/tools/mach-fuzz
all: $(TOP)/tools/mach-fuzz
$(TOP)/tools/mach-fuzz: $(FUZZ_SRCS) $(TOP)/tools/fuzz/fuzz.h $(HDRS) $(TOP)/libmach/libmach.so
	$(CC) $(CFLAGS) -o $@ $(FUZZ_SRCS) $(LDFLAGS) $(LDLIBS)
