/* SPDX-License-Identifier: GPL-2.0 */
/* mig: the .defs grammar (Apple's dialect of the Mach 3 interface language). */
%{
#include <stdlib.h>
#include <string.h>
#include "mig.h"

static void yyerror(const char *s) { err("%s", s); }

static struct mtype *anon(enum tkind k)
{
	struct mtype *t = xcalloc(1, sizeof(*t));

	t->kind = k;
	t->line = cur_line;
	return t;
}

/* array/c_string bounds: n, variable, bounded */
static int b_n, b_var, b_bounded;

static struct mtype *mkarray(struct mtype *elem, int ool)
{
	struct mtype *t = anon(TK_ARRAY);

	t->elem = elem;
	t->n = b_n;
	t->variable = b_var;
	t->bounded = b_bounded;
	/* an unbounded variable array, or an array of ports, travels out of line */
	/* an unbounded variable array travels out of line; a bounded array
	 * of ports is a run of port descriptors */
	t->ool = ool || (b_var && !b_bounded);
	return t;
}

static void add_routine(char *name, int simple, struct arg *args)
{
	struct routine *r = xcalloc(1, sizeof(*r));

	r->name = name;
	r->simple = simple;
	r->args = args;
	r->id = sub.base + sub.nroutines++;
	r->line = cur_line;
	*sub.rtail = r;
	sub.rtail = &r->next;
}

static struct mtype *cur_type;
%}

%union {
	int num;
	char *str;
	struct mtype *type;
	struct arg *arg;
}

%token T_SUBSYSTEM T_KERNELUSER T_KERNELSERVER T_USERPREFIX T_SERVERPREFIX
%token T_SERVERDEMUX T_RCSID T_TYPE T_ROUTINE T_SIMPLEROUTINE T_SKIP T_IN T_OUT
%token T_INOUT T_REQUESTPORT T_REPLYPORT T_SREPLYPORT T_UREPLYPORT T_WAITTIME
%token T_NOWAITTIME T_MSGOPTION T_MSGSEQNO T_AUDITTOKEN T_SECTOKEN T_CONTEXT
%token T_ARRAY T_OF T_STRUCT T_CSTRING T_POLYMORPHIC T_CTYPE T_CUSERTYPE
%token T_CSERVERTYPE T_INTRAN T_OUTTRAN T_DESTRUCTOR T_DEALLOC T_NOTDEALLOC
%token T_SERVERCOPY T_COUNTINOUT T_SAMECOUNT T_RETCODE T_CONST T_PHYSCOPY
%token T_OVERWRITE
%token <num> T_NUM T_IMPORT
%token <str> T_ID T_STRING

%type <num> expr argkind flags flag
%type <type> typespec typedecl_head inline_def
%type <arg> args arglist arg

%left '+' '-'
%left '*' '/'

%%
file:	/* empty */
	| file stmt
	;

stmt:	subsystem ';'
	| T_IMPORT T_STRING ';' {
		struct import *i = xcalloc(1, sizeof(*i));
		i->which = $1;
		i->text = $2;
		*sub.itail = i;
		sub.itail = &i->next;
	}
	| T_USERPREFIX T_ID ';'		{ sub.userprefix = $2; }
	| T_SERVERPREFIX T_ID ';'	{ sub.serverprefix = $2; }
	| T_SERVERDEMUX T_ID ';'	{ sub.serverdemux = $2; }
	| T_RCSID T_STRING ';'
	| T_WAITTIME T_ID ';'		{ sub.waittime = $2; }
	| T_WAITTIME T_NUM ';'		{ char b[32]; snprintf(b, sizeof(b), "%d", $2); sub.waittime = xstrdup(b); }
	| T_NOWAITTIME ';'		{ sub.waittime = NULL; }
	| T_MSGOPTION T_ID ';'		{ sub.msgoption = $2; }
	| typedecl ';'
	| T_ROUTINE T_ID '(' args ')' ';'	{ add_routine($2, 0, $4); }
	| T_SIMPLEROUTINE T_ID '(' args ')' ';'	{ add_routine($2, 1, $4); }
	| T_SKIP ';'			{ add_routine(NULL, 0, NULL); }
	| ';'
	| error ';'
	;

subsystem: T_SUBSYSTEM mods T_ID expr {
		if (sub.name)
			err("a second subsystem statement");
		sub.name = $3;
		sub.base = $4;
	}
	;
mods:	/* empty */
	| mods T_KERNELUSER	{ sub.kernel_user = 1; }
	| mods T_KERNELSERVER	{ sub.kernel_server = 1; }
	;

typedecl: typedecl_head typeattrs { type_define($1); }
	;
typedecl_head: T_TYPE T_ID '=' typespec {
		struct mtype *t = xcalloc(1, sizeof(*t));
		*t = *$4;
		t->name = $2;
		t->ctype = t->cusertype = t->cservertype = NULL;
		t->intran_type = t->intran_fn = NULL;
		t->outtran_type = t->outtran_fn = t->destructor_fn = NULL;
		t->line = cur_line;
		$$ = t;
		cur_type = t;
	}
	;
typeattrs: /* empty */
	| typeattrs typeattr
	;
typeattr: T_CTYPE ':' T_ID		{ cur_type->ctype = $3; }
	| T_CUSERTYPE ':' T_ID		{ cur_type->cusertype = $3; }
	| T_CSERVERTYPE ':' T_ID	{ cur_type->cservertype = $3; }
	| T_INTRAN ':' T_ID T_ID '(' T_ID ')'	{ cur_type->intran_type = $3; cur_type->intran_fn = $4; }
	| T_OUTTRAN ':' T_ID T_ID '(' T_ID ')'	{ cur_type->outtran_type = $3; cur_type->outtran_fn = $4; }
	| T_DESTRUCTOR ':' T_ID '(' T_ID ')'	{ cur_type->destructor_fn = $3; }
	;

typespec: T_ID {
		$$ = type_lookup($1);
		if (!$$) {
			err("unknown type %s", $1);
			$$ = type_builtin("MACH_MSG_TYPE_INTEGER_32");
		}
	}
	| '(' T_ID ',' expr ')' {
		struct mtype *b = type_builtin($2);
		$$ = anon(TK_SCALAR);
		if (b)
			*$$ = *b;
		else
			err("unknown IPC type %s", $2);
		if (b && b->kind == TK_SCALAR)
			$$->size = $4 / 8;
	}
	| '(' T_ID ',' expr ',' T_ID ')' {
		struct mtype *b = type_builtin($2);
		$$ = anon(TK_SCALAR);
		if (b)
			*$$ = *b;
		else
			err("unknown IPC type %s", $2);
		if (b && b->kind == TK_SCALAR)
			$$->size = $4 / 8;
	}
	| T_ARRAY '[' bounds ']' T_OF typespec		{ $$ = mkarray($6, 0); }
	| '^' T_ARRAY '[' bounds ']' T_OF typespec	{ $$ = mkarray($7, 1); }
	| T_STRUCT '[' expr ']' T_OF typespec {
		$$ = anon(TK_STRUCT);
		$$->elem = $6;
		$$->n = $3;
		$$->size = $3 * ($6->kind == TK_STRUCT ? $6->size : $6->size);
	}
	| T_CSTRING '[' bounds ']' {
		$$ = anon(TK_CSTRING);
		$$->n = b_n;
		$$->variable = b_var;
		$$->bounded = 1;
		if (!b_bounded)
			err("c_string needs a size");
	}
	| T_POLYMORPHIC {
		$$ = anon(TK_PORT);
		$$->msgt = MT_POLYMORPHIC;
		$$->size = 4;
	}
	| T_POLYMORPHIC '|' T_ID {
		$$ = anon(TK_PORT);
		$$->msgt = MT_POLYMORPHIC;
		$$->size = 4;
	}
	| T_ID '|' T_POLYMORPHIC {
		$$ = anon(TK_PORT);
		$$->msgt = MT_POLYMORPHIC;
		$$->size = 4;
	}
	| '^' T_ID {
		/* a pointer to one struct, sent out of line */
		struct mtype *e = type_lookup($2);

		if (!e) {
			err("unknown type %s", $2);
			e = type_builtin("MACH_MSG_TYPE_INTEGER_32");
		}
		$$ = anon(TK_ARRAY);
		$$->elem = e;
		$$->n = 1;
		$$->bounded = 1;
		$$->ool = 1;
	}
	;

bounds:	/* empty */	{ b_n = 0; b_var = 1; b_bounded = 0; }
	| '*'		{ b_n = 0; b_var = 1; b_bounded = 0; }
	| '*' ':' expr	{ b_n = $3; b_var = 1; b_bounded = 1; }
	| expr		{ b_n = $1; b_var = 0; b_bounded = 1; }
	;

expr:	T_NUM
	| T_ID		{ err("%s is not a number (undefined macro?)", $1); $$ = 1; }
	| expr '+' expr	{ $$ = $1 + $3; }
	| expr '-' expr	{ $$ = $1 - $3; }
	| expr '*' expr	{ $$ = $1 * $3; }
	| expr '/' expr	{ $$ = $3 ? $1 / $3 : 0; }
	| '(' expr ')'	{ $$ = $2; }
	;

args:	/* empty */		{ $$ = NULL; }
	| arglist		{ $$ = $1; }
	| arglist ';'		{ $$ = $1; }
	;
arglist: arg			{ $$ = $1; }
	| arglist ';' arg {
		struct arg *a = $1;
		while (a->next)
			a = a->next;
		a->next = $3;
		$$ = $1;
	}
	;
arg:	argkind T_ID ':' inline_def flags {
		$$ = xcalloc(1, sizeof(*$$));
		$$->kind = (enum akind)$1;
		$$->explicit_kind = 1;
		$$->name = $2;
		$$->type = $4;
		$$->flags = $5;
		$$->line = cur_line;
	}
	| T_ID ':' inline_def flags {
		$$ = xcalloc(1, sizeof(*$$));
		$$->kind = AK_IN;
		$$->name = $1;
		$$->type = $3;
		$$->flags = $4;
		$$->line = cur_line;
	}
	| argkind T_ID ':' typespec flags {
		$$ = xcalloc(1, sizeof(*$$));
		$$->kind = (enum akind)$1;
		$$->explicit_kind = 1;
		$$->name = $2;
		$$->type = $4;
		$$->flags = $5;
		$$->line = cur_line;
	}
	| T_ID ':' typespec flags {
		$$ = xcalloc(1, sizeof(*$$));
		$$->kind = AK_IN;
		$$->name = $1;
		$$->type = $3;
		$$->flags = $4;
		$$->line = cur_line;
	}
	;
inline_def: T_ID '=' typespec {
		struct mtype *t = xcalloc(1, sizeof(*t));
		*t = *$3;
		t->name = $1;
		t->ctype = t->cusertype = t->cservertype = NULL;
		t->intran_type = t->intran_fn = NULL;
		t->outtran_type = t->outtran_fn = t->destructor_fn = NULL;
		cur_type = t;
	} typeattrs { $$ = cur_type; }
	;
argkind: T_IN		{ $$ = AK_IN; }
	| T_OUT		{ $$ = AK_OUT; }
	| T_INOUT	{ $$ = AK_INOUT; }
	| T_REQUESTPORT	{ $$ = AK_REQUESTPORT; }
	| T_REPLYPORT	{ $$ = AK_REPLYPORT; }
	| T_SREPLYPORT	{ $$ = AK_SREPLYPORT; }
	| T_UREPLYPORT	{ $$ = AK_UREPLYPORT; }
	| T_WAITTIME	{ $$ = AK_WAITTIME; }
	| T_MSGOPTION	{ $$ = AK_MSGOPTION; }
	| T_MSGSEQNO	{ $$ = AK_MSGSEQNO; }
	| T_AUDITTOKEN	{ $$ = AK_AUDITTOKEN; }
	| T_SECTOKEN	{ $$ = AK_SECTOKEN; }
	| T_CONTEXT	{ $$ = AK_CONTEXT; }
	;
flags:	/* empty */		{ $$ = 0; }
	| flags ',' flag	{ $$ = $1 | $3; }
	;
flag:	T_DEALLOC		{ $$ = AF_DEALLOC; }
	| T_DEALLOC '[' ']'	{ $$ = AF_DEALLOC; }
	| T_NOTDEALLOC		{ $$ = AF_NOTDEALLOC; }
	| T_SERVERCOPY		{ $$ = AF_SERVERCOPY; }
	| T_COUNTINOUT		{ $$ = AF_COUNTINOUT; }
	| T_SAMECOUNT		{ $$ = AF_SAMECOUNT; }
	| T_RETCODE		{ $$ = AF_RETCODE; }
	| T_CONST		{ $$ = AF_CONST; }
	| T_PHYSCOPY		{ $$ = AF_PHYSCOPY; }
	| T_OVERWRITE		{ $$ = AF_OVERWRITE; }
	;
%%
