/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mig: a Mach Interface Generator for Apple's .defs language, emitting
 * XNU-format (untyped, NDR-labelled) messages.  The parse tree.
 */
#ifndef MIG_H
#define MIG_H

#include <stdio.h>

/* MACH_MSG_TYPE_* values the .defs language names (XNU's message.h). */
#define MT_BOOLEAN	0
#define MT_INTEGER_16	1
#define MT_INTEGER_32	2
#define MT_CHAR		8
#define MT_BYTE		9
#define MT_REAL		10
#define MT_INTEGER_64	11
#define MT_STRING	12
#define MT_PORT_NAME	15
#define MT_MOVE_RECEIVE	16
#define MT_MOVE_SEND	17
#define MT_MOVE_SEND_ONCE 18
#define MT_COPY_SEND	19
#define MT_MAKE_SEND	20
#define MT_MAKE_SEND_ONCE 21
#define MT_COPY_RECEIVE	22
#define MT_DISPOSE_RECEIVE 24
#define MT_DISPOSE_SEND	25
#define MT_DISPOSE_SEND_ONCE 26
#define MT_POLYMORPHIC	(-1)

enum tkind {
	TK_SCALAR,	/* an inline integer of size bytes */
	TK_PORT,	/* a port right: a port descriptor */
	TK_ARRAY,	/* array of elem: fixed, bounded or unbounded; maybe OOL */
	TK_STRUCT,	/* struct[n] of elem: an opaque fixed block */
	TK_CSTRING,	/* c_string[n] or c_string[*:n] */
};

struct mtype {
	char *name;		/* NULL for an anonymous type */
	enum tkind kind;
	int msgt;		/* MACH_MSG_TYPE_*, ports and scalars */
	int size;		/* scalar: bytes; struct: total bytes */
	struct mtype *elem;	/* array, struct */
	int n;			/* fixed count, or the bound */
	int variable;		/* array[] / array[*:n] / c_string[*:n] */
	int bounded;		/* has a maximum (n) */
	int ool;		/* sent out of line */
	int sendpoly;		/* MACH_MSG_TYPE_PORT_*: the sender names the disposition */
	char *ctype, *cusertype, *cservertype;
	char *intran_type, *intran_fn, *outtran_type, *outtran_fn;
	char *destructor_fn;
	int line;
};

enum akind {
	AK_IN, AK_OUT, AK_INOUT,
	AK_REQUESTPORT, AK_REPLYPORT, AK_SREPLYPORT, AK_UREPLYPORT,
	AK_WAITTIME, AK_MSGOPTION, AK_MSGSEQNO,
	AK_AUDITTOKEN, AK_SECTOKEN, AK_CONTEXT,
};

#define AF_DEALLOC	0x01
#define AF_NOTDEALLOC	0x02
#define AF_SERVERCOPY	0x04
#define AF_COUNTINOUT	0x08
#define AF_SAMECOUNT	0x10
#define AF_RETCODE	0x20
#define AF_CONST	0x40
#define AF_PHYSCOPY	0x80
#define AF_OVERWRITE	0x100

struct arg {
	char *name;
	enum akind kind;
	int explicit_kind;
	struct mtype *type;
	int flags;
	struct arg *countof;	/* SameCount: the array whose count this one shares */
	struct arg *next;
	int line;
};

struct routine {
	char *name;		/* NULL: a skipped id */
	int simple;
	struct arg *args;
	int id;
	struct routine *next;
	int line;
};

struct import {
	int which;		/* 0 both, 'u' user, 's' server */
	char *text;		/* "<x.h>" or "\"x.h\"" as written */
	struct import *next;
};

struct subsystem {
	char *name;
	int base;
	int kernel_user, kernel_server;
	char *userprefix, *serverprefix, *serverdemux;
	char *waittime;
	char *msgoption;
	struct routine *routines, **rtail;
	int nroutines;
	struct import *imports, **itail;
};

extern struct subsystem sub;
extern const char *cur_file;
extern int cur_line;
extern int errors;

void err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xstrdup(const char *s);
void *xcalloc(size_t n, size_t sz);

struct mtype *type_lookup(const char *name);
void type_define(struct mtype *t);
struct mtype *type_builtin(const char *name);
void types_init(void);

struct opts {
	const char *user, *server, *header, *sheader, *iheader, *dheader;
	int maxonstack;
	int split, novouchers;
};
void generate(const struct opts *o);

int yylex(void);
int yyparse(void);
extern FILE *yyin;

#endif
