// SPDX-License-Identifier: GPL-2.0
/*
 * mig: command line (Apple's), the C preprocessor run, the type table.
 *
 *   mig [-user FILE] [-server FILE] [-header FILE] [-sheader FILE]
 *       [-iheader FILE] [-dheader FILE] [-I DIR] [-D NAME[=V]] [-U NAME]
 *       [-maxonstack N] [-split] [-novouchers] FILE.defs
 *
 * The .defs file goes through "$MIGCC -E" (default cc) with the -I/-D/-U
 * options and the installed defs directory last on the include path, as
 * Apple's mig script runs clang -E; migcom's output names default to
 * <subsystem>User.c, <subsystem>Server.c and <subsystem>.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/wait.h>
#include "mig.h"

#ifndef MIG_DEFSDIR
#define MIG_DEFSDIR "/usr/local/include/libmach"
#endif

struct subsystem sub = { .rtail = &sub.routines, .itail = &sub.imports };
const char *cur_file = "<stdin>";
int cur_line = 1;
int errors;

void err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: ", cur_file, cur_line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	errors++;
}

void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n, sz);

	if (!p) {
		perror("mig");
		exit(1);
	}
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p) {
		perror("mig");
		exit(1);
	}
	return p;
}

/* ---- types ---- */

struct tent {
	struct mtype *t;
	struct tent *next;
};
static struct tent *types;

struct mtype *type_lookup(const char *name)
{
	for (struct tent *e = types; e; e = e->next)
		if (!strcmp(e->t->name, name))
			return e->t;
	return type_builtin(name);
}

void type_define(struct mtype *t)
{
	struct tent *e = xcalloc(1, sizeof(*e));

	e->t = t;
	e->next = types;
	types = e;
}

static const struct {
	const char *name;
	enum tkind kind;
	int msgt, size;
	const char *ctype;
} builtins[] = {
	{ "MACH_MSG_TYPE_BIT", TK_SCALAR, MT_BOOLEAN, 4, "unsigned int" },
	{ "MACH_MSG_TYPE_BOOLEAN", TK_SCALAR, MT_BOOLEAN, 4, "boolean_t" },
	{ "MACH_MSG_TYPE_INTEGER_8", TK_SCALAR, MT_BYTE, 1, "int8_t" },
	{ "MACH_MSG_TYPE_INTEGER_16", TK_SCALAR, MT_INTEGER_16, 2, "short" },
	{ "MACH_MSG_TYPE_INTEGER_32", TK_SCALAR, MT_INTEGER_32, 4, "int" },
	{ "MACH_MSG_TYPE_INTEGER_64", TK_SCALAR, MT_INTEGER_64, 8, "int64_t" },
	{ "MACH_MSG_TYPE_CHAR", TK_SCALAR, MT_CHAR, 1, "char" },
	{ "MACH_MSG_TYPE_BYTE", TK_SCALAR, MT_BYTE, 1, "char" },
	{ "MACH_MSG_TYPE_UNSTRUCTURED", TK_SCALAR, MT_BYTE, 1, "char" },
	{ "MACH_MSG_TYPE_REAL", TK_SCALAR, MT_REAL, 4, "float" },
	{ "MACH_MSG_TYPE_REAL_32", TK_SCALAR, MT_REAL, 4, "float" },
	{ "MACH_MSG_TYPE_REAL_64", TK_SCALAR, MT_REAL, 8, "double" },
	{ "MACH_MSG_TYPE_PORT_NAME", TK_SCALAR, MT_PORT_NAME, 4, "mach_port_name_t" },
	{ "MACH_MSG_TYPE_MOVE_RECEIVE", TK_PORT, MT_MOVE_RECEIVE, 4, "mach_port_t" },
	{ "MACH_MSG_TYPE_MOVE_SEND", TK_PORT, MT_MOVE_SEND, 4, "mach_port_t" },
	{ "MACH_MSG_TYPE_MOVE_SEND_ONCE", TK_PORT, MT_MOVE_SEND_ONCE, 4, "mach_port_t" },
	{ "MACH_MSG_TYPE_COPY_SEND", TK_PORT, MT_COPY_SEND, 4, "mach_port_t" },
	{ "MACH_MSG_TYPE_MAKE_SEND", TK_PORT, MT_MAKE_SEND, 4, "mach_port_t" },
	{ "MACH_MSG_TYPE_MAKE_SEND_ONCE", TK_PORT, MT_MAKE_SEND_ONCE, 4, "mach_port_t" },
	{ "MACH_MSG_TYPE_COPY_RECEIVE", TK_PORT, MT_COPY_RECEIVE, 4, "mach_port_t" },
	{ "MACH_MSG_TYPE_PORT_RECEIVE", TK_PORT, MT_MOVE_RECEIVE, 4, "mach_port_t" },
	{ "MACH_MSG_TYPE_PORT_SEND", TK_PORT, MT_MOVE_SEND, 4, "mach_port_t" },
	{ "MACH_MSG_TYPE_PORT_SEND_ONCE", TK_PORT, MT_MOVE_SEND_ONCE, 4, "mach_port_t" },
	{ "MACH_MSG_TYPE_POLYMORPHIC", TK_PORT, MT_POLYMORPHIC, 4, "mach_port_t" },
};

struct mtype *type_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++) {
		if (strcmp(builtins[i].name, name))
			continue;
		struct mtype *t = xcalloc(1, sizeof(*t));

		t->kind = builtins[i].kind;
		t->msgt = builtins[i].msgt;
		t->size = builtins[i].size;
		t->ctype = xstrdup(builtins[i].ctype);
		t->sendpoly = !strncmp(name, "MACH_MSG_TYPE_PORT_", 19) &&
			      strcmp(name, "MACH_MSG_TYPE_PORT_NAME");
		return t;
	}
	return NULL;
}

/* ---- command line ---- */

static void usage(void)
{
	fprintf(stderr,
		"usage: mig [-user FILE] [-server FILE] [-header FILE] [-sheader FILE]\n"
		"           [-iheader FILE] [-dheader FILE] [-I DIR] [-D NAME[=V]] [-U NAME]\n"
		"           [-maxonstack N] [-split] [-novouchers] FILE.defs\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	const char *cc = getenv("MIGCC");
	const char *defs = NULL;
	char **cpp = xcalloc((size_t)argc * 2 + 16, sizeof(char *));
	int ncpp = 0, pfd[2], st;
	pid_t pid;

	if (!cc || !*cc)
		cc = "cc";
	cpp[ncpp++] = (char *)cc;
	cpp[ncpp++] = "-E";
	cpp[ncpp++] = "-x";
	cpp[ncpp++] = "c";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **out = NULL;

#define NEXT() (i + 1 < argc ? argv[++i] : (usage(), ""))
		if (!strcmp(a, "-user"))
			out = &o.user;
		else if (!strcmp(a, "-server"))
			out = &o.server;
		else if (!strcmp(a, "-header"))
			out = &o.header;
		else if (!strcmp(a, "-sheader"))
			out = &o.sheader;
		else if (!strcmp(a, "-iheader"))
			out = &o.iheader;
		else if (!strcmp(a, "-dheader"))
			out = &o.dheader;
		if (out) {
			*out = NEXT();
			continue;
		}
		if (!strcmp(a, "-maxonstack")) {
			o.maxonstack = atoi(NEXT());
		} else if (!strcmp(a, "-split")) {
			o.split = 1;
		} else if (!strcmp(a, "-novouchers")) {
			o.novouchers = 1;
		} else if (!strcmp(a, "-arch") || !strcmp(a, "-target") ||
			   !strcmp(a, "-isysroot") || !strcmp(a, "-migcom") ||
			   !strcmp(a, "-cc")) {
			const char *v = NEXT();

			if (!strcmp(a, "-cc"))
				cpp[0] = (char *)v;
		} else if (!strcmp(a, "-q") || !strcmp(a, "-Q") || !strcmp(a, "-v") ||
			   !strcmp(a, "-V") || !strcmp(a, "-r") || !strcmp(a, "-R") ||
			   !strcmp(a, "-s") || !strcmp(a, "-S") || !strcmp(a, "-l") ||
			   !strcmp(a, "-L") || !strcmp(a, "-k") || !strcmp(a, "-K") ||
			   !strcmp(a, "-t") || !strcmp(a, "-T") || !strcmp(a, "-x") ||
			   !strcmp(a, "-X")) {
			/* migcom's listing/typecheck switches: nothing to do */
		} else if ((a[0] == '-' && (a[1] == 'I' || a[1] == 'D' || a[1] == 'U' ||
					   a[1] == 'F'))) {
			cpp[ncpp++] = (char *)a;
			if (!a[2])
				cpp[ncpp++] = (char *)NEXT();
		} else if (!strcmp(a, "-help") || !strcmp(a, "--help")) {
			usage();
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "mig: unknown option %s\n", a);
			usage();
		} else {
			if (defs)
				usage();
			defs = a;
		}
	}
	if (!defs)
		usage();
	if (access(defs, R_OK)) {
		perror(defs);
		return 1;
	}
	{
		/*
		 * Installed as <prefix>/bin/mig, the defs are in
		 * <prefix>/include/libmach whatever DESTDIR or a move put
		 * the tree under: that directory first when it exists,
		 * then the compiled-in one; run from the source tree
		 * (tools/mig/mig), its libmach/defs.
		 */
		static char inst[4096], tree[4096];
		ssize_t n = readlink("/proc/self/exe", inst, sizeof(inst) - 32);
		char *slash = NULL;

		if (n > 0) {
			inst[n] = 0;
			memcpy(tree, inst, (size_t)n + 1);
			slash = strrchr(inst, '/');
		}
		if (slash) {
			strcpy(slash, "/../include/libmach");
			if (!access(inst, R_OK) && strcmp(inst, MIG_DEFSDIR)) {
				cpp[ncpp++] = "-I";
				cpp[ncpp++] = inst;
			}
		}
		cpp[ncpp++] = "-I";
		cpp[ncpp++] = MIG_DEFSDIR;
		slash = slash ? strrchr(tree, '/') : NULL;
		if (slash) {
			strcpy(slash, "/../../libmach/defs");
			if (!access(tree, R_OK)) {
				cpp[ncpp++] = "-I";
				cpp[ncpp++] = tree;
			}
		}
	}
	cpp[ncpp++] = (char *)defs;
	cpp[ncpp] = NULL;

	if (pipe(pfd)) {
		perror("mig: pipe");
		return 1;
	}
	pid = fork();
	if (pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		execvp(cpp[0], cpp);
		perror(cpp[0]);
		_exit(127);
	}
	close(pfd[1]);
	yyin = fdopen(pfd[0], "r");
	cur_file = defs;
	yyparse();
	fclose(yyin);
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "mig: the preprocessor failed\n");
		return 1;
	}
	if (!sub.name)
		err("no subsystem statement");
	if (errors)
		return 1;
	generate(&o);
	return errors ? 1 : 0;
}
