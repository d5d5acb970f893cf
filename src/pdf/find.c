/* find: font files found through fontconfig.
 *
 * The only file that includes fontconfig.h. Faces are looked up by
 * family, weight and slant, and a face for a character the document's
 * faces lack by fontconfig's sorted list of the installed fonts that have
 * it. fontconfig always answers with some font: a family counts as found
 * only when one of the match's family names is the one asked for, and a
 * face only when it is TrueType with glyf outlines' file format (the PDF
 * embeds nothing else). The configuration is loaded once per process
 * (about 7 ms) and kept: the answers then depend only on the fonts
 * installed, so the same machine gives the same bytes. Each family and
 * style's answer is kept too: a theme names the same few families in
 * every font list and rule, and each lookup (the configuration's
 * substitutions, then the match) costs about a million instructions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>

#include "base/xalloc.h"
#include "pdf/internal.h"

static FcConfig *config(void)
{
	static FcConfig *cfg;
	static bool tried;
	if (!tried) {
		tried = true;
		cfg = FcInitLoadConfigAndFonts();
	}
	return cfg;
}

static FcPattern *style_pattern(bool bold, bool italic)
{
	FcPattern *p = FcPatternCreate();
	FcPatternAddInteger(p, FC_WEIGHT,
	                    bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(p, FC_SLANT,
	                    italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
	FcPatternAddBool(p, FC_SCALABLE, FcTrue);
	return p;
}

/* True when `m` is a TrueType file clerk can embed; its file and face
 * index then go to `out`. */
static bool usable(FcPattern *m, struct pdf_found *out)
{
	FcChar8 *file = NULL, *format = NULL;
	int index = 0;
	if (FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
		return false;
	if (FcPatternGetString(m, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
	    strcmp((const char *)format, "TrueType") != 0)
		return false;
	if (FcPatternGetInteger(m, FC_INDEX, 0, &index) != FcResultMatch)
		index = 0;
	out->path = xstrdup((const char *)file);
	out->index = index;
	return true;
}

static bool has_family(FcPattern *m, const char *family)
{
	FcChar8 *name;
	for (int i = 0;
	     FcPatternGetString(m, FC_FAMILY, i, &name) == FcResultMatch; i++)
		if (strcasecmp((const char *)name, family) == 0)
			return true;
	return false;
}

/* The faces looked up so far in this process: a family (as asked,
 * compared without case, as fontconfig compares), a style, and the file
 * found or NULL. A theme names a handful; past FACE_MEMO_MAX the rest are
 * simply looked up each time. */
#define FACE_MEMO_MAX 64
static struct face_memo {
	char *family;
	bool bold, italic;
	struct pdf_found found;
} face_memo[FACE_MEMO_MAX];
static int nface_memo;

static int find_face(FcConfig *cfg, const char *family, bool bold, bool italic,
                     struct pdf_found *out)
{
	FcPattern *p = style_pattern(bold, italic);
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
	FcConfigSubstitute(cfg, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcResult r;
	FcPattern *m = FcFontMatch(cfg, p, &r);
	int rc = m && has_family(m, family) && usable(m, out) ? 0 : -1;
	FcPatternDestroy(m);
	FcPatternDestroy(p);
	return rc;
}

int pdf_find_face(const char *family, bool bold, bool italic,
                  struct pdf_found *out)
{
	FcConfig *cfg = config();
	if (!cfg || !family || !*family)
		return -1;
	for (int i = 0; i < nface_memo; i++) {
		const struct face_memo *f = &face_memo[i];
		if (f->bold == bold && f->italic == italic &&
		    strcasecmp(f->family, family) == 0) {
			if (!f->found.path)
				return -1;
			out->path = xstrdup(f->found.path);
			out->index = f->found.index;
			return 0;
		}
	}
	struct pdf_found found = {0};
	int rc = find_face(cfg, family, bold, italic, &found);
	if (nface_memo < FACE_MEMO_MAX)
		face_memo[nface_memo++] = (struct face_memo){
		        .family = xstrdup(family),
		        .bold = bold,
		        .italic = italic,
		        .found = {rc == 0 ? xstrdup(found.path) : NULL,
		                  found.index}};
	if (rc == 0)
		*out = found;
	return rc;
}

bool pdf_family_installed(const char *family)
{
	struct pdf_found f = {0};
	if (pdf_find_face(family, false, false, &f) < 0)
		return false;
	free(f.path);
	return true;
}

int pdf_find_for_char(uint32_t cp, bool bold, bool italic,
                      struct pdf_found *out)
{
	FcConfig *cfg = config();
	if (!cfg)
		return -1;
	FcPattern *p = style_pattern(bold, italic);
	FcCharSet *cs = FcCharSetCreate();
	FcCharSetAddChar(cs, cp);
	FcPatternAddCharSet(p, FC_CHARSET, cs);
	FcConfigSubstitute(cfg, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcResult r;
	FcFontSet *set = FcFontSort(cfg, p, FcTrue, NULL, &r);
	int rc = -1;
	for (int i = 0; set && i < set->nfont && rc < 0; i++) {
		FcCharSet *has = NULL;
		if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &has) !=
		            FcResultMatch ||
		    !FcCharSetHasChar(has, cp))
			continue;
		if (usable(set->fonts[i], out))
			rc = 0;
	}
	if (set)
		FcFontSetDestroy(set);
	FcCharSetDestroy(cs);
	FcPatternDestroy(p);
	return rc;
}
