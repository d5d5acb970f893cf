/* libFuzzer target for the Markdown renderer: whatever the input, the HTML
 * must be well-formed XML (inside a <div>, parsed by libxml2 without
 * recovery), use only the elements and attributes the renderer means to
 * write, carry no event handler, nest no link in a link and no deeper than
 * LIMIT_MARKDOWN_DEPTH, and every href and src must pass
 * markdown_url_is_safe. Any failure aborts. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/limits.h"
#include "markdown/markdown.h"

/* With a resolver: the src every image must have. */
static const char *resolved_src;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Each element the renderer writes, with the attributes it may carry. */
static const struct {
	const char *name;
	const char *attrs[3];
} allowed[] = {
        {"div", {NULL}},
        {"p", {NULL}},
        {"h1", {NULL}},
        {"h2", {NULL}},
        {"h3", {NULL}},
        {"h4", {NULL}},
        {"h5", {NULL}},
        {"h6", {NULL}},
        {"blockquote", {NULL}},
        {"ul", {NULL}},
        {"ol", {"start", NULL}},
        {"li", {NULL}},
        {"hr", {NULL}},
        {"pre", {NULL}},
        {"code", {NULL}},
        {"table", {NULL}},
        {"thead", {NULL}},
        {"tbody", {NULL}},
        {"tr", {NULL}},
        {"th", {"scope", "class", NULL}},
        {"td", {"class", NULL}},
        {"em", {NULL}},
        {"strong", {NULL}},
        {"del", {NULL}},
        {"u", {NULL}},
        {"br", {NULL}},
        {"a", {"href", "title", NULL}},
        {"img", {"src", "alt", NULL}},
};

static void fail(const char *why, const char *what, const uint8_t *data,
                 size_t size)
{
	fprintf(stderr, "fuzz_markdown: %s: %s\ninput: %.*s\n", why,
	        what ? what : "", (int)size, (const char *)data);
	abort();
}

static int find_element(const char *name)
{
	for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
		if (strcmp(allowed[i].name, name) == 0)
			return (int)i;
	return -1;
}

static void check(const xmlNode *n, int links, int depth, const uint8_t *data,
                  size_t size)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		/* The <div>, and <pre><code> counting once. */
		if (depth > LIMIT_MARKDOWN_DEPTH + 2)
			fail("nested deeper than LIMIT_MARKDOWN_DEPTH", NULL,
			     data, size);
		const char *name = (const char *)n->name;
		int e = find_element(name);
		if (e < 0)
			fail("element not written by the renderer", name, data,
			     size);
		bool is_a = strcmp(name, "a") == 0;
		if (is_a && links > 0)
			fail("a link inside a link", NULL, data, size);
		if (strcmp(name, "img") == 0 && n->children)
			fail("an image with content", NULL, data, size);
		for (const xmlAttr *a = n->properties; a; a = a->next) {
			const char *an = (const char *)a->name;
			if ((an[0] == 'o' || an[0] == 'O') &&
			    (an[1] == 'n' || an[1] == 'N'))
				fail("event handler attribute", an, data, size);
			bool known = false;
			for (int k = 0; allowed[e].attrs[k]; k++)
				known |= strcmp(allowed[e].attrs[k], an) == 0;
			if (!known)
				fail("attribute not written by the renderer",
				     an, data, size);
			if (strcmp(an, "href") == 0 || strcmp(an, "src") == 0) {
				xmlChar *v =
				        xmlNodeGetContent((const xmlNode *)a);
				const char *s = v ? (const char *)v : "";
				if (!markdown_url_is_safe(s, strlen(s), is_a))
					fail("unsafe URL", s, data, size);
				if (resolved_src && !is_a &&
				    strcmp(s, resolved_src) != 0)
					fail("src not the resolver's", s, data,
					     size);
				xmlFree(v);
			}
		}
		check(n->children, links + is_a, depth + 1, data, size);
	}
}

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

#define RESOLVED "resolved.png?\"'<&"

/* A resolver as the view's: it refuses some images (odd lengths) and
 * writes its own address for the others, which must come out as the only
 * src, still escaped. */
static int resolve(void *ctx, const char *src, size_t len, struct buf *url)
{
	(void)ctx;
	if (strlen(src) != len)
		abort(); /* the address is NUL-terminated, its length exact */
	if (len % 2)
		return -1;
	buf_puts(url, RESOLVED);
	return 0;
}

static void render(const uint8_t *data, size_t size,
                   const struct markdown_options *opt)
{
	struct buf out = BUF_INIT;
	buf_puts(&out, "<div>");
	int rc = markdown_to_html((const char *)data, size, opt, &out);
	if ((rc == MARKDOWN_ERR_BRACKETS || rc == MARKDOWN_ERR_BARE_LINKS) &&
	    out.len != 5)
		fail("refused, but wrote something", NULL, data, size);
	else if (rc != 0 && rc != MARKDOWN_ERR_DEPTH &&
	         rc != MARKDOWN_ERR_BRACKETS && rc != MARKDOWN_ERR_BARE_LINKS &&
	         !(opt && rc == MARKDOWN_ERR_IMAGE))
		fail("markdown_to_html failed", NULL, data, size);
	buf_puts(&out, "</div>");
	xmlDoc *doc = xmlReadMemory(out.data, (int)out.len, "fuzz.html",
	                            "UTF-8", XML_PARSE_NONET);
	if (!doc) {
		fprintf(stderr, "output: %s\n", buf_cstr(&out));
		fail("output is not well-formed XML", NULL, data, size);
	}
	check(xmlDocGetRootElement(doc), 0, 1, data, size);
	xmlFreeDoc(doc);
	buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	if (!init) {
		xmlSetGenericErrorFunc(NULL, quiet);
		init = true;
	}
	render(data, size, NULL);
	struct markdown_options opt = {.image = resolve};
	resolved_src = RESOLVED;
	render(data, size, &opt);
	resolved_src = NULL;
	return 0;
}
