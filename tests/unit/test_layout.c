/* Unit tests for the layout engine with the fixed-width metrics: line
 * breaking, orphans and widows, keep-with-next, tables cut across pages
 * with repeated headers, margins, and determinism. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fs.h"
#include "chart/chart.h"
#include "layout/layout.h"

/* Every glyph is 500/1000 em: at 10 pt a character is 5 pt wide and a
 * line 12.5 pt high. The page holds 20 characters a line and 8 lines. */
static struct layout_style style;
static struct layout_metrics metrics;
static struct arena arena;
static struct dl_doc doc;
static struct diags diags;

static void setup_style(void)
{
	layout_style_defaults(&style);
	style.body.size = 10;
	style.margin_left = style.margin_right = 10;
	style.margin_top = style.margin_bottom = 20;
	style.page_width = 20 + 100;
	style.page_height = 40 + 100;
	style.footer.center = NULL;
	metrics = layout_metrics_fixed();
}

static int lay(const char *body)
{
	dl_doc_free(&doc);
	arena_free(&arena);
	diags_free(&diags);
	struct buf html = BUF_INIT;
	buf_printf(&html,
	           "<html xmlns=\"http://www.w3.org/1999/xhtml\">"
	           "<body>%s</body></html>",
	           body);
	int rc = layout_html(html.data, html.len, "t.html", &style, &metrics,
	                     &arena, &doc, &diags);
	buf_free(&html);
	return rc;
}

/* The texts of page `p`, one line of text per line, for comparisons: the
 * runs a line is drawn in (a word cut at a hyphen is two) are joined. */
static const char *page_text(size_t p)
{
	static struct buf b;
	buf_clear(&b);
	const struct dl_item *prev = NULL;
	for (size_t i = 0; i < doc.pages[p].len; i++) {
		const struct dl_item *it = &doc.pages[p].items[i];
		if (it->kind != DL_TEXT)
			continue;
		if (prev && (prev->y != it->y ||
		             fabs(prev->x + prev->w - it->x) > 0.01))
			buf_putc(&b, '\n');
		buf_put(&b, it->text, it->len);
		prev = it;
	}
	if (prev)
		buf_putc(&b, '\n');
	return buf_cstr(&b);
}

static void greedy_lines(void **state)
{
	(void)state;
	setup_style();
	assert_int_equal(lay("<p>aaaa bbbb cccc dddd eeee ffff</p>"), 0);
	assert_int_equal(doc.npages, 1);
	/* 4 words of 4 plus 3 spaces = 19 characters fit in 20. */
	assert_string_equal(page_text(0), "aaaa bbbb cccc dddd\neeee ffff\n");
	/* A word longer than the line is cut; a URL after a slash. */
	assert_int_equal(lay("<p>https://example.org/abcdefghijklmnop</p>"), 0);
	assert_string_equal(page_text(0),
	                    "https://example.org/\nabcdefghijklmnop\n");
	assert_int_equal(lay("<p>xxxxxxxxxxxxxxxxxxxxxxxxxx</p>"), 0);
	assert_string_equal(page_text(0), "xxxxxxxxxxxxxxxxxxxx\nxxxxxx\n");
	/* Styles inside a word do not open a break. */
	assert_int_equal(
	        lay("<p>aaaa bbbb cccc dddd<strong>d</strong> eeee</p>"), 0);
	assert_string_equal(page_text(0), "aaaa bbbb cccc ddddd\neeee\n");
	assert_true(doc.pages[0].items[1].y == doc.pages[0].items[0].y);
}

static void justified_lines_fill_the_width(void **state)
{
	(void)state;
	setup_style();
	assert_int_equal(lay("<p class=\"justify\">aa bb cc dd ee ff gg hh "
	                     "ii</p>"),
	                 0);
	/* First line: 7 words; the last word ends at the right margin. */
	const struct dl_page *pg = &doc.pages[0];
	double right = 0;
	for (size_t i = 0; i < pg->len; i++)
		if (pg->items[i].kind == DL_TEXT && pg->items[i].y < 30 &&
		    pg->items[i].x + pg->items[i].w > right)
			right = pg->items[i].x + pg->items[i].w;
	assert_true(right > 109.99 && right < 110.01);
}

static void orphans_and_widows(void **state)
{
	(void)state;
	setup_style();
	/* Seven one-line paragraphs fill 7 of 8 lines (no margins here):
	 * a 3-line paragraph may not leave one line behind. */
	static struct layout_rule nomargin = {"p", LAYOUT_P_MARGIN, {0}};
	style.rules = &nomargin;
	style.nrules = 1;
	assert_int_equal(lay("<p>1</p><p>2</p><p>3</p><p>4</p><p>5</p>"
	                     "<p>6</p><p>7</p>"
	                     "<p>aaaa bbbb cccc dddd eeee ffff gggg hhhh "
	                     "iiii jjjj kkkk llll</p>"),
	                 0);
	assert_int_equal(doc.npages, 2);
	assert_string_equal(page_text(1), "aaaa bbbb cccc dddd\n"
	                                  "eeee ffff gggg hhhh\n"
	                                  "iiii jjjj kkkk llll\n");
	/* Six lines used: two lines of a 3-line paragraph would leave a
	 * widow, one an orphan, so it goes over whole... */
	assert_int_equal(lay("<p>1</p><p>2</p><p>3</p><p>4</p><p>5</p>"
	                     "<p>6</p>"
	                     "<p>aaaa bbbb cccc dddd eeee ffff gggg hhhh "
	                     "iiii jjjj kkkk llll</p>"),
	                 0);
	assert_int_equal(doc.npages, 2);
	assert_string_equal(page_text(1), "aaaa bbbb cccc dddd\n"
	                                  "eeee ffff gggg hhhh\n"
	                                  "iiii jjjj kkkk llll\n");
	/* ...and with four lines, two stay and two go. */
	assert_int_equal(lay("<p>1</p><p>2</p><p>3</p><p>4</p><p>5</p>"
	                     "<p>6</p>"
	                     "<p>aaaa bbbb cccc dddd eeee ffff gggg hhhh "
	                     "iiii jjjj kkkk llll mmmm</p>"),
	                 0);
	assert_string_equal(page_text(1), "iiii jjjj kkkk llll\nmmmm\n");
	style.rules = NULL;
	style.nrules = 0;
}

static void headings_keep_with_next(void **state)
{
	(void)state;
	setup_style();
	static struct layout_rule rules[] = {
	        {"p", LAYOUT_P_MARGIN, {0}},
	        {"h2", LAYOUT_P_MARGIN | LAYOUT_P_SIZE, {.size = 10}},
	};
	style.rules = rules;
	style.nrules = 2;
	/* Six lines, then a heading and a two-line paragraph: the heading
	 * fits but its paragraph does not, so both move. */
	assert_int_equal(lay("<p>1</p><p>2</p><p>3</p><p>4</p><p>5</p>"
	                     "<p>6</p><h2>Head</h2>"
	                     "<p>aaaa bbbb cccc dddd eeee</p>"),
	                 0);
	assert_int_equal(doc.npages, 2);
	assert_string_equal(page_text(1), "Head\naaaa bbbb cccc dddd\neeee\n");
	assert_int_equal(doc.noutline, 1);
	assert_int_equal(doc.outline[0].page, 1);
	/* Page breaks before on request. */
	assert_int_equal(lay("<p>1</p><p class=\"page-break\">2</p>"), 0);
	assert_int_equal(doc.npages, 2);
	style.rules = NULL;
	style.nrules = 0;
}

static void table_rows_split_with_header_repeated(void **state)
{
	(void)state;
	setup_style();
	style.page_height = 40 + 200;
	struct buf b = BUF_INIT;
	buf_puts(&b, "<table><thead><tr><th>H</th><th>Head</th></tr></thead>"
	             "<tbody>");
	for (int r = 0; r < 12; r++)
		buf_printf(&b,
		           "<tr><td>r%d</td><td>aa bb cc dd ee ff</td></tr>",
		           r);
	buf_puts(&b, "</tbody></table>");
	assert_int_equal(lay(b.data), 0);
	buf_free(&b);
	assert_true(doc.npages >= 2);
	for (size_t p = 0; p < doc.npages; p++) {
		/* Every page starts with the header row. */
		const char *t = page_text(p);
		assert_true(strncmp(t, "H\nHead\n", 7) == 0);
		/* Nothing below the bottom margin, no line cut. */
		for (size_t i = 0; i < doc.pages[p].len; i++) {
			const struct dl_item *it = &doc.pages[p].items[i];
			if (it->kind == DL_TEXT) {
				assert_true(it->y <=
				            style.page_height -
				                    style.margin_bottom);
				assert_true(it->y - 8 >= style.margin_top);
				assert_true(it->x >= style.margin_left);
				assert_true(it->x + it->w <=
				            style.page_width -
				                    style.margin_right + 0.01);
			}
		}
	}
}

static void errors_carry_positions(void **state)
{
	(void)state;
	setup_style();
	assert_int_equal(lay("<p>x</p>\n<video/>"), -1);
	assert_int_equal(diags.errors, 1);
	assert_string_equal(diags.items[0].msg,
	                    "<video> is not in the HTML vocabulary the PDF "
	                    "supports (see docs/pdf.md)");
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].col, 1);
	assert_int_equal(lay("<p>x</b>"), -1);
	assert_int_equal(diags.items[0].line, 1);
}

/* The bytes of image files come through the metrics interface: the
 * engine opens no file. The fake serves "nowhere/crest.png", which is not
 * on disk, from memory, and counts what it is asked. */
static int images_found, images_read;

static int fake_find(void *ctx, const char *root, const char *base,
                     const char *src, struct pos pos, char **real,
                     struct diags *d)
{
	(void)ctx, (void)root, (void)base;
	images_found++;
	if (strcmp(src, "nowhere/crest.png") != 0) {
		diag_error(d, pos, "image %s: not served", src);
		return -1;
	}
	*real = strdup("/served/crest.png");
	return 0;
}

static int fake_read(void *ctx, const char *real, const char *src,
                     struct pos pos, char **data, size_t *len, struct diags *d)
{
	(void)src, (void)pos;
	images_read++;
	assert_string_equal(real, "/served/crest.png");
	return fs_read(ctx, 1 << 20, data, len, d);
}

static void images_come_through_the_metrics(void **state)
{
	(void)state;
	setup_style();
	metrics.ctx = (void *)"tests/img/crest.png";
	metrics.image_find = fake_find;
	metrics.image_read = fake_read;
	images_found = images_read = 0;
	assert_int_equal(lay("<p><img src=\"nowhere/crest.png\" alt=\"c\" "
	                     "width=\"20\"/></p>\n"
	                     "<p><img src=\"nowhere/crest.png\" alt=\"c\" "
	                     "width=\"20\"/></p>"),
	                 0);
	/* Found at each use, read once: the pixels are kept per document. */
	assert_int_equal(images_found, 2);
	assert_int_equal(images_read, 1);
	size_t n = 0;
	for (size_t i = 0; i < doc.pages[0].len; i++)
		n += doc.pages[0].items[i].kind == DL_IMAGE;
	assert_int_equal(n, 2);
	assert_int_equal(doc.nimages, 1);

	/* Without the image callbacks there are no image files, and the
	 * error is at the <img>. */
	metrics = layout_metrics_fixed();
	assert_int_equal(lay("<p>x</p>\n<p><img src=\"nowhere/crest.png\" "
	                     "alt=\"c\"/></p>"),
	                 -1);
	assert_int_equal(diags.errors, 1);
	assert_int_equal(diags.items[0].line, 2);
	assert_string_equal(diags.items[0].msg,
	                    "image nowhere/crest.png: no image files can be "
	                    "read here");
}

/* Elements far along one long line, and a start tag across lines, are
 * placed at their `<`, counting columns in code points. */
static void positions_on_long_lines(void **state)
{
	(void)state;
	setup_style();
	struct buf b = BUF_INIT;
	buf_puts(&b, "<p>");
	for (int i = 0; i < 20000; i++)
		buf_puts(&b, "<em>\xC3\xA9</em>");
	buf_puts(&b, "<video/></p>\n<p>x</p><blink\nclass=\"a\">y</blink>");
	assert_int_equal(lay(b.data), -1);
	buf_free(&b);
	assert_int_equal(diags.errors, 2);
	/* The page opens with 49 characters before the first <p>. */
	assert_int_equal(diags.items[0].line, 1);
	assert_int_equal(diags.items[0].col, 50 + 3 + 20000 * 10);
	assert_int_equal(diags.items[1].line, 2);
	assert_int_equal(diags.items[1].col, 9);
}

static void nesting_has_a_limit(void **state)
{
	(void)state;
	setup_style();
	struct buf b = BUF_INIT;
	/* html and body are two levels. */
	for (int i = 0; i < 198; i++)
		buf_puts(&b, "<div>");
	buf_puts(&b, "deep");
	for (int i = 0; i < 198; i++)
		buf_puts(&b, "</div>");
	assert_int_equal(lay(b.data), 0);
	buf_clear(&b);
	for (int i = 0; i < 10000; i++)
		buf_puts(&b, "<div>");
	for (int i = 0; i < 10000; i++)
		buf_puts(&b, "</div>");
	assert_int_equal(lay(b.data), -1);
	buf_free(&b);
	assert_int_equal(diags.errors, 1);
	assert_string_equal(diags.items[0].msg,
	                    "elements are nested more than 200 deep "
	                    "(LIMIT_PDF_HTML_DEPTH), more than the PDF can "
	                    "lay out");
	assert_int_equal(diags.items[0].line, 1);
	assert_int_equal(diags.items[0].col, 50 + 198 * 5);
}

/* Every item of every page lies within the page. */
static void assert_on_pages(void)
{
	assert_true(doc.npages > 0);
	for (size_t p = 0; p < doc.npages; p++) {
		for (size_t i = 0; i < doc.pages[p].len; i++) {
			const struct dl_item *it = &doc.pages[p].items[i];
			double x1 = it->x + it->w, y1 = it->y + it->h;
			if (it->x < -0.01 || it->y < -0.01 ||
			    x1 > doc.page_width + 0.01 ||
			    y1 > doc.page_height + 0.01)
				fail_msg("page %zu item %zu at %.2f %.2f to "
				         "%.2f %.2f is off the page",
				         p + 1, i, it->x, it->y, x1, y1);
		}
	}
}

static void nothing_falls_off_the_page(void **state)
{
	(void)state;
	setup_style();
	struct buf b = BUF_INIT;
	/* Indents deeper than the page is wide. */
	for (int i = 0; i < 20; i++)
		buf_puts(&b, "<blockquote><ul><li>");
	buf_puts(&b, "deep text");
	for (int i = 0; i < 20; i++)
		buf_puts(&b, "</li></ul></blockquote>");
	assert_int_equal(lay(b.data), 0);
	assert_on_pages();
	/* A row whose cells' lines (12.5, 16 and 10 pt) never line up
	 * within a page: it is cut anyway. */
	buf_clear(&b);
	buf_puts(&b, "<table><tr><td>");
	for (int i = 0; i < 40; i++)
		buf_puts(&b, "a<br/>");
	buf_puts(&b, "</td><td><h2>");
	for (int i = 0; i < 40; i++)
		buf_puts(&b, "b<br/>");
	buf_puts(&b, "</h2></td><td>");
	for (int i = 0; i < 40; i++)
		buf_puts(&b, "<small>c</small><br/>");
	buf_puts(&b, "</td></tr></table>");
	assert_int_equal(lay(b.data), 0);
	assert_true(doc.npages > 3);
	assert_on_pages();
	/* A header row taller than a page is not repeated. */
	buf_clear(&b);
	buf_puts(&b, "<table><thead><tr><th>");
	for (int i = 0; i < 12; i++)
		buf_puts(&b, "head<br/>");
	buf_puts(&b, "</th></tr></thead><tbody>");
	for (int i = 0; i < 30; i++)
		buf_puts(&b, "<tr><td>row</td></tr>");
	buf_puts(&b, "</tbody></table>");
	assert_int_equal(lay(b.data), 0);
	assert_on_pages();
	/* Numbers too wide to hang in the margin. */
	assert_int_equal(lay("<p><span class=\"num\">1.2.3.4.5.6.7</span> "
	                     "text</p><ol start=\"-9223372036854775807\">"
	                     "<li>x</li></ol>"),
	                 0);
	assert_on_pages();
	buf_free(&b);
}

/* Lines end where UAX #14 allows: after hyphens, dashes and slashes,
 * never at a no-break space, before closing punctuation, after a minus
 * sign or at a space before a dash. */
static void lines_break_by_uax14(void **state)
{
	(void)state;
	setup_style();
	assert_int_equal(lay("<p>well-being red/amber 2019&#8211;2024 "
	                     "&#8722;&#163;0.4m benchmark &#8212; see text "
	                     "(x) and more</p>"),
	                 0);
	assert_string_equal(page_text(0), "well-being red/amber\n"
	                                  "2019–2024 −£0.4m\n"
	                                  "benchmark — see text\n"
	                                  "(x) and more\n");
	assert_int_equal(lay("<p>a multi-agency-safeguarding-hub</p>"), 0);
	assert_string_equal(page_text(0), "a multi-agency-\n"
	                                  "safeguarding-hub\n");
	/* 19 characters, then a closing bracket that stays with its word. */
	assert_int_equal(lay("<p>aaaa bbbb cccc ddd (eeee)</p>"), 0);
	assert_string_equal(page_text(0), "aaaa bbbb cccc ddd\n(eeee)\n");
	assert_int_equal(lay("<p>aaaa bbbb cccc dddd )</p>"), 0);
	assert_string_equal(page_text(0), "aaaa bbbb cccc\ndddd )\n");
	/* No-break spaces hold a date together. */
	assert_int_equal(lay("<p>Due on the 31&#160;December&#160;2019</p>"),
	                 0);
	assert_string_equal(page_text(0), "Due on the\n"
	                                  "31\xC2\xA0"
	                                  "December\xC2\xA0"
	                                  "2019\n");
	assert_int_equal(diags.len, 0);
}

/* A word that no line holds takes a hyphen where the en-GB patterns allow
 * (2 letters before, 3 after), on the line it starts on; where it may not
 * (a heading, a date, a badge, an id) or none fits, it is cut at a
 * character with a warning at its element, once. */
static void long_words_take_a_hyphen(void **state)
{
	(void)state;
	setup_style();
	assert_int_equal(lay("<p>The counterrevolutionaries met</p>"), 0);
	assert_string_equal(page_text(0),
	                    "The counterrevolu-\ntionaries met\n");
	assert_int_equal(diags.len, 0);
	assert_int_equal(lay("<p>Counterrevolutionaries, again</p>"), 0);
	assert_string_equal(page_text(0), "Counterrevolutionar-\nies, again\n");
	assert_int_equal(lay("<h2>counterrevolutionaries</h2>"), 0);
	assert_string_equal(page_text(0), "counterrevoluti\nonaries\n");
	assert_int_equal(diags.len, 1);
	assert_string_equal(diags.items[0].msg,
	                    "\"counterrevolutionaries\" is wider than its "
	                    "line (35.3 mm) and no hyphen fits: cut without "
	                    "one after \"counterrevoluti\"");
	assert_int_equal(diags.items[0].col, 50); /* the <h2> */
	assert_int_equal(lay("<p><time>counterrevolutionaries</time> "
	                     "<span class=\"badge\">counterrevolutionaries"
	                     "</span> P1.2.3.4.5.6.7.8.9.10.11.12 "
	                     "COUNTERREVOLUTIONARIES</p>"),
	                 0);
	assert_null(strchr(page_text(0), '-'));
	assert_int_equal(diags.len, 4);
	/* Off, with the property. */
	style.body.hyphens = false;
	assert_int_equal(lay("<p>counterrevolutionaries</p>"), 0);
	assert_string_equal(page_text(0), "counterrevolutionari\nes\n");
	assert_int_equal(diags.len, 1);
}

/* A word far longer than a line is cut into full lines, keeping every
 * character in order, however many elements it spans. */
static void long_words_are_cut_into_lines(void **state)
{
	(void)state;
	setup_style();
	struct buf b = BUF_INIT, want = BUF_INIT;
	buf_puts(&b, "<p>");
	for (int i = 0; i < 3000; i++) {
		buf_puts(&b, i % 7 ? "ab" : "<em>cd</em>");
		buf_puts(&want, i % 7 ? "ab" : "cd");
	}
	buf_puts(&b, "</p>");
	assert_int_equal(lay(b.data), 0);
	struct buf got = BUF_INIT;
	size_t lines = 0;
	double last_y = -1;
	for (size_t p = 0; p < doc.npages; p++)
		for (size_t i = 0; i < doc.pages[p].len; i++) {
			const struct dl_item *it = &doc.pages[p].items[i];
			if (it->kind != DL_TEXT || it->y > 120)
				continue; /* the footer */
			if (it->y != last_y) {
				lines++;
				last_y = it->y;
			}
			assert_true(it->x + it->w <= 110.01);
			buf_put(&got, it->text, it->len);
		}
	assert_string_equal(got.data, want.data);
	/* 20 characters a line. */
	assert_int_equal(lines, 6000 / 20);
	buf_free(&b);
	buf_free(&want);
	buf_free(&got);
}

/* libharu refuses strings over 65535 bytes: a longer link address is
 * left out, a long heading's bookmark is shortened, both with a warning. */
static void strings_fit_the_pdf_writer(void **state)
{
	(void)state;
	setup_style();
	struct buf b = BUF_INIT;
	buf_puts(&b, "<h1>");
	for (int i = 0; i < 20000; i++)
		buf_puts(&b, "Ofsted ");
	buf_puts(&b, "</h1><p><a href=\"https://example.org/");
	for (int i = 0; i < 70000; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "\">the report</a></p>");
	assert_int_equal(lay(b.data), 0);
	buf_free(&b);
	assert_int_equal(diags.len, 2);
	assert_non_null(strstr(diags.items[0].msg, "LIMIT_PDF_BOOKMARK_BYTES"));
	assert_non_null(strstr(diags.items[1].msg, "LIMIT_PDF_LINK_BYTES"));
	assert_int_equal(doc.noutline, 1);
	assert_true(strlen(doc.outline[0].title) <= 1024);
	for (size_t p = 0; p < doc.npages; p++)
		for (size_t i = 0; i < doc.pages[p].len; i++)
			assert_int_not_equal(doc.pages[p].items[i].kind,
			                     DL_LINK);
}

static void same_input_same_layout(void **state)
{
	(void)state;
	setup_style();
	style.footer.center = "Page {page} of {pages}";
	struct buf a = BUF_INIT, b = BUF_INIT;
	const char *body = "<h1>T</h1><p>aaaa bbbb cccc dddd eeee ffff gggg "
	                   "hhhh iiii jjjj kkkk llll mmmm</p><ul><li>x</li>"
	                   "</ul>";
	assert_int_equal(lay(body), 0);
	layout_dump(&doc, &a);
	assert_int_equal(lay(body), 0);
	layout_dump(&doc, &b);
	assert_string_equal(a.data, b.data);
	assert_non_null(strstr(a.data, "\"Page 1 of 1\""));
	buf_free(&a);
	buf_free(&b);
}

static void long_running_text_is_shortened(void **state)
{
	(void)state;
	setup_style();
	/* Running text is 9 pt: 4.5 pt a character. The right slot, "1/1",
	 * keeps 13.5 pt and a gap of 13.5 pt, which leaves 73 pt (16
	 * characters) for the left slot and its ellipsis. */
	style.footer.left = "aaaa bbbb cccc dddd eeee ffff";
	style.footer.right = "{page}/{pages}";
	assert_int_equal(lay("<p>x</p>"), 0);
	assert_string_equal(page_text(0),
	                    "x\naaaa bbbb cccc\xE2\x80\xA6\n1/1\n");
	const struct dl_item *l = &doc.pages[0].items[1];
	const struct dl_item *r = &doc.pages[0].items[2];
	assert_true(l->x + l->w + 13.5 <= r->x + 0.01);
	/* Text that fits is left alone. */
	style.footer.left = "aaaa bbbb";
	assert_int_equal(lay("<p>x</p>"), 0);
	assert_string_equal(page_text(0), "x\naaaa bbbb\n1/1\n");
}

/* The x and y of every legend swatch (12 by 12 rects) in the first SVG
 * (the wide drawing, which the PDF draws). */
static size_t legend_swatches(const char *svg, double *xs, double *ys,
                              size_t max)
{
	size_t n = 0;
	const char *end_svg = strstr(svg, "</svg>");
	for (const char *p = svg;
	     (p = strstr(p, "<rect x=\"")) && p < end_svg && n < max; p++) {
		double x, y;
		int end = 0;
		if (sscanf(p,
		           "<rect x=\"%lf\" y=\"%lf\" width=\"12.0\" "
		           "height=\"12.0\"%n",
		           &x, &y, &end) == 2 &&
		    end > 0) {
			xs[n] = x;
			ys[n] = y;
			n++;
		}
	}
	return n;
}

static void chart_legend_wraps_inside_the_chart(void **state)
{
	(void)state;
	static const char *const q[] = {"Q1", "Q2"};
	static const double v[] = {1, 2};
	struct chart_series series[6];
	static const char *const names[] = {"Not started", "On track",
	                                    "At risk",     "Off track",
	                                    "Complete",    "Cancelled"};
	for (int i = 0; i < 6; i++)
		series[i] = (struct chart_series){names[i], v, 0x333333};
	struct chart c = {.kind = CHART_STACKED,
	                  .title = "Actions",
	                  .unit = "actions",
	                  .categories = q,
	                  .ncategories = 2,
	                  .series = series,
	                  .nseries = 6,
	                  .width = 300,
	                  .height = 200};
	struct buf html = BUF_INIT;
	chart_to_html(&c, &html);
	double xs[8], ys[8];
	size_t n = legend_swatches(html.data, xs, ys, 8);
	assert_int_equal(n, 6);
	/* Each name and its number ("Complete 2"; about 6.8 units a
	 * character) end inside the 300-unit chart; a narrow chart takes
	 * more than one row. */
	for (size_t i = 0; i < n; i++)
		assert_true(xs[i] + 18 + 6.8 * (strlen(names[i]) + 2) <=
		            300 - 10);
	assert_true(ys[n - 1] > ys[0]);
	buf_free(&html);
}

static void charts_draw_as_vectors(void **state)
{
	(void)state;
	setup_style();
	style.page_width = 600;
	style.page_height = 800;
	static const char *const years[] = {"2017", "2018", "2019"};
	static const double a[] = {374, 402, 446}, b[] = {20, 30, 25};
	struct chart_series series[] = {{"Looked after", a, 0x1F4E79},
	                                {"Leaving care", b, 0xC00000}};
	for (int kind = CHART_BAR; kind <= CHART_LINE; kind++) {
		struct chart c = {.kind = kind,
		                  .title = "Children & young people",
		                  .unit = "number",
		                  .categories = years,
		                  .ncategories = 3,
		                  .series = series,
		                  .nseries = 2};
		struct buf html = BUF_INIT;
		chart_to_html(&c, &html);
		/* The wide drawing alone, as the default style sheet leaves
		 * the paper (the narrow one and the figures are for
		 * screens; this engine has no style table). */
		char *end = strstr(html.data, "</svg>");
		assert_non_null(end);
		end[6] = '\0';
		struct buf fig = BUF_INIT;
		buf_printf(&fig, "%s</figure>", html.data);
		assert_int_equal(lay(fig.data), 0);
		buf_free(&fig);
		buf_free(&html);
		size_t rects = 0, polys = 0, texts = 0;
		for (size_t i = 0; i < doc.pages[0].len; i++) {
			const struct dl_item *it = &doc.pages[0].items[i];
			rects += it->kind == DL_RECT;
			polys += it->kind == DL_POLY;
			texts += it->kind == DL_TEXT;
		}
		/* Six bars or points and two legend swatches; a stack's
		 * numbers sit on patches of their bar's colour. */
		if (kind == CHART_LINE)
			assert_int_equal(polys, 2);
		else
			assert_true(rects >= 6 + 2);
		assert_true(texts >= 3 + 2 + 1);
	}
}

/* A browser shows nothing of an SVG outside its viewBox; the PDF must not
 * draw it either, over the text beside the chart or off the page. */
static void svg_is_clipped_to_its_viewbox(void **state)
{
	(void)state;
	setup_style();
	style.page_width = 600;
	style.page_height = 800;
	assert_int_equal(
	        lay("<p>before</p>"
	            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" "
	            "height=\"100\" viewBox=\"0 0 40 40\">"
	            "<rect x=\"30\" y=\"-20\" width=\"50\" height=\"50\" "
	            "fill=\"#1f4e79\"/>"
	            "<rect x=\"50\" y=\"50\" width=\"5\" height=\"5\" "
	            "fill=\"#1f4e79\"/>"
	            "<polyline points=\"10,10 100,60 200,20 20,30\" "
	            "stroke=\"#c00000\" fill=\"none\"/>"
	            "<line x1=\"-100\" y1=\"20\" x2=\"500\" y2=\"20\" "
	            "stroke=\"#000000\"/>"
	            "<path d=\"M 0 0 L 400 0 L 400 400 Z\" fill=\"#00ff00\"/>"
	            "<text x=\"300\" y=\"20\">far</text></svg>"),
	        0);
	/* The viewport: 75 pt square, from the left margin, below "before". */
	double x0 = style.margin_left, x1 = x0 + 75;
	size_t rects = 0, polys = 0, lines = 0, fills = 0;
	double top = 1e9, bottom = -1;
	for (size_t i = 0; i < doc.pages[0].len; i++) {
		const struct dl_item *it = &doc.pages[0].items[i];
		if (it->kind == DL_TEXT) {
			assert_false(it->len == 3 &&
			             memcmp(it->text, "far", 3) == 0);
			continue;
		}
		rects += it->kind == DL_RECT;
		polys += it->kind == DL_POLY;
		lines += it->kind == DL_LINE;
		fills += it->kind == DL_FILL;
		if (!it->npoints) {
			assert_true(it->x >= x0 - 0.01);
			assert_true(it->x + it->w <= x1 + 0.01);
		}
		for (size_t k = 0; k < it->npoints; k++) {
			double x = it->points[2 * k], y = it->points[2 * k + 1];
			assert_true(x >= x0 - 0.01 && x <= x1 + 0.01);
			top = y < top ? y : top;
			bottom = y > bottom ? y : bottom;
		}
	}
	/* One rect cut to the box, the other wholly outside and gone; the
	 * polyline leaves and comes back, so it is two; the triangle is
	 * cut to the box. */
	assert_int_equal(rects, 1);
	assert_int_equal(polys, 2);
	assert_int_equal(lines, 1);
	assert_int_equal(fills, 1);
	assert_true(bottom - top <= 75 + 0.01);
}

/* With `link_address` on links, an http(s) link's address follows its
 * text, inside its link area and structure element, and breaks after a
 * slash but never inside its scheme; an in-page or mailto link, or one
 * whose text is its address, prints no address. */
static void links_print_their_address(void **state)
{
	(void)state;
	setup_style();
	static struct layout_rule rules[] = {
	        {"a", LAYOUT_P_LINK_ADDRESS, {.link_address = true}},
	};
	assert_int_equal(
	        lay("<p><a href=\"https://ex.org/abc/def/ghi\">Site</a></p>"),
	        0);
	assert_string_equal(page_text(0), "Site\n");
	style.rules = rules;
	style.nrules = 1;
	assert_int_equal(
	        lay("<p><a href=\"https://ex.org/abc/def/ghi\">Site</a></p>"),
	        0);
	assert_string_equal(page_text(0),
	                    "Site\n(https://ex.org/abc/\ndef/ghi)\n");
	/* Every text item is the link's structure element, and its areas
	 * cover both lines. */
	const struct dl_page *pg = &doc.pages[0];
	int elem = -1;
	double first_y = -1;
	bool second_line = false;
	for (size_t i = 0; i < pg->len; i++) {
		const struct dl_item *it = &pg->items[i];
		if (it->kind == DL_LINK) {
			assert_string_equal(it->text,
			                    "https://ex.org/abc/def/ghi");
			if (first_y < 0)
				first_y = it->y;
			second_line = second_line || it->y > first_y;
		} else if (it->kind == DL_TEXT) {
			if (elem < 0)
				elem = it->elem;
			assert_int_equal(it->elem, elem);
		}
	}
	assert_true(second_line);
	assert_true(elem > 0);
	assert_int_equal(doc.elems[elem - 1].role, DL_ROLE_LINK);
	assert_int_equal(lay("<p><a href=\"#x\">Here</a></p>"
	                     "<p><a href=\"mailto:a@ex.org\">Mail</a></p>"
	                     "<p id=\"x\">x</p>"),
	                 0);
	assert_string_equal(page_text(0), "Here\nMail\nx\n");
	assert_int_equal(lay("<p><a href=\"https://ex.org/\">ex.org</a></p>"
	                     "<p><a href=\"http://ex.org\">HTTP://EX.ORG/</a>"
	                     "</p>"),
	                 0);
	assert_string_equal(page_text(0), "ex.org\nHTTP://EX.ORG/\n");
	style.rules = NULL;
	style.nrules = 0;
}

static int teardown(void **state)
{
	(void)state;
	dl_doc_free(&doc);
	arena_free(&arena);
	diags_free(&diags);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(greedy_lines),
	        cmocka_unit_test(justified_lines_fill_the_width),
	        cmocka_unit_test(orphans_and_widows),
	        cmocka_unit_test(headings_keep_with_next),
	        cmocka_unit_test(table_rows_split_with_header_repeated),
	        cmocka_unit_test(errors_carry_positions),
	        cmocka_unit_test(positions_on_long_lines),
	        cmocka_unit_test(nesting_has_a_limit),
	        cmocka_unit_test(nothing_falls_off_the_page),
	        cmocka_unit_test(lines_break_by_uax14),
	        cmocka_unit_test(long_words_take_a_hyphen),
	        cmocka_unit_test(long_words_are_cut_into_lines),
	        cmocka_unit_test(strings_fit_the_pdf_writer),
	        cmocka_unit_test(same_input_same_layout),
	        cmocka_unit_test(long_running_text_is_shortened),
	        cmocka_unit_test(charts_draw_as_vectors),
	        cmocka_unit_test(svg_is_clipped_to_its_viewbox),
	        cmocka_unit_test(chart_legend_wraps_inside_the_chart),
	        cmocka_unit_test(images_come_through_the_metrics),
	        cmocka_unit_test(links_print_their_address),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
