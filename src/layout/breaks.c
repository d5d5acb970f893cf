/* breaks: where a line may end (UAX #14) and where a word may take a hyphen.
 *
 * Line break opportunities come from libunibreak, over a paragraph's whole
 * text, so that a break depends on the characters either side even when
 * they lie in different elements. Two tailorings on top: no break after a
 * minus sign (U+2212, so "−£0.4m" stays whole), and none at a space before
 * an en or em dash (a spaced dash ends its line rather than starting the
 * next); the caller applies the second, since it sees the spaces. A table
 * cell's text is broken when the cell is measured, and the opportunities
 * kept (bounded by the text's bytes) for the one time it is laid out.
 *
 * Hyphenation points come from libhyphen with the en-GB patterns of
 * Debian's hyphen-en-gb, loaded once per process on the first word that
 * needs them (8-11 ms). Only a plain word is hyphenated: letters alone
 * once leading and trailing punctuation are set aside, at least one of
 * them lower case; so ids (P1.2), dates, numbers, URLs, e-mail addresses
 * and acronyms never are. The patterns see the word in lower case and
 * give points at least 2 characters from its start and 3 from its end. */
#include <hyphen.h>
#include <linebreak.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/xalloc.h"
#include "layout/engine.h"

#define HYPHEN_PATTERNS "/usr/share/hyphen/hyph_en_GB.dic"
#define HYPHEN_LEFT_MIN 2
#define HYPHEN_RIGHT_MIN 3
/* Longer words (a chemical name, a run of letters) are not hyphenated:
 * they are cut at a character, with a warning. */
#define HYPHEN_WORD_MAX 60

static pthread_once_t lb_once = PTHREAD_ONCE_INIT;

static void lb_init(void)
{
	init_linebreak();
}

void layout_breaks_find(const char *s, size_t len, char *brks)
{
	if (len == 0)
		return;
	pthread_once(&lb_once, lb_init);
	set_linebreaks_utf8((const utf8_t *)s, len, "en", brks);
	for (size_t i = 0; i + 2 < len; i++)
		if ((unsigned char)s[i] == 0xE2 &&
		    (unsigned char)s[i + 1] == 0x88 &&
		    (unsigned char)s[i + 2] == 0x92)
			brks[i + 2] = LINEBREAK_NOBREAK; /* after U+2212 */
	/* Only the end of a paragraph is a forced break: its text has no
	 * line feeds (spaces are normalised), and the few other mandatory
	 * breaks (U+2028) are taken as allowed ones. */
	for (size_t i = 0; i + 1 < len; i++)
		if (brks[i] == LINEBREAK_MUSTBREAK)
			brks[i] = LINEBREAK_ALLOWBREAK;
}

bool layout_breaks_allowed(char brk)
{
	return brk == LINEBREAK_ALLOWBREAK || brk == LINEBREAK_MUSTBREAK;
}

/* The most bytes the memo keeps, text and opportunities with their headers. A
 * table's cells are all measured before any is laid out, so this bounds
 * how much of one table is found again; the rest is broken twice. */
#define LAYOUT_BREAKS_MEMO_BYTES (256 * 1024)
#define BREAKS_MEMO_BUCKETS 1024

struct breaks_kept {
	struct breaks_kept *next;
	uint64_t hash;
	size_t len;
	char bytes[]; /* the text, then its opportunities */
};

struct breaks_memo {
	struct breaks_kept *bucket[BREAKS_MEMO_BUCKETS];
	size_t bytes;
};

static uint64_t hash_text(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

void layout_breaks_keep(struct engine *e, const char *s, size_t len,
                        const char *brks)
{
	if (len == 0)
		return;
	struct breaks_memo *m = e->breaks;
	if (!m)
		m = e->breaks = xcalloc(1, sizeof *m);
	/* Counted with each copy's header, so that many short texts are
	 * bounded too. */
	size_t size = sizeof(struct breaks_kept) + 2 * len;
	if (m->bytes + size > LAYOUT_BREAKS_MEMO_BYTES)
		return;
	struct breaks_kept *k = xmalloc(size);
	k->hash = hash_text(s, len);
	k->len = len;
	memcpy(k->bytes, s, len);
	memcpy(k->bytes + len, brks, len);
	struct breaks_kept **b = &m->bucket[k->hash % BREAKS_MEMO_BUCKETS];
	k->next = *b;
	*b = k;
	m->bytes += size;
}

bool layout_breaks_recall(struct engine *e, const char *s, size_t len,
                          char *brks)
{
	struct breaks_memo *m = e->breaks;
	if (!m || len == 0)
		return false;
	uint64_t h = hash_text(s, len);
	for (struct breaks_kept **p = &m->bucket[h % BREAKS_MEMO_BUCKETS]; *p;
	     p = &(*p)->next) {
		struct breaks_kept *k = *p;
		if (k->hash != h || k->len != len ||
		    memcmp(k->bytes, s, len) != 0)
			continue;
		memcpy(brks, k->bytes + len, len);
		*p = k->next;
		m->bytes -= sizeof *k + 2 * len;
		free(k);
		return true;
	}
	return false;
}

void layout_breaks_forget(struct engine *e)
{
	struct breaks_memo *m = e->breaks;
	if (!m)
		return;
	for (size_t i = 0; i < BREAKS_MEMO_BUCKETS; i++)
		for (struct breaks_kept *k = m->bucket[i], *next; k; k = next) {
			next = k->next;
			free(k);
		}
	free(m);
	e->breaks = NULL;
}

static pthread_once_t hy_once = PTHREAD_ONCE_INIT;
static HyphenDict *dict;

static void hy_init(void)
{
	dict = hnj_hyphen_load(HYPHEN_PATTERNS);
}

bool layout_hyphen_ready(void)
{
	pthread_once(&hy_once, hy_init);
	return dict != NULL;
}

const char *layout_hyphen_patterns(void)
{
	return HYPHEN_PATTERNS;
}

static bool is_letter(uint32_t cp)
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return true;
	/* Latin letters with accents, Greek and Cyrillic; not the signs and
	 * punctuation of Latin-1 nor anything from U+2000 (dashes, quotes,
	 * symbols). */
	return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x370 && cp <= 0x52F);
}

size_t layout_hyphen_points(const char *s, size_t len, size_t *at, size_t max)
{
	/* The letters: [a, b) once punctuation either side is set aside. */
	size_t a = 0, b = len;
	while (a < b) {
		uint32_t cp;
		size_t n = utf8_decode(s + a, b - a, &cp);
		if (n == 0)
			return 0;
		if (is_letter(cp))
			break;
		a += n;
	}
	while (b > a) {
		size_t c = b - 1; /* the last character's first byte */
		while (c > a && ((unsigned char)s[c] & 0xC0) == 0x80)
			c--;
		uint32_t cp;
		if (utf8_decode(s + c, b - c, &cp) == 0 || is_letter(cp))
			break;
		b = c;
	}
	if (b - a < HYPHEN_LEFT_MIN + HYPHEN_RIGHT_MIN ||
	    b - a > HYPHEN_WORD_MAX)
		return 0;
	char word[HYPHEN_WORD_MAX + 1];
	size_t off[HYPHEN_WORD_MAX + 1]; /* byte offset of each character */
	size_t nch = 0;
	bool lower = false;
	for (size_t i = a; i < b;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, b - i, &cp);
		if (n == 0 || !is_letter(cp))
			return 0; /* digits, dots, slashes, apostrophes */
		if (cp >= 'a' && cp <= 'z')
			lower = true;
		off[nch++] = i;
		for (size_t k = 0; k < n; k++) {
			char c = s[i + k];
			word[i - a + k] =
			        c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
		}
		i += n;
	}
	if (!lower || !layout_hyphen_ready())
		return 0;
	word[b - a] = '\0';
	char hy[HYPHEN_WORD_MAX + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t count = 0;
	if (hnj_hyphen_hyphenate3(dict, word, (int)(b - a), hy, NULL, &rep,
	                          &pos, &cut, HYPHEN_LEFT_MIN, HYPHEN_RIGHT_MIN,
	                          HYPHEN_LEFT_MIN, HYPHEN_RIGHT_MIN) == 0) {
		/* hy[k] odd: a hyphen may follow character k (characters,
		 * not bytes, with a UTF-8 dictionary). A point that would
		 * change the spelling (rep) is not taken. */
		for (size_t k = 0; k + 1 < nch && count < max; k++)
			if ((hy[k] & 1) && !(rep && rep[k]))
				at[count++] = off[k + 1];
	}
	if (rep) {
		for (size_t k = 0; k < nch; k++)
			free(rep[k]);
		free(rep);
	}
	free(pos);
	free(cut);
	return count;
}
