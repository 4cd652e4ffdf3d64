/*
** cs_props.c - the properties of a stream (readableLength, writableEnded,
** ...), answered by id from CS_PROP_MAP: the one list their names, ids and
** sides come from.
*/
#include "cs_core.h"
#include "cs_decode.h"

enum { SIDE_R = 1, SIDE_W, SIDE_WO, SIDE_A, SIDE_D };

static const char *const names[] = {
  NULL,
#define XX(id, name, side) name,
  CS_PROP_MAP(XX)
#undef XX
  NULL
};

static const unsigned char sides[] = {
  0,
#define XX(id, name, side) SIDE_##side,
  CS_PROP_MAP(XX)
#undef XX
  0
};

const char *cs_prop_name(int id) {
  return id > 0 && id < CS_P__COUNT ? names[id] : NULL;
}

/* Does a stream of this kind have the property at all (Node: undefined)? */
static int has(const cs_stream *s, int side) {
  int r = (s->kind & CS_K_READABLE) != 0, w = (s->kind & CS_K_WRITABLE) != 0;
  switch (side) {
    case SIDE_R: return r;
    case SIDE_W: return w;
    case SIDE_WO: return w && !r;
    case SIDE_A: return 1;
    case SIDE_D: return r && w;
    default: return 0;
  }
}

#define B(x) (v->type = CS_PV_BOOL, v->i = (x) != 0)
#define I(x) (v->type = CS_PV_INT, v->i = (long long)(x))

void cs_prop(const cs_stream *s, int id, cs_propval *v) {
  v->type = CS_PV_NIL;
  if (id <= 0 || id >= CS_P__COUNT || !has(s, sides[id])) return;
  switch (id) {
    case CS_P_READABLE: B(cs_readable(s)); break;
    case CS_P_FLOWING: {
      int f = cs_flowing(s);
      if (f >= 0) B(f);
      break;
    }
    case CS_P_RLENGTH: I(s->r.length); break;
    case CS_P_RHWM: I(s->r.hwm); break;
    case CS_P_RENCODING:
      if (s->r.encoding != CS_ENC_BUFFER) {
        v->type = CS_PV_STR;
        v->str = cs_enc_name(s->r.encoding);
      }
      break;
    case CS_P_RENDED: B(s->r.f & CS_R_END_EMITTED); break;
    case CS_P_ROBJ: B(s->r.f & CS_OBJECT_MODE); break;
    case CS_P_RABORTED: B(cs_readable_aborted(s)); break;
    case CS_P_RDIDREAD: B(s->r.f & CS_R_DATA_EMITTED); break;
    case CS_P_DESTROYED: B(cs_destroyed(s)); break;
    case CS_P_CLOSED: B(cs_closed(s)); break;
    case CS_P_ERRORED:
      if ((((s->kind & CS_K_READABLE) ? s->r.f : s->w.f) & CS_ERRORED) &&
          s->errored != CS_NOREF) {
        v->type = CS_PV_REF;
        v->ref = s->errored;
      }
      break;
    case CS_P_WRITABLE: B(cs_writable(s)); break;
    case CS_P_WLENGTH: I(s->w.length); break;
    case CS_P_WHWM: I(s->w.hwm); break;
    case CS_P_WENDED: B(s->w.f & CS_W_ENDING); break;
    case CS_P_WFINISHED: B(s->w.f & CS_W_FINISHED); break;
    case CS_P_WCORKED: I(s->w.corked); break;
    case CS_P_WNEEDDRAIN: B(cs_need_drain(s)); break;
    case CS_P_WOBJ: B(s->w.f & CS_OBJECT_MODE); break;
    case CS_P_WABORTED: B(cs_writable_aborted(s)); break;
    case CS_P_HALFOPEN: B(s->kind & CS_K_HALF_OPEN); break;
    default: break;
  }
}
