/*
** cs_lines.c - the line splitter of stream.lines(); see cs_lines.h.
**
** readline splits on /\r?\n|\r(?!\n)/ and, when a chunk ends in "\r",
** drops a "\n" that opens the next chunk.  (readline forgets that "\r"
** after crlfDelay, 100 ms by default; bytes have no arrival time here, so
** "\r" + "\n" is one break however far apart the chunks come.)
*/
#include <string.h>

#include "cs_lines.h"

void cs_lines_init(cs_lines *l, size_t max, cs_lines_alloc alloc, void *ud) {
  l->buf = NULL;
  l->len = l->cap = 0;
  l->max = max;
  l->cr = 0;
  l->alloc = alloc;
  l->ud = ud;
}

void cs_lines_free(cs_lines *l) {
  if (l->buf != NULL) l->alloc(l->ud, l->buf, l->cap, 0);
  l->buf = NULL;
  l->len = l->cap = 0;
}

/* Appends p[0..n) to the partial line, doubling the buffer as it grows so
** that a long line costs amortised O(1) per byte.  The caller has checked
** the bound. */
static int append(cs_lines *l, const char *p, size_t n) {
  if (n > l->cap - l->len) {
    size_t need = l->len + n, cap = l->cap ? l->cap : 64;
    char *nb;
    if (need < l->len) return CS_LINES_NOMEM;
    while (cap < need) {
      if (cap > ((size_t)-1) / 2) { cap = need; break; }
      cap *= 2;
    }
    if (cap > l->max && l->max >= need) cap = l->max;   /* never past the bound */
    nb = l->alloc(l->ud, l->buf, l->cap, cap);
    if (nb == NULL) return CS_LINES_NOMEM;
    l->buf = nb;
    l->cap = cap;
  }
  memcpy(l->buf + l->len, p, n);
  l->len += n;
  return CS_LINES_DONE;
}

static size_t find(const cs_lines_scan *sc, int c) {
  const char *q = memchr(sc->p + sc->pos, c, sc->n - sc->pos);
  return q ? (size_t)(q - sc->p) : sc->n;
}

void cs_lines_begin(cs_lines *l, cs_lines_scan *sc, const char *p, size_t n) {
  sc->p = p;
  sc->n = n;
  sc->pos = 0;
  if (n > 0 && l->cr) {   /* an empty chunk says nothing about the "\n" */
    l->cr = 0;
    if (p[0] == '\n') sc->pos = 1;
  }
  sc->nl = find(sc, '\n');
  sc->cr = find(sc, '\r');
}

int cs_lines_next(cs_lines *l, cs_lines_scan *sc, const char **line, size_t *len) {
  size_t e, seg, next;
  int rc;
  if (sc->pos >= sc->n) return CS_LINES_DONE;
  if (sc->nl < sc->pos) sc->nl = find(sc, '\n');
  if (sc->cr < sc->pos) sc->cr = find(sc, '\r');
  e = sc->nl < sc->cr ? sc->nl : sc->cr;
  seg = e - sc->pos;
  if (seg > l->max - l->len) {
    l->len = 0;
    sc->pos = sc->n;
    return CS_LINES_TOOLONG;
  }
  if (e == sc->n) {                     /* no break left: keep the tail */
    if ((rc = append(l, sc->p + sc->pos, seg)) != CS_LINES_DONE) return rc;
    sc->pos = sc->n;
    return CS_LINES_DONE;
  }
  if (l->len == 0) {
    *line = sc->p + sc->pos;
    *len = seg;
  } else {
    if ((rc = append(l, sc->p + sc->pos, seg)) != CS_LINES_DONE) return rc;
    *line = l->buf;
    *len = l->len;
    l->len = 0;                         /* the bytes stay until the next append */
  }
  next = e + 1;
  if (sc->p[e] == '\r') {
    if (next == sc->n) l->cr = 1;       /* its "\n" may open the next chunk */
    else if (sc->p[next] == '\n') next++;
  }
  sc->pos = next;
  return CS_LINES_LINE;
}

int cs_lines_end(cs_lines *l, const char **line, size_t *len) {
  l->cr = 0;
  if (l->len == 0) return CS_LINES_DONE;
  *line = l->buf;
  *len = l->len;
  l->len = 0;
  return CS_LINES_LINE;
}
