/* media: images (PNG and JPEG) and inline SVG charts.
 *
 * An image is decoded here, once per document (the display list keeps the
 * pixels, keyed by its real path or its data: URI, for the PDF writer), so
 * that a damaged or oversized file is an error at its <img> and its size is
 * the decoded size. Image files must lie inside the report's folder, as a
 * theme's logo, hooks and partials lie inside theirs: a path that leads
 * out of it, by "..", an absolute path or a symbolic link, is an error.
 * The files themselves come through the metrics interface
 * (layout/metrics.h): this module opens no file.
 * The SVG subset (docs/pdf.md) becomes rectangles, lines, polylines and
 * text in one unbreakable slice, scaled from the viewBox to the width
 * given. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base64.h"
#include "base/fs.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "image/image.h"
#include "layout/engine.h"

/* The bytes of the base64 text `b64`, NUL-terminated in the arena; NULL
 * (with an error at `pos`) when it is not base64. */
static char *b64_decode(struct engine *e, struct pos pos, const char *b64,
                        size_t *out_len)
{
	size_t len = strlen(b64), n = 0;
	char *bytes = arena_alloc(e->a, BASE64_DECODED_MAX(len) + 1);
	if (!base64_decode(b64, len, bytes, &n)) {
		diag_error(e->d, pos, "image: the data: URI is not base64");
		return NULL;
	}
	bytes[n] = '\0';
	*out_len = n;
	return bytes;
}

/* The document's entry for `key`, or NULL. */
static struct dl_image *cached(struct engine *e, const char *key)
{
	for (size_t i = 0; i < e->doc->nimages; i++)
		if (strcmp(e->doc->images[i].key, key) == 0)
			return &e->doc->images[i];
	return NULL;
}

/* Adds `img` (NULL: an image that failed) to the document under `key`. */
static void remember(struct engine *e, const char *key, struct image *img)
{
	struct dl_doc *doc = e->doc;
	doc->images = xgrow(doc->images, &doc->images_cap, doc->nimages + 1,
	                    sizeof *doc->images);
	doc->images[doc->nimages++] = (struct dl_image){xstrdup(key), img};
}

/* Decodes `data[0..len)` into a new entry for `key`. A failed image gets
 * an entry too (with no pixels), so it is reported once, not at every
 * use. Returns the pixels or NULL. */
static const struct image *decode(struct engine *e, const char *key,
                                  const char *name, struct pos pos,
                                  const char *data, size_t len)
{
	struct image_info info;
	struct image *img = NULL;
	if (image_probe(data, len, name, pos, &info, e->d) == 0) {
		unsigned long long total =
		        (unsigned long long)info.width * info.height;
		for (size_t i = 0; i < e->doc->nimages; i++) {
			const struct image *o = e->doc->images[i].image;
			if (o)
				total += (unsigned long long)o->width *
				         o->height;
		}
		if (total > (unsigned long long)LIMIT_IMAGE_RENDER_PIXELS) {
			diag_error(e->d, pos,
			           "image %s would take the document's images "
			           "past %ld million pixels together "
			           "(LIMIT_IMAGE_RENDER_PIXELS): use fewer or "
			           "smaller images",
			           name,
			           (long)(LIMIT_IMAGE_RENDER_PIXELS / 1000000));
		} else {
			img = xcalloc(1, sizeof *img);
			if (image_decode(data, len, name, pos, img, e->d) < 0) {
				free(img);
				img = NULL;
			}
		}
	}
	remember(e, key, img);
	return img;
}

/* The pixels of the image file `src`, resolved against the report's
 * folder and confined to it. `*path` gets the joined path (in the arena)
 * for the display list's text. */
static const struct image *file_image(struct engine *e, struct pos pos,
                                      const char *src, const char **path)
{
	const char *base = e->st->base_dir ? e->st->base_dir : ".";
	const char *root = e->st->image_root ? e->st->image_root : base;
	char *joined = fs_join(base, src);
	*path = arena_strdup(e->a, joined);
	const struct image *img = NULL;
	char *rpath = NULL;
	if (!e->m->image_find || !e->m->image_read) {
		diag_error(e->d, pos,
		           "image %s: no image files can be read here", src);
		goto done;
	}
	if (e->m->image_find(e->m->ctx, root, base, src, pos, &rpath, e->d) !=
	    0)
		goto done;
	struct dl_image *c = cached(e, rpath);
	if (c) {
		img = c->image;
		goto done;
	}
	char *data;
	size_t len;
	if (e->m->image_read(e->m->ctx, rpath, src, pos, &data, &len, e->d) !=
	    0) {
		remember(e, rpath, NULL); /* reported once */
		goto done;
	}
	img = decode(e, rpath, src, pos, data, len);
	free(data);
done:
	free(rpath);
	free(joined);
	return img;
}

/* The pixels of a data:image/png or data:image/jpeg URI (a theme's logo,
 * checked when the theme was read). */
static const struct image *uri_image(struct engine *e, struct pos pos,
                                     const char *src, const char *b64,
                                     const char *kind)
{
	struct dl_image *c = cached(e, src);
	if (c)
		return c->image;
	size_t len;
	char *data = b64_decode(e, pos, b64, &len);
	char name[32];
	snprintf(name, sizeof name, "(a %s data: URI)", kind);
	return data ? decode(e, src, name, pos, data, len) : NULL;
}

static void svg_data_uri(struct engine *e, struct flow *f,
                         const struct dom_node *img, const struct computed *cs,
                         const char *b64, double x, double w);

void layout_image(struct engine *e, struct flow *f, const struct dom_node *n,
                  const struct computed *cs, double x, double w)
{
	const char *src = dom_attr(n, "src");
	if (!src || !*src) {
		diag_error(e->d, n->pos, "<img> without a src");
		return;
	}
	if (strncmp(src, "data:image/svg+xml;base64,", 26) == 0) {
		svg_data_uri(e, f, n, cs, src + 26, x, w);
		return;
	}
	const struct image *img;
	const char *path;
	if (strncmp(src, "data:image/png;base64,", 22) == 0) {
		img = uri_image(e, n->pos, src, src + 22, "PNG");
		path = "data:image/png";
	} else if (strncmp(src, "data:image/jpeg;base64,", 23) == 0) {
		img = uri_image(e, n->pos, src, src + 23, "JPEG");
		path = "data:image/jpeg";
	} else if (strstr(src, "://") || strncmp(src, "data:", 5) == 0) {
		diag_error(e->d, n->pos,
		           "image %.40s...: the PDF takes images from files, "
		           "and PNG, JPEG and SVG images as data: URIs",
		           src);
		return;
	} else {
		img = file_image(e, n->pos, src, &path);
	}
	if (!img)
		return;
	double pw = img->width, ph = img->height;
	const char *wa = dom_attr(n, "width"), *ha = dom_attr(n, "height");
	double iw = pw * 0.75, ih = ph * 0.75;
	if (wa && ha) {
		iw = strtod(wa, NULL) * 0.75;
		ih = strtod(ha, NULL) * 0.75;
	} else if (wa) {
		iw = strtod(wa, NULL) * 0.75;
		ih = iw * ph / pw;
	} else if (ha) {
		ih = strtod(ha, NULL) * 0.75;
		iw = ih * pw / ph;
	}
	double maxh =
	        e->st->page_height - e->st->margin_top - e->st->margin_bottom;
	if (iw > w) {
		ih *= w / iw;
		iw = w;
	}
	if (ih > maxh) {
		iw *= maxh / ih;
		ih = maxh;
	}
	struct slice *s = layout_flow_add(e, f, ih);
	struct dl_item *it = layout_slice_add(s, DL_IMAGE);
	it->x = x;
	it->w = iw;
	it->h = ih;
	it->text = path;
	it->len = strlen(path);
	it->image = img;
	const char *alt = dom_attr(n, "alt");
	if (alt && !alt[0]) {
		/* alt="": decoration, an artifact rather than a Figure. */
		it->elem = 0;
		it->artifact = DL_ART_LAYOUT;
	}
}

struct svg_ctx {
	struct engine *e;
	struct slice *s;
	double x0, sx, sy, vx, vy;
	const struct computed *cs;
	double box[4]; /* the viewport in slice units: x0, y0, x1, y1 */
	/* A logo (an <img> of an SVG): what lies outside the subset is a
	 * warning at the <img>, and left out; else (a chart) an error. */
	const struct dom_node *img;
};

/* What an element inherits from its parents: paint, text style, and the
 * transform from its user space to the viewBox's, as SVG's matrix
 * (a b c d e f): x' = a x + c y + e, y' = b x + d y + f. */
struct svg_paint {
	uint32_t fill, stroke;
	double stroke_width, font_size;
	bool bold;
	const char *anchor;
	double m[6];
};

/* Reports something outside the SVG subset at element `n`. */
static void svg_outside(struct svg_ctx *c, const struct dom_node *n,
                        const char *fmt, ...)
{
	char what[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (c->img)
		diag_warning(c->e->d, c->img->pos,
		             "the image's <%s> (its line %d): %s; the image "
		             "is drawn without it",
		             n->name, n->pos.line, what);
	else
		diag_error(c->e->d, n->pos, "%s", what);
}

/* The point (x, y) of the element's user space in slice units. */
static void svg_point(const struct svg_ctx *c, const struct svg_paint *p,
                      double x, double y, double *px, double *py)
{
	const double *m = p->m;
	double ux = m[0] * x + m[2] * y + m[4];
	double uy = m[1] * x + m[3] * y + m[5];
	*px = c->x0 + (ux - c->vx) * c->sx;
	*py = (uy - c->vy) * c->sy;
}

/* How much the transform scales lengths (stroke widths, font sizes). */
static double svg_scale(const struct svg_paint *p)
{
	return sqrt(fabs(p->m[0] * p->m[3] - p->m[1] * p->m[2]));
}

/* m = m * t: `t` applies first, in the element's own space. */
static void svg_concat(double m[6], const double t[6])
{
	double r[6] = {m[0] * t[0] + m[2] * t[1],
	               m[1] * t[0] + m[3] * t[1],
	               m[0] * t[2] + m[2] * t[3],
	               m[1] * t[2] + m[3] * t[3],
	               m[0] * t[4] + m[2] * t[5] + m[4],
	               m[1] * t[4] + m[3] * t[5] + m[5]};
	memcpy(m, r, sizeof r);
}

/* Applies the transform list `v` (translate, scale, rotate, skewX,
 * skewY, matrix) to `m`; false when it is not one. */
static bool svg_transform(const char *v, double m[6])
{
	static const double pi = 3.14159265358979323846;
	double out[6];
	memcpy(out, m, sizeof out);
	for (;;) {
		while (*v && strchr(" \t\r\n,", *v))
			v++;
		if (!*v)
			break;
		size_t nlen = strcspn(v, " \t\r\n(");
		const char *name = v;
		v += nlen;
		while (*v && strchr(" \t\r\n", *v))
			v++;
		if (*v != '(')
			return false;
		v++;
		double a[6];
		int n = 0;
		for (;;) {
			while (*v && strchr(" \t\r\n,", *v))
				v++;
			if (*v == ')' || !*v)
				break;
			char *end;
			double x = strtod(v, &end);
			if (end == v || n == 6 || !isfinite(x))
				return false;
			a[n++] = x;
			v = end;
		}
		if (*v != ')')
			return false;
		v++;
		double t[6] = {1, 0, 0, 1, 0, 0};
#define IS(w) (nlen == strlen(w) && strncmp(name, w, nlen) == 0)
		if (IS("translate") && (n == 1 || n == 2)) {
			t[4] = a[0];
			t[5] = n == 2 ? a[1] : 0;
		} else if (IS("scale") && (n == 1 || n == 2)) {
			t[0] = a[0];
			t[3] = n == 2 ? a[1] : a[0];
		} else if (IS("rotate") && (n == 1 || n == 3)) {
			double r = a[0] * pi / 180, cx = n == 3 ? a[1] : 0,
			       cy = n == 3 ? a[2] : 0;
			double to[6] = {1, 0, 0, 1, cx, cy};
			double rot[6] = {cos(r), sin(r), -sin(r), cos(r), 0, 0};
			double back[6] = {1, 0, 0, 1, -cx, -cy};
			svg_concat(out, to);
			svg_concat(out, rot);
			svg_concat(out, back);
			continue;
		} else if (IS("skewX") && n == 1) {
			t[2] = tan(a[0] * pi / 180);
		} else if (IS("skewY") && n == 1) {
			t[1] = tan(a[0] * pi / 180);
		} else if (IS("matrix") && n == 6) {
			memcpy(t, a, sizeof t);
		} else {
			return false;
		}
#undef IS
		svg_concat(out, t);
	}
	memcpy(m, out, sizeof out);
	return true;
}

static double num(const struct dom_node *n, const char *a)
{
	const char *v = dom_attr(n, a);
	return v ? strtod(v, NULL) : 0;
}

/* Clipping to the viewport.
 *
 * A browser shows nothing of an SVG outside its viewport, so the PDF must
 * not draw it either (it would land on the text beside the chart, or off
 * the page). Every shape is clipped here before it becomes display items:
 * rectangles are intersected with the box, polygons clipped by
 * Sutherland-Hodgman (one pass per edge of the box), lines and outlines
 * by Liang-Barsky, segment by segment, an outline that leaves the box and
 * comes back becoming two. */

/* Clips the segment (x0,y0)-(x1,y1) to `b` in place; false when nothing of
 * it is inside. */
static bool clip_segment(const double b[4], double *x0, double *y0, double *x1,
                         double *y1)
{
	double dx = *x1 - *x0, dy = *y1 - *y0, t0 = 0, t1 = 1;
	const double p[4] = {-dx, dx, -dy, dy};
	const double q[4] = {*x0 - b[0], b[2] - *x0, *y0 - b[1], b[3] - *y0};
	for (int i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (q[i] < 0)
				return false;
			continue;
		}
		double t = q[i] / p[i];
		if (p[i] < 0 && t > t0)
			t0 = t;
		else if (p[i] > 0 && t < t1)
			t1 = t;
	}
	if (t0 > t1)
		return false;
	double ax = *x0 + t0 * dx, ay = *y0 + t0 * dy;
	*x1 = *x0 + t1 * dx;
	*y1 = *y0 + t1 * dy;
	*x0 = ax;
	*y0 = ay;
	return true;
}

static void emit_poly(struct svg_ctx *c, const double *v, size_t n,
                      const struct svg_paint *paint)
{
	if (n < 2)
		return;
	double *p = arena_alloc(c->e->a, 2 * n * sizeof *p);
	memcpy(p, v, 2 * n * sizeof *p);
	struct dl_item *it = layout_slice_add(c->s, DL_POLY);
	it->points = p;
	it->npoints = n;
	it->size = paint->stroke_width * svg_scale(paint) * c->sx;
	it->color = paint->stroke == LAYOUT_NONE ? 0 : paint->stroke;
}

/* Strokes the open polyline through the `n` points of `v`, clipped. */
static void clip_stroke(struct svg_ctx *c, const double *v, size_t n,
                        const struct svg_paint *paint)
{
	double *run = xmalloc(2 * (n + 1) * sizeof *run);
	size_t len = 0;
	for (size_t i = 0; i + 1 < n; i++) {
		double x0 = v[2 * i], y0 = v[2 * i + 1];
		double x1 = v[2 * i + 2], y1 = v[2 * i + 3];
		double ox0 = x0, oy0 = y0, ox1 = x1, oy1 = y1;
		if (!clip_segment(c->box, &x0, &y0, &x1, &y1)) {
			emit_poly(c, run, len, paint);
			len = 0;
			continue;
		}
		if (len == 0 || x0 != ox0 || y0 != oy0) {
			emit_poly(c, run, len, paint);
			len = 0;
			run[len * 2] = x0;
			run[len * 2 + 1] = y0;
			len++;
		}
		run[len * 2] = x1;
		run[len * 2 + 1] = y1;
		len++;
		if (x1 != ox1 || y1 != oy1) {
			emit_poly(c, run, len, paint);
			len = 0;
		}
	}
	emit_poly(c, run, len, paint);
	free(run);
}

/* Fills the polygon through the `n` points of `v`, clipped. */
static void clip_fill(struct svg_ctx *c, const double *v, size_t n,
                      uint32_t color)
{
	size_t cap = 2 * (n + 4);
	double *a = xmalloc(2 * cap * sizeof *a);
	double *b = xmalloc(2 * cap * sizeof *b);
	memcpy(a, v, 2 * n * sizeof *a);
	for (int edge = 0; edge < 4 && n >= 3; edge++) {
		/* edge 0: x >= box[0]; 1: y >= box[1]; 2: x <= box[2]; 3:
		 * y <= box[3]. */
		int axis = edge % 2;
		double lim = c->box[edge];
		bool low = edge < 2;
		size_t m = 0;
		for (size_t i = 0; i < n; i++) {
			const double *p = a + 2 * i;
			const double *q = a + 2 * ((i + 1) % n);
			bool pin = low ? p[axis] >= lim : p[axis] <= lim;
			bool qin = low ? q[axis] >= lim : q[axis] <= lim;
			if (pin) {
				b[2 * m] = p[0];
				b[2 * m + 1] = p[1];
				m++;
			}
			if (pin != qin) {
				double t =
				        (lim - p[axis]) / (q[axis] - p[axis]);
				b[2 * m] = p[0] + t * (q[0] - p[0]);
				b[2 * m + 1] = p[1] + t * (q[1] - p[1]);
				b[2 * m + axis] = lim;
				m++;
			}
		}
		double *t = a;
		a = b;
		b = t;
		n = m;
	}
	if (n >= 3) {
		double *p = arena_alloc(c->e->a, 2 * n * sizeof *p);
		memcpy(p, a, 2 * n * sizeof *p);
		struct dl_item *it = layout_slice_add(c->s, DL_FILL);
		it->points = p;
		it->npoints = n;
		it->color = color;
	}
	free(a);
	free(b);
}

/* Fills the rectangle (x, y, w, h), clipped. */
static void clip_rect(struct svg_ctx *c, double x, double y, double w, double h,
                      uint32_t color)
{
	double x0 = w < 0 ? x + w : x, y0 = h < 0 ? y + h : y;
	double x1 = x0 + fabs(w), y1 = y0 + fabs(h);
	x0 = x0 < c->box[0] ? c->box[0] : x0;
	y0 = y0 < c->box[1] ? c->box[1] : y0;
	x1 = x1 > c->box[2] ? c->box[2] : x1;
	y1 = y1 > c->box[3] ? c->box[3] : y1;
	if (x1 <= x0 || y1 <= y0)
		return;
	struct dl_item *it = layout_slice_add(c->s, DL_RECT);
	it->x = x0;
	it->y = y0;
	it->w = x1 - x0;
	it->h = y1 - y0;
	it->color = color;
}

/* Ends the subpath in `v[0..np)` (x, y pairs in page units): a filled
 * polygon when it has a fill, an outline when it has a stroke. */
static void path_flush(struct svg_ctx *c, const struct svg_paint *paint,
                       const double *v, size_t np, bool closed)
{
	size_t n = np / 2;
	if (n < 2)
		return;
	if (paint->fill != LAYOUT_NONE && n >= 3)
		clip_fill(c, v, n, paint->fill);
	if (paint->stroke != LAYOUT_NONE) {
		size_t m = n + (closed ? 1 : 0);
		double *p = xmalloc(2 * m * sizeof *p);
		memcpy(p, v, np * sizeof *p);
		if (closed) {
			p[np] = v[0];
			p[np + 1] = v[1];
		}
		clip_stroke(c, p, m, paint);
		free(p);
	}
}

/* The straight-line part of SVG path data: M, L, H, V and Z, absolute
 * and relative, with implicit repeats. Each subpath is filled on its own
 * (no holes); curves and arcs are errors. */
static void svg_path(struct svg_ctx *c, const struct dom_node *n,
                     const struct svg_paint *paint)
{
	const char *d = dom_attr(n, "d");
	/* A curve or arc anywhere leaves the whole path out. */
	for (const char *q = d ? d : ""; *q; q++)
		if (((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')) &&
		    !strchr("MmLlHhVvZzEe", *q)) {
			svg_outside(c, n,
			            "SVG path: '%c' is not in the subset the "
			            "PDF supports (M, L, H, V, Z)",
			            *q);
			return;
		}
	double *v = NULL, cx = 0, cy = 0, sx0 = 0, sy0 = 0;
	size_t cap = 0, np = 0;
	char cmd = 0;
	while (d && *d) {
		if (strchr(" \t\r\n,", *d)) {
			d++;
			continue;
		}
		if (strchr("MmLlHhVvZz", *d)) {
			cmd = *d++;
			if (cmd == 'Z' || cmd == 'z') {
				path_flush(c, paint, v, np, true);
				np = 0;
				cx = sx0;
				cy = sy0;
			}
			continue;
		}
		char *end;
		double a = strtod(d, &end);
		if (end == d || !cmd || cmd == 'Z' || cmd == 'z') {
			svg_outside(c, n,
			            "SVG path: '%c' is not in the subset the "
			            "PDF supports (M, L, H, V, Z)",
			            *d);
			break;
		}
		d = end;
		bool rel = cmd >= 'a';
		double b = 0;
		if (cmd == 'M' || cmd == 'm' || cmd == 'L' || cmd == 'l') {
			while (*d && strchr(" \t\r\n,", *d))
				d++;
			b = strtod(d, &end);
			if (end == d) {
				svg_outside(
				        c, n,
				        "SVG path: expected a y coordinate");
				break;
			}
			d = end;
		}
		switch (cmd) {
		case 'M':
		case 'm':
			path_flush(c, paint, v, np, false);
			np = 0;
			cx = rel ? cx + a : a;
			cy = rel ? cy + b : b;
			sx0 = cx;
			sy0 = cy;
			cmd = rel ? 'l' : 'L'; /* pairs after M are lines */
			break;
		case 'L':
		case 'l':
			cx = rel ? cx + a : a;
			cy = rel ? cy + b : b;
			break;
		case 'H':
		case 'h':
			cx = rel ? cx + a : a;
			break;
		default: /* V, v */
			cy = rel ? cy + a : a;
			break;
		}
		v = xgrow(v, &cap, np + 2, sizeof *v);
		svg_point(c, paint, cx, cy, &v[np], &v[np + 1]);
		np += 2;
	}
	path_flush(c, paint, v, np, false);
	free(v);
}

/* The presentation property `name` of `n`: from its `style` attribute
 * (`fill: #fff; stroke: none`), which wins as in CSS, else from the
 * attribute of that name; NULL when neither gives it. A value from the
 * style is copied into the arena. */
static const char *svg_prop(struct engine *e, const struct dom_node *n,
                            const char *name)
{
	const char *st = dom_attr(n, "style");
	size_t nlen = strlen(name);
	for (const char *p = st ? st : ""; *p;) {
		size_t len = strcspn(p, ";");
		const char *k = p, *colon = memchr(p, ':', len), *ve = p + len;
		p += len + (p[len] == ';');
		if (!colon)
			continue;
		while (k < colon && strchr(" \t\r\n", *k))
			k++;
		const char *ke = colon;
		while (ke > k && strchr(" \t\r\n", ke[-1]))
			ke--;
		if ((size_t)(ke - k) != nlen || strncmp(k, name, nlen) != 0)
			continue;
		const char *v = colon + 1;
		while (v < ve && strchr(" \t\r\n", *v))
			v++;
		while (ve > v && strchr(" \t\r\n", ve[-1]))
			ve--;
		return arena_strndup(e->a, v, (size_t)(ve - v));
	}
	return dom_attr(n, name);
}

/* Reads the size `v` (property `a` of `n`), a plain number (CSS pixels)
 * from `min` to 1000, into `*out`. Returns 0, or -1 after svg_outside():
 * libharu refuses a font size of 0 or a negative line width and fails the
 * whole document. */
static int svg_size(struct svg_ctx *c, const struct dom_node *n, const char *a,
                    const char *v, double min, double *out)
{
	char *end;
	double x = strtod(v, &end);
	while (*end == ' ')
		end++;
	if (end == v || (*end && strcmp(end, "px") != 0) || !(x >= min) ||
	    x > 1000) {
		svg_outside(c, n,
		            "SVG %s \"%.40s\" is not a size: expected a number "
		            "from %g to 1000",
		            a, v, min);
		return -1;
	}
	*out = x;
	return 0;
}

/* The `points` of a polyline or polygon in slice units, as x, y pairs in
 * `*out` (the caller frees it); returns the number of points. */
static size_t svg_points(const struct svg_ctx *c, const struct svg_paint *paint,
                         const struct dom_node *n, double **out)
{
	const char *pts = dom_attr(n, "points");
	size_t cap = 0, np = 0;
	double *v = NULL, pending = 0;
	char *end;
	while (pts && *pts) {
		double a = strtod(pts, &end);
		if (end == pts) {
			pts++;
			continue;
		}
		pts = end;
		if (np % 2 == 0) {
			pending = a;
			np++;
			continue;
		}
		v = xgrow(v, &cap, np + 1, sizeof *v);
		svg_point(c, paint, pending, a, &v[np - 1], &v[np]);
		np++;
	}
	*out = v;
	return np / 2;
}

/* The outline and fill of the polygon or polyline through the `n` points
 * of `v`: filled when it has a fill (a polyline's fill closes it, as in
 * SVG), stroked when it has a stroke, closed for a polygon. */
static void svg_shape(struct svg_ctx *c, double *v, size_t n, bool closed,
                      const struct svg_paint *paint)
{
	if (n >= 3 && paint->fill != LAYOUT_NONE)
		clip_fill(c, v, n, paint->fill);
	if (n >= 2 && paint->stroke != LAYOUT_NONE) {
		if (closed) {
			v = xrealloc(v, 2 * (n + 1) * sizeof *v);
			v[2 * n] = v[0];
			v[2 * n + 1] = v[1];
		}
		clip_stroke(c, v, n + (closed ? 1 : 0), paint);
	}
	free(v);
}

static void svg_node(struct svg_ctx *c, const struct dom_node *n,
                     struct svg_paint paint)
{
	struct engine *e = c->e;
	const char *v;
	paint.fill = engine_parse_color(svg_prop(e, n, "fill"), paint.fill);
	paint.stroke =
	        engine_parse_color(svg_prop(e, n, "stroke"), paint.stroke);
	if ((v = svg_prop(e, n, "stroke-width")) &&
	    svg_size(c, n, "stroke-width", v, 0, &paint.stroke_width) < 0)
		return;
	if ((v = svg_prop(e, n, "font-size")) &&
	    svg_size(c, n, "font-size", v, 0.01, &paint.font_size) < 0)
		return;
	if ((v = svg_prop(e, n, "font-weight")))
		paint.bold = strcmp(v, "bold") == 0 || strcmp(v, "700") == 0;
	if ((v = svg_prop(e, n, "text-anchor")))
		paint.anchor = v;
	if ((v = svg_prop(e, n, "display")) && strcmp(v, "none") == 0)
		return;
	if ((v = dom_attr(n, "transform")) && !svg_transform(v, paint.m)) {
		svg_outside(c, n,
		            "SVG transform \"%.60s\" is not one the PDF "
		            "supports (translate, scale, rotate, skewX, skewY, "
		            "matrix)",
		            v);
		return;
	}
	switch (n->tag) {
	case DOM_SVG:
	case DOM_SVG_G:
		for (const struct dom_node *k = n->first; k; k = k->next)
			if (k->tag != DOM_TEXT)
				svg_node(c, k, paint);
		return;
	case DOM_SVG_RECT: {
		double x = num(n, "x"), y = num(n, "y");
		double w = num(n, "width"), h = num(n, "height");
		if (!(w > 0 && h > 0))
			return; /* as in SVG: nothing drawn */
		double q[10];
		svg_point(c, &paint, x, y, &q[0], &q[1]);
		svg_point(c, &paint, x + w, y, &q[2], &q[3]);
		svg_point(c, &paint, x + w, y + h, &q[4], &q[5]);
		svg_point(c, &paint, x, y + h, &q[6], &q[7]);
		q[8] = q[0];
		q[9] = q[1];
		bool square = paint.m[1] == 0 && paint.m[2] == 0;
		if (paint.fill != LAYOUT_NONE && square)
			clip_rect(c, q[0], q[1], w * paint.m[0] * c->sx,
			          h * paint.m[3] * c->sy, paint.fill);
		else if (paint.fill != LAYOUT_NONE)
			clip_fill(c, q, 4, paint.fill);
		if (paint.stroke != LAYOUT_NONE)
			clip_stroke(c, q, 5, &paint);
		return;
	}
	case DOM_SVG_LINE: {
		double x0, y0, x1, y1;
		svg_point(c, &paint, num(n, "x1"), num(n, "y1"), &x0, &y0);
		svg_point(c, &paint, num(n, "x2"), num(n, "y2"), &x1, &y1);
		if (!clip_segment(c->box, &x0, &y0, &x1, &y1))
			return;
		struct dl_item *it = layout_slice_add(c->s, DL_LINE);
		it->x = x0;
		it->y = y0;
		it->w = x1 - x0;
		it->h = y1 - y0;
		it->size = paint.stroke_width * svg_scale(&paint) * c->sx;
		it->color = paint.stroke == LAYOUT_NONE ? 0 : paint.stroke;
		return;
	}
	case DOM_SVG_POLYLINE:
	case DOM_SVG_POLYGON: {
		double *pts;
		size_t np = svg_points(c, &paint, n, &pts);
		svg_shape(c, pts, np, n->tag == DOM_SVG_POLYGON, &paint);
		return;
	}
	case DOM_SVG_CIRCLE: {
		/* A filled square of the circle's size: chart markers. */
		double r = num(n, "r") * svg_scale(&paint), cx, cy;
		svg_point(c, &paint, num(n, "cx"), num(n, "cy"), &cx, &cy);
		clip_rect(c, cx - r * c->sx, cy - r * c->sx, 2 * r * c->sx,
		          2 * r * c->sx,
		          paint.fill == LAYOUT_NONE ? 0 : paint.fill);
		return;
	}
	case DOM_SVG_TEXT: {
		const char *t = layout_node_text(e, n);
		size_t len = strlen(t);
		if (!len)
			return;
		for (size_t i = 0; i < len;) {
			uint32_t cp;
			size_t k = utf8_decode(t + i, len - i, &cp);
			const char *rtl = k ? engine_rtl_script(cp) : NULL;
			if (rtl) {
				svg_outside(c, n,
				            "right-to-left text (%s, U+%04X) "
				            "cannot be set in the PDF, which "
				            "would print it left to right",
				            rtl, (unsigned)cp);
				return;
			}
			i += k ? k : 1;
		}
		const struct layout_props *p = &c->cs->p;
		int face = LAYOUT_FACE(p->family, paint.bold, false);
		double size = paint.font_size * svg_scale(&paint) * c->sx;
		/* Scaled past what a PDF can set (or to nothing): left out. */
		if (!(size > 0.01 && size <= 600))
			return;
		double tw = engine_text_width(e, face, size, t, len);
		double tx, ty;
		svg_point(c, &paint, num(n, "x"), num(n, "y"), &tx, &ty);
		if (paint.anchor && strcmp(paint.anchor, "middle") == 0)
			tx -= tw / 2;
		else if (paint.anchor && strcmp(paint.anchor, "end") == 0)
			tx -= tw;
		/* Text is not cut: a label whose baseline reaches outside
		 * the viewport is left out. */
		if (tx < c->box[0] - 0.01 || tx + tw > c->box[2] + 0.01 ||
		    ty < c->box[1] - 0.01 || ty > c->box[3] + 0.01)
			return;
		struct engine_run *runs;
		size_t nruns = engine_text_runs(e, face, size, t, len, &runs);
		for (size_t r = 0; r < nruns; r++) {
			struct dl_item *it = layout_slice_add(c->s, DL_TEXT);
			it->x = tx;
			it->y = ty;
			it->w = runs[r].w;
			it->face = runs[r].face;
			it->size = size;
			it->color = paint.fill == LAYOUT_NONE ? 0 : paint.fill;
			it->text = runs[r].s;
			it->len = runs[r].len;
			tx += runs[r].w;
		}
		return;
	}
	case DOM_SVG_PATH:
		svg_path(c, n, &paint);
		return;
	default:
		return; /* title and desc: the HTML carries them */
	}
}

/* An <svg> box `want_w` CSS pixels wide (0: its own width). */
static void svg_box(struct engine *e, struct flow *f, const struct dom_node *n,
                    const struct computed *cs, double x, double w,
                    double want_w, const struct dom_node *img)
{
	double sw = num(n, "width"), sh = num(n, "height");
	double vx = 0, vy = 0, vw = sw, vh = sh;
	const char *vb = dom_attr(n, "viewBox");
	if (vb && sscanf(vb, "%lf %lf %lf %lf", &vx, &vy, &vw, &vh) != 4 &&
	    sscanf(vb, "%lf,%lf,%lf,%lf", &vx, &vy, &vw, &vh) != 4) {
		diag_error(e->d, n->pos, "SVG viewBox \"%s\" is not 4 numbers",
		           vb);
		return;
	}
	if (sw <= 0)
		sw = vw;
	if (sh <= 0)
		sh = vh;
	if (sw <= 0 || sh <= 0 || vw <= 0 || vh <= 0) {
		diag_error(e->d, n->pos,
		           "<svg> needs a width and height or a viewBox");
		return;
	}
	if (want_w > 0) {
		sh = sh * want_w / sw;
		sw = want_w;
	}
	double pw = sw * 0.75, ph = sh * 0.75;
	if (pw > w) {
		ph *= w / pw;
		pw = w;
	}
	struct svg_ctx c = {
	        e,  NULL, x, pw / vw, ph / vh, vx, vy, cs, {x, 0, x + pw, ph},
	        img};
	c.s = layout_flow_add(e, f, ph);
	struct svg_paint paint = {0x000000, LAYOUT_NONE,       1, 12, false,
	                          NULL,     {1, 0, 0, 1, 0, 0}};
	svg_node(&c, n, paint);
}

void layout_svg(struct engine *e, struct flow *f, const struct dom_node *n,
                const struct computed *cs, double x, double w)
{
	svg_box(e, f, n, cs, x, w, 0, NULL);
}

/* <img src="data:image/svg+xml;base64,..."> (the theme's logo): the SVG is
 * decoded, parsed and drawn like an inline <svg>, at the img's width when
 * it has one. */
static void svg_data_uri(struct engine *e, struct flow *f,
                         const struct dom_node *img, const struct computed *cs,
                         const char *b64, double x, double w)
{
	size_t n;
	char *svg = b64_decode(e, img->pos, b64, &n);
	if (!svg)
		return;
	char name[256];
	snprintf(name, sizeof name, "%s:%d: <img> data", img->pos.file,
	         img->pos.line);
	struct dom_node *root = dom_parse_image(
	        svg, n, arena_strdup(e->a, name), img->pos, e->a, e->d);
	if (!root)
		return;
	while (root && root->tag != DOM_SVG)
		root = root->first;
	if (!root) {
		diag_error(e->d, img->pos,
		           "image: the data: URI holds no <svg>");
		return;
	}
	const char *wa = dom_attr(img, "width");
	svg_box(e, f, root, cs, x, w, wa ? strtod(wa, NULL) : 0, img);
}
