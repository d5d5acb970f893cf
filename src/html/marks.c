/* marks: numbering the paragraphs block templates mark class="para".
 *
 * One scan over the page finds each <p> start tag (reading markup only:
 * comments, CDATA sections, processing instructions, the text of the
 * script and style elements and every attribute value are stepped over),
 * reads its class attribute by name and, when
 * the class holds the word `para`, rewrites the tag: without `para`, and
 * for a numbered mark with the paragraph's id, its number after the tag
 * and a <div class="numbered"> around the paragraph (up to its own
 * </p>: a marked paragraph that is empty, never ends or holds another is
 * an error, so that no wrapper is left open) and the list or table that
 * follows it. Every rewrite
 * is noted as an edit (old offset, bytes removed, bytes inserted) so that the
 * render's trace can be moved with the text afterwards. */
#include "html/marks.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/xalloc.h"

/* A tag of the page: [start, end) with `end` just past its '>'; its
 * name [name, name + nname); `close` for an end tag, `empty` for one
 * written <x ... />. For a <p> start tag, its class attribute: the value
 * [cls, cls + ncls) (cls NULL when it has none) and the attribute whole,
 * [attr, attr_end), from its name to its closing quote. */
struct tag {
	size_t start, end;
	const char *name;
	size_t nname;
	bool close, empty;
	const char *cls;
	size_t ncls;
	size_t attr, attr_end;
	bool has_id, two_classes;
};

struct edit {
	size_t at, removed, inserted;
};

struct pass {
	const char *s;
	size_t len;
	struct buf out;
	struct edit *edits;
	size_t nedits, cap;
};

/* The end of the tag opening at s[i] (just past its '>'), quotes
 * respected, or `len` when it never closes. */
static size_t tag_end(const char *s, size_t len, size_t i)
{
	char quote = 0;
	for (; i < len; i++) {
		if (quote) {
			if (s[i] == quote)
				quote = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			quote = s[i];
		} else if (s[i] == '>') {
			return i + 1;
		}
	}
	return len;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Just past the first `needle` in s[from, len), or `len`. */
static size_t past(const char *s, size_t len, size_t from, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = from; i + k <= len; i++) {
		const char *c = memchr(s + i, needle[0], len - i);
		if (!c)
			break;
		i = (size_t)(c - s);
		if (i + k <= len && memcmp(c, needle, k) == 0)
			return i + k;
	}
	return len;
}

static bool tag_is(const struct tag *t, const char *name)
{
	return t->nname == strlen(name) &&
	       strncmp(t->name, name, t->nname) == 0;
}

/* The next tag at or after s[i], false when there is none. Only markup
 * is read as tags: comments, CDATA sections, <!...> and <?...?> are
 * stepped over whole, and so is the text of the script and style
 * elements; a tag is stepped over to its '>', so that text inside an
 * attribute's value is never read as a tag; a '<' that starts no tag
 * is text. */
static bool next_tag(const char *s, size_t len, size_t i, struct tag *t)
{
	while (i < len) {
		const char *lt = memchr(s + i, '<', len - i);
		if (!lt)
			return false;
		size_t at = (size_t)(lt - s), rest = len - at;
		if (rest >= 4 && memcmp(lt, "<!--", 4) == 0) {
			i = past(s, len, at + 4, "-->");
			continue;
		}
		if (rest >= 9 && memcmp(lt, "<![CDATA[", 9) == 0) {
			i = past(s, len, at + 9, "]]>");
			continue;
		}
		if (rest >= 2 && lt[1] == '?') {
			i = past(s, len, at + 2, "?>");
			continue;
		}
		if (rest >= 2 && lt[1] == '!') {
			i = tag_end(s, len, at);
			continue;
		}
		bool close = rest >= 2 && lt[1] == '/';
		size_t n = at + 1 + close;
		if (n >= len || !is_letter(s[n])) {
			i = at + 1;
			continue;
		}
		memset(t, 0, sizeof *t);
		t->start = at;
		t->close = close;
		t->name = s + n;
		while (n < len && !is_space(s[n]) && s[n] != '>' && s[n] != '/')
			n++;
		t->nname = (size_t)(s + n - t->name);
		t->end = tag_end(s, len, at);
		t->empty = !close && t->end >= at + 2 && s[t->end - 1] == '>' &&
		           s[t->end - 2] == '/';
		if (!close && !t->empty &&
		    (tag_is(t, "script") || tag_is(t, "style"))) {
			i = past(s, len, t->end,
			         tag_is(t, "script") ? "</script" : "</style");
			continue;
		}
		return true;
	}
	return false;
}

/* Reads the attributes of the <p> start tag `t`: its class and whether
 * it has an id. Names are read as names, so `class=` inside another
 * attribute's value is that value's text. */
static void read_attrs(const char *s, struct tag *t)
{
	size_t j = t->start + 1 + t->nname, end = t->end;
	while (j < end) {
		while (j < end && (is_space(s[j]) || s[j] == '/'))
			j++;
		if (j >= end || s[j] == '>')
			break;
		size_t name = j;
		while (j < end && !is_space(s[j]) && s[j] != '=' &&
		       s[j] != '>' && s[j] != '/')
			j++;
		size_t nname = j - name;
		if (!nname) {
			j++;
			continue;
		}
		while (j < end && is_space(s[j]))
			j++;
		size_t v = j, nv = 0;
		if (j < end && s[j] == '=') {
			j++;
			while (j < end && is_space(s[j]))
				j++;
			if (j < end && (s[j] == '"' || s[j] == '\'')) {
				const char *q =
				        memchr(s + j + 1, s[j], end - j - 1);
				v = j + 1;
				nv = q ? (size_t)(q - s) - v : end - v;
				j = q ? (size_t)(q - s) + 1 : end;
			} else {
				v = j;
				while (j < end && !is_space(s[j]) &&
				       s[j] != '>')
					j++;
				nv = j - v;
			}
		}
		if (nname == 2 && strncmp(s + name, "id", 2) == 0)
			t->has_id = true;
		if (nname == 5 && strncmp(s + name, "class", 5) == 0 && t->cls)
			t->two_classes = true;
		if (nname == 5 && strncmp(s + name, "class", 5) == 0 &&
		    !t->cls) {
			t->cls = s + v;
			t->ncls = nv;
			t->attr = name;
			t->attr_end = j;
		}
	}
}

/* The next <p> start tag at or after s[i], its attributes read; false
 * when there is none. */
static bool next_p(const char *s, size_t len, size_t i, struct tag *t)
{
	while (next_tag(s, len, i, t)) {
		if (!t->close && tag_is(t, "p")) {
			read_attrs(s, t);
			return true;
		}
		i = t->end;
	}
	return false;
}

/* The offset in the class value of its word `para`, or -1. */
static long para_word(const struct tag *t)
{
	for (size_t i = 0; t->cls && i < t->ncls;) {
		while (i < t->ncls && is_space(t->cls[i]))
			i++;
		size_t w = i;
		while (i < t->ncls && !is_space(t->cls[i]))
			i++;
		if (i - w == 4 && strncmp(t->cls + w, "para", 4) == 0)
			return (long)w;
	}
	return -1;
}

/* The end of the list or table that follows, after white space only,
 * a numbered paragraph ending at `from`, so that it sits in the
 * paragraph's numbered wrapper as a list in numbered prose does (and is
 * indented as one); `from` when none follows, or when it holds marked
 * paragraphs of its own. */
static size_t list_end(const char *s, size_t len, size_t from)
{
	size_t i = from;
	while (i < len && is_space(s[i]))
		i++;
	struct tag t;
	if (!next_tag(s, len, i, &t) || t.start != i || t.close || t.empty)
		return from;
	static const char *const names[] = {"ul", "ol", "table", "div", NULL};
	const char *name = NULL;
	for (int j = 0; names[j] && !name; j++)
		if (tag_is(&t, names[j]))
			name = names[j];
	if (!name || (strcmp(name, "div") == 0 &&
	              strncmp(s + i, "<div class=\"table-wrap\"", 23) != 0))
		return from;
	int depth = 0;
	for (size_t j = i; next_tag(s, len, j, &t); j = t.end) {
		if (!tag_is(&t, name) || t.empty)
			continue;
		if (!t.close)
			depth++;
		else if (--depth == 0)
			return html_marks_each(s + i, t.end - i, NULL, NULL)
			               ? from
			               : t.end;
	}
	return from;
}

size_t html_marks_each(const char *html, size_t len,
                       void (*each)(void *ctx, const char *tag, size_t n),
                       void *ctx)
{
	size_t n = 0;
	struct tag t;
	for (size_t i = 0; next_p(html, len, i, &t); i = t.end) {
		if (para_word(&t) >= 0) {
			n++;
			if (each)
				each(ctx, html + t.start, t.end - t.start);
		}
	}
	return n;
}

/* The end of the paragraph whose start tag ends at `from`: just past its
 * </p>. 0 when a paragraph starts first (paragraphs do not nest), with
 * its start in `*inner`; 0 and `*inner` 0 when none closes. */
static size_t para_close(const char *s, size_t len, size_t from, size_t *inner)
{
	struct tag t;
	*inner = 0;
	for (size_t j = from; next_tag(s, len, j, &t); j = t.end) {
		if (!tag_is(&t, "p"))
			continue;
		if (t.close)
			return t.end;
		*inner = t.start;
		return 0;
	}
	return 0;
}

static void note(struct pass *p, size_t at, size_t removed, size_t inserted)
{
	p->edits = xgrow(p->edits, &p->cap, p->nedits + 1, sizeof *p->edits);
	p->edits[p->nedits++] = (struct edit){at, removed, inserted};
}

/* Writes tag `t` without the word `para` in its class, each time it is
 * there, and with `id` as its id when it has none; `id` may be NULL. The
 * class's other words are kept, one space apart. */
static void put_tag(struct pass *p, const struct tag *t, const char *id)
{
	const char *s = p->s;
	struct buf rest = BUF_INIT;
	for (size_t i = 0; i < t->ncls;) {
		while (i < t->ncls && is_space(t->cls[i]))
			i++;
		size_t w = i;
		while (i < t->ncls && !is_space(t->cls[i]))
			i++;
		if (i > w &&
		    !(i - w == 4 && strncmp(t->cls + w, "para", 4) == 0)) {
			if (rest.len)
				buf_putc(&rest, ' ');
			buf_put(&rest, t->cls + w, i - w);
		}
	}
	buf_put(&p->out, s + t->start, 2);
	if (id && !t->has_id)
		buf_printf(&p->out, " id=\"para-%s\"", id);
	if (!rest.len) {
		/* `class="para"` goes whole, with the spaces after it, or
		 * before it when it ends the tag; text glued to it stays
		 * apart (`class='para'x` must not join what was before). */
		size_t from = t->attr, to = t->attr_end;
		while (to < t->end && is_space(s[to]))
			to++;
		bool last = to >= t->end || s[to] == '>' || s[to] == '/';
		if (last) {
			to = t->attr_end;
			while (from > t->start + 2 && is_space(s[from - 1]))
				from--;
		}
		buf_put(&p->out, s + t->start + 2, from - t->start - 2);
		if (!last && to == t->attr_end &&
		    !(from > t->start + 2 && is_space(s[from - 1])))
			buf_putc(&p->out, ' ');
		buf_put(&p->out, s + to, t->end - to);
	} else {
		size_t v = (size_t)(t->cls - s), ve = v + t->ncls;
		buf_put(&p->out, s + t->start + 2, v - t->start - 2);
		buf_put(&p->out, rest.data, rest.len);
		buf_put(&p->out, s + ve, t->end - ve);
	}
	buf_free(&rest);
}

/* Whether `m` (a mark of the view) is the paragraph whose start tag is
 * `tag` (`n` bytes), written by the template at `pos`: the same tag, and
 * the same template file when both are known (a file, not a line: a
 * partial's indentation moves its output's columns). */
static bool counted_here(const struct value *m, const char *tag, size_t n,
                         struct pos pos)
{
	const struct value *t = value_map_get(m, "tag");
	if (!t || !t->text || t->len != n || memcmp(t->text, tag, n) != 0)
		return false;
	const struct value *at = value_map_get(m, "at");
	if (!pos.file || !at || !at->text || !*at->text)
		return true;
	return strcmp(pos.file, at->text) == 0;
}

/* Where old offset `o` of the page is after the edits: moved by each
 * edit wholly before it; inside a rewritten tag, the end of what
 * replaced it; text inserted at `o` itself (removing nothing) comes
 * before it. The edits are in offset order, and so are the offsets asked
 * for (move_trace asks in the trace's order), so a cursor over the edits
 * carries the shift of those passed from one call to the next: a page of
 * many marks and a long trace are moved in one pass, not one per mark. */
struct cursor {
	size_t e;   /* the first edit not wholly before the last offset */
	long shift; /* what the edits before it added */
};

static size_t new_offset(const struct pass *p, struct cursor *c, size_t o)
{
	for (; c->e < p->nedits; c->e++) {
		const struct edit *e = &p->edits[c->e];
		if (!(e->removed ? e->at + e->removed <= o : e->at <= o))
			break;
		c->shift += (long)e->inserted - (long)e->removed;
	}
	if (c->e < p->nedits) {
		const struct edit *e = &p->edits[c->e];
		if (e->removed && e->at < o)
			return (size_t)((long)e->at + c->shift +
			                (long)e->inserted);
	}
	return (size_t)((long)o + c->shift);
}

static void push_mark(struct mustache_trace *t, struct mustache_mark m)
{
	t->marks = xgrow(t->marks, &t->cap, t->n + 1, sizeof *t->marks);
	t->marks[t->n++] = m;
}

/* Moves each mark of `trace` as the edits moved the text under it. A
 * mark whose text an edit changed is split after the edit, so that the
 * rest of its text keeps its own lines and columns. */
static void move_trace(const struct pass *p, struct mustache_trace *trace)
{
	if (!trace || !trace->n)
		return;
	struct mustache_trace out = {0};
	struct cursor c = {0, 0};
	size_t e = 0;
	for (size_t i = 0; i < trace->n; i++) {
		const struct mustache_mark *m = &trace->marks[i];
		size_t end =
		        i + 1 < trace->n ? trace->marks[i + 1].offset : p->len;
		struct mustache_mark moved = *m;
		moved.offset = new_offset(p, &c, m->offset);
		push_mark(&out, moved);
		for (; e < p->nedits && p->edits[e].at < end; e++) {
			const struct edit *ed = &p->edits[e];
			size_t after = ed->at + ed->removed;
			if (ed->at < m->offset || after >= end)
				continue;
			struct mustache_mark rest = *m;
			rest.pos = mustache_trace_pos(trace, after);
			if (m->text) {
				size_t k = after - m->offset;
				if (k >= m->len)
					continue;
				rest.text = m->text + k;
				rest.len = m->len - k;
			}
			rest.offset = new_offset(p, &c, after);
			push_mark(&out, rest);
		}
	}
	free(trace->marks);
	*trace = out;
}

int html_number_marks(struct buf *page, const struct value *marks,
                      struct mustache_trace *trace, struct pos where,
                      struct diags *d)
{
	struct pass p = {buf_cstr(page), page->len, BUF_INIT, NULL, 0, 0};
	size_t nmarks =
	        marks && marks->kind == VALUE_LIST ? marks->as.list.len : 0;
	size_t seen = 0, copied = 0, i = 0;
	int rc = 0;
	struct tag t;
	for (; next_p(p.s, p.len, i, &t); i = t.end) {
		long w = para_word(&t);
		if (w < 0)
			continue;
		size_t at = t.start;
		const struct value *m =
		        seen < nmarks ? marks->as.list.items[seen] : NULL;
		struct pos pos = mustache_trace_pos(trace, at);
		struct pos here = pos.file ? pos : where;
		if (marks && !counted_here(m, p.s + at, t.end - at, pos)) {
			diag_error(
			        d, here,
			        "a paragraph marked class=\"para\" that the "
			        "paper's numbering did not count here: only a "
			        "block's partial (a show: block or a theme's "
			        "block section) marks its numbered paragraphs, "
			        "and what it marks must depend on its data "
			        "alone");
			rc = -1;
			break;
		}
		/* The paragraph's end, found before anything is written,
		 * so that no wrapper is left open. */
		size_t inner = 0;
		size_t close =
		        t.empty ? 0 : para_close(p.s, p.len, t.end, &inner);
		if (t.two_classes) {
			diag_error(d, here,
			           "a paragraph marked class=\"para\" has a "
			           "second class attribute: write all its "
			           "classes in one, class=\"lead para\"");
			rc = -1;
			break;
		}
		if (!close && inner) {
			struct pos ip = mustache_trace_pos(trace, inner);
			diag_error(d, here,
			           "a paragraph marked class=\"para\" has no "
			           "</p> before the next paragraph starts (at "
			           "%s:%d:%d): end it with </p> first",
			           ip.file ? ip.file : "", ip.line, ip.col);
			rc = -1;
			break;
		}
		if (!close) {
			diag_error(
			        d, here, "%s",
			        t.empty ? "a paragraph marked class=\"para\" "
			                  "is empty (<p ... />): write its "
			                  "text between <p> and </p>"
			                : "a paragraph marked class=\"para\" "
			                  "has no </p> to end it");
			rc = -1;
			break;
		}
		seen++;
		buf_put(&p.out, p.s + copied, at - copied);
		size_t before = p.out.len;
		const struct value *id = value_map_get(m, "id");
		const struct value *num = value_map_get(m, "number");
		bool numbered = id != NULL;
		if (numbered)
			buf_puts(&p.out, "<div class=\"numbered\">\n");
		put_tag(&p, &t, id && id->text ? id->text : NULL);
		if (numbered) {
			buf_puts(&p.out, "<span class=\"pn\">");
			if (num && num->text)
				escape_html(&p.out, num->text, num->len);
			buf_puts(&p.out, "</span> ");
		}
		note(&p, at, t.end - at, p.out.len - before);
		copied = t.end;
		if (!numbered)
			continue;
		size_t end = list_end(p.s, p.len, close);
		buf_put(&p.out, p.s + copied, end - copied);
		buf_puts(&p.out, "\n</div>");
		note(&p, end, 0, 7);
		copied = end;
		/* The loop goes on past the wrapper. */
		t.end = end;
	}
	if (rc == 0 && marks && seen < nmarks) {
		diag_error(d, where,
		           "the page printed %zu of the %zu paragraphs its "
		           "blocks mark class=\"para\" when they were "
		           "numbered: every block of a section must be "
		           "printed, and what a block marks must depend on "
		           "its data alone",
		           seen, nmarks);
		rc = -1;
	}
	if (rc == 0 && p.nedits) {
		buf_put(&p.out, p.s + copied, p.len - copied);
		move_trace(&p, trace);
		buf_free(page);
		*page = p.out;
	} else {
		buf_free(&p.out);
	}
	free(p.edits);
	return rc;
}
