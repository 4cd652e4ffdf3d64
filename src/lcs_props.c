/*
** lcs_props.c - properties (readableLength, writableEnded, ...) and _state().
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lcs_int.h"

/* ---- properties --------------------------------------------------------------- */

enum {
  P_READABLE = 1, P_FLOWING, P_RLENGTH, P_RHWM, P_RENCODING, P_RENDED,
  P_ROBJ, P_RABORTED, P_RDIDREAD, P_DESTROYED, P_CLOSED, P_ERRORED,
  P_WRITABLE, P_WLENGTH, P_WHWM, P_WENDED, P_WFINISHED, P_WCORKED,
  P_WNEEDDRAIN, P_WOBJ, P_WABORTED, P_HALFOPEN
};

const char *const propnames[] = {
  NULL, "readable", "readableFlowing", "readableLength", "readableHighWaterMark",
  "readableEncoding", "readableEnded", "readableObjectMode", "readableAborted",
  "readableDidRead", "destroyed", "closed", "errored", "writable",
  "writableLength", "writableHighWaterMark", "writableEnded", "writableFinished",
  "writableCorked", "writableNeedDrain", "writableObjectMode", "writableAborted",
  "allowHalfOpen", NULL
};

static int pushprop(lua_State *L, lcs_ud *u, int ui, int id) {
  cs_stream *s = &u->s;
  int r = (s->kind & CS_K_READABLE) != 0, w = (s->kind & CS_K_WRITABLE) != 0;
  if (s->host == NULL) { lua_pushnil(L); return 1; }
  if (id >= P_RLENGTH && id <= P_RDIDREAD && !r) { lua_pushnil(L); return 1; }
  if (id >= P_WLENGTH && id <= P_WABORTED && !w) { lua_pushnil(L); return 1; }
  switch (id) {
    case P_READABLE: lua_pushboolean(L, cs_readable(s)); break;
    case P_FLOWING: {
      int f = r ? cs_flowing(s) : -1;
      if (f < 0) lua_pushnil(L); else lua_pushboolean(L, f);
      break;
    }
    case P_RLENGTH: lua_pushinteger(L, (lua_Integer)s->r.length); break;
    case P_RHWM: lua_pushinteger(L, (lua_Integer)s->r.hwm); break;
    case P_RENCODING:
      if (s->r.encoding == CS_ENC_BUFFER) lua_pushnil(L);
      else lua_pushstring(L, cs_enc_name(s->r.encoding));
      break;
    case P_RENDED: lua_pushboolean(L, (s->r.f & CS_R_END_EMITTED) != 0); break;
    case P_ROBJ: lua_pushboolean(L, (s->r.f & CS_OBJECT_MODE) != 0); break;
    case P_RABORTED: lua_pushboolean(L, cs_readable_aborted(s)); break;
    case P_RDIDREAD: lua_pushboolean(L, (s->r.f & CS_R_DATA_EMITTED) != 0); break;
    case P_DESTROYED: lua_pushboolean(L, cs_destroyed(s)); break;
    case P_CLOSED: lua_pushboolean(L, cs_closed(s)); break;
    case P_ERRORED:
      if (((r ? s->r.f : s->w.f) & CS_ERRORED) && s->errored != CS_NOREF)
        pushref(L, ui, s->errored);
      else
        lua_pushnil(L);
      break;
    case P_WRITABLE: lua_pushboolean(L, cs_writable(s)); break;
    case P_WLENGTH: lua_pushinteger(L, (lua_Integer)s->w.length); break;
    case P_WHWM: lua_pushinteger(L, (lua_Integer)s->w.hwm); break;
    case P_WENDED: lua_pushboolean(L, (s->w.f & CS_W_ENDING) != 0); break;
    case P_WFINISHED: lua_pushboolean(L, (s->w.f & CS_W_FINISHED) != 0); break;
    case P_WCORKED: lua_pushinteger(L, s->w.corked); break;
    case P_WNEEDDRAIN: lua_pushboolean(L, cs_need_drain(s)); break;
    case P_WOBJ: lua_pushboolean(L, (s->w.f & CS_OBJECT_MODE) != 0); break;
    case P_WABORTED: lua_pushboolean(L, cs_writable_aborted(s)); break;
    case P_HALFOPEN:
      if (r && w) lua_pushboolean(L, (s->kind & CS_K_HALF_OPEN) != 0);
      else lua_pushnil(L);
      break;
    default: lua_pushnil(L);
  }
  return 1;
}

/* The property table is an upvalue of __index and __newindex. */
static int propid(lua_State *L, int k) {
  int id;
  lua_pushvalue(L, k);
  lua_rawget(L, lua_upvalueindex(1));
  id = (int)lua_tointeger(L, -1);
  lua_pop(L, 1);
  return id;
}

/* __index: instance fields, then properties, then the class chain. */
int l_index(lua_State *L) {
  lcs_ud *u;
  int id;
  if (!is_stream(L, 1)) return selferror(L, 1, "cstream stream");
  u = (lcs_ud *)lua_touserdata(L, 1);
  lua_getiuservalue(L, 1, LCS_FIELDS);
  lua_pushvalue(L, 2);
  if (lua_rawget(L, -2) != LUA_TNIL) return 1;
  lua_pop(L, 2);
  if (lua_type(L, 2) == LUA_TSTRING && (id = propid(L, 2)) != 0)
    return pushprop(L, u, 1, id);
  lua_getmetatable(L, 1);
  lua_pushvalue(L, 2);
  lua_gettable(L, -2);
  return 1;
}

int l_newindex(lua_State *L) {
  if (!is_stream(L, 1)) return selferror(L, 1, "cstream stream");
  if (lua_type(L, 2) == LUA_TSTRING && propid(L, 2) != 0)
    return luaL_error(L, "attempt to set read-only property '%s'", lua_tostring(L, 2));
  if (lua_type(L, 2) == LUA_TSTRING) {
    const char *k = lua_tostring(L, 2);
    lcs_ud *u = (lcs_ud *)lua_touserdata(L, 1);
    if (strcmp(k, "emit") == 0) u->stdemit = 0;
    else if (strcmp(k, "write") == 0) u->stdwrite = 0;
    else if (strcmp(k, "_read") == 0) u->userread = 0;
    else if (u->passthrough && strcmp(k, "_transform") == 0) {
      lua_settop(L, 3);
      lua_getiuservalue(L, 1, LCS_FIELDS);
      lua_pushvalue(L, 2);
      lua_pushvalue(L, 3);
      lua_rawset(L, -3);
      pt_update(L, u, 1);
      return 0;
    }
  }
  lua_getiuservalue(L, 1, LCS_FIELDS);
  lua_pushvalue(L, 2);
  lua_pushvalue(L, 3);
  lua_rawset(L, -3);
  return 0;
}

/* _state(): Node's state fields for the Lua utilities (finished, pipeline). */
static void setb(lua_State *L, const char *k, int v) {
  lua_pushboolean(L, v);
  lua_setfield(L, -2, k);
}

int l_state(lua_State *L) {
  lcs_ud *u = checkud(L);
  cs_stream *s = &u->s;
  lua_createtable(L, 0, 2);
  if (s->kind & CS_K_READABLE) {
    uint32_t f = s->r.f;
    lua_createtable(L, 0, 16);
    setb(L, "objectMode", f & CS_OBJECT_MODE);
    setb(L, "ended", f & CS_R_ENDED);
    setb(L, "endEmitted", f & CS_R_END_EMITTED);
    setb(L, "reading", f & CS_R_READING);
    setb(L, "errorEmitted", f & CS_ERROR_EMITTED);
    setb(L, "emitClose", f & CS_EMIT_CLOSE);
    setb(L, "autoDestroy", f & CS_AUTO_DESTROY);
    setb(L, "destroyed", f & CS_DESTROYED);
    setb(L, "closed", f & CS_CLOSED);
    setb(L, "closeEmitted", f & CS_CLOSE_EMITTED);
    setb(L, "constructed", f & CS_CONSTRUCTED);
    setb(L, "readable", !(f & CS_R_DISABLED));
    setb(L, "dataEmitted", f & CS_R_DATA_EMITTED);
    setb(L, "multiAwaitDrain", f & CS_R_MULTI_AWAIT_DRAIN);
    setb(L, "dataListening", f & CS_R_DATA_LISTENING);
    if (f & CS_ERRORED) { pushref(L, 1, s->errored); lua_setfield(L, -2, "errored"); }
    if (cs_flowing(s) >= 0) setb(L, "flowing", cs_flowing(s));
    lua_pushinteger(L, (lua_Integer)s->r.length);
    lua_setfield(L, -2, "length");
    lua_setfield(L, -2, "r");
  }
  if (s->kind & CS_K_WRITABLE) {
    uint32_t f = s->w.f;
    lua_createtable(L, 0, 20);
    setb(L, "objectMode", f & CS_OBJECT_MODE);
    setb(L, "ending", f & CS_W_ENDING);
    setb(L, "ended", f & CS_W_ENDED);
    setb(L, "finished", f & CS_W_FINISHED);
    setb(L, "errorEmitted", f & CS_ERROR_EMITTED);
    setb(L, "emitClose", f & CS_EMIT_CLOSE);
    setb(L, "autoDestroy", f & CS_AUTO_DESTROY);
    setb(L, "destroyed", f & CS_DESTROYED);
    setb(L, "closed", f & CS_CLOSED);
    setb(L, "closeEmitted", f & CS_CLOSE_EMITTED);
    setb(L, "constructed", f & CS_CONSTRUCTED);
    setb(L, "writable", !(f & CS_W_DISABLED));
    setb(L, "needDrain", f & CS_W_NEED_DRAIN);
    setb(L, "finalCalled", f & CS_W_FINAL_CALLED);
    setb(L, "prefinished", f & CS_W_PREFINISHED);
    setb(L, "writing", f & CS_W_WRITING);
    if (f & CS_ERRORED) { pushref(L, 1, s->errored); lua_setfield(L, -2, "errored"); }
    lua_pushinteger(L, (lua_Integer)s->w.length);
    lua_setfield(L, -2, "length");
    lua_pushinteger(L, s->w.corked);
    lua_setfield(L, -2, "corked");
    lua_pushinteger(L, (lua_Integer)s->w.pendingcb);
    lua_setfield(L, -2, "pendingcb");
    lua_pushinteger(L, (lua_Integer)s->w.buffered.n);
    lua_setfield(L, -2, "bufferedRequestCount");
    lua_setfield(L, -2, "w");
  }
  return 1;
}
