/* render: runs a compiled template against data through the interface.
 *
 * The renderer keeps three stacks. The context stack holds the datums that
 * sections entered; names resolve by walking it from the top for their
 * first part, then strictly through the rest. The indentation is the
 * concatenation of the indentations of the standalone partials, parents and
 * blocks being expanded; it is written before every operation marked `bol`.
 * The override frames are the parents being expanded, outermost first: a
 * block renders the body of the outermost override of its name, or its own
 * default body when there is none.
 *
 * Filters (hook lambdas) never put markup into the output, by
 * construction: a filter section's body is rendered as plain text (no
 * escaping, `plain` set) and handed to the filter, and whatever a filter
 * returns, in a section or in any variable tag, triple or not, passes
 * through escape_html (base/escape.h) before it reaches the output, unless an
 * outer filter's plain body is being rendered, whose result is escaped in turn.
 *
 * Output is capped: `held` counts the bytes in the outer buffers while a
 * lambda's or a filter's text is rendered aside, and after every
 * operation the total written must stay within LIMIT_MUSTACHE_OUTPUT_BYTES,
 * so nested sections over long lists or lambdas that keep doubling their
 * text stop with an error instead of exhausting memory. */
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/xalloc.h"
#include "mustache/internal.h"

struct frame {
	const struct mustache_template *t;
	size_t op; /* the parent operation whose direct blocks override */
};

struct render {
	const struct mustache_data *data;
	const struct mustache_partials *partials;
	struct buf *out;
	struct diags *d;
	const void **stack;
	size_t depth, cap;
	struct buf indent;
	struct frame *frames;
	size_t nframes, fcap;
	int partial_depth;
	long expansions;
	struct buf scratch; /* a variable's text before escaping */
	bool no_indent;     /* inside a lambda's result */
	bool plain;         /* inside a filter's body: nothing is escaped */
	size_t start;       /* the length of the caller's buffer */
	size_t held;        /* bytes in the buffers set aside by divert */
	/* the next operation continues a line begun before an inline block */
	bool mid_line;
	struct mustache_trace *trace; /* NULL: no marks */
	struct buf *top;              /* the caller's buffer */
};

static struct pos op_pos(const struct mustache_template *t,
                         const struct mustache_op *op)
{
	struct pos p = {t->file, op->line, op->col};
	return p;
}

static void push_ctx(struct render *r, const void *d)
{
	r->stack = xgrow(r->stack, &r->cap, r->depth + 1, sizeof *r->stack);
	r->stack[r->depth++] = d;
}

/* Sends the output to `to` until restore; returns the buffer to restore. */
static struct buf *divert(struct render *r, struct buf *to)
{
	struct buf *saved = r->out;
	r->held += saved->len;
	r->out = to;
	return saved;
}

static void restore(struct render *r, struct buf *saved)
{
	r->held -= saved->len;
	r->out = saved;
}

/* Checks the bytes written so far, plus `more` about to be written. */
static int output_ok(struct render *r, const struct mustache_template *t,
                     const struct mustache_op *op, size_t more)
{
	if (r->held + r->out->len + more - r->start <=
	    LIMIT_MUSTACHE_OUTPUT_BYTES)
		return 0;
	diag_error(r->d, op_pos(t, op),
	           "the page grew past %ld MiB (LIMIT_MUSTACHE_OUTPUT_BYTES); "
	           "is a section over a long list nested inside another, or "
	           "does a lambda keep lengthening its text?",
	           (long)(LIMIT_MUSTACHE_OUTPUT_BYTES / (1024 * 1024)));
	return -1;
}

/* Writes a filter's result: escaped, unless it is part of an outer
 * filter's plain body, whose own result will be escaped. The escaped size
 * is checked against the output limit before it is written. */
static int put_filtered(struct render *r, const struct mustache_template *t,
                        const struct mustache_op *op, const struct buf *res)
{
	if (r->plain) {
		buf_put(r->out, res->data, res->len);
		return 0;
	}
	const char *s = res->data ? res->data : "";
	if (output_ok(r, t, op, res->len + escape_html_extra(s, res->len)) < 0)
		return -1;
	escape_html(r->out, s, res->len);
	return 0;
}

static const void *lookup(struct render *r, const struct mustache_op *op)
{
	if (op->nparts == 0)
		return r->stack[r->depth - 1];
	const struct mustache_data *dt = r->data;
	const void *v = NULL;
	for (size_t i = r->depth; i-- > 0;) {
		v = dt->get(dt->closure, r->stack[i], op->parts[0].s,
		            op->parts[0].len);
		if (v)
			break;
	}
	for (uint32_t k = 1; v && k < op->nparts; k++)
		v = dt->get(dt->closure, v, op->parts[k].s, op->parts[k].len);
	return v;
}

static int run(struct render *r, const struct mustache_template *t, size_t from,
               size_t to);

/* Counts one expansion of a partial, parent or lambda result. */
static int budget(struct render *r, const struct mustache_template *t,
                  const struct mustache_op *op)
{
	if (++r->expansions <= LIMIT_MUSTACHE_EXPANSIONS)
		return 0;
	diag_error(r->d, op_pos(t, op),
	           "more than %d partial and lambda expansions in one render "
	           "(LIMIT_MUSTACHE_EXPANSIONS)",
	           LIMIT_MUSTACHE_EXPANSIONS);
	return -1;
}

/* Renders the text a lambda returned as a template, in place. */
static int expand(struct render *r, const struct mustache_template *t,
                  const struct mustache_op *op, const char *text, size_t len,
                  struct mustache_slice otag, struct mustache_slice ctag)
{
	if (r->partial_depth >= LIMIT_MUSTACHE_PARTIAL_DEPTH) {
		diag_error(r->d, op_pos(t, op),
		           "lambdas and partials nested deeper than %d "
		           "(LIMIT_MUSTACHE_PARTIAL_DEPTH)",
		           LIMIT_MUSTACHE_PARTIAL_DEPTH);
		return -1;
	}
	if (budget(r, t, op) < 0)
		return -1;
	struct buf name = BUF_INIT;
	buf_printf(&name, "%s:%d:%d (lambda result)", t->file, op->line,
	           op->col);
	struct mustache_template *lt;
	int rc = mustache_compile_delims(buf_cstr(&name), text, len, otag, ctag,
	                                 &lt, r->d);
	buf_free(&name);
	if (rc < 0)
		return -1;
	bool saved = r->no_indent;
	r->no_indent = true;
	r->partial_depth++;
	rc = run(r, lt, 0, lt->nops);
	r->partial_depth--;
	r->no_indent = saved;
	mustache_free(lt);
	return rc;
}

static int call_lambda(struct render *r, const struct mustache_template *t,
                       const struct mustache_op *op, const void *fn,
                       const char *raw, size_t rawlen, struct buf *res)
{
	const struct mustache_data *dt = r->data;
	if (!dt->lambda)
		return 0;
	if (dt->lambda(dt->closure, fn, raw, rawlen, res, op_pos(t, op), r->d) <
	    0)
		return -1;
	return output_ok(r, t, op, res->len);
}

static int variable(struct render *r, const struct mustache_template *t,
                    const struct mustache_op *op)
{
	const struct mustache_data *dt = r->data;
	const void *v = lookup(r, op);
	if (!v)
		return 0;
	enum mustache_kind k = dt->enter(dt->closure, v);
	if (k == MUSTACHE_FILTER) {
		struct buf res = BUF_INIT;
		int rc = call_lambda(r, t, op, v, NULL, 0, &res);
		if (rc == 0)
			rc = put_filtered(r, t, op, &res);
		buf_free(&res);
		return rc;
	}
	if (k == MUSTACHE_LAMBDA) {
		struct buf res = BUF_INIT;
		int rc = call_lambda(r, t, op, v, NULL, 0, &res);
		if (rc == 0) {
			struct buf tmp = BUF_INIT;
			struct buf *saved = divert(r, &tmp);
			struct mustache_slice o = {"{{", 2}, c = {"}}", 2};
			rc = expand(r, t, op, res.data ? res.data : "", res.len,
			            o, c);
			restore(r, saved);
			if (op->kind == MOP_VAR && !r->plain)
				escape_html(r->out, tmp.data ? tmp.data : "",
				            tmp.len);
			else
				buf_put(r->out, tmp.data, tmp.len);
			buf_free(&tmp);
		}
		buf_free(&res);
		return rc;
	}
	if (op->kind == MOP_RAW || r->plain) {
		dt->text(dt->closure, v, r->out);
		return 0;
	}
	buf_clear(&r->scratch);
	dt->text(dt->closure, v, &r->scratch);
	escape_html(r->out, buf_cstr(&r->scratch), r->scratch.len);
	return 0;
}

static int section(struct render *r, const struct mustache_template *t,
                   size_t i)
{
	const struct mustache_op *op = &t->ops[i];
	const struct mustache_data *dt = r->data;
	const void *v = lookup(r, op);
	enum mustache_kind k = v ? dt->enter(dt->closure, v) : MUSTACHE_FALSY;
	if (op->kind == MOP_INVERTED)
		return k == MUSTACHE_FALSY ? run(r, t, i + 1, op->end) : 0;
	int rc = 0;
	switch (k) {
	case MUSTACHE_FALSY:
		return 0;
	case MUSTACHE_TRUE:
		return run(r, t, i + 1, op->end);
	case MUSTACHE_OBJECT:
		push_ctx(r, v);
		rc = run(r, t, i + 1, op->end);
		r->depth--;
		break;
	case MUSTACHE_LIST: {
		size_t cursor = 0;
		const void *item;
		while (rc == 0 && (item = dt->next(dt->closure, v, &cursor))) {
			push_ctx(r, item);
			rc = run(r, t, i + 1, op->end);
			r->depth--;
		}
		break;
	}
	case MUSTACHE_FILTER: {
		struct buf body = BUF_INIT, res = BUF_INIT;
		struct buf *saved = divert(r, &body);
		bool was_plain = r->plain;
		r->plain = true;
		rc = run(r, t, i + 1, op->end);
		r->plain = was_plain;
		restore(r, saved);
		if (rc == 0)
			rc = call_lambda(r, t, op, v, buf_cstr(&body), body.len,
			                 &res);
		if (rc == 0)
			rc = put_filtered(r, t, op, &res);
		buf_free(&body);
		buf_free(&res);
		return rc;
	}
	case MUSTACHE_LAMBDA: {
		struct buf res = BUF_INIT;
		rc = call_lambda(r, t, op, v, op->text.s, op->text.len, &res);
		if (rc == 0)
			rc = expand(r, t, op, res.data ? res.data : "", res.len,
			            op->otag, op->ctag);
		buf_free(&res);
		return rc;
	}
	}
	if (dt->leave)
		dt->leave(dt->closure, v);
	return rc;
}

/* The partial or parent an operation names, or NULL when there is none. */
static int resolve(struct render *r, const struct mustache_template *t,
                   const struct mustache_op *op,
                   const struct mustache_template **out)
{
	*out = NULL;
	if (!r->partials)
		return 0;
	if (r->partial_depth >= LIMIT_MUSTACHE_PARTIAL_DEPTH) {
		diag_error(r->d, op_pos(t, op),
		           "partial \"%.*s\" nested deeper than %d "
		           "(LIMIT_MUSTACHE_PARTIAL_DEPTH): does it include "
		           "itself?",
		           (int)op->text.len, op->text.s,
		           LIMIT_MUSTACHE_PARTIAL_DEPTH);
		return -1;
	}
	if (!op->dynamic)
		return r->partials->resolve(r->partials->closure, op->text.s,
		                            op->text.len, op_pos(t, op), out,
		                            r->d);
	const struct mustache_data *dt = r->data;
	const void *v = lookup(r, op);
	enum mustache_kind k = v ? dt->enter(dt->closure, v) : MUSTACHE_FALSY;
	if (!v || k == MUSTACHE_LAMBDA || k == MUSTACHE_FILTER)
		return 0;
	struct buf name = BUF_INIT;
	dt->text(dt->closure, v, &name);
	int rc = 0;
	if (name.len)
		rc = r->partials->resolve(r->partials->closure, name.data,
		                          name.len, op_pos(t, op), out, r->d);
	buf_free(&name);
	return rc;
}

static int partial(struct render *r, const struct mustache_template *t,
                   size_t i)
{
	const struct mustache_op *op = &t->ops[i];
	const struct mustache_template *p;
	if (resolve(r, t, op, &p) < 0)
		return -1;
	if (!p)
		return 0;
	if (budget(r, t, op) < 0)
		return -1;
	size_t ilen = r->indent.len;
	buf_put(&r->indent, op->indent.s, op->indent.len);
	if (op->kind == MOP_PARENT) {
		r->frames = xgrow(r->frames, &r->fcap, r->nframes + 1,
		                  sizeof *r->frames);
		r->frames[r->nframes].t = t;
		r->frames[r->nframes].op = i;
		r->nframes++;
	}
	r->partial_depth++;
	int rc = run(r, p, 0, p->nops);
	r->partial_depth--;
	if (op->kind == MOP_PARENT)
		r->nframes--;
	r->indent.len = ilen;
	return rc;
}

static bool same(struct mustache_slice a, struct mustache_slice b)
{
	return a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
}

static int block(struct render *r, const struct mustache_template *t, size_t i)
{
	const struct mustache_op *op = &t->ops[i];
	const struct mustache_template *bt = t;
	size_t bi = i;
	for (size_t f = 0; f < r->nframes; f++) {
		const struct mustache_template *ft = r->frames[f].t;
		const struct mustache_op *po = &ft->ops[r->frames[f].op];
		size_t k = r->frames[f].op + 1;
		while (k < po->end) {
			const struct mustache_op *b = &ft->ops[k];
			if (b->kind == MOP_BLOCK && same(b->text, op->text)) {
				bt = ft;
				bi = k;
				goto found;
			}
			k = b->kind >= MOP_SECTION && b->kind != MOP_PARTIAL
			            ? b->end
			            : k + 1;
		}
	}
found:;
	size_t ilen = r->indent.len;
	buf_put(&r->indent, op->indent.s, op->indent.len);
	r->mid_line = !op->standalone;
	int rc = run(r, bt, bi + 1, bt->ops[bi].end);
	r->mid_line = false;
	r->indent.len = ilen;
	return rc;
}

static int run(struct render *r, const struct mustache_template *t, size_t from,
               size_t to)
{
	const struct mustache_op *ops = t->ops;
	size_t i = from;
	while (i < to) {
		const struct mustache_op *op = &ops[i];
		if (op->bol && r->indent.len && !r->no_indent && !r->mid_line)
			buf_put(r->out, r->indent.data, r->indent.len);
		r->mid_line = false;
		int rc = 0;
		if (r->trace && r->out == r->top &&
		    (op->kind == MOP_TEXT || op->kind == MOP_VAR ||
		     op->kind == MOP_RAW)) {
			struct mustache_trace *tr = r->trace;
			tr->marks = xgrow(tr->marks, &tr->cap, tr->n + 1,
			                  sizeof *tr->marks);
			tr->marks[tr->n++] = (struct mustache_mark){
			        r->out->len, op_pos(t, op),
			        op->kind == MOP_TEXT ? op->text.s : NULL,
			        op->kind == MOP_TEXT ? op->text.len : 0};
		}
		switch (op->kind) {
		case MOP_TEXT:
			buf_put(r->out, op->text.s, op->text.len);
			i++;
			break;
		case MOP_VAR:
		case MOP_RAW:
			rc = variable(r, t, op);
			i++;
			break;
		case MOP_SECTION:
		case MOP_INVERTED:
			rc = section(r, t, i);
			i = op->end;
			break;
		case MOP_PARTIAL:
			rc = partial(r, t, i);
			i++;
			break;
		case MOP_PARENT:
			rc = partial(r, t, i);
			i = op->end;
			break;
		case MOP_BLOCK:
			rc = block(r, t, i);
			i = op->end;
			break;
		}
		if (rc < 0 || output_ok(r, t, op, 0) < 0)
			return -1;
	}
	return 0;
}

int mustache_render(const struct mustache_template *t,
                    const struct mustache_data *data, const void *root,
                    const struct mustache_partials *partials, struct buf *out,
                    struct diags *d)
{
	return mustache_render_traced(t, data, root, partials, out, NULL, d);
}

struct pos mustache_trace_pos(const struct mustache_trace *trace, size_t offset)
{
	struct pos none = {NULL, 0, 0};
	if (!trace || !trace->n || trace->marks[0].offset > offset)
		return none;
	/* The last mark at or before `offset`. */
	size_t lo = 0, hi = trace->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (trace->marks[mid].offset <= offset)
			lo = mid;
		else
			hi = mid;
	}
	const struct mustache_mark *m = &trace->marks[lo];
	struct pos p = m->pos;
	if (!m->text)
		return p;
	/* Into a text: count its lines and columns up to the byte (a
	 * partial's indentation can put the output a little ahead). */
	size_t n = offset - m->offset;
	for (size_t i = 0; i < n && i < m->len; i++) {
		if (m->text[i] == '\n') {
			p.line++;
			p.col = 1;
		} else if (((unsigned char)m->text[i] & 0xc0) != 0x80) {
			p.col++;
		}
	}
	return p;
}

int mustache_render_traced(const struct mustache_template *t,
                           const struct mustache_data *data, const void *root,
                           const struct mustache_partials *partials,
                           struct buf *out, struct mustache_trace *trace,
                           struct diags *d)
{
	struct render r = {0};
	r.trace = trace;
	r.top = out;
	r.data = data;
	r.partials = partials;
	r.out = out;
	r.d = d;
	r.start = out->len;
	push_ctx(&r, root);
	int rc = run(&r, t, 0, t->nops);
	free(r.stack);
	free(r.frames);
	buf_free(&r.indent);
	buf_free(&r.scratch);
	return rc;
}
