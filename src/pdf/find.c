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
 * installed, so the same machine gives the same bytes, and each answer
 * for a family and style is kept too (a report asks for the same few
 * about twenty times). pdf_warm loads the configuration in a process
 * that forks workers, so that each of them shares it; pdf_warm_start
 * loads it on a thread of its own in a process that has a core to spare,
 * while the report is read and its page made, and the first lookup waits
 * for that thread. Until it is joined only the thread touches
 * fontconfig, and the join orders its writes before the lookups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <signal.h>

#include "base/xalloc.h"
#include "pdf/internal.h"

static FcConfig *loaded;
static bool tried;
static pthread_t loader;
static bool loading; /* loader runs, or has run and is not joined */

static void *load(void *unused)
{
	(void)unused;
	loaded = FcInitLoadConfigAndFonts();
	return NULL;
}

void pdf_warm_wait(void)
{
	if (loading) {
		pthread_join(loader, NULL);
		loading = false;
	}
}

void pdf_warm_start(void)
{
	if (tried)
		return;
	/* The thread takes no signal: the hooks' time limit (SIGALRM) and
	 * a stop (SIGINT, SIGTERM) are the main thread's. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	tried = loading = pthread_create(&loader, NULL, load, NULL) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static FcConfig *config(void)
{
	pdf_warm_wait();
	if (!tried) {
		tried = true;
		loaded = FcInitLoadConfigAndFonts();
	}
	return loaded;
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

void pdf_warm(void)
{
	(void)config();
	pdf_profile_warm();
}

/* The answers of pdf_find_face so far. */
struct found_face {
	char *family;
	bool bold, italic;
	int rc;
	struct pdf_found face; /* when rc is 0 */
};
static struct found_face *found_faces;
static size_t nfound_faces, found_faces_cap;

static int match_face(FcConfig *cfg, const char *family, bool bold, bool italic,
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
	struct found_face *f = NULL;
	for (size_t i = 0; i < nfound_faces && !f; i++)
		if (found_faces[i].bold == bold &&
		    found_faces[i].italic == italic &&
		    strcmp(found_faces[i].family, family) == 0)
			f = &found_faces[i];
	if (!f) {
		found_faces = xgrow(found_faces, &found_faces_cap,
		                    nfound_faces + 1, sizeof *found_faces);
		f = &found_faces[nfound_faces++];
		*f = (struct found_face){
		        xstrdup(family), bold, italic, -1, {NULL, 0}};
		f->rc = match_face(cfg, family, bold, italic, &f->face);
	}
	if (f->rc == 0)
		*out = (struct pdf_found){xstrdup(f->face.path), f->face.index};
	return f->rc;
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
