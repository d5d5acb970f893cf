/* dom: libxml2's XML parser to clerk's own checked tree.
 *
 * libxml2 keeps line numbers on nodes but not columns, and its line is where
 * a start tag ends. So a SAX hook records, in each element's `_private`,
 * the byte offset where its start tag ends; the tag begins at the last `<`
 * before that, since a start tag cannot contain one. Elements are converted
 * in document order, so line and column are counted forward from the
 * previous element's position: the whole document costs one pass over the
 * text, however many elements share a line. The same hook counts the
 * nesting and stops the parser past LIMIT_PDF_HTML_DEPTH, before libxml2's
 * own limit and before the layout's recursion could exhaust the stack.
 *
 * XML knows five named entities; HTML knows 2,231 (base/entity.h). Two
 * more hooks let the page use any of them: getEntity answers a name HTML
 * defines with an internal entity (declared once in the document, its
 * text as character references, so it holds no markup), and reference,
 * which the parser calls where the name is used, adds the text to the
 * tree as characters. A name neither XML nor HTML defines stays an
 * error at its line and column. */
#include "layout/dom.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/entity.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "base/xalloc.h"

static const struct {
	const char *name;
	enum dom_tag tag;
} html_tags[] = {
        {"html", DOM_HTML},
        {"head", DOM_HEAD},
        {"body", DOM_BODY},
        {"title", DOM_IGNORED},
        {"meta", DOM_IGNORED},
        {"style", DOM_IGNORED},
        {"link", DOM_IGNORED},
        {"script", DOM_IGNORED},
        {"h1", DOM_H1},
        {"h2", DOM_H2},
        {"h3", DOM_H3},
        {"h4", DOM_H4},
        {"h5", DOM_H5},
        {"h6", DOM_H6},
        {"p", DOM_P},
        {"div", DOM_DIV},
        {"section", DOM_SECTION},
        {"header", DOM_HEADER},
        {"footer", DOM_FOOTER},
        {"main", DOM_MAIN},
        {"article", DOM_ARTICLE},
        {"aside", DOM_ASIDE},
        {"nav", DOM_NAV},
        {"figure", DOM_FIGURE},
        {"figcaption", DOM_FIGCAPTION},
        /* A disclosure is a block; its summary the first line of it. */
        {"details", DOM_DIV},
        {"summary", DOM_DIV},
        {"blockquote", DOM_BLOCKQUOTE},
        {"ul", DOM_UL},
        {"ol", DOM_OL},
        {"li", DOM_LI},
        {"dl", DOM_DL},
        {"dt", DOM_DT},
        {"dd", DOM_DD},
        {"hr", DOM_HR},
        {"table", DOM_TABLE},
        {"caption", DOM_CAPTION},
        {"colgroup", DOM_COLGROUP},
        {"col", DOM_COL},
        {"thead", DOM_THEAD},
        {"tbody", DOM_TBODY},
        {"tfoot", DOM_TFOOT},
        {"tr", DOM_TR},
        {"th", DOM_TH},
        {"td", DOM_TD},
        {"span", DOM_SPAN},
        {"strong", DOM_STRONG},
        {"b", DOM_B},
        {"em", DOM_EM},
        {"i", DOM_I},
        {"a", DOM_A},
        {"br", DOM_BR},
        {"img", DOM_IMG},
        {"code", DOM_CODE},
        {"small", DOM_SMALL},
        {"sub", DOM_SUB},
        {"sup", DOM_SUP},
        {"abbr", DOM_ABBR},
        {"del", DOM_DEL},
        {"s", DOM_DEL},
        {"time", DOM_TIME},
        {"svg", DOM_SVG},
};

static const struct {
	const char *name;
	enum dom_tag tag;
} svg_tags[] = {
        {"g", DOM_SVG_G},         {"rect", DOM_SVG_RECT},
        {"line", DOM_SVG_LINE},   {"polyline", DOM_SVG_POLYLINE},
        {"text", DOM_SVG_TEXT},   {"circle", DOM_SVG_CIRCLE},
        {"title", DOM_SVG_TITLE}, {"desc", DOM_SVG_DESC},
        {"path", DOM_SVG_PATH},   {"polygon", DOM_SVG_POLYGON},
};

const char *dom_tag_name(enum dom_tag tag)
{
	for (size_t i = 0; i < sizeof html_tags / sizeof *html_tags; i++)
		if (html_tags[i].tag == tag)
			return html_tags[i].name;
	for (size_t i = 0; i < sizeof svg_tags / sizeof *svg_tags; i++)
		if (svg_tags[i].tag == tag)
			return svg_tags[i].name;
	return tag == DOM_TEXT ? "#text" : "?";
}

bool dom_is_inline(enum dom_tag tag)
{
	return tag == DOM_TEXT || (tag >= DOM_SPAN && tag <= DOM_TIME);
}

const char *dom_attr(const struct dom_node *n, const char *name)
{
	for (size_t i = 0; i < n->nattrs; i++)
		if (strcmp(n->attrs[i].name, name) == 0)
			return n->attrs[i].value;
	return NULL;
}

bool dom_has_class(const struct dom_node *n, const char *cls, size_t cls_len)
{
	const char *s = n->classes;
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		const char *e = s;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n')
			e++;
		if ((size_t)(e - s) == cls_len && memcmp(s, cls, cls_len) == 0)
			return true;
		s = e;
	}
	return false;
}

struct conv {
	const char *src;
	size_t len;
	size_t *line_start; /* offset of each line, 1-based index */
	size_t nlines;
	/* The last position found: byte offset, its line and column. */
	size_t at_off;
	int at_line, at_col;
	const char *file;
	struct arena *arena;
	struct diags *d;
	int errors;
	int depth;
	bool image; /* a logo: elements outside the subset are warnings */
	struct pos at;
};

/* The line of byte `off`: the last line starting at or before it. */
static int line_of(const struct conv *c, size_t off)
{
	size_t lo = 1, hi = c->nlines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		if (c->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return (int)lo;
}

/* The position of the start tag that ends at byte `end` (its `<`), counted
 * forward from the last position found. Columns count code points, as
 * editors do. */
static bool tag_pos(struct conv *c, size_t end, struct pos *pos)
{
	if (end > c->len)
		return false;
	size_t off = end;
	while (off > 0 && (off == c->len || c->src[off] != '<'))
		off--;
	if (off == c->len || c->src[off] != '<')
		return false;
	size_t from = c->at_off;
	int line = c->at_line, col = c->at_col;
	if (off < from || line == 0) {
		/* Not after the last element (never in document order):
		 * count from the start of its line. */
		line = line_of(c, off);
		from = c->line_start[line];
		col = 1;
	}
	for (size_t i = from; i < off; i++) {
		unsigned char ch = (unsigned char)c->src[i];
		if (ch == '\n') {
			line++;
			col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			col++;
		}
	}
	c->at_off = off;
	c->at_line = line;
	c->at_col = col;
	pos->line = line;
	pos->col = col;
	return true;
}

/* The position of element `x`: its start tag, from the offset the SAX hook
 * recorded, or libxml2's line and no column when there is none (an
 * element from an entity's text). */
static struct pos element_pos(struct conv *c, xmlNode *x)
{
	struct pos pos = {c->file, (int)xmlGetLineNo(x), 0};
	size_t end = (size_t)(uintptr_t)x->_private;
	if (end > 0)
		tag_pos(c, end - 1, &pos);
	return pos;
}

static char *normalise_space(struct arena *a, const char *s, size_t *len)
{
	size_t n = strlen(s);
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			if (!space)
				out[o++] = ' ';
			space = true;
		} else {
			out[o++] = ch;
			space = false;
		}
	}
	out[o] = 0;
	*len = o;
	return out;
}

static void append(struct dom_node *parent, struct dom_node *n)
{
	n->parent = parent;
	if (parent->last)
		parent->last->next = n;
	else
		parent->first = n;
	parent->last = n;
}

#define DEPTH_MESSAGE                                                    \
	"elements are nested more than %d deep (LIMIT_PDF_HTML_DEPTH), " \
	"more than the PDF can lay out"

static struct dom_node *convert(struct conv *c, xmlNode *x, bool in_svg)
{
	const char *name = (const char *)x->name;
	struct pos pos = element_pos(c, x);
	enum dom_tag tag = DOM_NTAGS;
	/* Each name is in its table once: the first match is the one. */
	if (in_svg) {
		for (size_t i = 0; i < sizeof svg_tags / sizeof *svg_tags; i++)
			if (name[0] == svg_tags[i].name[0] &&
			    strcmp(name, svg_tags[i].name) == 0) {
				tag = svg_tags[i].tag;
				break;
			}
	} else {
		for (size_t i = 0; i < sizeof html_tags / sizeof *html_tags;
		     i++)
			if (name[0] == html_tags[i].name[0] &&
			    strcmp(name, html_tags[i].name) == 0) {
				tag = html_tags[i].tag;
				break;
			}
	}
	if (tag == DOM_NTAGS && in_svg && c->image) {
		diag_warning(c->d, c->at,
		             "the image's <%s> (its line %d) is not in the SVG "
		             "subset the PDF supports (see docs/pdf.md): the "
		             "image is drawn without it",
		             name, pos.line);
		return NULL;
	}
	if (tag == DOM_NTAGS) {
		diag_error(c->d, pos,
		           in_svg ? "<%s> is not in the SVG subset the PDF "
		                    "supports (see docs/pdf.md)"
		                  : "<%s> is not in the HTML vocabulary the "
		                    "PDF supports (see docs/pdf.md)",
		           name);
		c->errors++;
		return NULL;
	}
	if (++c->depth > LIMIT_PDF_HTML_DEPTH) {
		/* The SAX hook stops the parser first; this is a backstop. */
		diag_error(c->d, pos, DEPTH_MESSAGE, LIMIT_PDF_HTML_DEPTH);
		c->errors++;
		c->depth--;
		return NULL;
	}
	struct dom_node *n = arena_alloc(c->arena, sizeof *n);
	n->tag = tag;
	n->name = arena_strdup(c->arena, name);
	n->pos = pos;
	n->classes = "";
	size_t na = 0;
	for (xmlAttr *a = x->properties; a; a = a->next)
		na++;
	n->attrs = na ? arena_alloc(c->arena, na * sizeof *n->attrs) : NULL;
	for (xmlAttr *a = x->properties; a; a = a->next) {
		xmlChar *v = xmlNodeListGetString(x->doc, a->children, 1);
		struct dom_attr *da = &n->attrs[n->nattrs++];
		da->name = arena_strdup(c->arena, (const char *)a->name);
		da->value = arena_strdup(c->arena, v ? (const char *)v : "");
		xmlFree(v);
		if (strcmp(da->name, "class") == 0)
			n->classes = da->value;
		else if (strcmp(da->name, "id") == 0)
			n->id = da->value;
	}
	if (tag == DOM_IGNORED) {
		c->depth--;
		return n;
	}
	bool child_svg = in_svg || tag == DOM_SVG;
	for (xmlNode *k = x->children; k; k = k->next) {
		if (k->type == XML_ELEMENT_NODE) {
			struct dom_node *kn = convert(c, k, child_svg);
			if (kn)
				append(n, kn);
		} else if (k->type == XML_TEXT_NODE ||
		           k->type == XML_CDATA_SECTION_NODE) {
			struct dom_node *t = arena_alloc(c->arena, sizeof *t);
			t->tag = DOM_TEXT;
			t->name = "#text";
			t->pos = (struct pos){c->file, (int)xmlGetLineNo(k), 0};
			t->classes = "";
			t->text = normalise_space(
			        c->arena, (const char *)k->content, &t->len);
			if (t->len)
				append(n, t);
		}
	}
	c->depth--;
	return n;
}

/* What the parser's callbacks keep: the first error, and the nesting. */
struct parse_state {
	bool set;
	int line, col;
	char msg[256];
	int depth;
	bool too_deep; /* the parser was stopped at LIMIT_PDF_HTML_DEPTH */
	long deep_end; /* where the start tag too deep ends */
	size_t bom;    /* 3 when the source opens with a byte order mark */
	startElementNsSAX2Func start;
	endElementNsSAX2Func end;
	getEntitySAXFunc get_entity;
	referenceSAXFunc reference;
};

/* An HTML entity the document uses, declared in it on first use. */
static xmlEntityPtr on_get_entity(void *ud, const xmlChar *name)
{
	xmlParserCtxtPtr ctxt = ud;
	struct parse_state *ps = ctxt->_private;
	xmlEntityPtr ent = ps->get_entity(ud, name);
	if (ent || !ctxt->myDoc)
		return ent;
	const char *u =
	        entity_lookup((const char *)name, strlen((const char *)name));
	if (!u)
		return NULL;
	if (!ctxt->myDoc->intSubset &&
	    !xmlCreateIntSubset(ctxt->myDoc, BAD_CAST "html", NULL, NULL))
		return NULL;
	/* Its text as character references: "&#60;" for `&LT;`. */
	char refs[64];
	size_t n = 0;
	for (const char *p = u; *p && n + 12 < sizeof refs;) {
		uint32_t cp;
		size_t k = utf8_decode(p, strlen(p), &cp);
		if (k == 0)
			break;
		n += (size_t)snprintf(refs + n, sizeof refs - n, "&#x%X;",
		                      (unsigned)cp);
		p += k;
	}
	return xmlAddDocEntity(ctxt->myDoc, name, XML_INTERNAL_GENERAL_ENTITY,
	                       NULL, NULL, BAD_CAST refs);
}

/* A use of an HTML entity: its text, as if written there. */
static void on_reference(void *ud, const xmlChar *name)
{
	xmlParserCtxtPtr ctxt = ud;
	struct parse_state *ps = ctxt->_private;
	const char *u =
	        entity_lookup((const char *)name, strlen((const char *)name));
	if (u)
		xmlSAX2Characters(ud, BAD_CAST u, (int)strlen(u));
	else if (ps->reference)
		ps->reference(ud, name);
}

/* Keeps the first error: libxml2 goes on after it and its last error is
 * often a consequence of the first. The argument's constness changed in
 * libxml2 2.12. */
#if LIBXML_VERSION >= 21200
static void on_xml_error(void *ud, const xmlError *e)
#else
static void on_xml_error(void *ud, xmlErrorPtr e)
#endif
{
	xmlParserCtxtPtr ctxt = ud;
	struct parse_state *ps = ctxt->_private;
	if (ps->set || e->level < XML_ERR_ERROR)
		return;
	ps->set = true;
	ps->line = e->line;
	ps->col = e->int2;
	snprintf(ps->msg, sizeof ps->msg, "%s",
	         e->message ? e->message : "not well-formed");
	size_t n = strlen(ps->msg);
	while (n && (ps->msg[n - 1] == '\n' || ps->msg[n - 1] == ' '))
		ps->msg[--n] = 0;
}

/* Where the parser is in the source. The input is UTF-8, which libxml2
 * passes through unchanged but for a byte order mark it drops, so its
 * offsets in what it decoded are ours (xmlByteConsumed() is not: it
 * miscounts by a few bytes in a long document). */
static size_t input_offset(xmlParserCtxtPtr ctxt)
{
	struct parse_state *ps = ctxt->_private;
	xmlParserInputPtr in = ctxt->input;
	return ps->bom + in->consumed + (size_t)(in->cur - in->base);
}

/* libxml2's tree builder, then: where the start tag ends (libxml2 calls
 * this with the input at its `>` or `/>`), and how deep it is. */
static void on_start(void *ud, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nns, const xmlChar **ns,
                     int nattrs, int ndefaulted, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ud;
	struct parse_state *ps = ctxt->_private;
	if (++ps->depth > LIMIT_PDF_HTML_DEPTH) {
		if (!ps->too_deep) {
			ps->too_deep = true;
			ps->line = xmlSAX2GetLineNumber(ctxt);
			ps->deep_end = ctxt->inputNr == 1
			                       ? (long)input_offset(ctxt)
			                       : -1;
			xmlStopParser(ctxt);
		}
		return;
	}
	ps->start(ud, localname, prefix, uri, nns, ns, nattrs, ndefaulted,
	          attrs);
	if (ctxt->node && ctxt->inputNr == 1)
		ctxt->node->_private =
		        (void *)(uintptr_t)(input_offset(ctxt) + 1);
}

static void on_end(void *ud, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ud;
	struct parse_state *ps = ctxt->_private;
	if (ps->depth-- > LIMIT_PDF_HTML_DEPTH)
		return;
	ps->end(ud, localname, prefix, uri);
}

static struct dom_node *parse(const char *html, size_t len,
                              const char *source_name, const struct pos *at,
                              struct arena *arena, struct diags *d)
{
	struct conv c = {0};
	if (at) {
		c.image = true;
		c.at = *at;
	}
	c.src = html;
	c.len = len;
	c.file = source_name;
	c.arena = arena;
	c.d = d;
	size_t cap = 0;
	c.line_start = xgrow(NULL, &cap, 2, sizeof *c.line_start);
	c.line_start[1] = 0;
	c.nlines = 1;
	for (size_t i = 0; i < len; i++) {
		if (html[i] == '\n') {
			c.line_start = xgrow(c.line_start, &cap, c.nlines + 2,
			                     sizeof *c.line_start);
			c.line_start[++c.nlines] = i + 1;
		}
	}
	struct dom_node *root = NULL;
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		diag_error(d, (struct pos){source_name, 0, 0},
		           "cannot start the XML parser");
		free(c.line_start);
		return NULL;
	}
	struct parse_state ps = {0};
	if (len >= 3 && memcmp(html, "\xEF\xBB\xBF", 3) == 0)
		ps.bom = 3;
	ctxt->_private = &ps;
	ctxt->sax->serror = on_xml_error;
	ps.start = ctxt->sax->startElementNs;
	ps.end = ctxt->sax->endElementNs;
	ctxt->sax->startElementNs = on_start;
	ctxt->sax->endElementNs = on_end;
	ps.get_entity = ctxt->sax->getEntity;
	ps.reference = ctxt->sax->reference;
	ctxt->sax->getEntity = on_get_entity;
	ctxt->sax->reference = on_reference;
	if (len > (size_t)0x7fffffff) {
		diag_error(d, (struct pos){source_name, 0, 0},
		           "HTML larger than 2 GiB");
		goto done;
	}
	xmlDocPtr doc = xmlCtxtReadMemory(
	        ctxt, html, (int)len, source_name, "UTF-8",
	        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                XML_PARSE_NOCDATA);
	if (ps.too_deep) {
		struct pos pos = {source_name, ps.line, 0};
		if (ps.deep_end >= 0)
			tag_pos(&c, (size_t)ps.deep_end, &pos);
		diag_error(d, pos, DEPTH_MESSAGE, LIMIT_PDF_HTML_DEPTH);
		if (doc)
			xmlFreeDoc(doc);
		goto done;
	}
	if (!doc) {
		struct pos pos = {source_name, ps.line, ps.col};
		diag_error(d, pos, "HTML is not well-formed XML: %s",
		           ps.set ? ps.msg : "not well-formed");
		goto done;
	}
	xmlNode *top = xmlDocGetRootElement(doc);
	if (top)
		root = convert(&c, top, false);
	if (c.errors)
		root = NULL;
	xmlFreeDoc(doc);
done:
	xmlFreeParserCtxt(ctxt);
	free(c.line_start);
	return root;
}

struct dom_node *dom_parse(const char *html, size_t len,
                           const char *source_name, struct arena *arena,
                           struct diags *d)
{
	return parse(html, len, source_name, NULL, arena, d);
}

struct dom_node *dom_parse_image(const char *svg, size_t len,
                                 const char *source_name, struct pos at,
                                 struct arena *arena, struct diags *d)
{
	return parse(svg, len, source_name, &at, arena, d);
}
