/* compile: Mustache template text into a flat array of operations.
 *
 * Compiling runs in passes over a token list, so that each rule of the
 * specification lives in one place:
 *
 * 1. scan: split the text into text tokens (one per line at most, each
 *    ending at a newline or a tag) and tag tokens, following delimiter
 *    changes; names are trimmed and split at dots.
 * 2. match: pair every open tag (# ^ $ <) with its close tag, and check
 *    nesting depth.
 * 3. lines: a line whose tags all produce no output (sections, comments,
 *    delimiters, partials, parents, and blocks that do not close on that
 *    line) and whose text is whitespace is standalone: its whitespace and
 *    newline vanish and the indentation passes to a partial or parent on it.
 *    The first token of every other non-empty line is marked `bol`: it
 *    receives the indentation of the partials it is rendered in.
 * 4. blocks: a block whose open tag is standalone has an intrinsic
 *    indentation (that of its first line, or of the tag when the body is
 *    empty). It is removed from every line of the body here and added back
 *    at render time at the site where the block expands, which is how an
 *    override takes the indentation of the block it replaces.
 * 5. emit: surviving tokens become operations; open tags learn where their
 *    body ends. */
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "mustache/internal.h"

enum tok_kind {
	T_TEXT,
	T_VAR,
	T_RAW,
	T_SECTION,
	T_INVERTED,
	T_CLOSE,
	T_PARTIAL,
	T_PARENT,
	T_BLOCK,
	T_COMMENT,
	T_DELIM,
};

struct tok {
	uint8_t kind;
	uint8_t deleted;    /* whitespace of a standalone line */
	uint8_t bol;        /* first token of a non-empty, kept line */
	uint8_t dynamic;    /* `*name` */
	uint8_t standalone; /* a tag on a standalone line */
	int line, col;
	size_t group;               /* line number, counted by text newlines */
	size_t start, end;          /* the whole token in the source */
	struct mustache_slice name; /* text: the bytes; tags: trimmed name */
	size_t match;               /* open and close tags: the partner */
	struct mustache_slice otag, ctag;
	struct mustache_slice indent;
};

struct compiler {
	const char *file;
	const char *src;
	size_t len;
	struct diags *d;
	struct arena *arena;
	struct tok *toks;
	size_t ntoks, cap;
	/* scanning position for line and column counting */
	size_t scanned;
	int line;
	size_t line_start;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

static const char *find(const char *hay, size_t hlen, const char *needle,
                        size_t nlen)
{
	if (nlen == 0 || hlen < nlen)
		return NULL;
	const char *end = hay + hlen - nlen;
	for (const char *p = hay; p <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p) + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, nlen) == 0)
			return p;
	}
	return NULL;
}

/* Moves the line counter to byte offset `to`. */
static void advance(struct compiler *c, size_t to)
{
	for (size_t i = c->scanned; i < to; i++) {
		if (c->src[i] == '\n') {
			c->line++;
			c->line_start = i + 1;
		}
	}
	if (to > c->scanned)
		c->scanned = to;
}

static struct pos pos_at(struct compiler *c, size_t at)
{
	advance(c, at);
	struct pos p = {c->file, c->line, (int)(at - c->line_start) + 1};
	return p;
}

static struct tok *push(struct compiler *c, enum tok_kind kind, size_t start,
                        size_t end)
{
	c->toks = xgrow(c->toks, &c->cap, c->ntoks + 1, sizeof *c->toks);
	struct tok *t = &c->toks[c->ntoks++];
	memset(t, 0, sizeof *t);
	struct pos p = pos_at(c, start);
	t->kind = (uint8_t)kind;
	t->line = p.line;
	t->col = p.col;
	t->start = start;
	t->end = end;
	return t;
}

static struct mustache_slice trim(const char *s, size_t len)
{
	while (len && is_space(s[0])) {
		s++;
		len--;
	}
	while (len && is_space(s[len - 1]))
		len--;
	struct mustache_slice r = {s, len};
	return r;
}

static int fail_at(struct compiler *c, size_t at, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static int fail_at(struct compiler *c, size_t at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(c->d, DIAG_ERROR, pos_at(c, at), fmt, ap);
	va_end(ap);
	return -1;
}

static int tok_fail(struct compiler *c, const struct tok *t, const char *fmt,
                    ...) __attribute__((format(printf, 3, 4)));

static int tok_fail(struct compiler *c, const struct tok *t, const char *fmt,
                    ...)
{
	struct pos p = {c->file, t->line, t->col};
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(c->d, DIAG_ERROR, p, fmt, ap);
	va_end(ap);
	return -1;
}

/* Text from `from` to `to`, one token per line. */
static void scan_text(struct compiler *c, size_t from, size_t to)
{
	while (from < to) {
		const char *nl = memchr(c->src + from, '\n', to - from);
		size_t end = nl ? (size_t)(nl - c->src) + 1 : to;
		struct tok *t = push(c, T_TEXT, from, end);
		t->name.s = c->src + from;
		t->name.len = end - from;
		from = end;
	}
}

static bool valid_delim(struct mustache_slice s)
{
	if (s.len == 0)
		return false;
	for (size_t i = 0; i < s.len; i++)
		if (is_space(s.s[i]) || s.s[i] == '=')
			return false;
	return true;
}

/* `{{=<% %>=}}`: the content between `=` signs holds two delimiters. */
static int set_delims(struct compiler *c, size_t at, struct mustache_slice in,
                      struct mustache_slice *otag, struct mustache_slice *ctag)
{
	struct mustache_slice s = trim(in.s, in.len);
	if (s.len == 0 || s.s[s.len - 1] != '=')
		goto bad;
	s = trim(s.s, s.len - 1);
	size_t i = 0;
	while (i < s.len && !is_space(s.s[i]))
		i++;
	struct mustache_slice o = {s.s, i};
	struct mustache_slice rest = trim(s.s + i, s.len - i);
	if (!valid_delim(o) || !valid_delim(rest))
		goto bad;
	*otag = o;
	*ctag = rest;
	return 0;
bad:
	return fail_at(c, at,
	               "bad delimiter change: expected two delimiters without "
	               "spaces or '=', as in {{=<%% %%>=}}, got \"%.*s\"",
	               (int)in.len + 1, in.s - 1);
}

/* A name: `.` or parts separated by dots, none empty or holding spaces. */
static int parse_name(struct compiler *c, struct tok *t, const char *what,
                      const struct mustache_slice **parts, uint32_t *nparts)
{
	struct mustache_slice n = t->name;
	if (n.len == 0)
		return tok_fail(c, t, "expected a name in the %s tag, got none",
		                what);
	for (size_t i = 0; i < n.len; i++)
		if (is_space(n.s[i]))
			return tok_fail(c, t,
			                "expected a name without spaces, got "
			                "\"%.*s\"",
			                (int)n.len, n.s);
	if (n.len == 1 && n.s[0] == '.') {
		*parts = NULL;
		*nparts = 0;
		return 0;
	}
	uint32_t count = 1;
	for (size_t i = 0; i < n.len; i++)
		count += n.s[i] == '.';
	struct mustache_slice *p = arena_alloc(c->arena, count * sizeof *p);
	size_t start = 0;
	uint32_t k = 0;
	for (size_t i = 0; i <= n.len; i++) {
		if (i == n.len || n.s[i] == '.') {
			if (i == start)
				return tok_fail(c, t,
				                "expected a name, got \"%.*s\" "
				                "with an empty part",
				                (int)n.len, n.s);
			p[k].s = n.s + start;
			p[k].len = i - start;
			k++;
			start = i + 1;
		}
	}
	*parts = p;
	*nparts = count;
	return 0;
}

static int scan(struct compiler *c, struct mustache_slice otag,
                struct mustache_slice ctag)
{
	size_t pos = 0;
	const char *src = c->src;
	while (pos < c->len) {
		const char *o = find(src + pos, c->len - pos, otag.s, otag.len);
		size_t tstart = o ? (size_t)(o - src) : c->len;
		scan_text(c, pos, tstart);
		if (!o)
			break;
		size_t q = tstart + otag.len;
		while (q < c->len && is_space(src[q]))
			q++;
		enum tok_kind kind = T_VAR;
		char type = q < c->len ? src[q] : 0;
		switch (type) {
		case '#':
			kind = T_SECTION;
			break;
		case '^':
			kind = T_INVERTED;
			break;
		case '/':
			kind = T_CLOSE;
			break;
		case '>':
			kind = T_PARTIAL;
			break;
		case '<':
			kind = T_PARENT;
			break;
		case '$':
			kind = T_BLOCK;
			break;
		case '{':
		case '&':
			kind = T_RAW;
			break;
		case '!':
			kind = T_COMMENT;
			break;
		case '=':
			kind = T_DELIM;
			break;
		default:
			type = 0;
			break;
		}
		if (type)
			q++;
		const char *close;
		size_t cstart, tend;
		if (type == '{') {
			/* `}` then the closing delimiter, spaces allowed. */
			close = find(src + q, c->len - q, ctag.s, ctag.len);
			while (close) {
				const char *b = close;
				while (b > src + q && is_space(b[-1]))
					b--;
				if (b > src + q && b[-1] == '}')
					break;
				size_t from = (size_t)(close - src) + 1;
				close = find(src + from, c->len - from, ctag.s,
				             ctag.len);
			}
			if (!close)
				return fail_at(c, tstart,
				               "unterminated tag: expected "
				               "}%.*s, got end of template",
				               (int)ctag.len, ctag.s);
			cstart = (size_t)(close - src);
			tend = cstart + ctag.len;
			while (src[cstart - 1] != '}')
				cstart--;
			cstart--;
		} else if (type == '=') {
			/* delimiters hold no '=': the next one ends them */
			const char *eq = memchr(src + q, '=', c->len - q);
			size_t e = eq ? (size_t)(eq - src) + 1 : c->len;
			while (e < c->len && is_space(src[e]))
				e++;
			close = eq && c->len - e >= ctag.len &&
			                        memcmp(src + e, ctag.s,
			                               ctag.len) == 0
			                ? src + e
			                : NULL;
			if (!close)
				return fail_at(c, tstart,
				               "unterminated delimiter change: "
				               "expected =%.*s, got %s",
				               (int)ctag.len, ctag.s,
				               eq ? "something else"
				                  : "end of template");
			cstart = (size_t)(close - src);
			tend = cstart + ctag.len;
		} else {
			close = find(src + q, c->len - q, ctag.s, ctag.len);
			if (!close)
				return fail_at(
				        c, tstart,
				        "unterminated tag: expected %.*s, "
				        "got end of template",
				        (int)ctag.len, ctag.s);
			cstart = (size_t)(close - src);
			tend = cstart + ctag.len;
		}
		struct tok *t = push(c, kind, tstart, tend);
		t->otag = otag;
		t->ctag = ctag;
		t->name = trim(src + q, cstart - q);
		if (kind == T_DELIM) {
			struct mustache_slice in = {src + q, cstart - q};
			if (set_delims(c, tstart, in, &otag, &ctag) < 0)
				return -1;
		}
		if ((kind == T_PARTIAL || kind == T_PARENT) && t->name.len &&
		    t->name.s[0] == '*') {
			t->dynamic = 1;
			t->name = trim(t->name.s + 1, t->name.len - 1);
		}
		pos = tend;
	}
	return 0;
}

static bool is_open(enum tok_kind k)
{
	return k == T_SECTION || k == T_INVERTED || k == T_BLOCK ||
	       k == T_PARENT;
}

static int match(struct compiler *c)
{
	size_t *stack = NULL, depth = 0, cap = 0;
	int rc = 0;
	for (size_t i = 0; i < c->ntoks; i++) {
		struct tok *t = &c->toks[i];
		if (is_open(t->kind)) {
			if (depth >= LIMIT_MUSTACHE_DEPTH) {
				rc = tok_fail(c, t,
				              "sections nested deeper than %d "
				              "(LIMIT_MUSTACHE_DEPTH)",
				              LIMIT_MUSTACHE_DEPTH);
				goto done;
			}
			stack = xgrow(stack, &cap, depth + 1, sizeof *stack);
			stack[depth++] = i;
		} else if (t->kind == T_CLOSE) {
			if (depth == 0) {
				rc = tok_fail(
				        c, t,
				        "expected no close tag, got "
				        "%.*s/%.*s%.*s with no section open",
				        (int)t->otag.len, t->otag.s,
				        (int)t->name.len, t->name.s,
				        (int)t->ctag.len, t->ctag.s);
				goto done;
			}
			struct tok *o = &c->toks[stack[depth - 1]];
			struct mustache_slice on = o->name;
			if (o->dynamic && (o->kind == T_PARENT)) {
				/* a dynamic parent may close with its star */
				if (t->name.len && t->name.s[0] == '*')
					t->name = trim(t->name.s + 1,
					               t->name.len - 1);
			}
			if (on.len != t->name.len ||
			    memcmp(on.s, t->name.s, on.len) != 0) {
				rc = tok_fail(
				        c, t,
				        "expected %.*s/%.*s%.*s to close "
				        "the section opened at %d:%d, got "
				        "%.*s/%.*s%.*s",
				        (int)t->otag.len, t->otag.s,
				        (int)on.len, on.s, (int)t->ctag.len,
				        t->ctag.s, o->line, o->col,
				        (int)t->otag.len, t->otag.s,
				        (int)t->name.len, t->name.s,
				        (int)t->ctag.len, t->ctag.s);
				goto done;
			}
			depth--;
			o->match = i;
			t->match = stack[depth];
		}
	}
	if (depth) {
		struct tok *o = &c->toks[stack[depth - 1]];
		rc = tok_fail(c, o,
		              "unclosed section \"%.*s\": expected "
		              "%.*s/%.*s%.*s, got end of template",
		              (int)o->name.len, o->name.s, (int)o->otag.len,
		              o->otag.s, (int)o->name.len, o->name.s,
		              (int)o->ctag.len, o->ctag.s);
	}
done:
	free(stack);
	return rc;
}

static bool all_space(struct mustache_slice s)
{
	for (size_t i = 0; i < s.len; i++)
		if (!is_space(s.s[i]))
			return false;
	return true;
}

static bool produces_output(const struct compiler *c, size_t i)
{
	const struct tok *t = &c->toks[i];
	switch (t->kind) {
	case T_TEXT:
		return !all_space(t->name);
	case T_VAR:
	case T_RAW:
		return true;
	case T_BLOCK:
		return c->toks[t->match].group == t->group;
	default:
		return false;
	}
}

/* Pass 3: standalone lines and line starts. */
static void lines(struct compiler *c)
{
	size_t g = 0;
	for (size_t i = 0; i < c->ntoks; i++) {
		c->toks[i].group = g;
		if (c->toks[i].kind == T_TEXT &&
		    c->toks[i].name.s[c->toks[i].name.len - 1] == '\n')
			g++;
	}
	size_t a = 0;
	while (a < c->ntoks) {
		size_t b = a;
		while (b < c->ntoks && c->toks[b].group == c->toks[a].group)
			b++;
		bool has_tag = false, output = false;
		for (size_t i = a; i < b; i++) {
			has_tag |= c->toks[i].kind != T_TEXT;
			output |= produces_output(c, i);
		}
		/* the whitespace before the line's first tag */
		size_t first_tag = a;
		while (first_tag < b && c->toks[first_tag].kind == T_TEXT)
			first_tag++;
		/* the whitespace before the line's first tag, when only
		 * whitespace comes before it */
		struct mustache_slice lead = {NULL, 0};
		if (first_tag < b && first_tag == a)
			lead.s = c->src + c->toks[a].start;
		else if (first_tag < b && first_tag == a + 1 &&
		         all_space(c->toks[a].name))
			lead = c->toks[a].name;
		if (has_tag && !output) {
			for (size_t i = a; i < b; i++) {
				struct tok *t = &c->toks[i];
				if (t->kind == T_TEXT)
					t->deleted = 1;
				else
					t->standalone = 1;
			}
			if (lead.s)
				c->toks[first_tag].indent = lead;
		} else {
			struct tok *t = &c->toks[a];
			if (!(t->kind == T_TEXT && t->name.s[0] == '\n'))
				t->bol = 1;
			if (lead.s && first_tag < b &&
			    c->toks[first_tag].kind == T_BLOCK)
				c->toks[first_tag].indent = lead;
		}
		a = b;
	}
}

/* Removes up to `d` from the start of `s`, where they agree. */
static void strip(struct mustache_slice *s, struct mustache_slice d)
{
	size_t n = 0;
	while (n < d.len && n < s->len && s->s[n] == d.s[n] &&
	       (s->s[n] == ' ' || s->s[n] == '\t'))
		n++;
	s->s += n;
	s->len -= n;
}

/* Pass 4: intrinsic indentation of standalone blocks. */
static void blocks(struct compiler *c)
{
	for (size_t i = 0; i < c->ntoks; i++) {
		struct tok *t = &c->toks[i];
		if (t->kind != T_BLOCK || !t->standalone)
			continue;
		size_t j = i + 1;
		while (j < t->match && c->toks[j].deleted)
			j++;
		struct mustache_slice d = t->indent;
		if (j < t->match) {
			struct tok *f = &c->toks[j];
			d.s = f->name.s;
			d.len = 0;
			if (f->kind == T_TEXT && f->bol)
				while (d.len < f->name.len &&
				       (d.s[d.len] == ' ' ||
				        d.s[d.len] == '\t'))
					d.len++;
		}
		t->indent = d;
		if (d.len == 0)
			continue;
		for (size_t k = i + 1; k < t->match; k++) {
			struct tok *b = &c->toks[k];
			if (b->deleted)
				continue;
			if (b->kind == T_TEXT && b->bol)
				strip(&b->name, d);
			if (b->kind != T_TEXT && b->indent.len)
				strip(&b->indent, d);
		}
	}
}

static int emit(struct compiler *c, struct mustache_template *tpl)
{
	struct mustache_op *ops = NULL;
	size_t n = 0, cap = 0, floor = 0;
	size_t *open = xmalloc((c->ntoks + 1) * sizeof *open);
	for (size_t i = 0; i < c->ntoks; i++) {
		struct tok *t = &c->toks[i];
		if (t->deleted)
			continue;
		bool silent = t->kind == T_COMMENT || t->kind == T_DELIM ||
		              t->kind == T_CLOSE ||
		              (t->kind == T_TEXT && t->name.len == 0);
		if (silent && t->bol) {
			/* The line's indentation still goes here, before
			 * whatever follows (inside the section for a close
			 * tag), so an empty text operation carries it. */
			ops = xgrow(ops, &cap, n + 1, sizeof *ops);
			memset(&ops[n], 0, sizeof ops[n]);
			ops[n].kind = MOP_TEXT;
			ops[n].bol = 1;
			ops[n].line = t->line;
			ops[n].col = t->col;
			ops[n].text.s = c->src + t->end;
			n++;
		}
		if (t->kind == T_CLOSE) {
			ops[open[t->match]].end = (uint32_t)n;
			floor = n; /* text after a body never joins it */
		}
		if (silent)
			continue;
		/* adjacent text on one line stays one operation */
		if (t->kind == T_TEXT && !t->bol && n > floor &&
		    ops[n - 1].kind == MOP_TEXT &&
		    ops[n - 1].text.s + ops[n - 1].text.len == t->name.s) {
			ops[n - 1].text.len += t->name.len;
			continue;
		}
		ops = xgrow(ops, &cap, n + 1, sizeof *ops);
		struct mustache_op *op = &ops[n];
		memset(op, 0, sizeof *op);
		op->bol = t->bol;
		op->line = t->line;
		op->col = t->col;
		op->indent = t->indent;
		open[i] = n;
		int rc = 0;
		switch (t->kind) {
		case T_TEXT:
			op->kind = MOP_TEXT;
			op->text = t->name;
			break;
		case T_VAR:
		case T_RAW:
			op->kind = t->kind == T_VAR ? MOP_VAR : MOP_RAW;
			rc = parse_name(c, t, "variable", &op->parts,
			                &op->nparts);
			break;
		case T_SECTION:
		case T_INVERTED:
			op->kind = t->kind == T_SECTION ? MOP_SECTION
			                                : MOP_INVERTED;
			rc = parse_name(c, t, "section", &op->parts,
			                &op->nparts);
			op->text.s = c->src + t->end;
			op->text.len = c->toks[t->match].start - t->end;
			op->otag = t->otag;
			op->ctag = t->ctag;
			break;
		case T_PARTIAL:
		case T_PARENT:
		case T_BLOCK:
			op->kind = t->kind == T_PARTIAL  ? MOP_PARTIAL
			           : t->kind == T_PARENT ? MOP_PARENT
			                                 : MOP_BLOCK;
			op->dynamic = t->dynamic;
			op->standalone = t->standalone;
			op->text = t->name;
			if (t->name.len == 0)
				rc = tok_fail(c, t,
				              "expected a name in the %s tag, "
				              "got none",
				              t->kind == T_BLOCK ? "block"
				                                 : "partial");
			else if (t->dynamic)
				rc = parse_name(c, t, "partial", &op->parts,
				                &op->nparts);
			break;
		default:
			break;
		}
		if (rc < 0) {
			free(open);
			free(ops);
			return -1;
		}
		n++;
	}
	free(open);
	tpl->ops = ops;
	tpl->nops = n;
	return 0;
}

int mustache_compile_delims(const char *file, const char *text, size_t len,
                            struct mustache_slice otag,
                            struct mustache_slice ctag,
                            struct mustache_template **out, struct diags *d)
{
	struct mustache_template *tpl = xcalloc(1, sizeof *tpl);
	tpl->file = xstrdup(file ? file : "<template>");
	tpl->src = xmalloc(len + 1);
	if (len)
		memcpy(tpl->src, text, len);
	tpl->src[len] = '\0';
	tpl->len = len;
	/* delimiters given by the caller may not outlive this call */
	otag.s = arena_strndup(&tpl->arena, otag.s, otag.len);
	ctag.s = arena_strndup(&tpl->arena, ctag.s, ctag.len);

	struct compiler c = {0};
	c.file = tpl->file;
	c.src = tpl->src;
	c.len = len;
	c.d = d;
	c.arena = &tpl->arena;
	c.line = 1;
	if (scan(&c, otag, ctag) < 0 || match(&c) < 0)
		goto fail;
	lines(&c);
	blocks(&c);
	if (emit(&c, tpl) < 0)
		goto fail;
	free(c.toks);
	*out = tpl;
	return 0;
fail:
	free(c.toks);
	mustache_free(tpl);
	return -1;
}

int mustache_compile(const char *file, const char *text, size_t len,
                     struct mustache_template **out, struct diags *d)
{
	struct mustache_slice o = {"{{", 2}, cl = {"}}", 2};
	return mustache_compile_delims(file, text, len, o, cl, out, d);
}

void mustache_free(struct mustache_template *t)
{
	if (!t)
		return;
	free(t->file);
	free(t->src);
	free(t->ops);
	arena_free(&t->arena);
	free(t);
}

const char *mustache_file(const struct mustache_template *t)
{
	return t->file;
}

bool mustache_names(const struct mustache_template *t, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < t->nops; i++) {
		const struct mustache_op *op = &t->ops[i];
		bool named = op->kind == MOP_VAR || op->kind == MOP_RAW ||
		             op->kind == MOP_SECTION ||
		             op->kind == MOP_INVERTED;
		if (named && op->nparts && op->parts[0].len == n &&
		    memcmp(op->parts[0].s, name, n) == 0)
			return true;
	}
	return false;
}
