/* escape: text made safe for HTML and XML element text and attribute
 * values.
 *
 * The one escaper of clerk: Mustache's {{name}}, Markdown's text and
 * attributes and the charts' SVG all go through escape_html, so a
 * character is written one way wherever it comes from. */
#ifndef CLERK_BASE_ESCAPE_H
#define CLERK_BASE_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* Appends `s[0..len)` with & < > " ' written &amp; &lt; &gt; &quot; &#39;
 * and every other byte as it is (the Mustache specification's escaping).
 * The apostrophe is escaped too, so the text is safe in an attribute
 * quoted either way. */
void escape_html(struct buf *out, const char *s, size_t len);

/* The bytes escape_html would add to `s[0..len)`: its output is
 * len + escape_html_extra(s, len) bytes long. */
size_t escape_html_extra(const char *s, size_t len);

/* Appends `s[0..len)` as text an XML parser accepts: each character XML
 * cannot carry (bytes that are not UTF-8, C0 controls but tab, line feed
 * and carriage return, DEL, U+FFFE, U+FFFF) becomes U+FFFD; with `markup`
 * the rest is escaped as escape_html does, without it written as it is. */
void escape_xml(struct buf *out, const char *s, size_t len, bool markup);

#endif
