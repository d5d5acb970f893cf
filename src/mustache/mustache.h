/* mustache: compile Mustache templates once, render them many times.
 *
 * clerk implements the whole Mustache specification (v1.4.2): variables,
 * sections, inverted sections, comments, set delimiters, partials with
 * standalone lines and indentation, and the optional modules lambdas,
 * inheritance (parents `{{<name}}` and blocks `{{$name}}`) and dynamic names
 * (`{{>*name}}`). docs/mustache.md is the template author's guide.
 *
 * Compiling turns the template text into a flat array of operations; every
 * operation carries the file:line:col of its tag. Rendering walks that array
 * and never looks at the template text again, except to hand the raw text of
 * a section to a lambda.
 *
 * The engine knows nothing of the data: it sees opaque pointers ("datums")
 * and asks a struct mustache_data of callbacks about them. Partials come
 * from a struct mustache_partials. mustache/value_data.h connects the first
 * to clerk's value tree; mustache_dir_* below is the usual resolver.
 *
 * Output goes into a struct buf. Errors go into a struct diags as
 * `file:line:col: error: expected X, got Y`; compiling stops at the first.
 * A compiled template belongs to whoever compiled it; the partials of a
 * mustache_dir belong to it, and each file it reads or looks for is noted
 * in the recorder it was made with (base/fs.h). */
#ifndef CLERK_MUSTACHE_MUSTACHE_H
#define CLERK_MUSTACHE_MUSTACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/limits.h"

/* A compiled template. Opaque; it owns a copy of its source text. */
struct mustache_template;

/* How a datum behaves, as the data side answers `enter`. */
enum mustache_kind {
	MUSTACHE_FALSY,  /* sections skip, inverted sections render */
	MUSTACHE_TRUE,   /* sections render once on the same context */
	MUSTACHE_OBJECT, /* sections render once with the datum pushed */
	MUSTACHE_LIST,   /* sections render once per item (see `next`) */
	MUSTACHE_LAMBDA, /* a function: see `lambda` */
	/* A function that filters text, as clerk's hook lambdas do, and can
	 * never write markup: a section's body is first rendered in the
	 * current context as plain text (values not escaped) and handed to
	 * `lambda`; what `lambda` writes is never rendered again and is
	 * always escaped, in a section and in every variable tag alike
	 * ({{name}}, {{{name}}}, {{&name}}). In a variable tag `lambda` gets
	 * NULL. Inside a filter's body, an inner filter's output stays plain
	 * and is escaped once with the rest. Not in the specification, which
	 * has no such kind. */
	MUSTACHE_FILTER,
};

/* The data interface. Datums are opaque pointers owned by the data side and
 * must stay valid for the whole render. NULL is never a datum: it means
 * "not found". */
struct mustache_data {
	void *closure; /* passed to every callback */
	/* The member `key` (`len` bytes, not NUL-terminated) of `ctx`, or NULL
	 * when `ctx` has no such member or cannot have members. Called while
	 * resolving names: the engine walks the context stack itself. */
	const void *(*get)(void *closure, const void *ctx, const char *key,
	                   size_t len);
	/* How `d` behaves in a section or variable tag. The data side decides
	 * what is falsy (clerk: null, false, 0, "", empty lists). */
	enum mustache_kind (*enter)(void *closure, const void *d);
	/* Iterates the list `d`: returns the item at `*cursor` and advances it,
	 * or NULL after the last. `*cursor` starts at 0. */
	const void *(*next)(void *closure, const void *d, size_t *cursor);
	/* Called when a section that entered `d` ends. May be NULL. */
	void (*leave)(void *closure, const void *d);
	/* Writes the text of `d` (a scalar) unescaped. Strings as they are,
	 * numbers as a reader expects them. */
	void (*text)(void *closure, const void *d, struct buf *out);
	/* Calls the lambda `d`. For a variable tag `raw` is NULL; for a section
	 * it is the section's unrendered text (`len` bytes). The result goes
	 * into `out` and is then rendered as a template: with the default
	 * delimiters for variables, the section's delimiters for sections.
	 * Returns 0, or -1 after adding a diagnostic at `pos`. For an inverted
	 * section a lambda is truthy and is not called. May be NULL: lambdas
	 * then render as nothing. */
	int (*lambda)(void *closure, const void *d, const char *raw, size_t len,
	              struct buf *out, struct pos pos, struct diags *diags);
};

/* The partial resolver: finds the template named `name` (`len` bytes).
 * Returns 0 with `*out` set to a template the resolver owns (it must stay
 * valid for the whole render), 0 with `*out` NULL when there is no such
 * partial (it renders as nothing, as the specification says), or -1 after
 * adding a diagnostic (a partial that does not compile, a bad name). `pos`
 * is the partial tag, for messages. */
struct mustache_partials {
	void *closure;
	int (*resolve)(void *closure, const char *name, size_t len,
	               struct pos pos, const struct mustache_template **out,
	               struct diags *d);
};

/* Compiles `len` bytes of `text`. `file` names the template in positions
 * and messages; both are copied. Returns 0 with `*out` set (free it with
 * mustache_free), or -1 with the first error in `d`: an unclosed or
 * mismatched section, a bad delimiter change, an unterminated tag, an empty
 * name, nesting deeper than LIMIT_MUSTACHE_DEPTH. */
int mustache_compile(const char *file, const char *text, size_t len,
                     struct mustache_template **out, struct diags *d);
void mustache_free(struct mustache_template *t);
/* The file name given to mustache_compile (borrowed from `t`). */
const char *mustache_file(const struct mustache_template *t);
/* Whether a variable or section tag of `t` itself (not of the partials it
 * includes) names `name`, as the whole name or its first part before a
 * dot: {{flow}}, {{#flow}}, {{^flow.x}}. */
bool mustache_names(const struct mustache_template *t, const char *name);

/* Renders `t` with `root` at the bottom of the context stack, appending to
 * `out`. `partials` may be NULL (every partial is then missing). Returns 0,
 * or -1 with the error in `d` (partial recursion deeper than
 * LIMIT_MUSTACHE_PARTIAL_DEPTH, more than LIMIT_MUSTACHE_OUTPUT_BYTES
 * written, a lambda that fails or returns a template that does not
 * compile); `out` then holds what was written so far. */
int mustache_render(const struct mustache_template *t,
                    const struct mustache_data *data, const void *root,
                    const struct mustache_partials *partials, struct buf *out,
                    struct diags *d);

/* Where the output came from: one mark for each template operation that
 * wrote to the output (not inside a lambda's or filter's text), in output
 * order, so a check of the rendered page can point into the template
 * that wrote the part it finds wrong. */
struct mustache_mark {
	size_t offset;    /* where the operation's output starts */
	struct pos pos;   /* its tag, or the start of its text */
	const char *text; /* TEXT: the template's bytes (borrowed), else NULL */
	size_t len;
};
struct mustache_trace {
	struct mustache_mark *marks;
	size_t n, cap;
};

/* mustache_render, noting in `trace` (grown with xalloc; the caller frees
 * trace->marks) where each part of the output came from. The marks'
 * texts and file names borrow from the templates, which must outlive
 * them. */
int mustache_render_traced(const struct mustache_template *t,
                           const struct mustache_data *data, const void *root,
                           const struct mustache_partials *partials,
                           struct buf *out, struct mustache_trace *trace,
                           struct diags *d);

/* The template position of output byte `offset` (a TEXT operation's
 * exact line and column; else its tag's), or a position with file NULL
 * when the trace has no mark before it. */
struct pos mustache_trace_pos(const struct mustache_trace *trace,
                              size_t offset);

/* A partial resolver over a search path of folders. Partial NAME is the
 * file NAME.mustache in the first folder that has it; NAME may hold `/` to
 * reach subfolders, but a name that is absolute, holds a `..` part or
 * resolves (through links) outside its folder is an error. Templates are
 * compiled on first use and kept until mustache_dir_free. */
struct mustache_dir;
/* `dirs` (copied) are searched in order; folders that do not exist are
 * skipped. Each partial read, and each file looked for and missing, is
 * noted in `rec` (base/fs.h; borrowed, must outlive `pd`; NULL:
 * nowhere). */
struct fs_recorder;
struct mustache_dir *mustache_dir_new(const char *const *dirs, size_t ndirs,
                                      struct fs_recorder *rec);
void mustache_dir_free(struct mustache_dir *pd);
/* The resolver to pass to mustache_render; `pd` must outlive it. */
struct mustache_partials mustache_dir_partials(struct mustache_dir *pd);
/* Compiles every NAME.mustache of the folder `dir` (named as a search
 * path names it) and keeps it for the life of the process: a resolver
 * made afterwards, here or in a process forked from here, takes the kept
 * template of a file unchanged since instead of compiling it again (and
 * notes the file as read). Files that cannot be read or do not compile
 * cleanly are left to the resolvers that use them to report. */
void mustache_warm(const char *dir);

#endif
