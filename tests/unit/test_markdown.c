/* Unit tests for prose: Markdown to XHTML fragments, and its URL filter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "markdown/markdown.h"

static struct buf out;

static const char *md(const char *text)
{
	buf_clear(&out);
	assert_int_equal(markdown_to_html(text, strlen(text), NULL, &out), 0);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(blocks_and_spans),
	        cmocka_unit_test(tables_have_scoped_headers),
	        cmocka_unit_test(headings_shift),
	        cmocka_unit_test(entities_become_characters),
	        cmocka_unit_test(links_keep_safe_schemes_only),
	        cmocka_unit_test(raw_html_is_text),
	};
	int rc = cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
	buf_free(&out);
	return rc;
}
