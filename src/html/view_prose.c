/* view_prose: prose fields to HTML, and paragraph numbering.
 *
 * Prose fields are found by a table of paths into the view and replaced
 * by their HTML (md4c, through src/markdown). Paragraph numbers are
 * written into the HTML as text, so the web page and the PDF, which
 * typesets the same HTML, print the same numbers. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base64.h"
#include "base/limits.h"
#include "html/internal.h"
#include "image/image.h"
#include "markdown/markdown.h"

/* Prose. */

/* What an image resolver needs: the view, and the prose field's position,
 * where every error about its images points. */
struct prose_images {
	struct view *v;
	struct pos pos;
};

/* True when `src` starts with a URL scheme (`https:`, `data:` ...). */
static bool has_scheme(const char *src)
{
	if (!isalpha((unsigned char)src[0]))
		return false;
	const char *p = src + 1;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	       *p == '.')
		p++;
	return *p == ':';
}

/* The Markdown image resolver: the image file `src`, inside the report's
 * folder, checked as the PDF will decode it and embedded as a data: URI,
 * so the page needs no other file and makes no request. */
static int embed_image(void *ctx, const char *src, size_t len, struct buf *url)
{
	struct prose_images *pi = ctx;
	struct view *v = pi->v;
	if (len == 0 || strlen(src) != len) {
		diag_error(v->d, pi->pos,
		           "an image has no file name: write "
		           "![what it shows](file.png)");
		return -1;
	}
	if (strncmp(src, "http://", 7) == 0 ||
	    strncmp(src, "https://", 8) == 0 || strncmp(src, "//", 2) == 0) {
		diag_error(v->d, pi->pos,
		           "image %.60s is on the web; the page and the PDF "
		           "take no images from the web, so save it as a PNG "
		           "or JPEG file in the report's folder and name that "
		           "file",
		           src);
		return -1;
	}
	if (has_scheme(src)) {
		diag_error(v->d, pi->pos,
		           "image %.60s: expected the name of a PNG or JPEG "
		           "file in the report's folder",
		           src);
		return -1;
	}
	const char *dir = v->dir ? v->dir : ".";
	char *real, *data = NULL;
	size_t n;
	struct image_info info;
	int rc = -1;
	if (image_find(dir, dir, src, pi->pos, &real, v->d) != 0)
		return -1;
	if (image_read_file(v->theme->rec, real, src, pi->pos, &data, &n,
	                    v->d) != 0)
		goto done;
	if (n > (size_t)LIMIT_IMAGE_EMBED_BYTES) {
		diag_error(v->d, pi->pos,
		           "image %s: file is %zu bytes, larger than the %ld "
		           "bytes a report embeds in one image "
		           "(LIMIT_IMAGE_EMBED_BYTES): save it smaller (fewer "
		           "pixels, or as a JPEG)",
		           src, n, LIMIT_IMAGE_EMBED_BYTES);
		goto done;
	}
	if (n > (size_t)LIMIT_IMAGE_EMBED_TOTAL_BYTES - v->embedded) {
		diag_error(v->d, pi->pos,
		           "image %s: the report's images come to more than "
		           "%ld MiB together (LIMIT_IMAGE_EMBED_TOTAL_BYTES), "
		           "counting each time an image is shown: use fewer or "
		           "smaller images",
		           src, LIMIT_IMAGE_EMBED_TOTAL_BYTES / (1024 * 1024));
		goto done;
	}
	v->embedded += n;
	/* Decoded once here, so a damaged file is an error at the field
	 * whatever the output, and the PDF decodes only sound images. */
	if (image_probe(data, n, src, pi->pos, &info, v->d) != 0 ||
	    image_check(data, n, src, pi->pos, v->d) != 0)
		goto done;
	buf_puts(url, info.kind == IMAGE_PNG ? "data:image/png;base64,"
	                                     : "data:image/jpeg;base64,");
	base64_encode(url, data, n);
	rc = 0;
done:
	free(data);
	free(real);
	return rc;
}

/* Appends the HTML of `text`; inline prose that makes one paragraph loses
 * its <p>, so it sits in a table cell or list item as a phrase. */
int view_prose_html(struct view *v, const struct value *text, int level,
                    bool is_inline, struct buf *out)
{
	struct prose_images images = {v, text->pos};
	struct markdown_options opt = {.heading_offset = level,
	                               .image = embed_image,
	                               .image_ctx = &images};
	size_t start = out->len;
	struct buf figures = BUF_INIT;
	int fig = view_prose_figures(v, text, &figures);
	if (fig < 0) {
		buf_free(&figures);
		return -1;
	}
	int rc = fig > 0 ? markdown_to_html(buf_cstr(&figures), figures.len,
	                                    &opt, out)
	                 : markdown_to_html(text->text, text->len, &opt, out);
	buf_free(&figures);
	if (rc != 0) {
		/* The resolver has said what is wrong with each image. */
		if (rc != MARKDOWN_ERR_IMAGE)
			diag_error(v->d, text->pos, "%s", markdown_error(rc));
		v->failed = 1;
		return -1;
	}
	if (!is_inline)
		return 0;
	char *s = out->data + start;
	size_t n = out->len - start;
	if (n >= 8 && strncmp(s, "<p>", 3) == 0 &&
	    strcmp(s + n - 5, "</p>\n") == 0 && !strstr(s + 3, "<p>")) {
		memmove(s, s + 3, n - 8);
		out->len = start + n - 8;
		out->data[out->len] = '\0';
	}
	return 0;
}

struct value *view_prose(struct view *v, const struct value *text, int level,
                         bool is_inline)
{
	struct buf b = BUF_INIT;
	view_prose_html(v, text, level, is_inline, &b);
	struct value *out = strbuf(v, &b);
	buf_free(&b);
	return out;
}

/* Prose fields by path: `[]` is every item of a list, `*` every value of a
 * map. A trailing `~` marks inline prose (a phrase in a cell or a list). */
static const char *const prose_paths[] = {
        "meeting.exemption.reason",
        "meeting.exemption.public_interest",
        "inspection.summary",
        "inspection.judgements.[].note~",
        "inspection.findings.[].going_well.[]~",
        "inspection.findings.[].to_address.[]~",
        "inspection.recommendations.[].text~",
        "inspection.earlier.[].summary",
        "action_plan.priorities.[].issue",
        "action_plan.priorities.[].done",
        "action_plan.priorities.[].planned",
        "action_plan.priorities.[].actions.[].text~",
        "action_plan.priorities.[].actions.[].measure~",
        "action_plan.priorities.[].actions.[].note~",
        "progress.*.summary",
        "progress.*.updates.*.note~",
        "implications.other.[].body",
        "glossary.[].definition~",
        "audit_trail.consultations.[].comment~",
        "audit_trail.history.[].change~",
        "report.reasons.[]~",
        "report.recommendations.[]~",
        NULL,
};

static void prose_at(struct view *v, struct value *node, const char *path,
                     bool is_inline)
{
	if (!node)
		return;
	const char *dot = strchr(path, '.');
	size_t n = dot ? (size_t)(dot - path) : strlen(path);
	const char *rest = dot ? dot + 1 : NULL;
	if (n == 2 && strncmp(path, "[]", 2) == 0) {
		if (node->kind != VALUE_LIST)
			return;
		for (size_t i = 0; i < node->as.list.len; i++) {
			if (rest)
				prose_at(v, node->as.list.items[i], rest,
				         is_inline);
			else if (value_is_scalar(node->as.list.items[i]) &&
			         node->as.list.items[i]->kind != VALUE_NULL)
				node->as.list.items[i] =
				        view_prose(v, node->as.list.items[i], 3,
				                   is_inline);
		}
		return;
	}
	if (node->kind != VALUE_MAP)
		return;
	for (size_t i = 0; i < node->as.map.len; i++) {
		struct value_pair *p = &node->as.map.items[i];
		if (!(n == 1 && *path == '*') &&
		    !(p->key->len == n && strncmp(p->key->text, path, n) == 0))
			continue;
		if (rest)
			prose_at(v, p->value, rest, is_inline);
		else if (value_is_scalar(p->value) &&
		         p->value->kind != VALUE_NULL)
			p->value = view_prose(v, p->value, 3, is_inline);
	}
}

void view_prose_fields(struct view *v)
{
	for (int i = 0; prose_paths[i]; i++) {
		size_t n = strlen(prose_paths[i]);
		bool inl = prose_paths[i][n - 1] == '~';
		char path[128];
		snprintf(path, sizeof path, "%.*s", (int)(n - inl),
		         prose_paths[i]);
		prose_at(v, v->root, path, inl);
	}
}

/* Numbering. */

static void number_label(struct buf *out, const char *prefix, int n)
{
	if (prefix && *prefix)
		buf_printf(out, "%s.%d", prefix, n);
	else
		buf_printf(out, "%d", n);
}

void html_number_format(struct buf *out, const char *format, const char *prefix,
                        int n, bool escape)
{
	if (!format) {
		number_label(out, prefix, n);
		return;
	}
	for (const char *p = format; *p; p++) {
		if (strncmp(p, "{n}", 3) == 0) {
			buf_printf(out, "%d", n);
			p += 2;
		} else if (strncmp(p, "{s}", 3) == 0) {
			buf_puts(out, prefix ? prefix : "");
			p += 2;
		} else if (escape && *p == '<') {
			buf_puts(out, "&lt;");
		} else if (escape && *p == '>') {
			buf_puts(out, "&gt;");
		} else if (escape && *p == '&') {
			buf_puts(out, "&amp;");
		} else if (escape && *p == '"') {
			buf_puts(out, "&quot;");
		} else {
			buf_putc(out, *p);
		}
	}
}

void html_number_paragraphs(struct buf *out, const char *html,
                            const char *prefix, const char *format,
                            int *counter)
{
	int depth = 0;
	const char *p = html;
	while (*p) {
		if (*p != '<') {
			const char *lt = strchr(p, '<');
			size_t n = lt ? (size_t)(lt - p) : strlen(p);
			buf_put(out, p, n);
			p += n;
			continue;
		}
		const char *gt = strchr(p, '>');
		if (!gt) {
			buf_puts(out, p);
			break;
		}
		size_t n = (size_t)(gt - p) + 1;
		if (depth == 0 && n == 3 && strncmp(p, "<p>", 3) == 0) {
			struct buf label = BUF_INIT;
			number_label(&label, prefix, ++*counter);
			struct buf id = BUF_INIT;
			for (const char *c = buf_cstr(&label); *c; c++)
				buf_putc(&id, *c == '.' ? '-' : *c);
			buf_printf(out, "<p id=\"para-%s\"><span class=\"pn\">",
			           buf_cstr(&id));
			html_number_format(out, format, prefix, *counter, true);
			buf_puts(out, "</span> ");
			buf_free(&id);
			buf_free(&label);
			depth++;
		} else {
			buf_put(out, p, n);
			if (p[1] == '/')
				depth--;
			else if (gt[-1] != '/' && p[1] != '!' && p[1] != '?')
				depth++;
		}
		p += n;
	}
}
