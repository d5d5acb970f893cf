/* markdown: prose fields (Markdown) to XHTML-style HTML fragments.
 *
 * clerk's prose is CommonMark with GitHub's tables, strikethrough and bare
 * URL autolinks, parsed by md4c. The output is well-formed XML (void
 * elements self-closed, attributes quoted, only the named entities amp, lt,
 * gt and quot plus numeric references), so the PDF path can parse it with
 * an XML parser. An entity in the prose (`&euml;`, any HTML5 name, from
 * base/entity.h) is written as its character; a name HTML does not define
 * prints as written.
 *
 * Safety: raw HTML in the source is never passed through (it prints as the
 * text it is). Links and images keep only http, https and mailto (links
 * also tel) URLs, fragments (#id) and relative paths; any other scheme
 * (javascript:, vbscript:, data:, file: ...) drops the link and keeps its
 * text. The scheme is judged on the URL as it is written out: entities
 * decoded, control characters already U+FFFD, leading spaces skipped and
 * tabs and newlines ignored, as browsers do. With an image resolver
 * (markdown_options.image), images skip this filter: the resolver gives
 * each image's address, written escaped, or refuses it.
 *
 * The output is balanced by construction, whatever order md4c's enter and
 * leave events come in (they are not always paired): the renderer writes
 * every closing tag from its own stack of open elements. A leave closes
 * down to its match or, with none open, is ignored; the end of each block
 * and of the document closes what is still open. An image's alt attribute
 * holds escaped text only and is always closed: an image md4c never leaves
 * is written as its text. No link opens inside a link. Text and attribute
 * values are escaped alike (& < > " '), and characters XML cannot carry
 * (control characters, bytes that are not UTF-8, U+FFFE, U+FFFF) become
 * U+FFFD, so the page always parses as XML. The only attributes written
 * are href and title (a), src and alt (img), start (ol), scope and class
 * (th), class (td).
 *
 * Limits (src/base/limits.h), each with its own error: elements open
 * inside one another (LIMIT_MARKDOWN_DEPTH), and, refused before md4c
 * sees them because it takes quadratic time over them, square brackets
 * open inside one another (LIMIT_MARKDOWN_BRACKET_DEPTH) and web addresses
 * (LIMIT_MARKDOWN_BARE_LINKS) in one paragraph. */
#ifndef CLERK_MARKDOWN_MARKDOWN_H
#define CLERK_MARKDOWN_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* Resolves an image: `src[0..len)` is the image's address as written
 * (entities decoded, NUL-terminated). Appends to `url` the address to
 * write in its src attribute (trusted, only escaped), and returns 0; or
 * returns -1, having reported why, and the image is dropped for its alt
 * text. */
typedef int (*markdown_image_fn)(void *ctx, const char *src, size_t len,
                                 struct buf *url);

struct markdown_options {
	/* Added to heading levels: with 2, `# Title` becomes <h3>. Levels
	 * past 6 stay 6. */
	int heading_offset;
	/* When set, asked for every image's address in place of the URL
	 * filter (which still judges links); `image_ctx` is passed to it. */
	markdown_image_fn image;
	void *image_ctx;
};

/* What markdown_to_html returns when it fails. */
enum {
	MARKDOWN_ERR_PARSE = -1, /* md4c gave up (out of memory) */
	MARKDOWN_ERR_DEPTH = -2, /* nesting past LIMIT_MARKDOWN_DEPTH */
	/* Refused before parsing, nothing appended: */
	MARKDOWN_ERR_BRACKETS = -3,   /* LIMIT_MARKDOWN_BRACKET_DEPTH */
	MARKDOWN_ERR_BARE_LINKS = -4, /* LIMIT_MARKDOWN_BARE_LINKS */
	/* The image resolver refused an image (and said why): */
	MARKDOWN_ERR_IMAGE = -5,
};

/* Appends the HTML for `text[0..len)` to `out`. `opt` may be NULL. The
 * input is read from a copy, so `text` needs no terminating NUL.
 * Returns 0 or a MARKDOWN_ERR_ code; even then what was appended is
 * well-formed, with every element closed. Inputs on which md4c would take
 * quadratic time are refused before it sees them. */
int markdown_to_html(const char *text, size_t len,
                     const struct markdown_options *opt, struct buf *out);
/* The message, in an officer's words, for a code markdown_to_html
 * returned. The string is static. */
const char *markdown_error(int rc);
/* True when `url` (of `len` bytes, entities already decoded) is safe to put
 * in an href: see the header comment. `is_link` allows tel: too. */
bool markdown_url_is_safe(const char *url, size_t len, bool is_link);

#endif
