/* mustache internals: the compiled form shared by compile.c and render.c.
 *
 * A template is a flat array of operations. A section, inverted section,
 * block or parent at index i owns the operations i+1 .. end-1 as its body;
 * close tags leave no operation. Names are split at dots when compiling, so
 * rendering never parses. */
#ifndef CLERK_MUSTACHE_INTERNAL_H
#define CLERK_MUSTACHE_INTERNAL_H

#include <stdint.h>

#include "base/arena.h"
#include "mustache/mustache.h"

enum mustache_op_kind {
	MOP_TEXT,     /* text: literal bytes */
	MOP_VAR,      /* {{name}}: escaped */
	MOP_RAW,      /* {{{name}}} and {{&name}} */
	MOP_SECTION,  /* {{#name}} */
	MOP_INVERTED, /* {{^name}} */
	MOP_PARTIAL,  /* {{>name}} */
	MOP_PARENT,   /* {{<name}}: its body's direct blocks are overrides */
	MOP_BLOCK,    /* {{$name}}: its body is the default */
};

struct mustache_slice {
	const char *s;
	size_t len;
};

struct mustache_op {
	uint8_t kind;
	uint8_t bol;     /* first operation of a template line: indent here */
	uint8_t dynamic; /* partial or parent named by the data (`*name`) */
	uint8_t standalone; /* BLOCK: its open tag stands on its own line */
	uint32_t end;       /* index after the body, for operations with one */
	int line, col;
	/* TEXT: the bytes. PARTIAL, PARENT, BLOCK: the name. SECTION: the raw
	 * body text, for lambdas. */
	struct mustache_slice text;
	/* VAR, RAW, SECTION, INVERTED, dynamic PARTIAL and PARENT: the name's
	 * parts; nparts 0 is the implicit iterator `.`. */
	const struct mustache_slice *parts;
	uint32_t nparts;
	/* PARTIAL, PARENT: indentation of a standalone tag. BLOCK: the
	 * indentation added to the lines of whichever body renders. */
	struct mustache_slice indent;
	/* SECTION: the delimiters in force, for a lambda's result. */
	struct mustache_slice otag, ctag;
};

struct mustache_template {
	char *file;
	char *src; /* the template text, NUL-terminated */
	size_t len;
	struct mustache_op *ops;
	size_t nops;
	struct arena arena; /* names, indentation, delimiters */
};

/* Compiles with the given opening and closing delimiters in force. */
int mustache_compile_delims(const char *file, const char *text, size_t len,
                            struct mustache_slice otag,
                            struct mustache_slice ctag,
                            struct mustache_template **out, struct diags *d);

#endif
