/*
** cs_lines.h - splitting bytes into lines, with Node's readline breaks:
** "\n", "\r\n" (also when a chunk ends in the "\r") and a lone "\r".
**
** Pure C: no Lua.  A cs_lines keeps the partial line (the bytes after the
** last break) in a buffer that grows by doubling, and whether the last
** chunk ended in the "\r" of a break, whose "\n" may open the next chunk.
** Each chunk is scanned once: a line wholly inside the chunk is returned
** as a view into it, and only a line that spans chunks is copied.
** The caller drives the scan, so no callback runs inside these functions
** and an error raised between two lines leaves the splitter consistent.
*/
#ifndef cs_lines_h
#define cs_lines_h

#include <stddef.h>

enum {
  CS_LINES_TOOLONG = -2,  /* a line grew past max: nothing of it is kept */
  CS_LINES_NOMEM = -1,    /* the partial line could not grow; state as before */
  CS_LINES_DONE = 0,      /* the chunk is used up */
  CS_LINES_LINE = 1       /* a line came out */
};

/* lua_Alloc's contract: nsize 0 frees, else (re)allocates or returns NULL. */
typedef void *(*cs_lines_alloc)(void *ud, void *p, size_t osize, size_t nsize);

typedef struct cs_lines {
  char *buf;              /* the partial line: buf[0..len) */
  size_t len, cap;
  size_t max;             /* longest line allowed, break excluded */
  int cr;                 /* the last chunk ended in a break's "\r" */
  cs_lines_alloc alloc;
  void *ud;
} cs_lines;

/* A scan over one chunk: where it is, and the next "\n" and "\r" at or
** after that point (n when none), each searched for once per chunk. */
typedef struct cs_lines_scan {
  const char *p;
  size_t n, pos, nl, cr;
} cs_lines_scan;

#define CS_LINES_UNBOUNDED ((size_t)-1)

void cs_lines_init(cs_lines *l, size_t max, cs_lines_alloc alloc, void *ud);
void cs_lines_free(cs_lines *l);     /* idempotent */

/* Starts scanning chunk p[0..n), which must stay put until the scan ends. */
void cs_lines_begin(cs_lines *l, cs_lines_scan *sc, const char *p, size_t n);

/* The next line of the scan: LINE with (*line, *len) set, a view valid
** until the next call on l; DONE when the chunk is used up, its tail kept
** as the partial line; TOOLONG or NOMEM. */
int cs_lines_next(cs_lines *l, cs_lines_scan *sc, const char **line, size_t *len);

/* At the end of the input: LINE with the last line when the input did not
** end with a break, else DONE.  The splitter is then empty. */
int cs_lines_end(cs_lines *l, const char **line, size_t *len);

#endif
