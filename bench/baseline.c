/* baseline: the least a libharu program can do to write the same words:
 * read paragraphs (blank-line separated), fill lines greedily measuring
 * each word with HPDF_Font_TextWidth, and write A4 pages. It sets the
 * pace that `make bench-pdf` compares clerk's PDF path against.
 *
 *   baseline [-f FACES] IN.txt OUT.pdf
 *
 * With -f 3 the paragraphs cycle through Liberation Sans regular, bold and
 * italic, the faces a committee paper uses; the default is one face. */
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIB "/usr/share/fonts/truetype/liberation2/LiberationSans-"

static void on_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
	(void)u;
	fprintf(stderr, "libharu error %04X %u\n", (unsigned)e, (unsigned)d);
	exit(1);
}

int main(int argc, char **argv)
{
	int nfaces = 1, i = 1;
	if (argc > 2 && strcmp(argv[1], "-f") == 0) {
		nfaces = atoi(argv[2]);
		i = 3;
	}
	if (argc - i != 2 || nfaces < 1 || nfaces > 3)
		return 2;
	FILE *fp = fopen(argv[i], "rb");
	if (!fp)
		return 1;
	static char text[1 << 22];
	size_t len = fread(text, 1, sizeof text - 1, fp);
	fclose(fp);
	text[len] = 0;
	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	const char *files[3] = {LIB "Regular.ttf", LIB "Bold.ttf",
	                        LIB "Italic.ttf"};
	HPDF_Font fonts[3];
	for (int f = 0; f < nfaces; f++)
		fonts[f] = HPDF_GetFont(
		        pdf, HPDF_LoadTTFontFromFile(pdf, files[f], HPDF_TRUE),
		        "UTF-8");
	const double W = 595.276, H = 841.89, M = 56.69, size = 11,
	             lead = 13.75;
	HPDF_Page page = NULL;
	double y = 0;
	int para = 0;
	char *save = NULL;
	for (char *p = strtok_r(text, "\n", &save); p;
	     p = strtok_r(NULL, "\n", &save), para++) {
		HPDF_Font font = fonts[para % nfaces];
		char line[4096];
		size_t ll = 0;
		double lw = 0,
		       space = HPDF_Font_TextWidth(font, (HPDF_BYTE *)" ", 1)
		                       .width *
		               size / 1000;
		char *wsave = NULL;
		for (char *w = strtok_r(p, " ", &wsave);;
		     w = strtok_r(NULL, " ", &wsave)) {
			double ww = 0;
			if (w)
				ww = HPDF_Font_TextWidth(font, (HPDF_BYTE *)w,
				                         (HPDF_UINT)strlen(w))
				             .width *
				     size / 1000;
			if (!w || (ll && lw + space + ww > W - 2 * M) ||
			    ll + strlen(w) + 2 > sizeof line) {
				if (ll) {
					if (!page || y < M + lead) {
						page = HPDF_AddPage(pdf);
						HPDF_Page_SetSize(
						        page, HPDF_PAGE_SIZE_A4,
						        HPDF_PAGE_PORTRAIT);
						y = H - M - lead;
					}
					line[ll] = 0;
					HPDF_Page_BeginText(page);
					HPDF_Page_SetFontAndSize(page, font,
					                         size);
					HPDF_Page_TextOut(page, M, y, line);
					HPDF_Page_EndText(page);
					y -= lead;
				}
				ll = 0;
				lw = 0;
				if (!w)
					break;
			}
			if (ll) {
				line[ll++] = ' ';
				lw += space;
			}
			memcpy(line + ll, w, strlen(w));
			ll += strlen(w);
			lw += ww;
		}
		y -= 6;
	}
	HPDF_SaveToFile(pdf, argv[i + 1]);
	HPDF_Free(pdf);
	return 0;
}
