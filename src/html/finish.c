/* finish: the checks and marks made on the rendered page as a whole.
 *
 * Some things are known only once the whole page is written: which ids
 * it holds, which table is the n-th, where a term is first used. One
 * pass over the page's XHTML (tags with quoted attributes; the style
 * element's text skipped) finds every id, every in-page link, every
 * scrolling table's wrapper and caption, and the runs of text a reader
 * reads. Then:
 *
 *  - an in-page link to an id the page lacks is an error at the template
 *    position that wrote it (the render's trace);
 *  - each `<div class="table-wrap">` becomes a named, focusable region:
 *    role="region", aria-labelledby its table's caption (given an id
 *    tcap-N when it has none) and tabindex="0", so a keyboard can scroll
 *    it (WCAG 2.1.1);
 *  - the first use of each glossary term (the theme's standing glossary,
 *    then the report's own) in the text is wrapped in <abbr title>.
 *
 * The changes are collected as insertions at byte offsets of the page
 * and applied in one copy, in offset order. */
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/xalloc.h"
#include "html/finish.h"

struct insert {
	size_t at;
	char *text; /* owned */
	size_t seq; /* insertion order, for inserts at one offset */
};

struct range {
	size_t from, to;
};

struct scan {
	const char *s;
	size_t len;
	struct insert *ins;
	size_t nins, cins;
	struct range *text; /* runs of readable text */
	size_t ntext, ctext;
	struct range *ids; /* id attribute values */
	size_t nids, cids;
	struct range *hrefs; /* values of href="#..." (after the #) */
	size_t *href_at;     /* where each href attribute starts */
	size_t nhrefs, chrefs, chref_at;
};

static void add_insert(struct scan *sc, size_t at, const char *text)
{
	sc->ins = xgrow(sc->ins, &sc->cins, sc->nins + 1, sizeof *sc->ins);
	sc->ins[sc->nins] = (struct insert){at, xstrdup(text), sc->nins};
	sc->nins++;
}

/* The value of attribute `name` in the tag s[from, to), or from == to. */
static struct range attr(const char *s, size_t from, size_t to,
                         const char *name)
{
	size_t n = strlen(name);
	for (size_t i = from; i + n + 2 < to; i++) {
		if (s[i] == '"') { /* skip a value */
			const char *q = memchr(s + i + 1, '"', to - i - 1);
			if (!q)
				break;
			i = (size_t)(q - s);
			continue;
		}
		if ((s[i - 1] == ' ' || s[i - 1] == '\n' || s[i - 1] == '\t') &&
		    memcmp(s + i, name, n) == 0 && s[i + n] == '=' &&
		    s[i + n + 1] == '"') {
			size_t v = i + n + 2;
			const char *q = memchr(s + v, '"', to - v);
			if (q)
				return (struct range){v, (size_t)(q - s)};
		}
	}
	return (struct range){from, from};
}

static bool has_class(const char *s, struct range r, const char *cls)
{
	size_t n = strlen(cls);
	for (size_t i = r.from; i + n <= r.to; i++)
		if (memcmp(s + i, cls, n) == 0 &&
		    (i == r.from || s[i - 1] == ' ') &&
		    (i + n == r.to || s[i + n] == ' '))
			return true;
	return false;
}

static bool tag_is(const char *s, size_t at, size_t end, const char *name)
{
	/* Every tag of the page is asked about a dozen names: most differ
	 * at the first letter. */
	if (at >= end || s[at] != name[0])
		return false;
	size_t n = strlen(name);
	return at + n <= end && memcmp(s + at, name, n) == 0 &&
	       (at + n == end || s[at + n] == ' ' || s[at + n] == '>' ||
	        s[at + n] == '/' || s[at + n] == '\n');
}

/* Elements whose text is not marked with <abbr>: links, abbreviations
 * already, the chart drawings, code, and the head. */
static const char *const skipped[] = {"a",    "abbr",   "svg",   "code", "pre",
                                      "head", "script", "title", NULL};

static int skipped_tag(const char *s, size_t at, size_t end)
{
	for (int i = 0; skipped[i]; i++)
		if (tag_is(s, at, end, skipped[i]))
			return i;
	return -1;
}

/* One pass over the page: ids, in-page links, regions, text runs. */
static void scan_page(struct scan *sc)
{
	const char *s = sc->s;
	size_t len = sc->len, i = 0;
	int skip = 0, skip_kind = -1; /* depth inside a skipped element */
	bool body = false;
	size_t wrap_at = 0; /* the open table-wrap's '>' offset, or 0 */
	size_t tables = 0;
	while (i < len) {
		if (s[i] != '<') {
			const char *lt = memchr(s + i, '<', len - i);
			size_t end = lt ? (size_t)(lt - s) : len;
			if (body && !skip) {
				sc->text =
				        xgrow(sc->text, &sc->ctext,
				              sc->ntext + 1, sizeof *sc->text);
				sc->text[sc->ntext++] = (struct range){i, end};
			}
			i = end;
			continue;
		}
		if (len - i >= 6 && memcmp(s + i, "<style", 6) == 0) {
			const char *e = strstr(s + i, "</style>");
			i = e ? (size_t)(e - s) + 8 : len;
			continue;
		}
		if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			const char *e = strstr(s + i, "-->");
			i = e ? (size_t)(e - s) + 3 : len;
			continue;
		}
		/* A tag: to its '>', past quoted values. */
		size_t t = i + 1, e = t;
		while (e < len && s[e] != '>') {
			if (s[e] == '"') {
				const char *q =
				        memchr(s + e + 1, '"', len - e - 1);
				e = q ? (size_t)(q - s) : len;
			}
			e++;
		}
		if (e >= len)
			break;
		bool closing = s[t] == '/';
		size_t name = closing ? t + 1 : t;
		bool self_closing = s[e - 1] == '/';
		int kind = skipped_tag(s, name, e);
		if (kind >= 0 && !self_closing) {
			if (!closing && (skip == 0 || kind == skip_kind)) {
				if (!skip)
					skip_kind = kind;
				skip++;
			} else if (closing && skip && kind == skip_kind) {
				skip--;
			}
		}
		if (!closing && tag_is(s, name, e, "body"))
			body = true;
		if (!closing) {
			struct range id = attr(s, name, e, "id");
			if (id.to > id.from) {
				sc->ids = xgrow(sc->ids, &sc->cids,
				                sc->nids + 1, sizeof *sc->ids);
				sc->ids[sc->nids++] = id;
			}
			struct range h = attr(s, name, e, "href");
			if (h.to > h.from && s[h.from] == '#') {
				sc->hrefs = xgrow(sc->hrefs, &sc->chrefs,
				                  sc->nhrefs + 1,
				                  sizeof *sc->hrefs);
				sc->href_at = xgrow(sc->href_at, &sc->chref_at,
				                    sc->nhrefs + 1,
				                    sizeof *sc->href_at);
				sc->href_at[sc->nhrefs] = h.from - 6;
				sc->hrefs[sc->nhrefs++] =
				        (struct range){h.from + 1, h.to};
			}
			if (tag_is(s, name, e, "div") &&
			    has_class(s, attr(s, name, e, "class"),
			              "table-wrap") &&
			    attr(s, name, e, "role").from ==
			            attr(s, name, e, "role").to)
				wrap_at = self_closing ? 0 : e;
			if (wrap_at && tag_is(s, name, e, "caption")) {
				char buf[96];
				struct range cid = id;
				if (cid.to == cid.from) {
					snprintf(buf, sizeof buf,
					         " id=\"tcap-%zu\"", ++tables);
					add_insert(sc, name + 7, buf);
					snprintf(buf, sizeof buf,
					         " role=\"region\" "
					         "aria-labelledby=\"tcap-%zu\" "
					         "tabindex=\"0\"",
					         tables);
				} else {
					snprintf(
					        buf, sizeof buf,
					        " role=\"region\" "
					        "aria-labelledby=\"%.*s\" "
					        "tabindex=\"0\"",
					        (int)(cid.to - cid.from > 40
					                      ? 40
					                      : cid.to -
					                                cid.from),
					        s + cid.from);
				}
				add_insert(sc, wrap_at, buf);
				wrap_at = 0;
			}
		} else if (tag_is(s, name, e, "table")) {
			wrap_at = 0;
		}
		i = e + 1;
	}
}

static bool word_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c >= 0x80 || c == '-' || c == '_';
}

/* Wraps the first whole-word use of `term` (already escaped as the page
 * writes text) in the page's text runs in <abbr title="title">. Returns
 * false when the page does not use it. */
static bool mark_term(struct scan *sc, const char *term, const char *title,
                      bool title_escaped, struct range *used, size_t *nused)
{
	size_t n = strlen(term);
	if (!n)
		return false;
	for (size_t r = 0; r < sc->ntext; r++) {
		const char *s = sc->s;
		for (size_t i = sc->text[r].from; i + n <= sc->text[r].to;
		     i++) {
			if (memcmp(s + i, term, n) != 0)
				continue;
			if ((i > sc->text[r].from &&
			     word_char((unsigned char)s[i - 1])) ||
			    (i + n < sc->text[r].to &&
			     word_char((unsigned char)s[i + n])))
				continue;
			bool overlaps = false;
			for (size_t k = 0; k < *nused; k++)
				if (i < used[k].to && i + n > used[k].from)
					overlaps = true;
			if (overlaps)
				continue;
			struct buf open = BUF_INIT;
			buf_puts(&open, "<abbr title=\"");
			if (title_escaped)
				buf_puts(&open, title);
			else
				escape_xml(&open, title, strlen(title), true);
			buf_puts(&open, "\">");
			add_insert(sc, i, buf_cstr(&open));
			add_insert(sc, i + n, "</abbr>");
			buf_free(&open);
			used[(*nused)++] = (struct range){i, i + n};
			return true;
		}
	}
	return false;
}

/* The text of an HTML fragment without its tags, entities kept (so it
 * is written into an attribute as it is: the fragment's text escapes
 * "&", "<", ">" and quotes). */
static char *strip_tags(const char *html)
{
	struct buf b = BUF_INIT;
	bool in_tag = false;
	for (const char *p = html; *p; p++) {
		if (*p == '<')
			in_tag = true;
		else if (*p == '>')
			in_tag = false;
		else if (!in_tag && *p == '"')
			buf_puts(&b, "&quot;");
		else if (!in_tag)
			buf_putc(&b, *p == '\n' ? ' ' : *p);
	}
	while (b.len && b.data[b.len - 1] == ' ')
		b.len--;
	return buf_detach(&b, NULL);
}

/* The glossary: the report's terms (with their expansion, else their
 * definition's words), then the theme's standing ones not already there;
 * each first use marked. */
static void mark_glossary(struct scan *sc, const struct theme *theme,
                          const struct value *view)
{
	const struct value *g = value_map_get(view, "glossary");
	size_t nrep = g && g->kind == VALUE_LIST ? g->as.list.len : 0;
	size_t nth = theme->glossary && theme->glossary->kind == VALUE_MAP
	                     ? theme->glossary->as.map.len
	                     : 0;
	if (!nrep && !nth)
		return;
	struct range *used = xcalloc(nrep + nth, sizeof *used);
	size_t nused = 0;
	const char **seen = xcalloc(nrep + nth, sizeof *seen);
	size_t nseen = 0;
	for (size_t i = 0; i < nrep + nth; i++) {
		const char *term, *title;
		char *own = NULL;
		bool escaped = false;
		if (i < nrep) {
			const struct value *it = g->as.list.items[i];
			const struct value *t = value_map_get(it, "term");
			const struct value *x = value_map_get(it, "expansion");
			const struct value *def =
			        value_map_get(it, "definition");
			if (!t || !t->text)
				continue;
			term = t->text;
			if (x && x->text && *x->text)
				title = x->text;
			else if (def && def->text) {
				title = own = strip_tags(def->text);
				escaped = true;
			} else
				continue;
		} else {
			const struct value *k =
			        theme->glossary->as.map.items[i - nrep].key;
			const struct value *x =
			        theme->glossary->as.map.items[i - nrep].value;
			if (!k->text || !x || !x->text || !*x->text)
				continue;
			term = k->text;
			title = x->text;
		}
		bool dup = false;
		for (size_t k = 0; k < nseen; k++)
			dup = dup || strcmp(seen[k], term) == 0;
		if (!dup) {
			seen[nseen++] = term;
			struct buf esc_term = BUF_INIT;
			escape_xml(&esc_term, term, strlen(term), false);
			mark_term(sc, buf_cstr(&esc_term), title, escaped, used,
			          &nused);
			buf_free(&esc_term);
		}
		free(own);
	}
	free(seen);
	free(used);
}

static int by_offset(const void *a, const void *b)
{
	const struct insert *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int html_finish(const struct theme *theme, const struct value *view,
                const struct mustache_trace *trace, struct buf *page,
                struct diags *d)
{
	struct scan sc = {0};
	sc.s = page->data ? page->data : "";
	sc.len = page->len;
	scan_page(&sc);
	int rc = 0;
	for (size_t h = 0; h < sc.nhrefs; h++) {
		struct range want = sc.hrefs[h];
		bool found = false;
		for (size_t k = 0; k < sc.nids && !found; k++)
			found = sc.ids[k].to - sc.ids[k].from ==
			                want.to - want.from &&
			        memcmp(sc.s + sc.ids[k].from, sc.s + want.from,
			               want.to - want.from) == 0;
		if (found)
			continue;
		struct pos p = mustache_trace_pos(trace, sc.href_at[h]);
		if (!p.file)
			p = (struct pos){theme->dir, 0, 0};
		int n = (int)(want.to - want.from > 60 ? 60
		                                       : want.to - want.from);
		diag_error(d, p,
		           "the in-page link href=\"#%.*s\" leads nowhere: no "
		           "element of the page has id=\"%.*s\"",
		           n, sc.s + want.from, n, sc.s + want.from);
		rc = -1;
	}
	if (rc == 0) {
		mark_glossary(&sc, theme, view);
		if (sc.nins)
			qsort(sc.ins, sc.nins, sizeof *sc.ins, by_offset);
		struct buf out = BUF_INIT;
		size_t from = 0;
		for (size_t k = 0; k < sc.nins; k++) {
			buf_put(&out, sc.s + from, sc.ins[k].at - from);
			buf_puts(&out, sc.ins[k].text);
			from = sc.ins[k].at;
		}
		buf_put(&out, sc.s + from, sc.len - from);
		buf_free(page);
		*page = out;
	}
	for (size_t k = 0; k < sc.nins; k++)
		free(sc.ins[k].text);
	free(sc.ins);
	free(sc.text);
	free(sc.ids);
	free(sc.hrefs);
	free(sc.href_at);
	return rc;
}
