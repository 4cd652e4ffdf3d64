/*
** lcs_zlib.c - the Lua face of cs_zlib: require("cstream.core").zlib.
**
**   z = zlib.new(mode, opts)          mode: zlib.constants.DEFLATE ... UNZIP
**   out, state, used = z:write(chunk, flush[, maxpieces])
**   out, state, used = z:resume([maxpieces])
**   ok = z:reset()     out = z:params(level, strategy)     z:close()
**
** 'out' is an array of output strings, at most chunkSize bytes each.
** 'state' is "done", "eof" (stream ended, rest of the input ignored) or
** "more": maxpieces pieces came out and zlib has more; the unread input
** stays anchored in the userdata until z:resume().  'used' counts the
** input bytes zlib consumed in this call.  Failures return
** nil, {code=, message=, errno=}, out-before-the-error.  The userdata
** owns the zlib state, so a Lua error anywhere leaks nothing.
*/
#include <math.h>
#include <string.h>

#include <zlib.h>

#include "lcs.h"
#include "cs_zlib.h"

#define ZSTREAM "cstream.ZStream"

typedef struct lzs {
  cs_zlib *z;           /* NULL once closed */
  const char *in;       /* pending input: a view into uservalue 1 */
  size_t inlen;
  int flush;
  int pending;
} lzs;

/* Misuse raises an error table, as the rest of the binding does. */
static int zerror(lua_State *L, const char *code, const char *msg) {
  lcs_pusherror(L, code, msg);
  return lua_error(L);
}

static lzs *check_open(lua_State *L) {
  lzs *s = luaL_checkudata(L, 1, ZSTREAM);
  if (s->z == NULL) zerror(L, "ERR_STREAM_DESTROYED", "zlib stream is closed");
  return s;
}

static void push_error(lua_State *L, const cs_zlib_err *e) {
  lua_createtable(L, 0, 3);
  lua_pushstring(L, e->code);
  lua_setfield(L, -2, "code");
  lua_pushstring(L, e->message);
  lua_setfield(L, -2, "message");
  lua_pushinteger(L, e->errnum);
  lua_setfield(L, -2, "errno");
}

static void set_pending(lua_State *L, lzs *s, int anchor) {
  if (anchor == 0) {
    s->pending = 0;
    s->in = NULL;
    s->inlen = 0;
    lua_pushnil(L);
  } else {
    s->pending = 1;
    lua_pushvalue(L, anchor);
  }
  lua_setiuservalue(L, 1, 1);
}

/* Step until done or maxpieces (0: no limit) pieces with more to come.
** s->in/inlen are updated before anything that can raise, so a memory
** error leaves the stream consistent. */
static int run(lua_State *L, lzs *s, lua_Integer maxpieces) {
  lua_Integer n = 0;
  size_t before = s->inlen, used;
  int r;
  lua_newtable(L);
  for (;;) {
    const char *o;
    size_t ol;
    r = cs_zlib_step(s->z, &s->in, &s->inlen, s->flush, &o, &ol);
    if (ol > 0) {
      lua_pushlstring(L, o, ol);
      lua_rawseti(L, -2, ++n);
    }
    if (r != CS_ZLIB_MORE) break;
    if (maxpieces > 0 && n >= maxpieces) {
      lua_pushliteral(L, "more");
      lua_pushinteger(L, (lua_Integer)(before - s->inlen));
      return 3;
    }
  }
  used = before - s->inlen;
  set_pending(L, s, 0);
  if (r == CS_ZLIB_FAIL) {
    lua_pushnil(L);
    push_error(L, cs_zlib_error(s->z));
    lua_rotate(L, -3, -1);  /* nil, err, out */
    return 3;
  }
  lua_pushstring(L, r == CS_ZLIB_EOF ? "eof" : "done");
  lua_pushinteger(L, (lua_Integer)used);
  return 3;
}

static int check_flush(lua_State *L, int arg) {
  lua_Integer f = luaL_checkinteger(L, arg);
  luaL_argcheck(L, f >= Z_NO_FLUSH && f <= Z_BLOCK, arg, "invalid flush flag");
  return (int)f;
}

static lua_Integer opt_max(lua_State *L, int arg) {
  lua_Integer m = luaL_optinteger(L, arg, 0);
  luaL_argcheck(L, m >= 0, arg, "must be >= 0");
  return m;
}

static int zs_write(lua_State *L) {
  lzs *s = check_open(L);
  size_t len;
  const char *p;
  int flush;
  lua_Integer maxpieces;
  luaL_checktype(L, 2, LUA_TSTRING);
  p = lua_tolstring(L, 2, &len);
  flush = check_flush(L, 3);
  maxpieces = opt_max(L, 4);
  if (s->pending) return zerror(L, "ERR_INVALID_STATE", "write while a write is pending");
  lua_settop(L, 2);
  set_pending(L, s, 2);  /* the string stays alive while input remains */
  s->in = p;
  s->inlen = len;
  s->flush = flush;
  return run(L, s, maxpieces);
}

static int zs_resume(lua_State *L) {
  lzs *s = check_open(L);
  lua_Integer maxpieces = opt_max(L, 2);
  if (!s->pending) {
    lua_newtable(L);
    lua_pushliteral(L, "done");
    lua_pushinteger(L, 0);
    return 3;
  }
  lua_settop(L, 1);
  lua_getiuservalue(L, 1, 1);  /* keep the input on the stack too */
  return run(L, s, maxpieces);
}

static int zs_reset(lua_State *L) {
  lzs *s = check_open(L);
  set_pending(L, s, 0);
  if (cs_zlib_reset(s->z) != 0) {
    lua_pushnil(L);
    push_error(L, cs_zlib_error(s->z));
    return 2;
  }
  lua_pushboolean(L, 1);
  return 1;
}

static int zs_params(lua_State *L) {
  lzs *s = check_open(L);
  lua_Integer level = luaL_checkinteger(L, 2);
  lua_Integer strategy = luaL_checkinteger(L, 3);
  const char *o;
  size_t ol;
  luaL_argcheck(L, level >= -1 && level <= 9, 2, "invalid level");
  luaL_argcheck(L, strategy >= 0 && strategy <= Z_FIXED, 3,
                "invalid strategy");
  if (s->pending) return zerror(L, "ERR_INVALID_STATE", "params while a write is pending");
  if (cs_zlib_params(s->z, (int)level, (int)strategy, &o, &ol) != 0) {
    lua_pushnil(L);
    push_error(L, cs_zlib_error(s->z));
    return 2;
  }
  lua_newtable(L);
  if (ol > 0) {
    lua_pushlstring(L, o, ol);
    lua_rawseti(L, -2, 1);
  }
  return 1;
}

/* __gc, __close and close(): idempotent, never calls Lua. */
static int zs_close(lua_State *L) {
  lzs *s = luaL_checkudata(L, 1, ZSTREAM);
  cs_zlib_free(s->z);
  s->z = NULL;
  s->pending = 0;
  s->in = NULL;
  s->inlen = 0;
  return 0;
}

static int zs_closed(lua_State *L) {
  lzs *s = luaL_checkudata(L, 1, ZSTREAM);
  lua_pushboolean(L, s->z == NULL);
  return 1;
}

static int zs_pending(lua_State *L) {
  lzs *s = luaL_checkudata(L, 1, ZSTREAM);
  lua_pushboolean(L, s->pending);
  return 1;
}

/* Options as Node reads them: absent or NaN means the default. */
static double opt_num(lua_State *L, int t, const char *k, double def,
                      double lo, double hi) {
  double v;
  int isnum;
  lua_getfield(L, t, k);
  if (lua_isnil(L, -1)) { lua_pop(L, 1); return def; }
  v = lua_tonumberx(L, -1, &isnum);
  if (!isnum || lua_type(L, -1) != LUA_TNUMBER)
    zerror(L, "ERR_INVALID_ARG_TYPE", lua_pushfstring(L,
           "bad option '%s' (number expected, got %s)", k, luaL_typename(L, -1)));
  lua_pop(L, 1);
  if (isnan(v)) return def;
  if (!(v >= lo && v <= hi))
    zerror(L, "ERR_OUT_OF_RANGE", lua_pushfstring(L, "bad option '%s' (out of range)", k));
  return v;
}

static int z_new(lua_State *L) {
  lua_Integer mode = luaL_checkinteger(L, 1);
  cs_zlib_opts o;
  cs_zlib_err err;
  lzs *s;
  luaL_argcheck(L, mode >= CS_ZLIB_DEFLATE && mode <= CS_ZLIB_UNZIP, 1,
                "invalid mode");
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  /* Closed first: a raise while reading options leaves a harmless shell. */
  s = lua_newuserdatauv(L, sizeof *s, 1);
  memset(s, 0, sizeof *s);
  luaL_setmetatable(L, ZSTREAM);
  cs_zlib_opts_default(&o);
  if (lua_istable(L, 2)) {
    /* In range (opt_num checked), so the conversions cannot overflow. */
    o.level = opt_num(L, 2, "level", o.level, -1, 9);
    o.window_bits = opt_num(L, 2, "windowBits", 0, 0, 15);
    o.mem_level = opt_num(L, 2, "memLevel", o.mem_level, 1, 9);
    o.strategy = opt_num(L, 2, "strategy", o.strategy, 0, Z_FIXED);
    o.chunk_size = opt_num(L, 2, "chunkSize", (double)o.chunk_size,
                           CS_ZLIB_MIN_CHUNK, CS_ZLIB_MAX_CHUNK);
    lua_getfield(L, 2, "dictionary");
    if (!lua_isnil(L, -1)) {
      if (lua_type(L, -1) != LUA_TSTRING)
        return zerror(L, "ERR_INVALID_ARG_TYPE", lua_pushfstring(L,
                      "bad option 'dictionary' (string expected, got %s)",
                      luaL_typename(L, -1)));
      o.dict = lua_tolstring(L, -1, &o.dictlen);  /* copied by new */
    }
  }
  s->z = cs_zlib_new((int)mode, &o, &err);
  if (s->z == NULL) {
    lua_pushnil(L);
    push_error(L, &err);
    return 2;
  }
  lua_settop(L, 3);
  return 1;
}

/* crc32(data[, value]) as Node's zlib.crc32. */
static int z_crc32(lua_State *L) {
  size_t len;
  const char *p;
  lua_Integer v = luaL_optinteger(L, 2, 0);
  luaL_checktype(L, 1, LUA_TSTRING);
  p = lua_tolstring(L, 1, &len);
  luaL_argcheck(L, v >= 0 && v <= 0xffffffffLL, 2, "must be a uint32");
  lua_pushinteger(L, (lua_Integer)crc32_z((uLong)v, (const Bytef *)p, len));
  return 1;
}

static void set_constants(lua_State *L) {
  static const struct { const char *name; lua_Integer v; } k[] = {
    {"Z_NO_FLUSH", Z_NO_FLUSH}, {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH},
    {"Z_SYNC_FLUSH", Z_SYNC_FLUSH}, {"Z_FULL_FLUSH", Z_FULL_FLUSH},
    {"Z_FINISH", Z_FINISH}, {"Z_BLOCK", Z_BLOCK},
    {"Z_OK", Z_OK}, {"Z_STREAM_END", Z_STREAM_END},
    {"Z_NEED_DICT", Z_NEED_DICT}, {"Z_ERRNO", Z_ERRNO},
    {"Z_STREAM_ERROR", Z_STREAM_ERROR}, {"Z_DATA_ERROR", Z_DATA_ERROR},
    {"Z_MEM_ERROR", Z_MEM_ERROR}, {"Z_BUF_ERROR", Z_BUF_ERROR},
    {"Z_VERSION_ERROR", Z_VERSION_ERROR},
    {"Z_NO_COMPRESSION", Z_NO_COMPRESSION}, {"Z_BEST_SPEED", Z_BEST_SPEED},
    {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION},
    {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION},
    {"Z_FILTERED", Z_FILTERED}, {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY},
    {"Z_RLE", Z_RLE}, {"Z_FIXED", Z_FIXED},
    {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY}, {"ZLIB_VERNUM", ZLIB_VERNUM},
    {"DEFLATE", CS_ZLIB_DEFLATE}, {"INFLATE", CS_ZLIB_INFLATE},
    {"GZIP", CS_ZLIB_GZIP}, {"GUNZIP", CS_ZLIB_GUNZIP},
    {"DEFLATERAW", CS_ZLIB_DEFLATERAW}, {"INFLATERAW", CS_ZLIB_INFLATERAW},
    {"UNZIP", CS_ZLIB_UNZIP},
    {"Z_MIN_WINDOWBITS", 8}, {"Z_MAX_WINDOWBITS", 15},
    {"Z_DEFAULT_WINDOWBITS", 15}, {"Z_MIN_CHUNK", CS_ZLIB_MIN_CHUNK},
    {"Z_MAX_CHUNK", CS_ZLIB_MAX_CHUNK},
    {"Z_DEFAULT_CHUNK", CS_ZLIB_DEFAULT_CHUNK},
    {"Z_MIN_MEMLEVEL", 1}, {"Z_MAX_MEMLEVEL", 9}, {"Z_DEFAULT_MEMLEVEL", 8},
    {"Z_MIN_LEVEL", -1}, {"Z_MAX_LEVEL", 9},
    {"Z_DEFAULT_LEVEL", Z_DEFAULT_COMPRESSION},
  };
  size_t i;
  lua_createtable(L, 0, (int)(sizeof k / sizeof k[0]));
  for (i = 0; i < sizeof k / sizeof k[0]; i++) {
    lua_pushinteger(L, k[i].v);
    lua_setfield(L, -2, k[i].name);
  }
}

int lcs_open_zlib(lua_State *L) {
  static const luaL_Reg methods[] = {
    {"write", zs_write}, {"resume", zs_resume}, {"reset", zs_reset},
    {"params", zs_params}, {"close", zs_close}, {"closed", zs_closed},
    {"pending", zs_pending}, {NULL, NULL}
  };
  static const luaL_Reg funcs[] = {
    {"new", z_new}, {"crc32", z_crc32}, {NULL, NULL}
  };
  if (luaL_newmetatable(L, ZSTREAM)) {
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, zs_close);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, zs_close);
    lua_setfield(L, -2, "__close");
  }
  lua_pop(L, 1);
  luaL_newlib(L, funcs);
  set_constants(L);
  lua_setfield(L, -2, "constants");
  lua_pushstring(L, zlibVersion());
  lua_setfield(L, -2, "version");
  return 1;
}
