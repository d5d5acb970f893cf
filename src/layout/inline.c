/* inline: text, emphasis, links and line breaks, cut into lines.
 *
 * Inline content is first flattened into pieces: runs of non-space text in
 * one face, size, colour and link, each remembering whether a space came
 * before it. A character the face lacks starts a piece in the first face
 * of the fallback chain that has it (engine_glyph), so nothing is drawn as
 * a blank box; one that no face has is a piece of its own, U+FFFD with
 * its own width, and a warning (once per character). Right-to-left text
 * is an error: it would be printed left to right. Lines are then filled
 * greedily: a word (pieces with no space between them) goes on the current
 * line if it fits, else starts the next one. A word wider than the whole
 * line is cut, after a `/`, `-`, `.`, `?`, `&`, `=` or `_` when one falls
 * in the part that fits (URLs), else between characters. A word is summed
 * only until it overflows the line, and a cut measures only the part that
 * fits, the rest keeping its width less that part's: filling is linear in
 * the text, however long a word is or however many elements it spans.
 * A link whose style has `link_address` is followed by its http(s)
 * address, " (https://...)", as text of the link (unless its text is the
 * address): it breaks where UAX #14 allows but not inside its scheme,
 * and is cut at a character without a warning.
 *
 * Each line becomes one slice. A page may end before line k of n only when
 * k >= orphans and n - k >= widows, so paragraphs keep at least two lines on
 * each side of a break; headings keep all their lines together. Ragged
 * lines draw one text item per style run, spaces included; justified lines
 * (every line but the last) place each word by itself, because PDF word
 * spacing does not apply to the two-byte fonts the PDF module uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "layout/engine.h"

/* Hyphenation points looked at in one word, from its end. */
#define LAYOUT_HYPHEN_POINTS 32

struct piece {
	const char *s;
	size_t len;
	int face;
	double size;
	uint32_t color;
	uint32_t background; /* of an inline element (a badge), or none */
	bool underline;
	const char *href;
	int elem;   /* its structure reference */
	long units; /* the width in 1/1000 em: w is units * size / 1000 */
	double w, space_w;
	bool glue;    /* a space comes before it */
	bool brk;     /* a line may end before it (find_breaks) */
	bool nowrap;  /* no line break inside it */
	bool hyph;    /* it may be hyphenated (the `hyphens` property) */
	bool cut;     /* the rest of a word cut at a character (warned) */
	bool address; /* a printed link address: cut anywhere, unwarned */
	bool br;
	struct pos pos; /* of its text, for warnings */
};

struct pieces {
	struct piece *p;
	size_t n, cap;
	bool pending_glue;
	struct engine *e;
	struct flow *f; /* for anchors; NULL when measuring */
	int elem; /* the structure reference of the text being collected */
};

static struct piece *add_piece(struct pieces *ps)
{
	ps->p = xgrow(ps->p, &ps->cap, ps->n + 1, sizeof *ps->p);
	struct piece *p = &ps->p[ps->n++];
	memset(p, 0, sizeof *p);
	return p;
}

static void add_text(struct pieces *ps, const struct dom_node *t,
                     const struct computed *cs, const char *href)
{
	struct engine *e = ps->e;
	const struct layout_props *pr = &cs->p;
	int face = LAYOUT_FACE(pr->family, pr->bold, pr->italic);
	const char *s = t->text;
	size_t len = t->len, i = 0;
	bool rtl_told = false;
	while (i < len) {
		if (s[i] == ' ' && !pr->nowrap) {
			ps->pending_glue = true;
			i++;
			continue;
		}
		/* One piece per run of characters in one face; a character
		 * no face has is a piece of its own, drawn as U+FFFD. */
		size_t start = i;
		int run_face = -1;
		bool missing = false;
		/* Whether engine_glyph() has the face's ASCII widths. */
		bool ascii = face >= 0 && face < LAYOUT_MAX_FAMILIES * 4;
		while (i < len && (s[i] != ' ' || pr->nowrap) &&
		       i - start < LAYOUT_TEXT_ITEM_BYTES) {
			/* An ASCII character the face is known to have, as
			 * engine_glyph() would answer (and not right to
			 * left): most of the text. */
			unsigned char c = (unsigned char)s[i];
			if (ascii && c < 128 && e->ascii_units[face][c] > 0) {
				if (run_face >= 0 && run_face != face)
					break;
				run_face = face;
				i++;
				continue;
			}
			uint32_t cp;
			size_t n = utf8_decode(s + i, len - i, &cp);
			if (n == 0) {
				n = 1;
				cp = 0xFFFD;
			}
			if (cp == 0xA0)
				cp = ' '; /* no-break space: glyph of a space */
			const char *rtl = engine_rtl_script(cp);
			if (rtl && ps->f && !rtl_told) {
				diag_error(e->d, t->pos,
				           "right-to-left text (%s, U+%04X) "
				           "cannot be set in the PDF, which "
				           "would print it left to right",
				           rtl, (unsigned)cp);
				rtl_told = true;
			}
			int w;
			int f = engine_glyph(e, face, cp, &w);
			if (f < 0) {
				if (run_face >= 0)
					break;
				if (ps->f)
					engine_note_missing(e, t->pos, s, len,
					                    i, cp);
				missing = true;
				i += n;
				break;
			}
			if (run_face >= 0 && f != run_face)
				break;
			run_face = f;
			i += n;
		}
		if (missing) {
			int w;
			run_face = engine_glyph(e, face, 0xFFFD, &w);
			if (run_face < 0)
				run_face = face;
		}
		struct piece *p = add_piece(ps);
		p->s = missing ? ENGINE_REPLACEMENT : s + start;
		p->len = missing ? strlen(ENGINE_REPLACEMENT) : i - start;
		p->face = run_face;
		p->size = pr->size;
		p->color = pr->color;
		p->background = pr->background;
		p->underline = pr->underline;
		p->href = href;
		p->elem = ps->elem;
		/* Measured as a whole, with the face's kerning. */
		p->units = engine_text_units(e, run_face, p->s, p->len);
		p->w = p->units * pr->size / 1000.0;
		p->space_w = engine_text_width(e, face, pr->size, " ", 1);
		p->glue = ps->pending_glue;
		p->nowrap = pr->nowrap;
		p->hyph = pr->hyphens && !pr->nowrap;
		/* Text has a line but no column: its element has both. */
		p->pos = t->pos.col || !t->parent ? t->pos : t->parent->pos;
		ps->pending_glue = false;
	}
}

/* The first code point of `p`'s text is an en or em dash. */
static bool starts_with_dash(const struct piece *p)
{
	return p->len >= 3 && (unsigned char)p->s[0] == 0xE2 &&
	       (unsigned char)p->s[1] == 0x80 &&
	       ((unsigned char)p->s[2] == 0x93 ||
	        (unsigned char)p->s[2] == 0x94);
}

/* Finds where lines may end: runs UAX #14 over the paragraph's text (each
 * piece's bytes, a space where glue is, a line feed at a <br/>), splits
 * each piece at the opportunities inside it (after a hyphen, a dash, a
 * slash) and marks each piece that a line may start with (brk). No break
 * falls inside or at the edge of a nowrap piece, nor at a space before a
 * dash. Only pieces that are split are measured again. */
static void find_breaks(struct pieces *ps)
{
	struct engine *e = ps->e;
	struct buf text = BUF_INIT;
	size_t *start = xmalloc((ps->n + 1) * sizeof *start);
	for (size_t k = 0; k < ps->n; k++) {
		const struct piece *p = &ps->p[k];
		if (p->br) {
			buf_putc(&text, '\n');
		} else if (p->glue) {
			buf_putc(&text, ' ');
		}
		start[k] = text.len;
		buf_put(&text, p->s, p->len);
	}
	/* A table cell's text is measured, then laid out: its opportunities
	 * are found once. */
	char *brks = xmalloc(text.len + 1);
	bool recalled = ps->f && e->table_depth > 0 &&
	                layout_breaks_recall(e, text.data, text.len, brks);
	if (!recalled)
		layout_breaks_find(text.data, text.len, brks);
	if (!ps->f)
		layout_breaks_keep(e, text.data, text.len, brks);
	struct pieces out = {0};
	for (size_t k = 0; k < ps->n; k++) {
		struct piece p = ps->p[k];
		size_t o = start[k];
		if (p.br) {
			*add_piece(&out) = p;
			continue;
		}
		const struct piece *prev = k > 0 ? &ps->p[k - 1] : NULL;
		p.brk = o > 0 && layout_breaks_allowed(brks[o - 1]);
		if (p.glue && starts_with_dash(&p))
			p.brk = false;
		if (!p.glue && (p.nowrap || (prev && prev->nowrap)))
			p.brk = false;
		size_t from = 0;
		long done = 0;
		for (size_t q = 1; !p.nowrap && q < p.len; q++) {
			if (!layout_breaks_allowed(brks[o + q - 1]))
				continue;
			/* A printed address keeps its scheme with its host. */
			if (p.address && q >= 3 &&
			    memcmp(p.s + q - 3, "://", 3) == 0)
				continue;
			struct piece *h = add_piece(&out);
			*h = p;
			h->s = p.s + from;
			h->len = q - from;
			h->units = engine_text_units(e, p.face, h->s, h->len);
			h->w = h->units * p.size / 1000.0;
			if (from > 0) {
				h->glue = false;
				h->brk = true;
			}
			done += h->units;
			from = q;
		}
		struct piece *t = add_piece(&out);
		*t = p;
		if (from > 0) {
			t->s = p.s + from;
			t->len = p.len - from;
			t->units = p.units - done;
			t->w = t->units * p.size / 1000.0;
			t->glue = false;
			t->brk = true;
		}
	}
	free(brks);
	free(start);
	buf_free(&text);
	free(ps->p);
	ps->p = out.p;
	ps->n = out.n;
	ps->cap = out.cap;
}

/* `s[0..len)` less an http:// or https:// scheme, and `*len` less a
 * closing slash; NULL when `s` has neither scheme. */
static const char *web_address(const char *s, size_t *len)
{
	size_t skip = strncasecmp(s, "https://", 8) == 0  ? 8
	              : strncasecmp(s, "http://", 7) == 0 ? 7
	                                                  : 0;
	if (!skip)
		return NULL;
	*len -= skip;
	if (*len && s[skip + *len - 1] == '/')
		(*len)--;
	return s + skip;
}

/* The address printed after link `n`'s text, " (HREF)" in the arena, or
 * NULL: only for an http(s) address, and not when the text says it
 * already (with or without its scheme or closing slash). */
static const char *link_address(struct engine *e, const struct dom_node *n,
                                const char *href)
{
	size_t alen = strlen(href);
	const char *a = web_address(href, &alen);
	if (!a)
		return NULL;
	const char *text = layout_node_text(e, n);
	size_t tlen = strlen(text);
	const char *t = web_address(text, &tlen);
	if (!t) {
		t = text;
		tlen = strlen(text);
	}
	if (tlen == alen && strncasecmp(t, a, alen) == 0)
		return NULL;
	size_t len = strlen(href) + 3;
	char *out = arena_alloc(e->a, len + 1);
	snprintf(out, len + 1, " (%s)", href);
	return out;
}

static void collect(struct pieces *ps, const struct dom_node *n,
                    const struct computed *parent, const char *href)
{
	if (n->tag == DOM_TEXT) {
		add_text(ps, n, parent, href);
		return;
	}
	if (n->tag == DOM_IMG || n->tag == DOM_IGNORED)
		return;
	struct computed cs;
	engine_resolve(ps->e, n, parent, &cs);
	if (cs.hidden)
		return;
	/* Inside an inline element with a background, the text keeps it. */
	if (cs.p.background == LAYOUT_NONE)
		cs.p.background = parent->p.background;
	if (n->id && ps->f)
		layout_flow_mark(ps->f, MARK_ANCHOR, 0, n->id);
	if (n->tag == DOM_BR) {
		struct piece *p = add_piece(ps);
		p->br = true;
		p->size = cs.p.size;
		ps->pending_glue = false;
		return;
	}
	const char *target = n->tag == DOM_A ? dom_attr(n, "href") : NULL;
	if (target && target[0] != '#' &&
	    strlen(target) > LIMIT_PDF_LINK_BYTES) {
		if (ps->f)
			diag_warning(
			        ps->e->d, n->pos,
			        "link address longer than %d bytes "
			        "(LIMIT_PDF_LINK_BYTES): its text is in the "
			        "PDF, but not as a link",
			        LIMIT_PDF_LINK_BYTES);
	} else if (target) {
		href = target;
	}
	/* Links and badges are structure elements of their own (made once,
	 * when laying out, not when measuring). */
	int outer = ps->elem;
	struct engine *e = ps->e;
	if (ps->f && (n->tag == DOM_A && href && href == target)) {
		int saved = e->elem;
		e->elem = ps->elem;
		engine_open_elem(e, DL_ROLE_LINK, n);
		engine_elem(e, e->elem)->alt = layout_node_text(e, n);
		if (target[0] == '#')
			engine_note_link(e, n, target + 1);
		ps->elem = e->elem;
		e->elem = saved;
	} else if (ps->f && n->tag == DOM_SPAN &&
	           dom_has_class(n, "badge", 5)) {
		int saved = e->elem;
		e->elem = ps->elem;
		engine_open_elem(e, DL_ROLE_SPAN, n);
		ps->elem = e->elem;
		e->elem = saved;
	}
	for (const struct dom_node *k = n->first; k; k = k->next)
		collect(ps, k, &cs, href);
	/* The address, when the style asks for it, is the link's own text:
	 * in its structure element and its area, never hyphenated. */
	const char *address =
	        n->tag == DOM_A && target && href == target && cs.p.link_address
	                ? link_address(e, n, target)
	                : NULL;
	if (address) {
		struct dom_node t = {.tag = DOM_TEXT,
		                     .pos = n->pos,
		                     .text = address,
		                     .len = strlen(address)};
		struct computed as = cs;
		as.p.hyphens = false;
		size_t from = ps->n;
		add_text(ps, &t, &as, href);
		for (size_t k = from; k < ps->n; k++)
			ps->p[k].address = true;
	}
	ps->elem = outer;
}

static void gather(struct pieces *ps, const struct dom_node *first,
                   const struct dom_node *end, const struct computed *cs)
{
	/* The block's own background is its box's, drawn as a band. */
	struct computed own = *cs;
	own.p.background = LAYOUT_NONE;
	ps->elem = ps->e->elem;
	for (const struct dom_node *k = first; k && k != end; k = k->next)
		collect(ps, k, &own, NULL);
	find_breaks(ps);
}

void layout_measure_inline(struct engine *e, const struct dom_node *first,
                           const struct dom_node *end,
                           const struct computed *cs, double *minw,
                           double *maxw)
{
	struct pieces ps = {0};
	ps.e = e;
	gather(&ps, first, end, cs);
	double word = 0, line = 0;
	*minw = *maxw = 0;
	for (size_t i = 0; i <= ps.n; i++) {
		const struct piece *p = i < ps.n ? &ps.p[i] : NULL;
		if (!p || p->brk || p->br) {
			if (word > *minw)
				*minw = word;
			word = 0;
		}
		if (!p || p->br) {
			if (line > *maxw)
				*maxw = line;
			line = 0;
			continue;
		}
		/* A space inside a word: before a dash kept with it. */
		word += (p->glue && word > 0 ? p->space_w : 0) + p->w;
		line += (p->glue && line > 0 ? p->space_w : 0) + p->w;
	}
	free(ps.p);
}

/* The word [i, j) is wider than `avail`: finds where to cut it so that a
 * first part fits. Returns the index k of the piece the cut falls in, with
 * `*at` its bytes that go on this line; `*at` is 0 when the cut falls
 * before piece k (then [i, k) fits whole). Only the part that fits is
 * measured, so cutting a long word costs its length once in all. */
static size_t split_word(struct pieces *ps, struct engine *e, size_t i,
                         size_t j, double avail, size_t *at_out)
{
	double used = 0;
	*at_out = 0;
	for (size_t k = i; k < j; k++) {
		struct piece *p = &ps->p[k];
		double g = k > i && p->glue ? p->space_w : 0;
		if (used + g + p->w <= avail) {
			used += g + p->w;
			continue;
		}
		/* Find how many bytes of p fit, and a good place to cut. */
		size_t fit = 0, good = 0, pos = 0;
		double w = used + g;
		while (pos < p->len) {
			uint32_t cp;
			size_t n = utf8_decode(p->s + pos, p->len - pos, &cp);
			if (n == 0)
				n = 1;
			double cw = engine_text_width(e, p->face, p->size,
			                              p->s + pos, n);
			if (w + cw > avail)
				break;
			w += cw;
			pos += n;
			fit = pos;
			if (strchr("/-.?&=_", p->s[pos - 1]) && pos < p->len)
				good = pos;
		}
		size_t at = good ? good : fit;
		if (at == 0) {
			if (k > i)
				return k; /* cut between pieces */
			/* Not even one character fits: take one anyway. */
			uint32_t cp;
			at = utf8_decode(p->s, p->len, &cp);
			if (at == 0)
				at = 1;
		}
		if (at >= p->len)
			return k + 1;
		*at_out = at;
		return k;
	}
	return j;
}

/* The kerning between s[0..at) and the text after it: the width of the
 * two characters that meet at `at` less each one's, so that a word cut
 * there keeps, in its two parts, the width it had whole. */
static long join_units(struct engine *e, int face, const char *s, size_t at,
                       size_t len)
{
	size_t a = at;
	do
		a--;
	while (a > 0 && ((unsigned char)s[a] & 0xC0) == 0x80);
	uint32_t cp;
	size_t n = utf8_decode(s + at, len - at, &cp);
	size_t b = at + (n ? n : 1);
	return engine_text_units(e, face, s + a, b - a) -
	       engine_text_units(e, face, s + a, at - a) -
	       engine_text_units(e, face, s + at, b - at);
}

/* The word from piece i is wider than a whole line: finds the piece k in
 * which it overflows `avail`, and the last hyphenation point of that piece
 * whose head, with a hyphen drawn after it, still fits. True with `*head`
 * (the head and its hyphen, its text in the arena) and ps->p[k] shortened
 * to the tail, which may start the next line; false when no point fits or
 * the piece is not to be hyphenated. Pieces [i, k) fit whole. */
static bool hyphenate(struct pieces *ps, struct engine *e, size_t i,
                      double avail, size_t *k_out, struct piece *head)
{
	double used = 0;
	size_t k = i;
	for (; k < ps->n; k++) {
		const struct piece *p = &ps->p[k];
		if (p->br || (k > i && p->brk))
			return false;
		double g = k > i && p->glue ? p->space_w : 0;
		if (used + g + p->w > avail + 0.001) {
			used += g;
			break;
		}
		used += g + p->w;
	}
	if (k == ps->n || !ps->p[k].hyph)
		return false;
	struct piece *p = &ps->p[k];
	size_t at[LAYOUT_HYPHEN_POINTS];
	size_t n = layout_hyphen_points(p->s, p->len, at, LAYOUT_HYPHEN_POINTS);
	long hy = n ? engine_text_units(e, p->face, "-", 1) : 0;
	while (n > 0) {
		size_t q = at[--n];
		long u = engine_text_units(e, p->face, p->s, q);
		double hw = (u + hy) * p->size / 1000.0;
		if (used + hw > avail + 0.001)
			continue;
		char *t = arena_alloc(e->a, q + 1);
		memcpy(t, p->s, q);
		t[q] = '-';
		*head = *p;
		head->s = t;
		head->len = q + 1;
		head->units = u + hy;
		head->w = hw;
		p->s += q;
		p->len -= q;
		p->units -= u;
		p->w = p->units * p->size / 1000.0;
		p->glue = false;
		p->brk = true;
		*k_out = k;
		return true;
	}
	return false;
}

/* A word in a warning is shown to SHORT_MAX bytes, then cut at a
 * character with an ellipsis after SHORT_CUT. */
enum { SHORT_MAX = 48, SHORT_CUT = 45 };

/* Appends s[0..len) to `b`, shortened to about SHORT_MAX bytes at a
 * character. */
static void put_short(struct buf *b, const char *s, size_t len)
{
	if (len <= SHORT_MAX) {
		buf_put(b, s, len);
		return;
	}
	size_t n = SHORT_CUT;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	buf_put(b, s, n);
	buf_puts(b, "\xE2\x80\xA6");
}

/* Appends to `b` what of s[0..len) put_short can show: a byte past
 * SHORT_MAX at most, so a word of a million bytes costs no more than a
 * short one. */
static void put_head(struct buf *b, const char *s, size_t len)
{
	if (b->len <= SHORT_MAX)
		buf_put(b, s,
		        len < SHORT_MAX + 1 - b->len ? len
		                                     : SHORT_MAX + 1 - b->len);
}

/* Warns that the word from piece i, wider than its line of width `w` and
 * with no hyphenation point that fits (or not to be hyphenated: a heading,
 * an id, a URL), is cut after pieces [i, k) and `at` bytes of piece k.
 * Once per word, however many lines it is cut into; never for a link's
 * printed address, which the author did not write as text. */
static void warn_cut(struct engine *e, const struct pieces *ps, size_t i,
                     size_t k, size_t at, double w)
{
	if (!ps->f || ps->p[i].cut || ps->p[i].address)
		return;
	struct buf word = BUF_INIT, head = BUF_INIT;
	for (size_t t = i; t < ps->n && word.len <= SHORT_MAX; t++) {
		const struct piece *p = &ps->p[t];
		if (t > i && (p->brk || p->br))
			break;
		if (t > i && p->glue) {
			put_head(&word, " ", 1);
			if (t <= k)
				put_head(&head, " ", 1);
		}
		put_head(&word, p->s, p->len);
		if (t < k)
			put_head(&head, p->s, p->len);
		else if (t == k)
			put_head(&head, p->s, at);
	}
	struct buf msg = BUF_INIT;
	buf_putc(&msg, '"');
	put_short(&msg, word.data, word.len);
	buf_printf(&msg,
	           "\" is wider than its line (%.1f mm) and no hyphen "
	           "fits: cut without one after \"",
	           w * 25.4 / 72);
	put_short(&msg, head.data, head.len);
	buf_putc(&msg, '"');
	diag_warning(e->d, ps->p[i].pos, "%s", buf_cstr(&msg));
	buf_free(&msg);
	buf_free(&word);
	buf_free(&head);
}

/* Appends pieces [from, to) of `src` to `dst`. */
static void copy_pieces(struct pieces *dst, const struct pieces *src,
                        size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		*add_piece(dst) = src->p[k];
}

struct line {
	size_t from, to; /* pieces */
	double w;        /* natural width */
	bool last;       /* ends the paragraph or a <br/> */
};

static void emit_line(struct engine *e, struct flow *f, struct pieces *ps,
                      const struct line *ln, const struct computed *cs,
                      double x, double w, bool keep)
{
	double size = cs->p.size, ascent = 0, descent = 0;
	for (size_t k = ln->from; k < ln->to; k++)
		if (ps->p[k].size > size && !ps->p[k].br)
			size = ps->p[k].size;
	int face = LAYOUT_FACE(cs->p.family, cs->p.bold, cs->p.italic);
	for (size_t k = ln->from; k < ln->to; k++) {
		double a, d;
		engine_extent(e, ps->p[k].face, ps->p[k].size, &a, &d);
		if (a > ascent)
			ascent = a;
		if (d > descent)
			descent = d;
	}
	if (ascent == 0)
		engine_extent(e, face, size, &ascent, &descent);
	double lh = size * cs->p.line_height;
	if (lh < ascent + descent)
		lh = ascent + descent;
	struct slice *s = layout_flow_add(e, f, lh);
	if (keep)
		s->keep_with_prev = true;
	double base = (lh - ascent - descent) / 2 + ascent;
	if (e->has_marker) {
		struct dl_item *it = layout_slice_add(s, DL_TEXT);
		it->x = e->marker.x;
		it->y = base;
		it->face = e->marker.face;
		it->size = e->marker.size;
		it->color = e->marker.color;
		it->text = e->marker.text;
		it->len = e->marker.len;
		it->elem = e->marker.elem;
		it->w = engine_text_width(e, it->face, it->size, it->text,
		                          it->len);
		e->has_marker = false;
	}
	size_t nglue = 0;
	for (size_t k = ln->from + 1; k < ln->to; k++)
		if (ps->p[k].glue)
			nglue++;
	enum layout_align al = cs->p.align;
	double extra = 0, cx = x;
	if (al == LAYOUT_ALIGN_JUSTIFY && !ln->last && nglue)
		extra = (w - ln->w) / nglue;
	else if (al == LAYOUT_ALIGN_CENTER)
		cx += (w - ln->w) / 2;
	else if (al == LAYOUT_ALIGN_RIGHT)
		cx += w - ln->w;
	bool split_words = extra > 0;
	struct buf text = BUF_INIT;
	struct dl_item *cur = NULL;
	/* Inline backgrounds: a rectangle behind each run of pieces with one
	 * background, padded a little, drawn before the text. */
	size_t nbg = 0;
	for (size_t k = ln->from; k < ln->to; k++) {
		const struct piece *p = &ps->p[k];
		if (p->br || p->background == LAYOUT_NONE)
			continue;
		bool glue = p->glue && k > ln->from;
		bool joins = k > ln->from && !glue &&
		             ps->p[k - 1].background == p->background;
		joins = joins || (k > ln->from && glue &&
		                  ps->p[k - 1].background == p->background);
		if (!joins)
			nbg++;
	}
	double *bg_x0 = nbg ? xmalloc(nbg * 2 * sizeof *bg_x0) : NULL;
	uint32_t *bg_color = nbg ? xmalloc(nbg * sizeof *bg_color) : NULL;
	double bg_top = base, bg_bottom = base;
	size_t ibg = 0;
	for (size_t k = ln->from; k < ln->to; k++) {
		const struct piece *p = &ps->p[k];
		if (p->br)
			continue;
		bool glue = p->glue && k > ln->from;
		double gap = glue ? p->space_w + extra : 0;
		if (p->background != LAYOUT_NONE) {
			double a, dsc;
			engine_extent(e, p->face, p->size, &a, &dsc);
			if (base - a < bg_top)
				bg_top = base - a;
			if (base + dsc > bg_bottom)
				bg_bottom = base + dsc;
			bool joins = k > ln->from &&
			             ps->p[k - 1].background == p->background;
			if (!joins) {
				bg_x0[2 * ibg] = cx + gap;
				bg_color[ibg++] = p->background;
			}
			bg_x0[2 * ibg - 1] = cx + gap + p->w;
		}
		/* Pieces join across a space only: the PDF kerns the text
		 * between spaces as one run, which must be the run that was
		 * measured. */
		bool same = cur && glue && cur->face == p->face &&
		            cur->size == p->size && cur->color == p->color &&
		            !(split_words && glue) &&
		            text.len + 1 + p->len <= LAYOUT_TEXT_ITEM_BYTES &&
		            cur->elem == p->elem &&
		            (cur->text == p->href ||
		             (cur->text && p->href &&
		              strcmp(cur->text, p->href) == 0));
		if (same) {
			if (glue)
				buf_putc(&text, ' ');
			buf_put(&text, p->s, p->len);
			cur->w += gap + p->w;
			cx += gap + p->w;
			continue;
		}
		if (cur) {
			cur->len = text.len;
			cur->text = arena_strndup(e->a, text.data, text.len);
		}
		cx += gap;
		buf_clear(&text);
		buf_put(&text, p->s, p->len);
		cur = layout_slice_add(s, DL_TEXT);
		cur->x = cx;
		cur->y = base;
		cur->w = p->w;
		cur->face = p->face;
		cur->size = p->size;
		cur->color = p->color;
		cur->elem = p->elem;
		/* Until the item is closed, `text` holds its link for the
		 * comparison above; the link items are made below. */
		cur->text = p->href;
		cx += p->w;
		if (p->underline) {
			struct dl_item *u = layout_slice_add(s, DL_LINE);
			cur = &s->items[s->nitems - 2];
			u->x = cur->x;
			u->y = base + p->size * 0.12;
			u->w = p->w; /* widened when the run grows */
			u->size = p->size * 0.06;
			u->color = p->color;
			u->text = "u";
			u->elem = 0;
			u->artifact = DL_ART_LAYOUT;
		}
		if (p->href) {
			struct dl_item *l = layout_slice_add(s, DL_LINK);
			cur = &s->items[s->nitems - 2 - (p->underline ? 1 : 0)];
			l->x = cur->x;
			l->y = 0;
			l->h = lh;
			l->text = p->href;
			l->len = strlen(p->href);
			l->elem = p->elem;
		}
	}
	if (cur) {
		cur->len = text.len;
		cur->text = arena_strndup(e->a, text.data, text.len);
	}
	buf_free(&text);
	/* Behind everything on the line: first in the slice, the last run's
	 * first, moved there in one go. */
	if (nbg) {
		size_t had = s->nitems;
		for (size_t b = 0; b < nbg; b++)
			layout_slice_add(s, DL_RECT);
		memmove(&s->items[nbg], &s->items[0], had * sizeof *s->items);
	}
	for (size_t b = 0; b < nbg; b++) {
		struct dl_item *r = &s->items[nbg - 1 - b];
		memset(r, 0, sizeof *r);
		r->kind = DL_RECT;
		r->x = bg_x0[2 * b] - 2;
		r->w = bg_x0[2 * b + 1] - bg_x0[2 * b] + 4;
		r->y = bg_top - 1;
		r->h = bg_bottom - bg_top + 2;
		r->color = bg_color[b];
		r->artifact = DL_ART_BACKGROUND;
	}
	free(bg_x0);
	free(bg_color);
	/* Underlines and link areas follow their text item: give them its
	 * final width. */
	for (size_t k = 1; k < s->nitems; k++) {
		struct dl_item *it = &s->items[k];
		if (it->kind == DL_LINE || it->kind == DL_LINK) {
			size_t t = k - 1;
			while (s->items[t].kind != DL_TEXT)
				t--;
			it->w = s->items[t].w;
			if (it->kind == DL_LINE)
				it->text = NULL;
		}
	}
}

void layout_inline(struct engine *e, struct flow *f,
                   const struct dom_node *first, const struct dom_node *end,
                   const struct computed *cs, double x, double w,
                   bool keep_together)
{
	struct pieces ps = {0};
	ps.e = e;
	ps.f = f;
	gather(&ps, first, end, cs);
	/* Lines are cut from `ps` into `out`, where a word cut across lines
	 * becomes two pieces: the head is copied, the tail stays in `ps` in
	 * place of the whole. Lines index `out`. */
	struct pieces out = {0};
	struct line *lines = NULL;
	size_t nlines = 0, lcap = 0;
	size_t i = 0;
	struct line cur = {0, 0, 0, false};
	while (i < ps.n) {
		if (ps.p[i].br) {
			copy_pieces(&out, &ps, i, i + 1);
			cur.to = out.n;
			cur.last = true;
			lines = xgrow(lines, &lcap, nlines + 1, sizeof *lines);
			lines[nlines++] = cur;
			cur = (struct line){out.n, out.n, 0, false};
			i++;
			continue;
		}
		bool empty = cur.to == cur.from;
		double gap = !empty && ps.p[i].glue ? ps.p[i].space_w : 0;
		double room = w - cur.w - gap;
		/* The word [i, j): pieces up to the next break opportunity,
		 * summed only until it overflows a whole line (widths are not
		 * negative), so a long word costs a line's worth, not its
		 * length. */
		size_t j = i + 1;
		double ww = ps.p[i].w;
		while (ww <= w + 0.001 && j < ps.n && !ps.p[j].brk &&
		       !ps.p[j].br) {
			ww += (ps.p[j].glue ? ps.p[j].space_w : 0) + ps.p[j].w;
			j++;
		}
		bool wide = ww > w + 0.001;
		if (!wide && ww <= room + 0.001) {
			copy_pieces(&out, &ps, i, j);
			cur.w += gap + ww;
			cur.to = out.n;
			i = j;
			continue;
		}
		/* Too wide for what is left of the line: a hyphen, when the
		 * word is wider than a whole line and one fits; else the next
		 * line, where a word no line can hold is hyphenated or, last,
		 * cut. */
		size_t k;
		struct piece hy;
		if (wide && hyphenate(&ps, e, i, empty ? w : room, &k, &hy)) {
			double lw = cur.w + gap;
			for (size_t t = i; t < k; t++)
				lw += (t > i && ps.p[t].glue ? ps.p[t].space_w
				                             : 0) +
				      ps.p[t].w;
			copy_pieces(&out, &ps, i, k);
			*add_piece(&out) = hy;
			lw += (k > i && hy.glue ? hy.space_w : 0) + hy.w;
			cur.to = out.n;
			cur.w = lw;
			lines = xgrow(lines, &lcap, nlines + 1, sizeof *lines);
			lines[nlines++] = cur;
			cur = (struct line){out.n, out.n, 0, false};
			i = k;
			continue;
		}
		if (!empty) {
			lines = xgrow(lines, &lcap, nlines + 1, sizeof *lines);
			lines[nlines++] = cur;
			cur = (struct line){out.n, out.n, 0, false};
			continue;
		}
		/* Alone on a line, too wide and no hyphen fits: cut the word
		 * at a character, and say so. */
		size_t at;
		k = split_word(&ps, e, i, j, w, &at);
		warn_cut(e, &ps, i, k, at, w);
		double lw = 0;
		for (size_t t = i; t < k; t++)
			lw += (t > i && ps.p[t].glue ? ps.p[t].space_w : 0) +
			      ps.p[t].w;
		copy_pieces(&out, &ps, i, k);
		if (at) {
			struct piece *tail = &ps.p[k];
			struct piece *head = add_piece(&out);
			*head = *tail;
			head->len = at;
			head->units =
			        engine_text_units(e, head->face, head->s, at);
			head->w = head->units * head->size / 1000.0;
			lw += (k > i && head->glue ? head->space_w : 0) +
			      head->w;
			tail->s += at;
			tail->len -= at;
			tail->units -=
			        head->units + join_units(e, head->face, head->s,
			                                 at, at + tail->len);
			tail->w = tail->units * tail->size / 1000.0;
			tail->glue = false;
			tail->brk = true;
			tail->cut = true;
		} else if (k < ps.n) {
			/* Cut between two pieces of the word (a word of
			 * several spans): the rest is the same word, warned
			 * of once. */
			ps.p[k].cut = true;
		}
		cur = (struct line){cur.from, out.n, lw, false};
		lines = xgrow(lines, &lcap, nlines + 1, sizeof *lines);
		lines[nlines++] = cur;
		i = k;
		cur = (struct line){out.n, out.n, 0, false};
	}
	if (cur.to > cur.from) {
		cur.last = true;
		lines = xgrow(lines, &lcap, nlines + 1, sizeof *lines);
		lines[nlines++] = cur;
	} else if (nlines) {
		lines[nlines - 1].last = true;
	}
	int orphans = e->st->orphans < 1 ? 1 : e->st->orphans;
	int widows = e->st->widows < 1 ? 1 : e->st->widows;
	for (size_t k = 0; k < nlines; k++) {
		bool keep = k > 0 && (keep_together || (int)k < orphans ||
		                      (int)(nlines - k) < widows);
		emit_line(e, f, &out, &lines[k], cs, x, w, keep);
	}
	free(lines);
	free(out.p);
	free(ps.p);
}
