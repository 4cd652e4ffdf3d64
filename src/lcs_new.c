/*
** lcs_new.c - construction: options, highWaterMarks, a new stream userdata.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lcs_int.h"

/* ---- construction ------------------------------------------------------------ */

/* How Node's inspect() shows an option value in a message. */
static const char *jsvalue(lua_State *L, int idx) {
  idx = lua_absindex(L, idx);
  switch (lua_type(L, idx)) {
    case LUA_TSTRING: return lua_pushfstring(L, "'%s'", lua_tostring(L, idx));
    case LUA_TBOOLEAN: return lua_pushstring(L, lua_toboolean(L, idx) ? "true" : "false");
    case LUA_TNUMBER: {
      double v = lua_tonumber(L, idx);
      if (lua_isinteger(L, idx)) return lua_pushfstring(L, LCS_I, LCS_IARG(lua_tointeger(L, idx)));
      if (v != v) return lua_pushstring(L, "NaN");
      if (isinf(v)) return lua_pushstring(L, v > 0 ? "Infinity" : "-Infinity");
      if (v == floor(v) && fabs(v) < 1e15) return lua_pushfstring(L, LCS_I, LCS_IARG(v));
      return lua_pushfstring(L, "%f", v);
    }
    default: return lua_pushstring(L, luaL_typename(L, idx));
  }
}

/* Node's getHighWaterMark(state, options, sidekey, isDuplex): highWaterMark,
** else (Duplex) the side's own key; anything but a non-negative integer is
** ERR_INVALID_ARG_VALUE, named by the side's key in a Duplex.  -1: default. */
static double opt_hwm(lua_State *L, int oi, int duplex, const char *sidekey) {
  double v = -1;
  if (duplex < 0) {  /* the side's own key only */
    lua_getfield(L, oi, sidekey);
  } else if (lua_getfield(L, oi, "highWaterMark") == LUA_TNIL && duplex) {
    lua_pop(L, 1);
    lua_getfield(L, oi, sidekey);
  }
  if (!lua_isnil(L, -1)) {
    if (lua_type(L, -1) != LUA_TNUMBER || !((v = lua_tonumber(L, -1)) >= 0) ||
        v != floor(v) || isinf(v)) {
      const char *got = jsvalue(L, -1);
      lua_pushfstring(L, "The property 'options.%s' is invalid. Received %s",
                      duplex ? sidekey : "highWaterMark", got);
      lcs_raise(L, "ERR_INVALID_ARG_VALUE", lua_tostring(L, -1));
    }
    /* Past 2^53 - 1 no buffer is ever that long. */
    if (v > 9007199254740991.0) v = 9007199254740991.0;
  }
  lua_pop(L, 1);
  return v;
}

/* Transform with a readable highWaterMark of 0: Node reads
** writableHighWaterMark alone, a falsy one as none (-1; cs_init makes
** that 0). */
static double opt_transform_whwm(lua_State *L, int oi) {
  int t = lua_getfield(L, oi, "writableHighWaterMark");
  int falsy = t == LUA_TNIL || (t == LUA_TBOOLEAN && !lua_toboolean(L, -1)) ||
              (t == LUA_TNUMBER && (lua_tonumber(L, -1) == 0 || lua_tonumber(L, -1) != lua_tonumber(L, -1))) ||
              (t == LUA_TSTRING && lua_rawlen(L, -1) == 0);
  lua_pop(L, 1);
  if (falsy) return -1;
  return opt_hwm(L, oi, -1, "writableHighWaterMark");
}

static int opt_bool(lua_State *L, int oi, const char *k, int def) {
  int v = def;
  if (lua_getfield(L, oi, k) != LUA_TNIL) v = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

static int opt_enc(lua_State *L, int oi, const char *k, int def) {
  int v = def;
  if (lua_getfield(L, oi, k) != LUA_TNIL && lua_toboolean(L, -1))
    v = lcs_checkenc(L, lua_gettop(L), 1);
  lua_pop(L, 1);
  return v;
}

/* PassThrough.prototype._transform: callback(nil, chunk).  A PassThrough
** whose _transform is this one never calls it: cs_t_write passes the chunk
** on in C.  A subclass may call it as stream.PassThrough._transform. */
int l_ptransform(lua_State *L) {
  lua_settop(L, 4);
  lua_pushnil(L);
  lua_pushvalue(L, 2);
  lua_call(L, 2, 0);
  return 0;
}

/* The all-C path holds while the _transform found is PassThrough's own: a
** transform option, a subclass method or one assigned to the instance later
** leaves it, as Node's PassThrough then calls that one. */
void pt_update(lua_State *L, lcs_ud *u, int ui) {
  int own = lookup(L, ui, K_TRANSFORM) && lua_tocfunction(L, -1) == l_ptransform;
  lua_pop(L, 1);
  if (own) u->s.kind |= CS_K_PASSTHROUGH; else u->s.kind &= ~CS_K_PASSTHROUGH;
}

/* Node's default highWaterMarks, one pair per Lua state: an upvalue shared
** by new, getDefaultHighWaterMark and setDefaultHighWaterMark. */
#define DEFHWM(L) ((size_t *)lua_touserdata(L, lua_upvalueindex(1)))

/* core.getDefaultHighWaterMark(objectMode) */
int l_getdefhwm(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)DEFHWM(L)[lua_toboolean(L, 1) ? 1 : 0]);
  return 1;
}

/* A number as JS prints it in an error message (NaN, Infinity). */
static const char *jsnum(lua_State *L, int idx) {
  lua_Number n = lua_tonumber(L, idx);
  if (n != n) return "NaN";
  if (n - n != 0) return n > 0 ? "Infinity" : "-Infinity";
  if (n == floor(n) && fabs(n) < 1e21) {
    char buf[32];
    snprintf(buf, sizeof buf, "%.0f", (double)n);
    return lua_pushstring(L, buf);
  }
  return luaL_tolstring(L, idx, NULL);
}

/* core.setDefaultHighWaterMark(objectMode, n): n as Node's validateInteger
** (value, 'value', 0) takes it; streams made afterwards use it. */
int l_setdefhwm(lua_State *L) {
  lua_Number n;
  if (lua_type(L, 2) != LUA_TNUMBER)
    return lcs_argerror(L, 2, 2, "setDefaultHighWaterMark", "number");
  n = lua_tonumber(L, 2);
  if (n != floor(n) || n - n != 0) {  /* fractional, NaN, infinite */
    lua_pushfstring(L, "The value of \"value\" is out of range. It must be an integer. Received %s",
                    jsnum(L, 2));
    return lcs_raise(L, "ERR_OUT_OF_RANGE", lua_tostring(L, -1));
  }
  if (n < 0 || n > 9007199254740991.0) {
    lua_pushfstring(L, "The value of \"value\" is out of range. It must be >= 0 && <= 9007199254740991. Received %s",
                    jsnum(L, 2));
    return lcs_raise(L, "ERR_OUT_OF_RANGE", lua_tostring(L, -1));
  }
  DEFHWM(L)[lua_toboolean(L, 1) ? 1 : 0] = (size_t)n;
  return 0;
}

/* core.new(class, kind, opts) */
/* An option's spelling, kept when it is not the canonical name. */
static void keep_spelling(lua_State *L, int oi, const char *k, int enc, char *buf) {
  size_t n;
  const char *name;
  buf[0] = '\0';
  if (enc < 0) return;
  lua_getfield(L, oi, k);
  name = lua_tolstring(L, -1, &n);
  if (name && n < 12 && strcmp(name, cs_enc_name(enc)) != 0) memcpy(buf, name, n + 1);
  lua_pop(L, 1);
}

int l_new(lua_State *L) {
  uint32_t kind = (uint32_t)luaL_checkinteger(L, 2);
  int duplex = (kind & CS_K_READABLE) && (kind & CS_K_WRITABLE);
  cs_opts o;
  lcs_ud *u;
  int rc;
  char encname[12] = "", defencname[12] = "";
  luaL_checktype(L, 1, LUA_TTABLE);
  cs_opts_default(&o);
  o.default_hwm[0] = DEFHWM(L)[0];
  o.default_hwm[1] = DEFHWM(L)[1];
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    o.object_mode[0] = o.object_mode[1] = opt_bool(L, 3, "objectMode", 0);
    if (duplex) {
      if (opt_bool(L, 3, "readableObjectMode", 0)) o.object_mode[0] = 1;
      if (opt_bool(L, 3, "writableObjectMode", 0)) o.object_mode[1] = 1;
    }
    /* In Node's order: ReadableState (highWaterMark, defaultEncoding,
    ** encoding), then WritableState (highWaterMark, defaultEncoding). */
    if (kind & CS_K_READABLE) {
      o.hwm[0] = opt_hwm(L, 3, duplex, "readableHighWaterMark");
      o.default_encoding = opt_enc(L, 3, "defaultEncoding", CS_ENC_UTF8);
      o.encoding = opt_enc(L, 3, "encoding", -1);
    }
    if (kind & CS_K_WRITABLE) {
      if ((kind & CS_K_TRANSFORM) && o.hwm[0] == 0)
        o.hwm[1] = opt_transform_whwm(L, 3);
      else
        o.hwm[1] = opt_hwm(L, 3, duplex, "writableHighWaterMark");
      o.default_encoding = opt_enc(L, 3, "defaultEncoding", CS_ENC_UTF8);
    }
    o.emit_close = opt_bool(L, 3, "emitClose", 1);
    o.auto_destroy = opt_bool(L, 3, "autoDestroy", 1);
    o.allow_half_open = opt_bool(L, 3, "allowHalfOpen", 1);
    o.decode_strings = opt_bool(L, 3, "decodeStrings", 1);
    o.readable = opt_bool(L, 3, "readable", 1);
    o.writable = opt_bool(L, 3, "writable", 1);
    keep_spelling(L, 3, "encoding", o.encoding, encname);
    /* Node keeps 'utf8' for "utf8", "utf-8" and none; others as spelled */
    if (o.default_encoding != CS_ENC_UTF8)
      keep_spelling(L, 3, "defaultEncoding", o.default_encoding, defencname);
  }
  /* Build closed first: zeroed and with its metatable before anything fails. */
  u = (lcs_ud *)lua_newuserdatauv(L, sizeof(lcs_ud), LCS_NUV);
  memset(u, 0, sizeof *u);
  lua_newtable(L);
  lua_setiuservalue(L, -2, LCS_FIELDS);
  lua_createtable(L, LCS_ANCHORS_MIN, 0);
  lua_setiuservalue(L, -2, LCS_ANCHORS);
  u->anchorcap = LCS_ANCHORS_MIN;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &KEYSKEY);
  lua_setiuservalue(L, -2, LCS_KEYS);
  lua_pushvalue(L, 1);
  lua_setmetatable(L, -2);
  u->L = L;
  u->st = lcs_getstate(L);
  lcs_wslot_take(L, u, -1);   /* may raise: u is still closed */
  u->magic = LCS_MAGIC;
  u->self = u;
  u->allocf = lua_getallocf(L, &u->allocud);
  memcpy(u->encname, encname, sizeof encname);
  memcpy(u->defencname, defencname, sizeof defencname);
  rc = cs_init(&u->s, &host, u, kind, &o);
  if (rc != 0) return lcs_raise(L, "ENOMEM", "out of memory");
  if (kind & CS_K_PASSTHROUGH) {
    u->passthrough = 1;
    pt_update(L, u, lua_gettop(L));
  }
  return 1;
}

int l_construct(lua_State *L) {
  lcs_ud *u = checkud(L);
  { ENTER(u); cs_construct(&u->s); LEAVE(u); }
  return 0;
}
