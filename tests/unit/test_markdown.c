/* Unit tests for prose: Markdown to XHTML fragments, and its URL filter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/entity.h"
#include "markdown/markdown.h"

static struct buf out;

/* Whether `s` is a well-formed fragment: every tag closed in order, every
 * attribute quoted and closed with no '<' inside, no attribute named on...,
 * and only the references the renderer writes. Says why on stderr. */
static bool well_formed(const char *s)
{
	const char *open[256];
	size_t open_len[256], depth = 0;
	while (*s) {
		if (*s == '&') {
			static const char *refs[] = {"&amp;", "&lt;", "&gt;",
			                             "&quot;", "&#39;"};
			size_t k = 0;
			while (k < 5 && strncmp(s, refs[k], strlen(refs[k])))
				k++;
			if (k == 5) {
				fprintf(stderr, "bad reference at %.20s\n", s);
				return false;
			}
			s += strlen(refs[k]);
			continue;
		}
		if (*s == '>' || *s == '"') {
			fprintf(stderr, "raw %c in text at %.20s\n", *s, s);
			return false;
		}
		if (*s != '<') {
			s++;
			continue;
		}
		bool closing = s[1] == '/';
		const char *name = s + 1 + closing;
		size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz123456");
		if (n == 0) {
			fprintf(stderr, "no tag name at %.20s\n", s);
			return false;
		}
		s = name + n;
		if (closing) {
			if (*s != '>' || depth == 0 ||
			    open_len[depth - 1] != n ||
			    strncmp(open[depth - 1], name, n) != 0) {
				fprintf(stderr, "</%.*s> closes nothing open\n",
				        (int)n, name);
				return false;
			}
			depth--, s++;
			continue;
		}
		for (;;) {
			s += strspn(s, " ");
			if (strncmp(s, "/>", 2) == 0) {
				s += 2;
				break;
			}
			if (*s == '>') {
				if (depth == 256)
					return false;
				open[depth] = name, open_len[depth++] = n, s++;
				break;
			}
			size_t an = strspn(s, "abcdefghijklmnopqrstuvwxyz");
			if (an == 0 || strncmp(s + an, "=\"", 2) != 0 ||
			    strncmp(s, "on", 2) == 0) {
				fprintf(stderr, "bad attribute at %.20s\n", s);
				return false;
			}
			const char *v = s + an + 2, *end = strchr(v, '"');
			if (!end || memchr(v, '<', (size_t)(end - v))) {
				fprintf(stderr,
				        "attribute left open at %.20s\n", s);
				return false;
			}
			s = end + 1;
		}
	}
	if (depth != 0)
		fprintf(stderr, "<%.*s> left open\n", (int)open_len[depth - 1],
		        open[depth - 1]);
	return depth == 0;
}

static const char *md(const char *text)
{
	buf_clear(&out);
	assert_int_equal(markdown_to_html(text, strlen(text), NULL, &out), 0);
	assert_true(well_formed(buf_cstr(&out)));
	return buf_cstr(&out);
}

static void blocks_and_spans(void **state)
{
	(void)state;
	assert_string_equal(md("Services *require* **improvement**."),
	                    "<p>Services <em>require</em> "
	                    "<strong>improvement</strong>.</p>\n");
	assert_string_equal(md("- one\n- two\n"),
	                    "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
	assert_string_equal(md("3. three\n4. four\n"),
	                    "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n"
	                    "</ol>\n");
	assert_string_equal(md("line  \nbreak\n\n---\n"),
	                    "<p>line<br />\nbreak</p>\n<hr />\n");
	assert_string_equal(md("~~old~~ `code`"),
	                    "<p><del>old</del> <code>code</code></p>\n");
}

static void tables_have_scoped_headers(void **state)
{
	(void)state;
	assert_string_equal(md("| Term | Definition |\n|---|--:|\n| MASH | "
	                       "hub |\n"),
	                    "<table>\n<thead>\n<tr><th scope=\"col\">Term</th>"
	                    "<th scope=\"col\" class=\"align-right\">"
	                    "Definition</th></tr>\n</thead>\n<tbody>\n"
	                    "<tr><td>MASH</td><td class=\"align-right\">hub"
	                    "</td></tr>\n</tbody>\n</table>\n");
}

static void headings_shift(void **state)
{
	(void)state;
	struct markdown_options opt = {.heading_offset = 2};
	buf_clear(&out);
	markdown_to_html("# A\n###### B\n", 12, &opt, &out);
	assert_string_equal(buf_cstr(&out), "<h3>A</h3>\n<h6>B</h6>\n");
}

static void entities_become_characters(void **state)
{
	(void)state;
	assert_string_equal(md("&pound;800,000 &amp; &#8211; &#x2019; &bogus; "
	                       "&lt;"),
	                    "<p>£800,000 &amp; – ’ &amp;bogus; &lt;</p>\n");
	/* Every HTML5 name, from the one shared table: one and two code
	 * points, case sensitive; a name HTML lacks prints as written. */
	assert_string_equal(md("Zo&euml; &Euml; &hellip; &fjlig; "
	                       "&NotEqualTilde; &LT; &nbsp;&zwnj; &eumlx;"),
	                    "<p>Zoë Ë … fj \xE2\x89\x82\xCC\xB8 &lt; "
	                    "\xC2\xA0\xE2\x80\x8C &amp;eumlx;</p>\n");
	assert_int_equal(entity_count(), 2231);
	assert_string_equal(entity_lookup("hellip", 6), "…");
	assert_string_equal(entity_lookup("amp", 3), "&");
	assert_null(entity_lookup("Hellip", 6));
	assert_null(entity_lookup("", 0));
	assert_string_equal(entity_lookup("AElig", 5), "Æ");
	assert_string_equal(entity_lookup("zwnj", 4), "\xE2\x80\x8C");
	assert_string_equal(md("O'Brien & \"Co\" <b>"),
	                    "<p>O&#39;Brien &amp; &quot;Co&quot; "
	                    "&lt;b&gt;</p>\n");
}

static void links_keep_safe_schemes_only(void **state)
{
	(void)state;
	assert_string_equal(md("[report](https://files.example/1 \"Ofsted\")"),
	                    "<p><a href=\"https://files.example/1\" "
	                    "title=\"Ofsted\">report</a></p>\n");
	assert_string_equal(md("<https://reports.ofsted.gov.uk/provider/44>"),
	                    "<p><a href=\"https://reports.ofsted.gov.uk/"
	                    "provider/44\">https://reports.ofsted.gov.uk/"
	                    "provider/44</a></p>\n");
	assert_string_equal(md("[mail](mailto:a@b.example) [n](#notes) "
	                       "[p](papers/plan.pdf)"),
	                    "<p><a href=\"mailto:a@b.example\">mail</a> "
	                    "<a href=\"#notes\">n</a> "
	                    "<a href=\"papers/plan.pdf\">p</a></p>\n");
	assert_string_equal(md("[x](javascript:alert(1))"), "<p>x</p>\n");
	assert_string_equal(md("[x](JavaScript:alert(1))"), "<p>x</p>\n");
	assert_string_equal(md("[x](&#106;avascript:alert(1))"), "<p>x</p>\n");
	assert_string_equal(md("[x](java&#9;script:alert(1))"), "<p>x</p>\n");
	assert_string_equal(md("[x](vbscript:msgbox)"), "<p>x</p>\n");
	assert_string_equal(md("[x](data:text/html;base64,PHNjcmlwdD4=)"),
	                    "<p>x</p>\n");
	assert_string_equal(md("<javascript:alert(1)>"),
	                    "<p>javascript:alert(1)</p>\n");
	assert_string_equal(md("[a [b](javascript:x) c](https://ok.example)"),
	                    "<p>[a b c](<a href=\"https://ok.example\">"
	                    "https://ok.example</a>)</p>\n");
	assert_string_equal(md("See www.lewisham.gov.uk today"),
	                    "<p>See <a href=\"http://www.lewisham.gov.uk\">"
	                    "www.lewisham.gov.uk</a> today</p>\n");
}

static void raw_html_is_text(void **state)
{
	(void)state;
	assert_string_equal(md("<script>alert(1)</script>"),
	                    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
	assert_string_equal(md("a <img src=x onerror=alert(1)> b"),
	                    "<p>a &lt;img src=x onerror=alert(1)&gt; b</p>\n");
	assert_string_equal(md("![alt \"q\"](javascript:x)"),
	                    "<p>alt &quot;q&quot;</p>\n");
	assert_string_equal(md("![a *b*](logo.png)"),
	                    "<p><img src=\"logo.png\" alt=\"a b\" /></p>\n");
	assert_string_equal(
	        md("[x](https://e.example/\"onmouseover=\"alert(1))"),
	        "<p><a href=\"https://e.example/&quot;onmouseover="
	        "&quot;alert(1)\">x</a></p>\n");
}

/* md4c leaves spans it never entered: each such leave is ignored. */
static void unmatched_leaves_are_ignored(void **state)
{
	(void)state;
	assert_string_equal(md("[a](b*c)](d*e)"),
	                    "<p><a href=\"b*c\">a</a>](de)</p>\n");
	assert_string_equal(md("![]([)]()"),
	                    "<p><img src=\"[\" alt=\"\" /></p>\n");
	assert_string_equal(md("www..c~c~"),
	                    "<p><a href=\"http://www..c~c\">www..c~c</a>"
	                    "</p>\n");
	assert_string_equal(md("http://a-..**http://c_(~**:"),
	                    "<p><a href=\"http://a-..**http://c_(\">"
	                    "http://a-..**http://c_(</a>~:</p>\n");
}

/* md4c never leaves some spans it entered: the block's end closes them. */
static void spans_left_open_close_with_their_block(void **state)
{
	(void)state;
	assert_string_equal(md("\\_http://)<*www.-..)http://**|\n\nnext"),
	                    "<p>_http://)&lt;<em><a href=\"http://www.-..)"
	                    "http://**|\">www.-..)http://**|</a></em></p>\n"
	                    "<p>next</p>\n");
	assert_string_equal(md("~~www.www.x@y.z~~|www.:**"),
	                    "<p><del><a href=\"http://www.www.x@y.z~~|www\">"
	                    "www.www.x@y.z~~|www</a>.:**</del></p>\n");
}

/* An image md4c never leaves (an autolink swallowed its `](x)`) once left
 * alt=" open, so a later link's URL landed in the <img> tag. It is now
 * written as its text. */
static void image_never_left_becomes_text(void **state)
{
	(void)state;
	assert_string_equal(md("![<\nhttp://a](x)>"), "<p> http://a](x)</p>\n");
	assert_string_equal(md("[![<\nhttp://a](x)>](y)"),
	                    "<p><a href=\"y\"> http://a](x)</a></p>\n");
	assert_string_equal(md("![<\nhttp://a](x)> [u](<x onerror=1 >)"),
	                    "<p> http://a](x) u</p>\n");
	assert_string_equal(md("![**<\nhttp://a](x)>**\n\n[u](v)"),
	                    "<p>** http://a](x)**</p>\n"
	                    "<p><a href=\"v\">u</a></p>\n");
}

/* Nothing but text goes into alt, however images and links nest. */
static void images_in_links_in_images(void **state)
{
	(void)state;
	assert_string_equal(md("![a [b ![c](d) e](f) g](h)"),
	                    "<p><img src=\"h\" alt=\"a b c e g\" /></p>\n");
	assert_string_equal(md("![a [b ![<\nhttp://c](d)> e](f) g](h)"),
	                    "<p><img src=\"h\" alt=\"a b  http://c](d) e g\" "
	                    "/></p>\n");
	assert_string_equal(md("![a [b ![<\nhttp://c](d)> e](f) g]"
	                       "(javascript:x)"),
	                    "<p>a <a href=\"f\">b  http://c](d) e</a> g</p>\n");
	assert_string_equal(md("![x \"*y*\" `<z>` &amp;](i.png \"t\")"),
	                    "<p><img src=\"i.png\" alt=\"x &quot;y&quot; "
	                    "&lt;z&gt; &amp;\" /></p>\n");
}

/* The resolver sees each image's address, decoded, and writes its own;
 * one it refuses leaves the alt text and fails the render. */
static struct buf asked;

static int resolve(void *ctx, const char *src, size_t len, struct buf *url)
{
	assert_int_equal(strlen(src), len);
	buf_printf(&asked, "[%s]", src);
	if (strcmp(src, "bad.png") == 0)
		return -1;
	buf_printf(url, "%s:%s", (const char *)ctx, src);
	return 0;
}

static void images_go_through_the_resolver(void **state)
{
	(void)state;
	static char prefix[] = "data";
	struct markdown_options opt = {.image = resolve, .image_ctx = prefix};
	const char *in =
	        "![a *b*](x&amp;y.png) ![c](javascript:z) ![d](bad.png)"
	        " [l](javascript:w)";
	buf_clear(&out);
	buf_clear(&asked);
	assert_int_equal(markdown_to_html(in, strlen(in), &opt, &out),
	                 MARKDOWN_ERR_IMAGE);
	assert_true(well_formed(buf_cstr(&out)));
	assert_string_equal(buf_cstr(&asked),
	                    "[x&y.png][javascript:z][bad.png]");
	assert_string_equal(buf_cstr(&out),
	                    "<p><img src=\"data:x&amp;y.png\" alt=\"a b\" /> "
	                    "<img src=\"data:javascript:z\" alt=\"c\" /> d "
	                    "l</p>\n");
	/* An image never left prints as its text: nothing to resolve. */
	in = "![<\nhttp://a](x)>";
	buf_clear(&out);
	buf_clear(&asked);
	assert_int_equal(markdown_to_html(in, strlen(in), &opt, &out), 0);
	assert_string_equal(buf_cstr(&asked), "");
	assert_string_equal(buf_cstr(&out), "<p> http://a](x)</p>\n");
	/* Nor is an image in another's description. */
	in = "![a [b ![c](d) e](f) g](h)";
	buf_clear(&out);
	assert_int_equal(markdown_to_html(in, strlen(in), &opt, &out), 0);
	assert_string_equal(buf_cstr(&asked), "[h]");
	assert_string_equal(buf_cstr(&out), "<p><img src=\"data:h\" "
	                                    "alt=\"a b c e g\" /></p>\n");
	buf_free(&asked);
}

/* Characters XML cannot carry would make the page unreadable to the PDF
 * path; each becomes U+FFFD, in text and in URLs alike. */
static void characters_xml_cannot_carry(void **state)
{
	(void)state;
	assert_string_equal(md("a &#1; &#xFFFE; \x01 \x7f \xff b"),
	                    "<p>a \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD "
	                    "\xEF\xBF\xBD \xEF\xBF\xBD b</p>\n");
	/* The URL is judged as written: U+FFFD, then a scheme. */
	assert_string_equal(md("[x](&#1;javascript:alert(1))"), "<p>x</p>\n");
	assert_string_equal(md("[x](&#1;http://a.example)"), "<p>x</p>\n");
	assert_true(markdown_url_is_safe("\xEF\xBF\xBDjavascript:x", 14,
	                                 true) == false);
}

/* md4c 0.4.8 reads past the end of a link destination that ends the
 * input; a ')' there must not make a link. */
static void input_needs_no_terminator(void **state)
{
	(void)state;
	const char text[] = "[a](b)";
	buf_clear(&out);
	assert_int_equal(markdown_to_html(text, 5, NULL, &out), 0);
	assert_string_equal(buf_cstr(&out), "<p>[a](b</p>\n");
}

static void nesting_is_limited(void **state)
{
	(void)state;
	char text[200];
	memset(text, '>', 100);
	strcpy(text + 100, " x");
	buf_clear(&out);
	assert_int_equal(markdown_to_html(text, strlen(text), NULL, &out),
	                 MARKDOWN_ERR_DEPTH);
	assert_true(well_formed(buf_cstr(&out)));
	size_t quotes = 0;
	for (const char *s = buf_cstr(&out); (s = strstr(s, "<blockquote>"));
	     s++)
		quotes++;
	assert_int_equal(quotes, 64);
	assert_non_null(strstr(buf_cstr(&out), "x"));
	memset(text, '>', 63);
	strcpy(text + 63, " x");
	buf_clear(&out);
	assert_int_equal(markdown_to_html(text, strlen(text), NULL, &out), 0);
	assert_non_null(strstr(markdown_error(MARKDOWN_ERR_DEPTH), "64"));
}

/* md4c takes quadratic time over these, so they never reach it. */
static void quadratic_inputs_are_refused(void **state)
{
	(void)state;
	static char text[400000];
	strcpy(text, "[x]: /foo\n\n");
	size_t n = strlen(text);
	memset(text + n, '[', 33);
	text[n + 33] = '\0';
	buf_clear(&out);
	assert_int_equal(markdown_to_html(text, strlen(text), NULL, &out),
	                 MARKDOWN_ERR_BRACKETS);
	assert_int_equal(out.len, 0);
	/* 32 deep, or brackets closed, or escaped, or in separate
	 * paragraphs are fine. */
	text[n + 32] = '\0';
	assert_int_equal(markdown_to_html(text, strlen(text), NULL, &out), 0);
	n = 0;
	for (int i = 0; i < 100; i++)
		n += (size_t)sprintf(text + n, "[a] \\[ [[b]]\n\n[");
	assert_int_equal(markdown_to_html(text, n, NULL, &out), 0);

	n = 0;
	for (int i = 0; i < 10001; i++)
		n += (size_t)sprintf(text + n, "www.a%d.example ", i);
	buf_clear(&out);
	assert_int_equal(markdown_to_html(text, n, NULL, &out),
	                 MARKDOWN_ERR_BARE_LINKS);
	assert_int_equal(out.len, 0);
	text[n - 1] = '\n';
	memcpy(text + n / 2, "\n\n", 2); /* two paragraphs */
	buf_clear(&out);
	assert_int_equal(markdown_to_html(text, n, NULL, &out), 0);
	assert_non_null(strstr(markdown_error(MARKDOWN_ERR_BARE_LINKS),
	                       "10000 web addresses"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(blocks_and_spans),
	        cmocka_unit_test(tables_have_scoped_headers),
	        cmocka_unit_test(headings_shift),
	        cmocka_unit_test(entities_become_characters),
	        cmocka_unit_test(links_keep_safe_schemes_only),
	        cmocka_unit_test(raw_html_is_text),
	        cmocka_unit_test(unmatched_leaves_are_ignored),
	        cmocka_unit_test(spans_left_open_close_with_their_block),
	        cmocka_unit_test(image_never_left_becomes_text),
	        cmocka_unit_test(images_in_links_in_images),
	        cmocka_unit_test(images_go_through_the_resolver),
	        cmocka_unit_test(characters_xml_cannot_carry),
	        cmocka_unit_test(input_needs_no_terminator),
	        cmocka_unit_test(nesting_is_limited),
	        cmocka_unit_test(quadratic_inputs_are_refused),
	};
	int rc = cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
	buf_free(&out);
	return rc;
}
