/* marks: numbering the paragraphs block templates mark class="para".
 *
 * One scan over the page finds each <p> start tag (skipping comments
 * and the style element's text), reads its class attribute and, when
 * the class holds the word `para`, rewrites the tag: without `para`, and
 * for a numbered mark with the paragraph's id, its number after the tag
 * and a <div class="numbered"> around the paragraph (up to its </p>,
 * looked for only inside the element that holds the paragraph; paragraphs
 * do not nest) and the list or table that follows it. Every rewrite is
 * noted as an edit (old offset, bytes removed, bytes inserted) so that the
 * render's trace can be moved with the text afterwards: both are in page
 * order, so one walk down the two lists, keeping the shift so far, moves
 * the whole trace. */
#include "html/marks.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/xalloc.h"

/* A tag of the page: [start, end) with `end` just past its '>'; its class
 * attribute's value [cls, cls + ncls), cls NULL when it has none. */
struct tag {
	size_t start, end;
	const char *cls;
	size_t ncls;
	bool has_id;
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

/* Reads the <p> start tag at s[i]; false when s[i] starts no such tag. */
static bool read_p(const char *s, size_t len, size_t i, struct tag *t)
{
	if (i + 2 >= len || s[i] != '<' || s[i + 1] != 'p' ||
	    !(is_space(s[i + 2]) || s[i + 2] == '>' || s[i + 2] == '/'))
		return false;
	memset(t, 0, sizeof *t);
	t->start = i;
	t->end = tag_end(s, len, i);
	for (size_t j = i + 2; j + 1 < t->end; j++) {
		if (!is_space(s[j - 1]))
			continue;
		bool cls = strncmp(s + j, "class=", 6) == 0;
		bool id = strncmp(s + j, "id=", 3) == 0;
		if (id)
			t->has_id = true;
		if (!cls)
			continue;
		size_t q = j + 6;
		if (q >= t->end || (s[q] != '"' && s[q] != '\''))
			continue;
		const char *close = memchr(s + q + 1, s[q], t->end - q - 1);
		if (!close)
			continue;
		t->cls = s + q + 1;
		t->ncls = (size_t)(close - t->cls);
	}
	return true;
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

/* Where the next tag of interest starts at or after `i`: a comment and
 * the style element are stepped over whole. */
static size_t next_tag(const char *s, size_t len, size_t i, size_t *skip_to)
{
	*skip_to = 0;
	const char *lt = memchr(s + i, '<', len - i);
	if (!lt)
		return len;
	size_t at = (size_t)(lt - s);
	if (strncmp(lt, "<!--", 4) == 0) {
		const char *e = strstr(lt + 4, "-->");
		*skip_to = e ? (size_t)(e - s) + 3 : len;
	} else if (strncmp(lt, "<style", 6) == 0) {
		const char *e = strstr(lt, "</style>");
		*skip_to = e ? (size_t)(e - s) + 8 : len;
	}
	return at;
}

/* Whether the tag at s[i] is named `name` (`k` bytes), opening or
 * closing. */
static bool named(const char *s, size_t len, size_t i, const char *name,
                  size_t k)
{
	size_t at = i + 1 + (i + 1 < len && s[i + 1] == '/');
	return at + k < len && strncmp(s + at, name, k) == 0 &&
	       (is_space(s[at + k]) || s[at + k] == '>' || s[at + k] == '/');
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
	static const char *const names[] = {"ul", "ol", "table", "div", NULL};
	const char *name = NULL;
	for (int j = 0; names[j] && !name; j++)
		if (i < len && s[i] == '<' && s[i + 1] != '/' &&
		    named(s, len, i, names[j], strlen(names[j])))
			name = names[j];
	if (!name || (strcmp(name, "div") == 0 &&
	              strncmp(s + i, "<div class=\"table-wrap\"", 23) != 0))
		return from;
	size_t k = strlen(name);
	int depth = 0;
	for (size_t j = i; j < len;) {
		const char *lt = memchr(s + j, '<', len - j);
		if (!lt)
			return from;
		j = (size_t)(lt - s);
		size_t e = tag_end(s, len, j);
		if (named(s, len, j, name, k)) {
			if (s[j + 1] == '/') {
				if (--depth == 0)
					return html_marks_each(s + i, e - i,
					                       NULL, NULL)
					               ? from
					               : e;
			} else if (s[e - 2] != '/') {
				depth++;
			}
		}
		j = e;
	}
	return from;
}

size_t html_marks_each(const char *html, size_t len,
                       void (*each)(void *ctx, const char *tag, size_t n),
                       void *ctx)
{
	size_t n = 0, i = 0;
	while (i < len) {
		size_t skip;
		size_t at = next_tag(html, len, i, &skip);
		if (at >= len)
			break;
		if (skip) {
			i = skip;
			continue;
		}
		struct tag t;
		if (read_p(html, len, at, &t)) {
			if (para_word(&t) >= 0) {
				n++;
				if (each)
					each(ctx, html + t.start,
					     t.end - t.start);
			}
			i = t.end;
		} else {
			i = at + 1;
		}
	}
	return n;
}

static void note(struct pass *p, size_t at, size_t removed, size_t inserted)
{
	p->edits = xgrow(p->edits, &p->cap, p->nedits + 1, sizeof *p->edits);
	p->edits[p->nedits++] = (struct edit){at, removed, inserted};
}

/* Writes tag `t` without its word `para` (at `w` in its class), with
 * `id` as its id when it has none; `id` may be NULL. */
static void put_tag(struct pass *p, const struct tag *t, long w, const char *id)
{
	const char *s = p->s;
	size_t cls_at = (size_t)(t->cls - s);
	size_t from = cls_at + (size_t)w, to = from + 4;
	/* The word and the spaces on one side of it. */
	while (to < cls_at + t->ncls && is_space(s[to]))
		to++;
	if (to == cls_at + t->ncls)
		while (from > cls_at && is_space(s[from - 1]))
			from--;
	bool empty = from == cls_at && to == cls_at + t->ncls;
	buf_put(&p->out, s + t->start, 2);
	if (id && !t->has_id)
		buf_printf(&p->out, " id=\"para-%s\"", id);
	if (empty) {
		/* ` class="para"` goes whole: back to the space before it. */
		size_t attr = cls_at - 7;
		while (attr > t->start + 2 && is_space(s[attr - 1]))
			attr--;
		buf_put(&p->out, s + t->start + 2, attr - t->start - 2);
		buf_put(&p->out, s + cls_at + t->ncls + 1,
		        t->end - (cls_at + t->ncls + 1));
	} else {
		buf_put(&p->out, s + t->start + 2, from - t->start - 2);
		buf_put(&p->out, s + to, t->end - to);
	}
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

/* A walk down the edits for offsets asked for in order: the first `i`
 * edits lie wholly before the last offset asked for, and move it by
 * `shift`. Both the trace and the edits are in page order, so moving
 * the whole trace walks each list once. */
struct walk {
	size_t i;
	long shift;
};

/* Where old offset `o` of the page is after the edits: moved by each
 * edit wholly before it; inside a rewritten tag, the end of what
 * replaced it; text inserted at `o` itself (removing nothing) comes
 * before it. `o` may not be before the offset `w` last moved. */
static size_t new_offset(const struct pass *p, struct walk *w, size_t o)
{
	for (; w->i < p->nedits; w->i++) {
		const struct edit *e = &p->edits[w->i];
		if (e->removed ? e->at + e->removed <= o : e->at <= o)
			w->shift += (long)e->inserted - (long)e->removed;
		else if (e->at < o)
			return (size_t)((long)e->at + w->shift +
			                (long)e->inserted);
		else
			break;
	}
	return (size_t)((long)o + w->shift);
}

static void push_mark(struct mustache_trace *t, struct mustache_mark m)
{
	t->marks = xgrow(t->marks, &t->cap, t->n + 1, sizeof *t->marks);
	t->marks[t->n++] = m;
}

/* The offset of the </p> that ends the paragraph whose start tag ends at
 * `from`, looked for no further than the element that holds the
 * paragraph: `*found` false, and the offset where that element closes
 * (or a paragraph after it starts, or the page ends), when the
 * paragraph has none. */
static size_t p_close(const char *s, size_t len, size_t from, bool *found)
{
	int depth = 0;
	size_t i = from;
	*found = false;
	while (i < len) {
		const char *lt = memchr(s + i, '<', len - i);
		if (!lt)
			return len;
		size_t at = (size_t)(lt - s);
		if (strncmp(lt, "<!--", 4) == 0) {
			const char *e = strstr(lt + 4, "-->");
			if (!e)
				return len;
			i = (size_t)(e - s) + 3;
			continue;
		}
		size_t end = tag_end(s, len, at);
		if (lt[1] == '/') {
			if (depth == 0) {
				*found = named(s, len, at, "p", 1);
				return at;
			}
			depth--;
		} else if (depth == 0 && named(s, len, at, "p", 1)) {
			return at;
		} else if (lt[1] != '!' && lt[1] != '?' && s[end - 2] != '/') {
			depth++;
		}
		i = end;
	}
	return len;
}

/* Moves each mark of `trace` as the edits moved the text under it. A
 * mark whose text an edit changed is split after the edit, so that the
 * rest of its text keeps its own lines and columns. */
static void move_trace(const struct pass *p, struct mustache_trace *trace)
{
	if (!trace || !trace->n)
		return;
	struct mustache_trace out = {0};
	struct walk w = {0, 0};
	size_t e = 0;
	for (size_t i = 0; i < trace->n; i++) {
		const struct mustache_mark *m = &trace->marks[i];
		size_t end =
		        i + 1 < trace->n ? trace->marks[i + 1].offset : p->len;
		struct mustache_mark moved = *m;
		moved.offset = new_offset(p, &w, m->offset);
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
			rest.offset = new_offset(p, &w, after);
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
	/* buf_cstr: the scan's strstr and strncmp need the page
	 * NUL-terminated. */
	struct pass p = {buf_cstr(page), page->len, BUF_INIT, NULL, 0, 0};
	size_t nmarks =
	        marks && marks->kind == VALUE_LIST ? marks->as.list.len : 0;
	size_t seen = 0, copied = 0, i = 0;
	int rc = 0;
	while (i < p.len) {
		size_t skip;
		size_t at = next_tag(p.s, p.len, i, &skip);
		if (at >= p.len)
			break;
		struct tag t;
		long w = -1;
		if (skip) {
			i = skip;
			continue;
		}
		if (!read_p(p.s, p.len, at, &t) || (w = para_word(&t)) < 0) {
			i = at + 1;
			continue;
		}
		const struct value *m =
		        seen < nmarks ? marks->as.list.items[seen] : NULL;
		struct pos pos = mustache_trace_pos(trace, at);
		if (marks && !counted_here(m, p.s + at, t.end - at, pos)) {
			diag_error(
			        d, pos.file ? pos : where,
			        "a paragraph marked class=\"para\" that the "
			        "paper's numbering did not count here: only a "
			        "block's partial (a show: block or a theme's "
			        "block section) marks its numbered paragraphs, "
			        "and what it marks must depend on its data "
			        "alone");
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
		put_tag(&p, &t, w, id && id->text ? id->text : NULL);
		if (numbered) {
			buf_puts(&p.out, "<span class=\"pn\">");
			if (num && num->text)
				escape_html(&p.out, num->text, num->len);
			buf_puts(&p.out, "</span> ");
		}
		note(&p, at, t.end - at, p.out.len - before);
		copied = i = t.end;
		if (!numbered)
			continue;
		bool found;
		size_t close = p_close(p.s, p.len, t.end, &found);
		/* A paragraph that never closes keeps its wrapper inside the
		 * element that holds it. */
		size_t end = found ? list_end(p.s, p.len, close + 4) : close;
		buf_put(&p.out, p.s + copied, end - copied);
		buf_puts(&p.out, "\n</div>");
		note(&p, end, 0, 7);
		copied = i = end;
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
