# SPDX-License-Identifier: GPL-2.0
# tools/examples/*.c: small programs that show one libmach interface each,
# built with the tools (not installed).
EXAMPLES := $(patsubst %.c,%,$(wildcard $(TOP)/tools/examples/*.c))

all: $(EXAMPLES)

$(TOP)/tools/examples/%: $(TOP)/tools/examples/%.c $(HDRS) $(TOP)/libmach/libmach.so
	$(CC) $(CFLAGS) -o $@ $< $(LDFLAGS) $(LDLIBS)

clean: clean-examples
clean-examples:
	rm -f $(EXAMPLES)

.PHONY: clean-examples
