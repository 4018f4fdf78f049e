// SPDX-License-Identifier: GPL-2.0
/*
 * mig: the code generator.  Messages are XNU's: a header, a body and the
 * descriptors (ports, out-of-line memory and port arrays) when complex,
 * then an NDR record and the inline data, each item padded to 4 bytes;
 * a variable array is its count then its elements, so what follows it
 * moves.  The reply's id is the request's + 100; a reply with no
 * descriptor starts {NDR, RetCode}, an error is a mig_reply_error_t.
 *
 * Unlike Apple's output, the stubs never reach a field through a struct
 * pointer at a computed address: every inline item is copied with memcpy
 * at a byte offset, and descriptors through local copies, so gcc's strict
 * aliasing at -O2 has nothing to reorder.  The __Request__/__Reply__
 * typedefs describe the largest message and give the names and sizes
 * ported code uses.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "mig.h"

enum fk {
	FK_PORT, FK_OOL, FK_OOLPORTS,	/* descriptors */
	FK_PORTARR,	/* a bounded array of ports: max port descriptors */
	FK_NDR, FK_RETCODE,
	FK_SCALAR,	/* a value */
	FK_STRUCT,	/* a struct[n] value */
	FK_FIXED,	/* a fixed array or c_string[n]: bytes in the buffer */
	FK_COUNT,	/* the count of the next FK_VAR/FK_VARSTR or of an OOL array */
	FK_VAR,		/* a variable inline array's elements */
	FK_STROFF,	/* a variable c_string's (unused) offset */
	FK_VARSTR,	/* a variable c_string's bytes */
};

struct fld {
	enum fk k;
	struct arg *a;
	char name[128];
	int size;	/* bytes, the largest for variable items, unpadded */
	int elem;	/* element size of arrays */
	int max;	/* element bound of variable items */
};

struct msg {
	struct fld f[128];
	int n;
	int ndesc;
	int complex;
	int has_var;
	int minsize;	/* with every variable item empty */
	int maxsize;
};

static FILE *out;

static void P(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void P(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
}

static int r4(int n)
{
	return (n + 3) & ~3;
}

/* ---- C names ---- */

static const char *ctype(const struct mtype *t)
{
	if (t->ctype)
		return t->ctype;
	if (t->name)
		return t->name;
	return "int";
}

static const char *elemc(const struct mtype *t)
{
	return t->elem ? ctype(t->elem) : "char";
}

static const char *usertype(const struct mtype *t)
{
	return t->cusertype ? t->cusertype : ctype(t);
}

static const char *servertype(const struct mtype *t)
{
	if (t->intran_type)
		return t->intran_type;
	return t->cservertype ? t->cservertype : ctype(t);
}

static int elemsize(const struct mtype *t)
{
	const struct mtype *e = t->elem;

	if (!e)
		return 1;
	if (e->kind == TK_PORT)
		return 4;
	if (e->kind == TK_ARRAY && !e->variable)
		return e->n * elemsize(e);
	if (e->kind == TK_CSTRING)
		return e->n;
	return e->size ? e->size : 4;
}

static int recv_disp(int msgt)
{
	switch (msgt) {
	case MT_MOVE_RECEIVE:
	case MT_COPY_RECEIVE:
	case MT_DISPOSE_RECEIVE:
		return MT_MOVE_RECEIVE;
	case MT_MOVE_SEND_ONCE:
	case MT_MAKE_SEND_ONCE:
	case MT_DISPOSE_SEND_ONCE:
		return MT_MOVE_SEND_ONCE;
	default:
		return MT_MOVE_SEND;
	}
}

static int is_poly(const struct mtype *t)
{
	return t->kind == TK_PORT && t->msgt == MT_POLYMORPHIC;
}

/* On the user side, an in port of a MACH_MSG_TYPE_PORT_* type is polymorphic. */
static int user_poly(const struct arg *a)
{
	return is_poly(a->type) || (a->type->kind == TK_PORT && a->type->sendpoly &&
				     (a->kind == AK_IN || a->kind == AK_INOUT));
}

static int travels_in(const struct arg *a)
{
	return a->kind == AK_IN || a->kind == AK_INOUT;
}

static int travels_out(const struct arg *a)
{
	return a->kind == AK_OUT || a->kind == AK_INOUT;
}

static int is_user_arg(const struct arg *a)
{
	switch (a->kind) {
	case AK_SREPLYPORT:
	case AK_MSGSEQNO:
	case AK_AUDITTOKEN:
	case AK_SECTOKEN:
	case AK_CONTEXT:
		return 0;
	default:
		return 1;
	}
}

static int is_server_arg(const struct arg *a)
{
	switch (a->kind) {
	case AK_UREPLYPORT:
	case AK_WAITTIME:
	case AK_MSGOPTION:
		return 0;
	default:
		return 1;
	}
}

static int is_portarr(const struct mtype *t)
{
	return t->kind == TK_ARRAY && !t->ool && t->elem && t->elem->kind == TK_PORT;
}

/* The argument whose count an array uses (itself, or SameCount's owner). */
static const struct arg *cnt_owner(const struct arg *a)
{
	return a->countof ? a->countof : a;
}

/* Does this argument have its own count (parameter and message field)? */
static int has_count(const struct arg *a)
{
	return a->type->kind == TK_ARRAY && a->type->variable && !a->countof;
}

static int is_var_array(const struct mtype *t)
{
	return (t->kind == TK_ARRAY || t->kind == TK_CSTRING) && t->variable;
}

/* ---- message layouts ---- */

static struct fld *add(struct msg *m, enum fk k, struct arg *a, const char *suffix)
{
	struct fld *f;

	if (m->n >= (int)(sizeof(m->f) / sizeof(m->f[0]))) {
		err("too many arguments");
		m->n = 0;
	}
	f = &m->f[m->n++];
	memset(f, 0, sizeof(*f));
	f->k = k;
	f->a = a;
	snprintf(f->name, sizeof(f->name), "%s%s", a ? a->name : "", suffix);
	return f;
}

static void add_inline(struct msg *m, struct arg *a)
{
	struct mtype *t = a->type;
	struct fld *f;

	switch (t->kind) {
	case TK_SCALAR:
		f = add(m, FK_SCALAR, a, "");
		f->size = t->size;
		break;
	case TK_STRUCT:
		f = add(m, FK_STRUCT, a, "");
		f->size = t->size;
		break;
	case TK_CSTRING:
		if (t->variable) {
			add(m, FK_STROFF, a, "Offset")->size = 4;
			add(m, FK_COUNT, a, "Cnt")->size = 4;
			f = add(m, FK_VARSTR, a, "");
			f->size = t->n;
			f->elem = 1;
			f->max = t->n;
		} else {
			f = add(m, FK_FIXED, a, "");
			f->size = t->n;
			f->elem = 1;
		}
		break;
	case TK_ARRAY:
		if (t->ool || is_portarr(t)) {
			if (has_count(a))
				add(m, FK_COUNT, a, "Cnt")->size = 4;
		} else if (t->variable) {
			if (has_count(a))
				add(m, FK_COUNT, a, "Cnt")->size = 4;
			f = add(m, FK_VAR, a, "");
			f->elem = elemsize(t);
			f->max = t->n;
			f->size = f->elem * f->max;
		} else {
			f = add(m, FK_FIXED, a, "");
			f->elem = elemsize(t);
			f->size = f->elem * t->n;
		}
		break;
	case TK_PORT:
		break;
	}
}

static int is_desc(const struct mtype *t)
{
	return t->kind == TK_PORT || (t->kind == TK_ARRAY && t->ool) || is_portarr(t);
}

static void add_desc(struct msg *m, struct arg *a)
{
	struct mtype *t = a->type;
	struct fld *f;

	if (t->kind == TK_PORT) {
		f = add(m, FK_PORT, a, "");
	} else if (is_portarr(t)) {
		f = add(m, FK_PORTARR, a, "");
		f->max = t->n;
		f->elem = 12;
		m->ndesc += t->n;
		return;
	} else if (t->elem && t->elem->kind == TK_PORT) {
		f = add(m, FK_OOLPORTS, a, "");
	} else {
		f = add(m, FK_OOL, a, "");
	}
	f->elem = t->kind == TK_PORT ? 4 : elemsize(t);
	f->max = t->bounded ? t->n : 0;
	m->ndesc++;
}

static void sizes(struct msg *m)
{
	int min = 24, max = 24;

	if (m->complex)
		min = max = 28;
	for (int i = 0; i < m->n; i++) {
		struct fld *f = &m->f[i];

		switch (f->k) {
		case FK_PORT:
			min += 12;
			max += 12;
			break;
		case FK_OOL:
		case FK_OOLPORTS:
			min += 16;
			max += 16;
			break;
		case FK_PORTARR:
			min += 12 * f->max;
			max += 12 * f->max;
			break;
		case FK_NDR:
			min += 8;
			max += 8;
			break;
		case FK_VAR:
		case FK_VARSTR:
			max += r4(f->size);
			m->has_var = 1;
			break;
		default:
			min += r4(f->size);
			max += r4(f->size);
			break;
		}
	}
	m->minsize = min;
	m->maxsize = max;
}

static void layout_request(struct routine *r, struct msg *m)
{
	struct arg *a;
	int inl = 0;

	memset(m, 0, sizeof(*m));
	for (a = r->args; a; a = a->next)
		if (travels_in(a) && is_desc(a->type))
			add_desc(m, a);
	m->complex = m->ndesc > 0;
	for (a = r->args; a; a = a->next)
		if ((travels_in(a) && !is_desc(a->type)) ||
		    (travels_in(a) && a->type->kind == TK_ARRAY && has_count(a)) ||
		    (a->kind == AK_OUT && (a->flags & AF_COUNTINOUT) && is_var_array(a->type)))
			inl = 1;
	if (inl)
		add(m, FK_NDR, NULL, "NDR")->size = 8;
	for (a = r->args; a; a = a->next) {
		if (travels_in(a)) {
			add_inline(m, a);
		} else if (a->kind == AK_OUT && (a->flags & AF_COUNTINOUT) &&
			   is_var_array(a->type)) {
			add(m, FK_COUNT, a, "Cnt")->size = 4;
		}
	}
	sizes(m);
}

static void layout_reply(struct routine *r, struct msg *m)
{
	struct arg *a;
	int inl = 0;

	memset(m, 0, sizeof(*m));
	for (a = r->args; a; a = a->next)
		if (travels_out(a) && is_desc(a->type))
			add_desc(m, a);
	m->complex = m->ndesc > 0;
	for (a = r->args; a; a = a->next)
		if (travels_out(a) && (!is_desc(a->type) ||
				       (a->type->kind == TK_ARRAY && has_count(a))))
			inl = 1;
	if (inl || !m->complex)
		add(m, FK_NDR, NULL, "NDR")->size = 8;
	if (!m->complex)
		add(m, FK_RETCODE, NULL, "RetCode")->size = 4;
	for (a = r->args; a; a = a->next)
		if (travels_out(a))
			add_inline(m, a);
	sizes(m);
}

/* ---- typedefs ---- */

static void field_decl(const struct fld *f)
{
	const struct mtype *t = f->a ? f->a->type : NULL;
	int pad = 0;

	switch (f->k) {
	case FK_PORT:
		P("\t\tmach_msg_port_descriptor_t %s;\n", f->name);
		return;
	case FK_OOL:
		P("\t\tmach_msg_ool_descriptor_t %s;\n", f->name);
		return;
	case FK_OOLPORTS:
		P("\t\tmach_msg_ool_ports_descriptor_t %s;\n", f->name);
		return;
	case FK_PORTARR:
		P("\t\tmach_msg_port_descriptor_t %s[%d];\n", f->name, f->max);
		return;
	case FK_NDR:
		P("\t\tNDR_record_t NDR;\n");
		return;
	case FK_RETCODE:
		P("\t\tkern_return_t RetCode;\n");
		return;
	case FK_COUNT:
		P("\t\tmach_msg_type_number_t %s;\n", f->name);
		return;
	case FK_STROFF:
		P("\t\tmach_msg_type_number_t %s; /* MiG doesn't use it */\n", f->name);
		return;
	case FK_SCALAR:
		P("\t\t%s %s;\n", ctype(t), f->name);
		pad = r4(f->size) - f->size;
		break;
	case FK_STRUCT:
		if (t->name || t->ctype)
			P("\t\t%s %s;\n", ctype(t), f->name);
		else
			P("\t\tchar %s[%d];\n", f->name, f->size);
		pad = r4(f->size) - f->size;
		break;
	case FK_FIXED:
		if (t->kind == TK_CSTRING)
			P("\t\tchar %s[%d];\n", f->name, f->size);
		else
			P("\t\t%s %s[%d];\n", elemc(t), f->name, t->n);
		pad = r4(f->size) - f->size;
		break;
	case FK_VAR:
		P("\t\t%s %s[%d];\n", elemc(t), f->name, f->max ? f->max : 1);
		return;
	case FK_VARSTR:
		P("\t\tchar %s[%d];\n", f->name, f->max);
		return;
	}
	if (pad)
		P("\t\tchar %sPad[%d];\n", f->name, pad);
}

static void msg_typedef(const struct msg *m, const char *kind, const char *name)
{
	P("\ttypedef struct {\n\t\tmach_msg_header_t Head;\n");
	if (m->complex)
		P("\t\t/* start of the kernel processed data */\n"
		  "\t\tmach_msg_body_t msgh_body;\n");
	for (int i = 0; i < m->n; i++) {
		if (m->complex && m->f[i].k == FK_NDR)
			P("\t\t/* end of the kernel processed data */\n");
		field_decl(&m->f[i]);
	}
	P("\t} __%s__%s_t __attribute__((unused));\n", kind, name);
}

/* ---- prototypes ---- */

static const char *uprefix(void)
{
	return sub.userprefix ? sub.userprefix : "";
}

static const char *sprefix(void)
{
	return sub.serverprefix ? sub.serverprefix : "";
}

static void user_params(const struct routine *r)
{
	int first = 1;

	P("(\n");
	for (struct arg *a = r->args; a; a = a->next) {
		const struct mtype *t = a->type;
		int outp = travels_out(a);

		if (!is_user_arg(a))
			continue;
		P("%s\t", first ? "" : ",\n");
		first = 0;
		if (t->kind == TK_ARRAY && t->ool && outp)
			P("%s *%s", t->name || t->ctype ? usertype(t) : elemc(t), a->name);
		else if (t->kind == TK_ARRAY || t->kind == TK_CSTRING) {
			const char *q = a->kind == AK_IN && t->kind == TK_CSTRING ? "const " : "";

			/* an in string is a C string of any length (the stub cuts it) */
			if (*q)
				P("const char *%s", a->name);
			else if (t->name || t->ctype)
				P("%s%s %s", q, usertype(t), a->name);
			else
				P("%s%s *%s", q, t->kind == TK_CSTRING ? "char" : elemc(t), a->name);
		} else
			P("%s %s%s", usertype(t), outp ? "*" : "", a->name);
		if (user_poly(a))
			P(",\n\tmach_msg_type_name_t %s%sPoly", outp ? "*" : "", a->name);
		if (has_count(a))
			P(",\n\tmach_msg_type_number_t %s%sCnt", outp ? "*" : "", a->name);
	}
	if (first)
		P("\tvoid");
	P("\n)");
}

static int server_params(const struct routine *r, int print)
{
	int first = 1, argc = 0;

	if (print)
		P("(\n");
	for (struct arg *a = r->args; a; a = a->next) {
		const struct mtype *t = a->type;
		int outp = travels_out(a);

		if (!is_server_arg(a))
			continue;
		argc++;
		if (!print) {
			argc += is_poly(t) || has_count(a);
			continue;
		}
		P("%s\t", first ? "" : ",\n");
		first = 0;
		if (t->kind == TK_ARRAY && t->ool && outp)
			P("%s *%s", t->name || t->ctype ? servertype(t) : elemc(t), a->name);
		else if (t->kind == TK_ARRAY || t->kind == TK_CSTRING) {
			if (t->name || t->ctype)
				P("%s %s", servertype(t), a->name);
			else
				P("%s *%s", t->kind == TK_CSTRING ? "char" : elemc(t), a->name);
		} else
			P("%s %s%s", servertype(t), outp ? "*" : "", a->name);
		if (is_poly(t)) {
			argc++;
			P(",\n\tmach_msg_type_name_t %s%sPoly", outp ? "*" : "", a->name);
		}
		if (has_count(a)) {
			argc++;
			P(",\n\tmach_msg_type_number_t %s%sCnt", outp ? "*" : "", a->name);
		}
	}
	if (print) {
		if (first)
			P("\tvoid");
		P("\n)");
	}
	return argc;
}

/* ---- common file parts ---- */

static void std_includes(void)
{
	P("#include <string.h>\n#include <stddef.h>\n#include <stdint.h>\n"
	  "#include <mach/ndr.h>\n#include <mach/boolean.h>\n"
	  "#include <mach/kern_return.h>\n#include <mach/notify.h>\n"
	  "#include <mach/mach_types.h>\n#include <mach/message.h>\n"
	  "#include <mach/mig_errors.h>\n#include <mach/port.h>\n"
	  "#include <mach/mig.h>\n\n");
}

static void imports(int which)
{
	for (struct import *i = sub.imports; i; i = i->next)
		if (i->which == 0 || i->which == which)
			P("#include %s\n", i->text);
	P("\n");
}

static void typedefs(const char *kind)
{
	int req = !strcmp(kind, "Request");
	struct msg m;

	P("#ifndef __%s__%s_subsystem__defined\n#define __%s__%s_subsystem__defined\n\n",
	  kind, sub.name, kind, sub.name);
	P("#ifdef  __MigPackStructs\n#pragma pack(push, 4)\n#endif\n");
	for (struct routine *r = sub.routines; r; r = r->next) {
		if (!r->name || (!req && r->simple))
			continue;
		if (req)
			layout_request(r, &m);
		else
			layout_reply(r, &m);
		msg_typedef(&m, kind, r->name);
	}
	P("#ifdef  __MigPackStructs\n#pragma pack(pop)\n#endif\n");
	P("#endif /* !__%s__%s_subsystem__defined */\n\n", kind, sub.name);
}

static void unions(const char *kind, const char *prefix)
{
	int req = !strcmp(kind, "Request");
	int any = 0;

	P("/* union of all %ss */\n\n", kind == NULL ? "" : (req ? "request" : "reply"));
	P("#ifndef __%sUnion__%s%s_subsystem__defined\n#define __%sUnion__%s%s_subsystem__defined\n",
	  kind, prefix, sub.name, kind, prefix, sub.name);
	P("union __%sUnion__%s%s_subsystem {\n", kind, prefix, sub.name);
	for (struct routine *r = sub.routines; r; r = r->next) {
		if (!r->name || (!req && r->simple))
			continue;
		P("\t__%s__%s_t %s_%s;\n", kind, r->name, kind, r->name);
		any = 1;
	}
	if (!req)
		P("\tmig_reply_error_t Reply_mig_reply_error;\n");
	else if (!any)
		P("\tmach_msg_header_t Request_empty;\n");
	P("};\n#endif /* __%sUnion__%s%s_subsystem__defined */\n\n", kind, prefix, sub.name);
}

static void banner(void)
{
	P("/*\n * Generated by mig (linux-mach) from the %s subsystem.  Do not edit.\n */\n\n",
	  sub.name);
}

/* ---- the user header ---- */

static void user_header(void)
{
	banner();
	/* Apple's guard; a prefix makes the stubs another module */
	P("#ifndef _%s%s_user_\n#define _%s%s_user_\n\n/* Module %s */\n\n", uprefix(), sub.name,
	  uprefix(), sub.name, sub.name);
	std_includes();
	imports('u');
	P("#ifndef mig_external\n#define mig_external extern\n#endif\n\n");
	P("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
	P("#define %s_MSG_COUNT\t%d\n\n", sub.name, sub.nroutines);
	for (struct routine *r = sub.routines; r; r = r->next) {
		if (!r->name)
			continue;
		P("/* %s %s */\nmig_external kern_return_t %s%s\n", r->simple ? "SimpleRoutine" : "Routine",
		  r->name, uprefix(), r->name);
		user_params(r);
		P(";\n\n");
	}
	P("#ifdef __cplusplus\n}\n#endif\n\n");
	/* Apple's name table of the routines (for mig_symtab_t users) */
	P("#ifndef subsystem_to_name_map_%s\n#define subsystem_to_name_map_%s", sub.name, sub.name);
	{
		const char *sep = "";

		for (struct routine *r = sub.routines; r; r = r->next) {
			if (!r->name)
				continue;
			P("%s \\\n    { \"%s\", %d }", sep, r->name, r->id);
			sep = ",";
		}
	}
	P("\n#endif\n\n");
	typedefs("Request");
	unions("Request", uprefix());
	typedefs("Reply");
	unions("Reply", uprefix());
	P("#endif /* _%s%s_user_ */\n", uprefix(), sub.name);
}

/* ---- the server header ---- */

static const char *demux_name(char *buf, size_t n)
{
	if (sub.serverdemux)
		snprintf(buf, n, "%s", sub.serverdemux);
	else
		snprintf(buf, n, "%s_server", sub.name);
	return buf;
}

static void server_decls(void)
{
	char demux[256];

	for (struct routine *r = sub.routines; r; r = r->next) {
		if (!r->name)
			continue;
		P("/* %s %s */\nextern kern_return_t %s%s\n", r->simple ? "SimpleRoutine" : "Routine",
		  r->name, sprefix(), r->name);
		server_params(r, 1);
		P(";\n\n");
	}
	demux_name(demux, sizeof(demux));
	P("extern boolean_t %s(\n\tmach_msg_header_t *InHeadP,\n\tmach_msg_header_t *OutHeadP);\n\n",
	  demux);
	P("extern mig_routine_t %s_routine(\n\tmach_msg_header_t *InHeadP);\n\n", demux);
	P("/* Description of this subsystem, for use in direct RPC */\n");
	P("extern const struct %s%s_subsystem {\n", sprefix(), sub.name);
	P("\tmig_server_routine_t\tserver;\t/* Server routine */\n"
	  "\tmach_msg_id_t\tstart;\t/* Min routine number */\n"
	  "\tmach_msg_id_t\tend;\t/* Max routine number + 1 */\n"
	  "\tunsigned int\tmaxsize;\t/* Max msg size */\n"
	  "\tvm_address_t\treserved;\t/* Reserved */\n"
	  "\tstruct routine_descriptor\troutine[%d];\n", sub.nroutines ? sub.nroutines : 1);
	P("} %s%s_subsystem;\n\n", sprefix(), sub.name);
}

static void server_header(void)
{
	banner();
	P("#ifndef _%s_server_\n#define _%s_server_\n\n/* Module %s */\n\n", sub.name, sub.name,
	  sub.name);
	std_includes();
	imports('s');
	P("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
	server_decls();
	P("#ifdef __cplusplus\n}\n#endif\n\n");
	typedefs("Request");
	unions("Request", sprefix());
	typedefs("Reply");
	unions("Reply", sprefix());
	P("#endif /* _%s_server_ */\n", sub.name);
}

/* ---- building a message (the sending side) ---- */

/*
 * Emit code writing message @m into the buffer at _b (char *), values
 * taken from expressions named by @val (user side: the parameters; server
 * side: the locals).  Leaves the size in _size.
 */
struct sendctx {
	int user;	/* user stub building a request, else server a reply */
};

static void val_expr(char *buf, size_t n, const struct sendctx *c, const struct arg *a,
		     const char *suffix, int deref)
{
	/* user side: outs/inouts are pointers; server side: locals */
	int ptr = c->user ? travels_out(a) : 0;

	snprintf(buf, n, "%s%s%s", ptr && deref ? "*" : "", a->name, suffix);
}

static void emit_build(const struct msg *m, const struct sendctx *c, const char *tname)
{
	char v[300], cnt[300];

	P("\t_size = %d;\n", m->complex ? 28 : 24);
	if (m->complex) {
		P("\t{\n\t\tmach_msg_body_t _body = { %d };\n\n", m->ndesc);
		P("\t\tmemcpy(_b + sizeof(mach_msg_header_t), &_body, sizeof(_body));\n\t}\n");
	}
	for (int i = 0; i < m->n; i++) {
		const struct fld *f = &m->f[i];
		const struct arg *a = f->a;
		const struct mtype *t = a ? a->type : NULL;

		if (a)
			val_expr(v, sizeof(v), c, a, "", !(t->kind == TK_ARRAY ||
							  t->kind == TK_CSTRING));
		if (a)
			val_expr(cnt, sizeof(cnt), c, cnt_owner(a), "Cnt", 1);
		switch (f->k) {
		case FK_PORT:
			P("\t{\n\t\tmach_msg_port_descriptor_t _d;\n\n\t\tmemset(&_d, 0, sizeof(_d));\n");
			if (t->outtran_fn && !c->user)
				P("\t\t_d.name = %s(%s);\n", t->outtran_fn, v);
			else
				P("\t\t_d.name = %s;\n", v);
			if (c->user ? user_poly(a) : is_poly(t)) {
				val_expr(cnt, sizeof(cnt), c, a, "Poly", 1);
				P("\t\t_d.disposition = %s;\n", cnt);
			} else
				P("\t\t_d.disposition = %d;\n", t->msgt);
			P("\t\t_d.type = MACH_MSG_PORT_DESCRIPTOR;\n");
			P("\t\tmemcpy(_b + offsetof(%s, %s), &_d, sizeof(_d));\n\t}\n", tname, f->name);
			P("\t_size += 12;\n");
			break;
		case FK_OOL:
			P("\t{\n\t\tmach_msg_ool_descriptor_t _d;\n\n\t\tmemset(&_d, 0, sizeof(_d));\n");
			P("\t\t_d.address = (void *)(%s);\n", v);
			if (t->variable)
				P("\t\t_d.size = (mach_msg_size_t)(%s * %d);\n", cnt, f->elem);
			else
				P("\t\t_d.size = %d;\n", t->n * f->elem);
			P("\t\t_d.deallocate = %s;\n", a->flags & AF_DEALLOC ? "TRUE" : "FALSE");
			P("\t\t_d.copy = %s;\n", a->flags & AF_PHYSCOPY ? "MACH_MSG_PHYSICAL_COPY" :
			  "MACH_MSG_VIRTUAL_COPY");
			P("\t\t_d.type = MACH_MSG_OOL_DESCRIPTOR;\n");
			P("\t\tmemcpy(_b + offsetof(%s, %s), &_d, sizeof(_d));\n\t}\n", tname, f->name);
			P("\t_size += 16;\n");
			break;
		case FK_PORTARR:
			P("\tfor (mach_msg_type_number_t _i = 0; _i < %d; _i++) {\n"
			  "\t\tmach_msg_port_descriptor_t _d;\n\n\t\tmemset(&_d, 0, sizeof(_d));\n", f->max);
			if (t->variable)
				P("\t\t_d.name = _i < %s ? (%s)[_i] : MACH_PORT_NULL;\n", cnt, v);
			else
				P("\t\t_d.name = (%s)[_i];\n", v);
			P("\t\t_d.disposition = %d;\n\t\t_d.type = MACH_MSG_PORT_DESCRIPTOR;\n", t->elem->msgt);
			P("\t\tmemcpy(_b + offsetof(%s, %s) + 12 * _i, &_d, sizeof(_d));\n\t}\n", tname, f->name);
			P("\t_size += %d;\n", 12 * f->max);
			break;
		case FK_OOLPORTS:
			P("\t{\n\t\tmach_msg_ool_ports_descriptor_t _d;\n\n\t\tmemset(&_d, 0, sizeof(_d));\n");
			P("\t\t_d.address = (void *)(%s);\n", v);
			if (t->variable)
				P("\t\t_d.count = %s;\n", cnt);
			else
				P("\t\t_d.count = %d;\n", t->n);
			P("\t\t_d.deallocate = %s;\n", a->flags & AF_DEALLOC ? "TRUE" : "FALSE");
			P("\t\t_d.copy = MACH_MSG_PHYSICAL_COPY;\n");
			P("\t\t_d.disposition = %d;\n", t->elem->msgt);
			P("\t\t_d.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;\n");
			P("\t\tmemcpy(_b + offsetof(%s, %s), &_d, sizeof(_d));\n\t}\n", tname, f->name);
			P("\t_size += 16;\n");
			break;
		case FK_NDR:
			P("\tmemcpy(_b + _size, &NDR_record, sizeof(NDR_record_t));\n\t_size += 8;\n");
			break;
		case FK_RETCODE:
			P("\t{\n\t\tkern_return_t _kr = KERN_SUCCESS;\n\n"
			  "\t\tmemcpy(_b + _size, &_kr, sizeof(_kr));\n\t}\n\t_size += 4;\n");
			break;
		case FK_SCALAR:
		case FK_STRUCT:
			if (t->outtran_fn && !c->user)
				P("\t{\n\t\t%s _v = %s(%s);\n\n\t\tmemcpy(_b + _size, &_v, %d);\n\t}\n",
				  ctype(t), t->outtran_fn, v, f->size);
			else
				P("\tmemcpy(_b + _size, &%s, %d);\n", v, f->size);
			if (r4(f->size) != f->size)
				P("\tmemset(_b + _size + %d, 0, %d);\n", f->size, r4(f->size) - f->size);
			P("\t_size += %d;\n", r4(f->size));
			break;
		case FK_FIXED:
			if (t->kind == TK_CSTRING && c->user)
				P("\t(void)mig_strncpy_zerofill(_b + _size, %s, %d);\n", v, f->size);
			else if (t->kind == TK_CSTRING)
				P("\tmemmove(_b + _size, %s, %d);\n\t_b[_size + %d] = 0;\n", v,
				  f->size, f->size - 1);
			else
				P("\tmemmove(_b + _size, %s, %d);\n", v, f->size);
			if (r4(f->size) != f->size)
				P("\tmemset(_b + _size + %d, 0, %d);\n", f->size, r4(f->size) - f->size);
			P("\t_size += %d;\n", r4(f->size));
			break;
		case FK_STROFF:
			P("\tmemset(_b + _size, 0, 4);\n\t_size += 4;\n");
			break;
		case FK_COUNT:
			if (t->kind == TK_CSTRING) {
				/* the string's length with its NUL, at most the bound */
				P("\t{\n\t\tconst char *_z = (const char *)memchr(%s, 0, %d);\n"
				  "\t\tmach_msg_type_number_t _n = _z ? (mach_msg_type_number_t)"
				  "(_z - (const char *)(%s)) + 1 : %d;\n\n"
				  "\t\t%s_n = _n;\n\t\tmemcpy(_b + _size, &_n, 4);\n\t}\n",
				  v, t->n, v, t->n, a->name);
			} else if (c->user && a->kind == AK_OUT) {
				/* CountInOut: how much room the caller has */
				P("\t{\n\t\tmach_msg_type_number_t _n = *%sCnt < %d ? *%sCnt : %d;\n\n"
				  "\t\tmemcpy(_b + _size, &_n, 4);\n\t}\n", a->name, t->n, a->name, t->n);
			} else {
				if (c->user && t->bounded && !t->ool)
					P("\tif (%s > %d)\n\t\treturn MIG_ARRAY_TOO_LARGE;\n", cnt, t->n);
				else if (t->bounded && !t->ool)
					P("\tif (%s > %d) {\n\t\t_kr = MIG_ARRAY_TOO_LARGE;\n\t\tgoto fail;\n\t}\n",
					  cnt, t->n);
				P("\tmemcpy(_b + _size, &%s, 4);\n", cnt);
			}
			P("\t_size += 4;\n");
			break;
		case FK_VAR:
			P("\tmemmove(_b + _size, %s, (size_t)%s * %d);\n", v, cnt, f->elem);
			P("\tif ((%s * %d) & 3)\n\t\tmemset(_b + _size + %s * %d, 0, "
			  "4 - ((%s * %d) & 3));\n", cnt, f->elem, cnt, f->elem, cnt, f->elem);
			P("\t_size += (%s * %d + 3) & ~3u;\n", cnt, f->elem);
			break;
		case FK_VARSTR:
			P("\tmemmove(_b + _size, %s, %s_n - 1);\n\t_b[_size + %s_n - 1] = 0;\n",
			  v, a->name, a->name);
			P("\tif (%s_n & 3)\n\t\tmemset(_b + _size + %s_n, 0, 4 - (%s_n & 3));\n",
			  a->name, a->name, a->name);
			P("\t_size += (%s_n + 3) & ~3u;\n", a->name);
			break;
		}
	}
}

/* Locals for variable c_strings' lengths. */
static void strlen_locals(const struct msg *m)
{
	for (int i = 0; i < m->n; i++)
		if (m->f[i].k == FK_VARSTR)
			P("\tmach_msg_type_number_t %s_n;\n", m->f[i].a->name);
}

/* ---- checking a received message ---- */

/*
 * Emit checks of message @m at _b (size _msize): the complex bit, the
 * descriptor count, the size range, each descriptor's type and right,
 * each count against its bound, and the exact size; failures jump with
 * _kr set (MIG_BAD_ARGUMENTS / MIG_TYPE_ERROR on the server, MIG_TYPE_ERROR
 * on the client).  Each item's offset lands in _at_<name>; descriptors in
 * _d_<name>, counts in _c_<name>.
 */
static void emit_check(const struct msg *m, const char *tname, int server, const char *fail)
{
	const char *bad_args = server ? "MIG_BAD_ARGUMENTS" : "MIG_TYPE_ERROR";

	for (int i = 0; i < m->n; i++) {
		const struct fld *f = &m->f[i];

		switch (f->k) {
		case FK_PORT:
			P("\tmach_msg_port_descriptor_t _d_%s;\n", f->name);
			break;
		case FK_OOL:
			P("\tmach_msg_ool_descriptor_t _d_%s;\n", f->name);
			break;
		case FK_OOLPORTS:
			P("\tmach_msg_ool_ports_descriptor_t _d_%s;\n", f->name);
			break;
		case FK_PORTARR:
			break;
		case FK_COUNT:
			P("\tmach_msg_type_number_t _c_%s = 0;\n", f->name);
			/* fall through */
		default:
			P("\tmach_msg_size_t _at_%s = 0;\n", f->name);
			break;
		}
	}
	P("\tmach_msg_size_t _pos;\n\n");
	if (m->complex) {
		P("\tif (!(_h->msgh_bits & MACH_MSGH_BITS_COMPLEX)) {\n\t\t_kr = %s;\n\t\tgoto %s;\n\t}\n",
		  bad_args, fail);
		P("\t{\n\t\tmach_msg_body_t _body;\n\n"
		  "\t\tmemcpy(&_body, _b + sizeof(mach_msg_header_t), sizeof(_body));\n"
		  "\t\tif (_body.msgh_descriptor_count != %d) {\n\t\t\t_kr = %s;\n\t\t\tgoto %s;\n\t\t}\n\t}\n",
		  m->ndesc, bad_args, fail);
	} else {
		P("\tif (_h->msgh_bits & MACH_MSGH_BITS_COMPLEX) {\n\t\t_kr = %s;\n\t\tgoto %s;\n\t}\n",
		  bad_args, fail);
	}
	if (m->has_var)
		P("\tif (_msize < %d || _msize > %d) {\n", m->minsize, m->maxsize);
	else
		P("\tif (_msize != %d) {\n", m->minsize);
	P("\t\t_kr = %s;\n\t\tgoto %s;\n\t}\n", bad_args, fail);
	P("\t_pos = %d;\n", m->complex ? 28 : 24);
	for (int i = 0; i < m->n; i++) {
		const struct fld *f = &m->f[i];
		const struct arg *a = f->a;
		const struct mtype *t = a ? a->type : NULL;

		switch (f->k) {
		case FK_PORT:
			P("\tmemcpy(&_d_%s, _b + offsetof(%s, %s), sizeof(_d_%s));\n", f->name, tname,
			  f->name, f->name);
			P("\tif (_d_%s.type != MACH_MSG_PORT_DESCRIPTOR", f->name);
			if (!is_poly(t))
				P(" ||\n\t    _d_%s.disposition != %d", f->name, recv_disp(t->msgt));
			P(") {\n\t\t_kr = MIG_TYPE_ERROR;\n\t\tgoto %s;\n\t}\n", fail);
			P("\t_pos += 12;\n");
			break;
		case FK_OOL:
			P("\tmemcpy(&_d_%s, _b + offsetof(%s, %s), sizeof(_d_%s));\n", f->name, tname,
			  f->name, f->name);
			P("\tif (_d_%s.type != MACH_MSG_OOL_DESCRIPTOR", f->name);
			if (!t->variable)
				P(" ||\n\t    _d_%s.size != %d", f->name, t->n * f->elem);
			P(") {\n\t\t_kr = MIG_TYPE_ERROR;\n\t\tgoto %s;\n\t}\n", fail);
			P("\t_pos += 16;\n");
			break;
		case FK_PORTARR:
			P("\tfor (mach_msg_type_number_t _i = 0; _i < %d; _i++) {\n"
			  "\t\tmach_msg_port_descriptor_t _d;\n\n"
			  "\t\tmemcpy(&_d, _b + offsetof(%s, %s) + 12 * _i, sizeof(_d));\n"
			  "\t\tif (_d.type != MACH_MSG_PORT_DESCRIPTOR) {\n"
			  "\t\t\t_kr = MIG_TYPE_ERROR;\n\t\t\tgoto %s;\n\t\t}\n\t}\n",
			  f->max, tname, f->name, fail);
			P("\t_pos += %d;\n", 12 * f->max);
			break;
		case FK_OOLPORTS:
			P("\tmemcpy(&_d_%s, _b + offsetof(%s, %s), sizeof(_d_%s));\n", f->name, tname,
			  f->name, f->name);
			P("\tif (_d_%s.type != MACH_MSG_OOL_PORTS_DESCRIPTOR ||\n"
			  "\t    _d_%s.disposition != %d", f->name, f->name, recv_disp(t->elem->msgt));
			if (!t->variable)
				P(" ||\n\t    _d_%s.count != %d", f->name, t->n);
			P(") {\n\t\t_kr = MIG_TYPE_ERROR;\n\t\tgoto %s;\n\t}\n", fail);
			P("\t_pos += 16;\n");
			break;
		case FK_COUNT:
			P("\t_at_%s = _pos;\n", f->name);
			P("\tif (_msize - _pos < 4) {\n\t\t_kr = %s;\n\t\tgoto %s;\n\t}\n", bad_args, fail);
			P("\tmemcpy(&_c_%s, _b + _pos, 4);\n", f->name);
			if (t->bounded && !(t->kind == TK_ARRAY && t->ool && !server))
				P("\tif (_c_%s > %d) {\n\t\t_kr = %s;\n\t\tgoto %s;\n\t}\n", f->name, t->n,
				  bad_args, fail);
			if (t->kind == TK_ARRAY && t->ool) {
				if (t->elem->kind == TK_PORT)
					P("\tif (_d_%s.count != _c_%s) {\n", a->name, f->name);
				else
					P("\tif (_d_%s.size != (mach_msg_size_t)(_c_%s * %d)) {\n",
					  a->name, f->name, elemsize(t));
				P("\t\t_kr = MIG_TYPE_ERROR;\n\t\tgoto %s;\n\t}\n", fail);
			}
			if (t->kind == TK_CSTRING)
				P("\tif (_c_%s == 0) {\n\t\t_kr = %s;\n\t\tgoto %s;\n\t}\n", f->name,
				  bad_args, fail);
			P("\t_pos += 4;\n");
			break;
		case FK_VAR:
		case FK_VARSTR:
			P("\t_at_%s = _pos;\n", f->name);
			P("\tif (_msize - _pos < ((_c_%sCnt * %d + 3) & ~3u)) {\n\t\t_kr = %s;\n\t\tgoto %s;\n\t}\n",
			  cnt_owner(a)->name, f->elem, bad_args, fail);
			if (f->k == FK_VARSTR)
				P("\tif (_b[_pos + _c_%sCnt - 1] != 0) {\n\t\t_kr = %s;\n\t\tgoto %s;\n\t}\n",
				  f->name, bad_args, fail);
			P("\t_pos += (_c_%sCnt * %d + 3) & ~3u;\n", cnt_owner(a)->name, f->elem);
			break;
		default:
			P("\t_at_%s = _pos;\n", f->name);
			P("\tif (_msize - _pos < %d) {\n\t\t_kr = %s;\n\t\tgoto %s;\n\t}\n", r4(f->size),
			  bad_args, fail);
			if (f->k == FK_FIXED && t->kind == TK_CSTRING)
				P("\tif (memchr(_b + _pos, 0, %d) == NULL) {\n\t\t_kr = %s;\n\t\tgoto %s;\n\t}\n",
				  f->size, bad_args, fail);
			P("\t_pos += %d;\n", r4(f->size));
			break;
		}
	}
	P("\tif (_pos != _msize) {\n\t\t_kr = %s;\n\t\tgoto %s;\n\t}\n", bad_args, fail);
	P("\t(void)_pos;\n");
}

static void silence_at(const struct msg *m)
{
	for (int i = 0; i < m->n; i++)
		if (m->f[i].k != FK_PORT && m->f[i].k != FK_OOL && m->f[i].k != FK_OOLPORTS &&
		    m->f[i].k != FK_PORTARR)
			P("\t(void)_at_%s;\n", m->f[i].name);
}

/* ---- the user stubs ---- */

static const struct arg *find_kind(const struct routine *r, enum akind k)
{
	for (const struct arg *a = r->args; a; a = a->next)
		if (a->kind == k)
			return a;
	return NULL;
}

static void user_routine(struct routine *r)
{
	struct msg rq, rp;
	struct sendctx c = { .user = 1 };
	const struct arg *reqp = find_kind(r, AK_REQUESTPORT);
	const struct arg *replyp = find_kind(r, AK_REPLYPORT);
	const struct arg *ureplyp = find_kind(r, AK_UREPLYPORT);
	const struct arg *wait = find_kind(r, AK_WAITTIME);
	const struct arg *opt = find_kind(r, AK_MSGOPTION);
	char tq[300], tp[300];
	const char *reply_expr;

	layout_request(r, &rq);
	layout_reply(r, &rp);
	snprintf(tq, sizeof(tq), "__Request__%s_t", r->name);
	snprintf(tp, sizeof(tp), "__Reply__%s_t", r->name);
	if (!reqp) {
		err("routine %s has no request port", r->name);
		return;
	}

	P("/* %s %s */\nmig_external kern_return_t %s%s\n", r->simple ? "SimpleRoutine" : "Routine",
	  r->name, uprefix(), r->name);
	user_params(r);
	P("\n{\n");
	P("\tunion {\n\t\t%s In;\n", tq);
	if (!r->simple)
		P("\t\tstruct {\n\t\t\t%s Out;\n\t\t\tmach_msg_max_trailer_t trailer;\n\t\t} Out;\n", tp);
	P("\t\tmig_reply_error_t Error;\n\t\tmach_msg_max_trailer_t trailer[2];\n\t} Mess;\n");
	P("\tchar *_b = (char *)&Mess;\n\tmach_msg_header_t *_h = &Mess.In.Head;\n");
	P("\tmach_msg_size_t _size;\n\tmach_msg_return_t _mr;\n\n\t(void)_b;\n");
	strlen_locals(&rq);
	P("\n");
	emit_build(&rq, &c, tq);

	/* the header */
	if (ureplyp)
		reply_expr = ureplyp->name;
	else if (replyp)
		reply_expr = replyp->name;
	else
		reply_expr = r->simple ? "MACH_PORT_NULL" : "mig_get_reply_port()";
	P("\t_h->msgh_bits = MACH_MSGH_BITS(");
	if (is_poly(reqp->type))
		P("%sPoly, ", reqp->name);
	else
		P("%d, ", reqp->type->msgt);
	if (replyp || ureplyp) {
		const struct arg *rpa = ureplyp ? ureplyp : replyp;

		if (is_poly(rpa->type))
			P("%sPoly)", rpa->name);
		else
			P("%d)", rpa->type->msgt);
	} else
		P("%s)", r->simple ? "0" : "MACH_MSG_TYPE_MAKE_SEND_ONCE");
	if (rq.complex)
		P(" | MACH_MSGH_BITS_COMPLEX");
	P(";\n\t_h->msgh_size = _size;\n\t_h->msgh_remote_port = %s;\n", reqp->name);
	P("\t_h->msgh_local_port = %s;\n\t_h->msgh_voucher_port = MACH_PORT_NULL;\n", reply_expr);
	P("\t_h->msgh_id = %d;\n\n", r->id);

	/* the call */
	{
		char opts[512], tmo[256];

		snprintf(opts, sizeof(opts), "%s", r->simple ? "MACH_SEND_MSG" : "MACH_SEND_MSG | MACH_RCV_MSG");
		snprintf(tmo, sizeof(tmo), "MACH_MSG_TIMEOUT_NONE");
		if (wait || sub.waittime) {
			strcat(opts, r->simple ? " | MACH_SEND_TIMEOUT" : " | MACH_SEND_TIMEOUT | MACH_RCV_TIMEOUT");
			snprintf(tmo, sizeof(tmo), "%s", wait ? wait->name : sub.waittime);
		}
		if (opt) {
			strcat(opts, " | ");
			strncat(opts, opt->name, sizeof(opts) - strlen(opts) - 1);
		} else if (sub.msgoption) {
			strcat(opts, " | ");
			strncat(opts, sub.msgoption, sizeof(opts) - strlen(opts) - 1);
		}
		if (r->simple) {
			P("\t_mr = mach_msg(_h, %s, _size, 0, MACH_PORT_NULL, %s, MACH_PORT_NULL);\n",
			  opts, tmo);
			P("\treturn _mr;\n}\n\n");
			return;
		}
		P("\t_mr = mach_msg(_h, %s, _size, (mach_msg_size_t)sizeof(Mess), _h->msgh_local_port,\n"
		  "\t\t     %s, MACH_PORT_NULL);\n", opts, tmo);
	}
	P("\tif (_mr != MACH_MSG_SUCCESS) {\n");
	if (!ureplyp && !replyp)
		P("\t\tif ((_mr & ~MACH_MSG_MASK) >= MACH_RCV_IN_PROGRESS)\n"
		  "\t\t\tmig_dealloc_reply_port(_h->msgh_local_port);\n"
		  "\t\telse\n\t\t\tmig_put_reply_port(_h->msgh_local_port);\n");
	P("\t\treturn _mr;\n\t}\n");
	P("\treturn __MIG_reply__%s%s(_b, sizeof(Mess)", uprefix(), r->name);
	for (struct arg *a = r->args; a; a = a->next) {
		if (!is_user_arg(a) || !travels_out(a))
			continue;
		P(", %s", a->name);
		if (is_poly(a->type))
			P(", %sPoly", a->name);
		if (has_count(a))
			P(", %sCnt", a->name);
	}
	P(");\n}\n\n");
}

/* The reply half of a user stub: checks, then copies out. */
static void user_reply_fn(struct routine *r)
{
	struct msg rp;
	char tp[300];

	layout_reply(r, &rp);
	snprintf(tp, sizeof(tp), "__Reply__%s_t", r->name);
	P("static kern_return_t __MIG_reply__%s%s(char *_b, size_t _bsize", uprefix(), r->name);
	for (struct arg *a = r->args; a; a = a->next) {
		const struct mtype *t = a->type;

		if (!is_user_arg(a) || !travels_out(a))
			continue;
		if (t->kind == TK_ARRAY && t->ool)
			P(", %s *%s", t->name || t->ctype ? usertype(t) : elemc(t), a->name);
		else if (is_portarr(t))
			P(", mach_port_t *%s", a->name);
		else if (t->kind == TK_ARRAY)
			P(", void *%s", a->name);
		else if (t->kind == TK_CSTRING)
			P(", char *%s", a->name);
		else
			P(", %s *%s", usertype(t), a->name);
		if (is_poly(t))
			P(", mach_msg_type_name_t *%sPoly", a->name);
		if (has_count(a))
			P(", mach_msg_type_number_t *%sCnt", a->name);
	}
	P(")\n{\n\tmach_msg_header_t *_h = (mach_msg_header_t *)(void *)_b;\n");
	P("\tmach_msg_size_t _msize = _h->msgh_size;\n\tkern_return_t _kr;\n\n");
	P("\tif (_h->msgh_id != %d) {\n\t\t_kr = _h->msgh_id == MACH_NOTIFY_SEND_ONCE ?\n"
	  "\t\t\tMIG_SERVER_DIED : MIG_REPLY_MISMATCH;\n\t\tmach_msg_destroy(_h);\n"
	  "\t\treturn _kr;\n\t}\n", r->id + 100);
	emit_check(&rp, tp, 0, "bad");
	silence_at(&rp);
	P("\t(void)_bsize;\n");
	if (!rp.complex) {
		P("\tmemcpy(&_kr, _b + offsetof(%s, RetCode), sizeof(_kr));\n", tp);
		P("\tif (_kr != KERN_SUCCESS)\n\t\treturn _kr;\n");
	}
	/* copy out */
	for (int i = 0; i < rp.n; i++) {
		const struct fld *f = &rp.f[i];
		const struct arg *a = f->a;
		const struct mtype *t = a ? a->type : NULL;

		if (!a || !is_user_arg(a))
			continue;
		switch (f->k) {
		case FK_PORT:
			P("\t*%s = _d_%s.name;\n", a->name, f->name);
			if (is_poly(t))
				P("\t*%sPoly = _d_%s.disposition;\n", a->name, f->name);
			break;
		case FK_OOL:
		case FK_OOLPORTS:
			P("\t*%s = (%s)(_d_%s.address);\n", a->name,
			  t->name || t->ctype ? usertype(t) : "void *", f->name);
			break;
		case FK_PORTARR:
		{
			char n[200];

			if (!t->variable) {
				P("\tfor (mach_msg_type_number_t _i = 0; _i < %d; _i++) {\n"
				  "\t\tmach_msg_port_descriptor_t _d;\n\n"
				  "\t\tmemcpy(&_d, _b + offsetof(%s, %s) + 12 * _i, sizeof(_d));\n"
				  "\t\t%s[_i] = _d.name;\n\t}\n", t->n, tp, f->name, a->name);
				break;
			}
			/*
			 * A variable array goes into the caller's storage of
			 * *<owner>Cnt entries (read before any count is
			 * written back); rights beyond it are released rather
			 * than written past the caller's array or leaked.
			 */
			snprintf(n, sizeof(n), "%sCnt", cnt_owner(a)->name);
			P("\tfor (mach_msg_type_number_t _i = 0; _i < _c_%s; _i++) {\n"
			  "\t\tmach_msg_port_descriptor_t _d;\n\n"
			  "\t\tmemcpy(&_d, _b + offsetof(%s, %s) + 12 * _i, sizeof(_d));\n"
			  "\t\tif (_i < *%s)\n\t\t\t%s[_i] = _d.name;\n"
			  "\t\telse if (MACH_PORT_VALID(_d.name))\n"
			  "\t\t\tmach_port_deallocate(mach_task_self(), _d.name);\n\t}\n",
			  n, tp, f->name, n, a->name);
		}
			break;
		case FK_SCALAR:
		case FK_STRUCT:
			P("\tmemcpy(%s, _b + _at_%s, %d);\n", a->name, f->name, f->size);
			break;
		case FK_FIXED:
			if (t->kind == TK_CSTRING)
				P("\t(void)mig_strncpy(%s, _b + _at_%s, %d);\n", a->name, f->name, f->size);
			else
				P("\tmemcpy(%s, _b + _at_%s, %d);\n", a->name, f->name, f->size);
			break;
		case FK_COUNT:
			if (t->kind == TK_ARRAY && !t->ool && is_portarr(t))
				P("\tif (_c_%s > *%sCnt) {\n\t\t*%sCnt = _c_%s;\n"
				  "\t\treturn MIG_ARRAY_TOO_LARGE;\n\t}\n",
				  f->name, a->name, a->name, f->name);
			if (t->kind == TK_ARRAY && (t->ool || is_portarr(t)))
				P("\t*%sCnt = _c_%s;\n", a->name, f->name);
			break;
		case FK_VAR:
			if (a->countof) {
				P("\tmemcpy(%s, _b + _at_%s, (size_t)_c_%sCnt * %d);\n", a->name, f->name,
				  a->countof->name, f->elem);
				break;
			}
			P("\tif (_c_%sCnt > *%sCnt) {\n", f->name, a->name);
			P("\t\tmemcpy(%s, _b + _at_%s, (size_t)*%sCnt * %d);\n", a->name, f->name, a->name,
			  f->elem);
			P("\t\t*%sCnt = _c_%sCnt;\n\t\treturn MIG_ARRAY_TOO_LARGE;\n\t}\n", a->name, f->name);
			P("\tmemcpy(%s, _b + _at_%s, (size_t)_c_%sCnt * %d);\n", a->name, f->name, f->name,
			  f->elem);
			P("\t*%sCnt = _c_%sCnt;\n", a->name, f->name);
			break;
		case FK_VARSTR:
			P("\tmemcpy(%s, _b + _at_%s, _c_%sCnt);\n", a->name, f->name, f->name);
			break;
		default:
			break;
		}
	}
	P("\treturn KERN_SUCCESS;\n\nbad:\n");
	/* an error reply is a mig_reply_error_t carrying a failure */
	P("\tif (_kr == MIG_TYPE_ERROR && _h->msgh_id == %d &&\n"
	  "\t    !(_h->msgh_bits & MACH_MSGH_BITS_COMPLEX) &&\n"
	  "\t    _h->msgh_size == sizeof(mig_reply_error_t)) {\n"
	  "\t\tkern_return_t _rc;\n\n"
	  "\t\tmemcpy(&_rc, _b + offsetof(mig_reply_error_t, RetCode), sizeof(_rc));\n"
	  "\t\tif (_rc != KERN_SUCCESS)\n\t\t\treturn _rc;\n\t}\n", r->id + 100);
	P("\tmach_msg_destroy(_h);\n\treturn _kr;\n}\n\n");
}

static void user_file(const char *header)
{
	const char *base = header ? strrchr(header, '/') : NULL;
	char hdr[1100];

	if (header)
		snprintf(hdr, sizeof(hdr), "%s", base ? base + 1 : header);
	else
		snprintf(hdr, sizeof(hdr), "%s.h", sub.name);
	banner();
	P("#include \"%s\"\n#include <mach/mach.h>\n\n", hdr);
	P("#ifndef mig_internal\n#define mig_internal static __inline__\n#endif\n\n");
	for (struct routine *r = sub.routines; r; r = r->next) {
		if (!r->name)
			continue;
		if (!r->simple)
			user_reply_fn(r);
		user_routine(r);
	}
}

/* ---- the server stubs ---- */

static void server_routine(struct routine *r)
{
	struct msg rq, rp;
	struct sendctx c = { .user = 0 };
	char tq[300], tp[300];
	int need_trailer = 0;

	layout_request(r, &rq);
	layout_reply(r, &rp);
	snprintf(tq, sizeof(tq), "__Request__%s_t", r->name);
	snprintf(tp, sizeof(tp), "__Reply__%s_t", r->name);

	P("/* %s %s */\nmig_internal void _X%s\n\t(mach_msg_header_t *InHeadP, mach_msg_header_t *OutHeadP)\n{\n",
	  r->simple ? "SimpleRoutine" : "Routine", r->name, r->name);
	P("\tchar *_b = (char *)InHeadP;\n\tchar *_ob = (char *)OutHeadP;\n");
	P("\tmach_msg_header_t *_h = InHeadP;\n\tmach_msg_size_t _msize = InHeadP->msgh_size;\n");
	P("\tmach_msg_size_t _size;\n\tkern_return_t _kr;\n\n\t(void)_b;\n");
	/* locals for every server-side argument */
	for (struct arg *a = r->args; a; a = a->next) {
		const struct mtype *t = a->type;

		if (!is_server_arg(a))
			continue;
		switch (a->kind) {
		case AK_AUDITTOKEN:
		case AK_SECTOKEN:
		case AK_CONTEXT:
		case AK_MSGSEQNO:
			need_trailer = 1;
			P("\t%s %s;\n", ctype(t), a->name);
			continue;
		default:
			break;
		}
		if (t->kind == TK_ARRAY && t->ool)
			P("\t%s %s = 0;\n", t->name || t->ctype ? servertype(t) : "void *", a->name);
		else if (is_portarr(t))
			P("\tmach_port_t %s[%d];\n", a->name, t->n);
		else if (t->kind == TK_ARRAY || t->kind == TK_CSTRING)
			P("\t%s *%s = 0;\n", t->kind == TK_CSTRING ? "char" : elemc(t), a->name);
		else if (t->intran_type && (travels_in(a) || a->kind == AK_REQUESTPORT))
			P("\t%s %s;\n", t->intran_type, a->name);
		else
			P("\t%s %s;\n", t->kind == TK_PORT ? "mach_port_t" : ctype(t), a->name);
		if (is_poly(t))
			P("\tmach_msg_type_name_t %sPoly = %d;\n", a->name, MT_MOVE_SEND);
		if (has_count(a))
			P("\tmach_msg_type_number_t %sCnt = %d;\n", a->name, t->n);
	}
	strlen_locals(&rp);
	emit_check(&rq, tq, 1, "fail");
	silence_at(&rq);
	/* trailer items */
	if (need_trailer) {
		P("\t{\n\t\tmach_msg_max_trailer_t _tr;\n\t\tmach_msg_trailer_t _th;\n\n"
		  "\t\tmemcpy(&_th, _b + round_msg(_msize), sizeof(_th));\n"
		  "\t\tif (_th.msgh_trailer_type != MACH_MSG_TRAILER_FORMAT_0) {\n"
		  "\t\t\t_kr = MIG_TRAILER_ERROR;\n\t\t\tgoto fail;\n\t\t}\n"
		  "\t\tmemset(&_tr, 0, sizeof(_tr));\n"
		  "\t\tmemcpy(&_tr, _b + round_msg(_msize), _th.msgh_trailer_size < sizeof(_tr) ?\n"
		  "\t\t       _th.msgh_trailer_size : sizeof(_tr));\n");
		for (struct arg *a = r->args; a; a = a->next) {
			const char *fld = NULL;

			switch (a->kind) {
			case AK_AUDITTOKEN:
				fld = "msgh_audit";
				break;
			case AK_SECTOKEN:
				fld = "msgh_sender";
				break;
			case AK_CONTEXT:
				fld = "msgh_context";
				break;
			case AK_MSGSEQNO:
				fld = "msgh_seqno";
				break;
			default:
				continue;
			}
			P("\t\tif (_th.msgh_trailer_size < offsetof(mach_msg_max_trailer_t, %s) +\n"
			  "\t\t    sizeof(_tr.%s)) {\n\t\t\t_kr = MIG_TRAILER_ERROR;\n\t\t\tgoto fail;\n\t\t}\n",
			  fld, fld);
			P("\t\tmemcpy(&%s, &_tr.%s, sizeof(%s));\n", a->name, fld, a->name);
		}
		P("\t}\n");
	}
	/* in values */
	for (int i = 0; i < rq.n; i++) {
		const struct fld *f = &rq.f[i];
		const struct arg *a = f->a;
		const struct mtype *t = a ? a->type : NULL;

		if (!a)
			continue;
		switch (f->k) {
		case FK_PORT:
			if (t->intran_fn)
				P("\t%s = %s(_d_%s.name);\n", a->name, t->intran_fn, f->name);
			else
				P("\t%s = _d_%s.name;\n", a->name, f->name);
			if (is_poly(t))
				P("\t%sPoly = _d_%s.disposition;\n", a->name, f->name);
			break;
		case FK_OOL:
		case FK_OOLPORTS:
			P("\t%s = (%s)(_d_%s.address);\n", a->name,
			  t->name || t->ctype ? servertype(t) : "void *", f->name);
			break;
		case FK_PORTARR:
			P("\tfor (mach_msg_type_number_t _i = 0; _i < %d; _i++) {\n"
			  "\t\tmach_msg_port_descriptor_t _d;\n\n"
			  "\t\tmemcpy(&_d, _b + offsetof(%s, %s) + 12 * _i, sizeof(_d));\n"
			  "\t\t%s[_i] = _d.name;\n\t}\n", f->max, tq, f->name, a->name);
			break;
		case FK_SCALAR:
		case FK_STRUCT:
			if (t->intran_fn) {
				P("\t{\n\t\t%s _v;\n\n\t\tmemcpy(&_v, _b + _at_%s, %d);\n\t\t%s = %s(_v);\n\t}\n",
				  ctype(t), f->name, f->size, a->name, t->intran_fn);
			} else
				P("\tmemcpy(&%s, _b + _at_%s, %d);\n", a->name, f->name, f->size);
			break;
		case FK_FIXED:
		case FK_VAR:
		case FK_VARSTR:
			if (a->kind == AK_INOUT && !(t->kind == TK_ARRAY && t->ool)) {
				/* an inout buffer: the reply's, holding the request's bytes */
				P("\t%s = (void *)(_ob + offsetof(%s, %s));\n", a->name, tp, f->name);
				if (f->k == FK_FIXED)
					P("\tmemcpy(%s, _b + _at_%s, %d);\n", a->name, f->name, f->size);
				else
					P("\tmemcpy(%s, _b + _at_%s, (size_t)_c_%sCnt * %d);\n", a->name,
					  f->name, f->name, f->elem);
			} else
				P("\t%s = (void *)(_b + _at_%s);\n", a->name, f->name);
			break;
		case FK_COUNT:
			if (a->kind == AK_OUT)	/* CountInOut: the caller's room */
				P("\tif (_c_%s < %sCnt)\n\t\t%sCnt = _c_%s;\n", f->name, a->name, a->name,
				  f->name);
			else if (t->kind == TK_ARRAY)
				P("\t%sCnt = _c_%s;\n", a->name, f->name);
			break;
		default:
			break;
		}
	}
	/* the request port */
	for (struct arg *a = r->args; a; a = a->next) {
		const struct mtype *t = a->type;

		if (a->kind == AK_REQUESTPORT) {
			if (t->intran_fn)
				P("\t%s = %s(_h->msgh_local_port);\n", a->name, t->intran_fn);
			else
				P("\t%s = _h->msgh_local_port;\n", a->name);
			if (is_poly(t))
				P("\t%sPoly = MACH_MSGH_BITS_LOCAL(_h->msgh_bits);\n", a->name);
		} else if (a->kind == AK_REPLYPORT || a->kind == AK_SREPLYPORT) {
			P("\t%s = _h->msgh_remote_port;\n", a->name);
			if (is_poly(t))
				P("\t%sPoly = MACH_MSGH_BITS_REMOTE(_h->msgh_bits);\n", a->name);
		}
	}
	/* out buffers live in the reply at their largest offsets */
	for (int i = 0; i < rp.n; i++) {
		const struct fld *f = &rp.f[i];
		const struct arg *a = f->a;

		if (!a || a->kind != AK_OUT)
			continue;
		if (f->k == FK_FIXED || f->k == FK_VAR || f->k == FK_VARSTR)
			P("\t%s = (void *)(_ob + offsetof(%s, %s));\n", a->name, tp, f->name);
	}
	P("\n\t_kr = %s%s(", sprefix(), r->name);
	{
		int first = 1;

		for (struct arg *a = r->args; a; a = a->next) {
			const struct mtype *t = a->type;
			int outp = travels_out(a);
			int byref = outp && !((t->kind == TK_ARRAY && !t->ool) || t->kind == TK_CSTRING);

			if (is_portarr(t))
				byref = 0;

			if (!is_server_arg(a))
				continue;
			P("%s%s%s%s", first ? "" : ", ", byref ? "&" : "",
			  !byref && t->kind == TK_ARRAY && !t->ool && !is_portarr(t) ? "(void *)" : "",
			  a->name);
			first = 0;
			if (is_poly(t))
				P(", %s%sPoly", outp ? "&" : "", a->name);
			if (has_count(a))
				P(", %s%sCnt", outp ? "&" : "", a->name);
		}
	}
	P(");\n");
	/* destructors for intran'd ins */
	for (struct arg *a = r->args; a; a = a->next)
		if (a->type->destructor_fn && (a->kind == AK_REQUESTPORT || a->kind == AK_IN))
			P("\t%s(%s);\n", a->type->destructor_fn, a->name);
	if (r->simple) {
		P("\tgoto fail;\n");
	} else {
		P("\tif (_kr != KERN_SUCCESS)\n\t\tgoto fail;\n");
		/* build the reply: the buffers move down to where they belong */
		{
			struct msg m = rp;

			/* out buffers are already in _ob: move instead of copy */
			for (int i = 0; i < m.n; i++) {
				struct fld *f = &m.f[i];

				if (f->a && (f->k == FK_FIXED || f->k == FK_VAR || f->k == FK_VARSTR))
					P("\t/* %s is in place at its largest offset */\n", f->name);
			}
			P("\t{\n\tchar *_b = _ob;\n\n");
			emit_build(&m, &c, tp);
			P("\tOutHeadP->msgh_size = _size;\n");
			if (m.complex)
				P("\tOutHeadP->msgh_bits |= MACH_MSGH_BITS_COMPLEX;\n");
			P("\t}\n");
		}
		P("\treturn;\n");
	}
	P("\nfail:\n");
	P("\tmemcpy(_ob + offsetof(mig_reply_error_t, NDR), &NDR_record, sizeof(NDR_record_t));\n"
	  "\tmemcpy(_ob + offsetof(mig_reply_error_t, RetCode), &_kr, sizeof(_kr));\n"
	  "\tOutHeadP->msgh_size = (mach_msg_size_t)sizeof(mig_reply_error_t);\n"
	  "\tOutHeadP->msgh_bits &= ~MACH_MSGH_BITS_COMPLEX;\n");
	P("\t(void)_size;\n}\n\n");
}

static void server_file(void)
{
	char demux[256];
	int last = sub.base + sub.nroutines;

	demux_name(demux, sizeof(demux));
	banner();
	P("/* Module %s */\n\n#define __MIG_check__Request__%s_subsystem__ 1\n\n", sub.name, sub.name);
	std_includes();
	imports('s');
	P("#ifndef mig_internal\n#define mig_internal static __inline__\n#endif\n\n");
	P("#ifndef mig_external\n#define mig_external\n#endif\n\n");
	server_decls();
	typedefs("Request");
	unions("Request", sprefix());
	typedefs("Reply");
	unions("Reply", sprefix());
	for (struct routine *r = sub.routines; r; r = r->next)
		if (r->name)
			server_routine(r);
	P("/* Description of this subsystem, for use in direct RPC */\n");
	P("const struct %s%s_subsystem %s%s_subsystem = {\n\t%s_routine,\n\t%d,\n\t%d,\n",
	  sprefix(), sub.name, sprefix(), sub.name, demux, sub.base, last);
	P("\t(mach_msg_size_t)sizeof(union __ReplyUnion__%s%s_subsystem),\n\t(vm_address_t)0,\n\t{\n",
	  sprefix(), sub.name);
	for (struct routine *r = sub.routines; r; r = r->next) {
		char tp[300];

		snprintf(tp, sizeof(tp), "__Reply__%s_t", r->name ? r->name : "");
		if (!r->name) {
			P("\t\t{0, 0, 0, 0, 0, 0},\n");
			continue;
		}
		P("\t\t{ (mig_impl_routine_t) 0, (mig_stub_routine_t) _X%s, %d, 0, "
		  "(routine_arg_descriptor_t)0, (mach_msg_size_t)sizeof(%s) },\n",
		  r->name, server_params(r, 0), r->simple ? "mig_reply_error_t" : tp);
	}
	if (!sub.nroutines)
		P("\t\t{0, 0, 0, 0, 0, 0},\n");
	P("\t}\n};\n\n");

	P("mig_external boolean_t %s\n\t(mach_msg_header_t *InHeadP, mach_msg_header_t *OutHeadP)\n{\n", demux);
	P("\tmig_routine_t routine;\n\n"
	  "\tOutHeadP->msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(InHeadP->msgh_bits), 0);\n"
	  "\tOutHeadP->msgh_remote_port = InHeadP->msgh_remote_port;\n"
	  "\t/* Minimal size: routine() will update it if different */\n"
	  "\tOutHeadP->msgh_size = (mach_msg_size_t)sizeof(mig_reply_error_t);\n"
	  "\tOutHeadP->msgh_local_port = MACH_PORT_NULL;\n"
	  "\tOutHeadP->msgh_id = InHeadP->msgh_id + 100;\n"
	  "\tOutHeadP->msgh_reserved = 0;\n\n");
	P("\tif ((InHeadP->msgh_id > %d) || (InHeadP->msgh_id < %d) ||\n"
	  "\t    ((routine = %s%s_subsystem.routine[InHeadP->msgh_id - %d].stub_routine) == 0)) {\n",
	  last - 1, sub.base, sprefix(), sub.name, sub.base);
	P("\t\tkern_return_t _kr = MIG_BAD_ID;\n\n"
	  "\t\tmemcpy((char *)OutHeadP + offsetof(mig_reply_error_t, NDR), &NDR_record,\n"
	  "\t\t       sizeof(NDR_record_t));\n"
	  "\t\tmemcpy((char *)OutHeadP + offsetof(mig_reply_error_t, RetCode), &_kr, sizeof(_kr));\n"
	  "\t\treturn FALSE;\n\t}\n"
	  "\t(*routine)(InHeadP, OutHeadP);\n\treturn TRUE;\n}\n\n");

	P("mig_external mig_routine_t %s_routine\n\t(mach_msg_header_t *InHeadP)\n{\n", demux);
	P("\tint msgh_id;\n\n\tmsgh_id = InHeadP->msgh_id - %d;\n\n"
	  "\tif ((msgh_id > %d) || (msgh_id < 0))\n\t\treturn 0;\n\n"
	  "\treturn %s%s_subsystem.routine[msgh_id].stub_routine;\n}\n",
	  sub.base, sub.nroutines - 1, sprefix(), sub.name);
}

/* ---- the other headers ---- */

static void defs_header(void)
{
	banner();
	P("#ifndef _%s_defines_\n#define _%s_defines_\n\n", sub.name, sub.name);
	P("#define %s_SUBSYSTEM_BASE\t%d\n", sub.name, sub.base);
	for (struct routine *r = sub.routines; r; r = r->next)
		if (r->name)
			P("#define MIG_ID_%s\t%d\n", r->name, r->id);
	P("\n#endif\n");
}

static void internal_header(void)
{
	banner();
	P("#ifndef _%s_internal_\n#define _%s_internal_\n\n", sub.name, sub.name);
	std_includes();
	imports('i');
	for (struct routine *r = sub.routines; r; r = r->next) {
		if (!r->name)
			continue;
		P("extern kern_return_t %s%s\n", sprefix(), r->name);
		server_params(r, 1);
		P(";\n\n");
	}
	P("#endif\n");
}

static void open_out(const char *path)
{
	out = fopen(path, "w");
	if (!out) {
		perror(path);
		exit(1);
	}
}

static void close_out(const char *path)
{
	if (fclose(out)) {
		perror(path);
		exit(1);
	}
}

static void resolve_args(void)
{
	for (struct routine *r = sub.routines; r; r = r->next) {
		if (r->args && r->args->kind == AK_IN && !r->args->explicit_kind)
			r->args->kind = AK_REQUESTPORT;
		struct arg *prev = NULL;

		for (struct arg *a = r->args; a; a = a->next) {
			if ((a->flags & AF_SAMECOUNT) && prev) {
				a->countof = (struct arg *)cnt_owner(prev);
				/*
				 * One count bounds both arrays, and both stubs
				 * check it against the owner's bound: a shorter
				 * follower would be overrun.
				 */
				if (a->type->bounded && a->countof->type->bounded &&
				    a->type->n != a->countof->type->n) {
					cur_line = r->line;
					err("%s: SameCount array %s (at most %d) and %s (at most %d) need one bound",
					    r->name, a->name, a->type->n, a->countof->name,
					    a->countof->type->n);
				}
			}
			if (a->type->kind == TK_ARRAY && a->type->variable)
				prev = a;
		}
		for (struct arg *a = r->args; a; a = a->next) {
			if (a->type->kind == TK_ARRAY && a->type->variable && !a->type->bounded &&
			    !a->type->ool)
				a->type->ool = 1;
			if (a->kind == AK_REQUESTPORT && a->type->kind != TK_PORT) {
				cur_line = r->line;
				err("%s: the request port %s is not a port", r->name, a->name);
			}
		}
	}
}

void generate(const struct opts *o)
{
	char path[1024];

	resolve_args();
	if (errors)
		return;
	snprintf(path, sizeof(path), "%s.h", sub.name);
	{
		const char *h = o->header ? o->header : path;
		char hb[1024];

		snprintf(hb, sizeof(hb), "%s", h);
		open_out(hb);
		user_header();
		close_out(hb);
		snprintf(path, sizeof(path), "%sUser.c", sub.name);
		open_out(o->user ? o->user : path);
		user_file(hb);
		close_out("user");
	}
	snprintf(path, sizeof(path), "%sServer.c", sub.name);
	open_out(o->server ? o->server : path);
	server_file();
	close_out("server");
	if (o->sheader) {
		open_out(o->sheader);
		server_header();
		close_out(o->sheader);
	}
	if (o->dheader) {
		open_out(o->dheader);
		defs_header();
		close_out(o->dheader);
	}
	if (o->iheader) {
		open_out(o->iheader);
		internal_header();
		close_out(o->iheader);
	}
}
