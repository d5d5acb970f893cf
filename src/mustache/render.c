/* render: runs a compiled template against data through the interface.
 *
 * The renderer keeps three stacks. The context stack holds the datums that
 * sections entered; names resolve by walking it from the top for their
 * first part, then strictly through the rest. The indentation is the
 * concatenation of the indentations of the standalone partials, parents and
 * blocks being expanded; it is written before every operation marked `bol`.
 * The override frames are the parents being expanded, outermost first: a
 * block renders the body of the outermost override of its name, or its own
 * default body when there is none. */
#include <stdlib.h>
#include <string.h>

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
	/* the next operation continues a line begun before an inline block */
	bool mid_line;
};

static const char *const esc[256] = {
        ['&'] = "&amp;",  ['<'] = "&lt;",   ['>'] = "&gt;",
        ['"'] = "&quot;", ['\''] = "&#39;",
};

void mustache_escape(struct buf *out, const char *s, size_t len)
{
	buf_reserve(out, len);
	size_t from = 0;
	for (size_t i = 0; i < len; i++) {
		const char *e = esc[(unsigned char)s[i]];
		if (!e)
			continue;
		buf_put(out, s + from, i - from);
		buf_puts(out, e);
		from = i + 1;
	}
	buf_put(out, s + from, len - from);
}

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
	return dt->lambda(dt->closure, fn, raw, rawlen, res, op_pos(t, op),
	                  r->d);
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
		if (rc == 0 && op->kind == MOP_VAR)
			mustache_escape(r->out, buf_cstr(&res), res.len);
		else if (rc == 0)
			buf_put(r->out, res.data, res.len);
		buf_free(&res);
		return rc;
	}
	if (k == MUSTACHE_LAMBDA) {
		struct buf res = BUF_INIT;
		int rc = call_lambda(r, t, op, v, NULL, 0, &res);
		if (rc == 0) {
			struct buf *saved = r->out;
			struct buf tmp = BUF_INIT;
			r->out = &tmp;
			struct mustache_slice o = {"{{", 2}, c = {"}}", 2};
			rc = expand(r, t, op, res.data ? res.data : "", res.len,
			            o, c);
			r->out = saved;
			if (op->kind == MOP_VAR)
				mustache_escape(r->out,
				                tmp.data ? tmp.data : "",
				                tmp.len);
			else
				buf_put(r->out, tmp.data, tmp.len);
			buf_free(&tmp);
		}
		buf_free(&res);
		return rc;
	}
	if (op->kind == MOP_RAW) {
		dt->text(dt->closure, v, r->out);
		return 0;
	}
	buf_clear(&r->scratch);
	dt->text(dt->closure, v, &r->scratch);
	mustache_escape(r->out, buf_cstr(&r->scratch), r->scratch.len);
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
		struct buf *saved = r->out;
		struct buf body = BUF_INIT, res = BUF_INIT;
		r->out = &body;
		rc = run(r, t, i + 1, op->end);
		r->out = saved;
		if (rc == 0)
			rc = call_lambda(r, t, op, v, buf_cstr(&body), body.len,
			                 &res);
		if (rc == 0)
			buf_put(r->out, res.data, res.len);
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
		switch (op->kind) {
		case MOP_TEXT:
			buf_put(r->out, op->text.s, op->text.len);
			i++;
			continue;
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
		if (rc < 0)
			return -1;
	}
	return 0;
}

int mustache_render(const struct mustache_template *t,
                    const struct mustache_data *data, const void *root,
                    const struct mustache_partials *partials, struct buf *out,
                    struct diags *d)
{
	struct render r = {0};
	r.data = data;
	r.partials = partials;
	r.out = out;
	r.d = d;
	push_ctx(&r, root);
	int rc = run(&r, t, 0, t->nops);
	free(r.stack);
	free(r.frames);
	buf_free(&r.indent);
	buf_free(&r.scratch);
	return rc;
}
