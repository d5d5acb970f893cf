/* Unit tests for escape: the five references, and the characters XML
 * cannot carry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/escape.h"

static void html_n(const char *in, size_t len, const char *want,
                   size_t want_len)
{
	struct buf b = BUF_INIT;
	escape_html(&b, in, len);
	if (b.len != want_len)
		fail_msg("\"%s\": got \"%s\"", want, buf_cstr(&b));
	assert_memory_equal(buf_cstr(&b), want, b.len);
	assert_int_equal(len + escape_html_extra(in, len), b.len);
	buf_free(&b);
}

/* `want` a string literal: its length is known, NULs and all. */
#define html(in, len, want) html_n(in, len, want, sizeof want - 1)

static void five_characters(void **state)
{
	(void)state;
	html("&", 1, "&amp;");
	html("<", 1, "&lt;");
	html(">", 1, "&gt;");
	html("\"", 1, "&quot;");
	html("'", 1, "&#39;");
	html("<a href=\"x\">Tom & Jerry's</a>", 29,
	     "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
	/* an entity is escaped again: the text is text */
	html("&amp;", 5, "&amp;amp;");
	/* nothing else changes, control characters and NUL included */
	html("a\x01\0b\xff", 5, "a\x01\0b\xff");
	html("", 0, "");
	/* only `len` bytes are read */
	html("<<", 1, "&lt;");
	/* appends */
	struct buf b = BUF_INIT;
	buf_puts(&b, "x");
	escape_html(&b, "<", 1);
	assert_string_equal(buf_cstr(&b), "x&lt;");
	buf_free(&b);
}

static void xml(const char *in, size_t len, bool markup, const char *want)
{
	struct buf b = BUF_INIT;
	escape_xml(&b, in, len, markup);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void what_xml_cannot_carry(void **state)
{
	(void)state;
	xml("a & b <c>", 9, true, "a &amp; b &lt;c&gt;");
	xml("a & b <c>", 9, false, "a & b <c>");
	xml("\"'", 2, true, "&quot;&#39;");
	/* tab, line feed and carriage return stay; other controls go */
	xml("\t\n\r", 3, true, "\t\n\r");
	xml("a\x01"
	    "b\x7f<",
	    5, true,
	    "a\xEF\xBF\xBD"
	    "b\xEF\xBF\xBD&lt;");
	xml("a\0b", 3, false,
	    "a\xEF\xBF\xBD"
	    "b");
	/* bytes that are not UTF-8, one U+FFFD each */
	xml("\xff\xfe&", 3, true, "\xEF\xBF\xBD\xEF\xBF\xBD&amp;");
	/* U+FFFE and U+FFFF are not characters */
	xml("\xEF\xBF\xBE\xEF\xBF\xBF", 6, true, "\xEF\xBF\xBD\xEF\xBF\xBD");
	/* other UTF-8 is kept */
	xml("\xC2\xA3"
	    "5 \xE2\x80\x94 \xF0\x9F\x98\x80",
	    12, true,
	    "\xC2\xA3"
	    "5 \xE2\x80\x94 \xF0\x9F\x98\x80");
	xml("", 0, true, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(five_characters),
	        cmocka_unit_test(what_xml_cannot_carry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
