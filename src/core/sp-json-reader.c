#define G_LOG_DOMAIN "standpoint-core"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sp-json-reader.h"

#define BLOCK_SIZE (64 * 1024)
#define ARENA_CHUNK_SIZE (64 * 1024)
#define ARENA_HEADER_SIZE ((sizeof (ArenaChunk) + 15) & ~(gsize) 15)
/* Beyond this many members, duplicate names are found with a hash set. */
#define LINEAR_NAME_LIMIT 16

typedef enum {
  STATE_START,
  STATE_ARRAY_FIRST,
  STATE_ARRAY_NEXT,
  STATE_ARRAY_COMMA,
  STATE_OBJECT_FIRST,
  STATE_OBJECT_NEXT,
  STATE_OBJECT_COMMA,
  STATE_MEMBER_VALUE,
  STATE_END,
  STATE_DONE,
} State;

typedef struct _ArenaChunk ArenaChunk;

struct _ArenaChunk
{
  ArenaChunk *next;
  gsize size;
  gsize used;
};

typedef struct
{
  SpJsonValue *container;
  SpJsonValue *last;
  GHashTable *names;
} Frame;

struct _SpJsonReader
{
  GObject parent_instance;

  GInputStream *stream;
  char *display_name;
  GCancellable *cancellable;

  guchar *buf;
  gsize pos;
  gsize end;
  gboolean eof;
  guint64 bytes_read;

  guint line;
  guint column;
  guint token_line;
  guint token_column;
  guint comma_line;
  guint comma_column;

  State state;
  SpJsonToken token;
  guint depth;
  gboolean in_object[SP_JSON_MAX_DEPTH];
  GError *error;
  char *error_path;

  /* The last token's string: in place in buf, or decoded into text. */
  const char *string;
  gsize string_length;
  gboolean string_in_buf;
  char *text;
  gsize text_length;
  gsize text_size;

  ArenaChunk *arena;
};

G_DEFINE_FINAL_TYPE (SpJsonReader, sp_json_reader, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-json-error-quark, sp_json_error)

/* Bytes a string copies through unchanged: printable ASCII except '"' and '\\'. */
static const guint8 string_plain[256] = {
  [0x20 ... 0x21] = 1,
  [0x23 ... 0x5b] = 1,
  [0x5d ... 0x7f] = 1,
};

/* A number or literal is scanned as one run of these bytes, so that "01x",
 * "0x10" or "truex" are rejected as a whole instead of being split. */
static const guint8 word_char[256] = {
  ['0' ... '9'] = 1,
  ['A' ... 'Z'] = 1,
  ['a' ... 'z'] = 1,
  ['.'] = 1,
  ['+'] = 1,
  ['-'] = 1,
};

static void
sp_json_reader_dispose (GObject *object)
{
  SpJsonReader *self = SP_JSON_READER (object);

  g_clear_object (&self->stream);

  G_OBJECT_CLASS (sp_json_reader_parent_class)->dispose (object);
}

static void
sp_json_reader_finalize (GObject *object)
{
  SpJsonReader *self = SP_JSON_READER (object);

  while (self->arena != NULL)
    {
      ArenaChunk *next = self->arena->next;

      g_free (self->arena);
      self->arena = next;
    }
  g_clear_error (&self->error);
  g_free (self->error_path);
  g_free (self->text);
  g_free (self->buf);
  g_free (self->display_name);

  G_OBJECT_CLASS (sp_json_reader_parent_class)->finalize (object);
}

static void
sp_json_reader_class_init (SpJsonReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sp_json_reader_dispose;
  object_class->finalize = sp_json_reader_finalize;
}

static void
sp_json_reader_init (SpJsonReader *self)
{
  self->buf = g_malloc (BLOCK_SIZE);
  self->text_size = 256;
  self->text = g_malloc (self->text_size);
  self->line = 1;
  self->column = 1;
  self->token_line = 1;
  self->token_column = 1;
}

/**
 * sp_json_reader_new:
 * @stream: the JSON text, UTF-8
 * @display_name: names the input in error messages, usually the file path
 *
 * Returns: (transfer full): a reader positioned before the first token
 */
SpJsonReader *
sp_json_reader_new (GInputStream *stream,
                    const char   *display_name)
{
  SpJsonReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  self = g_object_new (SP_TYPE_JSON_READER, NULL);
  self->stream = g_object_ref (stream);
  self->display_name = g_strdup (display_name);

  return self;
}

static void G_GNUC_PRINTF (5, 6)
fail (SpJsonReader *self,
      guint         line,
      guint         column,
      SpJsonError   code,
      const char   *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_assert (self->error == NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  self->error = g_error_new (SP_JSON_ERROR, code,
                             /* Translators: file name, line, column, then the error message */
                             _("%s:%u:%u: %s"),
                             self->display_name, line, column, message);
}

static inline void
text_append (SpJsonReader *self,
             const void   *data,
             gsize         length)
{
  if (G_UNLIKELY (self->text_size - self->text_length <= length))
    {
      self->text_size = MAX (self->text_size * 2, self->text_length + length + 1);
      self->text = g_realloc (self->text, self->text_size);
    }

  memcpy (self->text + self->text_length, data, length);
  self->text_length += length;
}

static void
text_finish (SpJsonReader *self)
{
  self->text[self->text_length] = '\0';
  self->string = self->text;
  self->string_length = self->text_length;
  self->string_in_buf = FALSE;
}

/* Makes at least @want bytes available at pos unless the stream ends first.
 * Returns FALSE, with the sticky error set, when reading failed. */
static gboolean
fill (SpJsonReader *self,
      gsize         want)
{
  g_assert (want <= BLOCK_SIZE);

  if (self->end - self->pos >= want || self->eof)
    return TRUE;

  /* A string used in place must survive the buffer being moved and refilled. */
  if (self->string_in_buf)
    {
      self->text_length = 0;
      text_append (self, self->string, self->string_length);
      text_finish (self);
    }

  if (self->pos > 0)
    {
      memmove (self->buf, self->buf + self->pos, self->end - self->pos);
      self->end -= self->pos;
      self->pos = 0;
    }

  while (self->end < want && !self->eof)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n;

      if (g_cancellable_set_error_if_cancelled (self->cancellable, &self->error))
        return FALSE;

      n = g_input_stream_read (self->stream,
                               self->buf + self->end, BLOCK_SIZE - self->end,
                               self->cancellable, &local_error);
      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            self->error = g_steal_pointer (&local_error);
          else
            fail (self, self->line, self->column, SP_JSON_ERROR_IO,
                  /* Translators: %s is the operating system's error message */
                  _("read failed: %s"), local_error->message);
          return FALSE;
        }

      if (n == 0)
        self->eof = TRUE;
      self->end += n;
      self->bytes_read += n;
    }

  return TRUE;
}

/* Returns the length of the well-formed UTF-8 sequence at @p, or 0 when it is
 * malformed or truncated: no overlong forms, no surrogates, nothing beyond
 * U+10FFFF. */
static inline guint
utf8_sequence_length (const guchar *p,
                      gsize         avail)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xbf;
  guint n;

  if (c < 0x80)
    return 1;
  else if (c < 0xc2)
    return 0;
  else if (c < 0xe0)
    n = 2;
  else if (c < 0xf0)
    {
      n = 3;
      if (c == 0xe0)
        lo = 0xa0;
      else if (c == 0xed)
        hi = 0x9f;
    }
  else if (c < 0xf5)
    {
      n = 4;
      if (c == 0xf0)
        lo = 0x90;
      else if (c == 0xf4)
        hi = 0x8f;
    }
  else
    return 0;

  if (avail < n || p[1] < lo || p[1] > hi)
    return 0;
  for (guint i = 2; i < n; i++)
    if ((p[i] & 0xc0) != 0x80)
      return 0;

  return n;
}

static inline guint
utf8_expected_length (guchar c)
{
  return c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static void
fail_encoding (SpJsonReader *self)
{
  fail (self, self->line, self->column, SP_JSON_ERROR_ENCODING,
        _("invalid UTF-8 sequence starting with byte 0x%02X"),
        self->buf[self->pos]);
}

/* Reports what is at pos where @expected (untranslated) was needed. A
 * malformed UTF-8 sequence there is an encoding error, not a syntax error. */
static void
fail_unexpected (SpJsonReader *self,
                 const char   *expected)
{
  guchar c;

  if (self->pos == self->end)
    {
      fail (self, self->line, self->column, SP_JSON_ERROR_SYNTAX, "%s",
            self->state == STATE_START ? _("empty document") : _("unexpected end of document"));
      return;
    }

  c = self->buf[self->pos];
  if (c >= 0x80)
    {
      if (!fill (self, 4))
        return;

      if (self->state == STATE_START && self->line == 1 && self->column == 1 &&
          self->end - self->pos >= 3 && memcmp (self->buf + self->pos, "\xef\xbb\xbf", 3) == 0)
        {
          fail (self, self->line, self->column, SP_JSON_ERROR_ENCODING,
                _("document starts with a byte order mark, which JSON does not allow"));
          return;
        }

      if (utf8_sequence_length (self->buf + self->pos, self->end - self->pos) == 0)
        {
          fail_encoding (self);
          return;
        }
    }

  if (c == '/')
    fail (self, self->line, self->column, SP_JSON_ERROR_SYNTAX,
          "%s", _("comments are not allowed in JSON"));
  else if (c == '\'')
    fail (self, self->line, self->column, SP_JSON_ERROR_SYNTAX,
          "%s", _("strings must be in double quotes"));
  else
    fail (self, self->line, self->column, SP_JSON_ERROR_SYNTAX, "%s", _(expected));
}

static gboolean
skip_whitespace (SpJsonReader *self)
{
  for (;;)
    {
      const guchar *p = self->buf + self->pos;
      const guchar *end = self->buf + self->end;
      guint line = self->line;
      guint column = self->column;

      for (; p < end; p++)
        {
          if (*p == ' ' || *p == '\t' || *p == '\r')
            column++;
          else if (*p == '\n')
            {
              line++;
              column = 1;
            }
          else
            break;
        }

      self->pos = p - self->buf;
      self->line = line;
      self->column = column;

      if (p < end)
        return TRUE;
      if (!fill (self, 1))
        return FALSE;
      if (self->pos == self->end)
        return TRUE;
    }
}

static gboolean
parse_hex4 (const guchar *p,
            gunichar     *out)
{
  gunichar u = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      u = (u << 4) | digit;
    }

  *out = u;
  return TRUE;
}

static void
fail_unterminated (SpJsonReader *self)
{
  fail (self, self->token_line, self->token_column, SP_JSON_ERROR_SYNTAX,
        "%s", _("unterminated string"));
}

/* The backslash is at pos. */
static gboolean
read_escape (SpJsonReader *self)
{
  const guchar *p;
  gsize avail;
  gunichar u;
  gunichar low;
  guint length = 6;
  char utf8[4];
  char c;

  if (!fill (self, 2))
    return FALSE;
  p = self->buf + self->pos;
  if (self->end - self->pos < 2)
    {
      fail_unterminated (self);
      return FALSE;
    }

  switch (p[1])
    {
    case '"': c = '"'; break;
    case '\\': c = '\\'; break;
    case '/': c = '/'; break;
    case 'b': c = '\b'; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'u': c = 0; break;
    default:
      fail (self, self->line, self->column, SP_JSON_ERROR_SYNTAX,
            "%s", _("invalid escape sequence in string"));
      return FALSE;
    }

  if (c != 0)
    {
      text_append (self, &c, 1);
      self->pos += 2;
      self->column += 2;
      return TRUE;
    }

  if (!fill (self, 12))
    return FALSE;
  p = self->buf + self->pos;
  avail = self->end - self->pos;

  if (avail < 6 || !parse_hex4 (p + 2, &u))
    {
      for (gsize i = 2; i < MIN (avail, 6); i++)
        if (!g_ascii_isxdigit (p[i]))
          {
            fail (self, self->line, self->column, SP_JSON_ERROR_SYNTAX,
                  "%s", _("invalid \\u escape in string: expected four hexadecimal digits"));
            return FALSE;
          }
      fail_unterminated (self);
      return FALSE;
    }

  if (u == 0)
    {
      fail (self, self->line, self->column, SP_JSON_ERROR_SYNTAX,
            "%s", _("\\u0000 is not allowed in strings"));
      return FALSE;
    }

  if (u >= 0xd800 && u <= 0xdfff)
    {
      if (u <= 0xdbff && avail >= 12 && p[6] == '\\' && p[7] == 'u' &&
          parse_hex4 (p + 8, &low) && low >= 0xdc00 && low <= 0xdfff)
        {
          u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
          length = 12;
        }
      else
        {
          fail (self, self->line, self->column, SP_JSON_ERROR_SYNTAX,
                /* Translators: a \uD800-\uDFFF escape that is not half of a valid pair */
                _("unpaired surrogate \\u%04X in string"), u);
          return FALSE;
        }
    }

  text_append (self, utf8, g_unichar_to_utf8 (u, utf8));
  self->pos += length;
  self->column += length;
  return TRUE;
}

/* Skips printable ASCII other than '"' and '\\', and complete, well-formed
 * multi-byte sequences: what a string holds unchanged. */
static inline const guchar *
scan_plain (const guchar *p,
            const guchar *end,
            guint        *column)
{
  for (;;)
    {
      const guchar *start = p;
      guint n;

      /* Eight bytes at a time: a high bit in any of these terms may be a
       * false alarm, which the byte loop below then settles. */
      while (end - p >= 8)
        {
          guint64 v, below_space, quote, backslash;

          memcpy (&v, p, 8);
          below_space = v - 0x2020202020202020ull;
          quote = (v ^ 0x2222222222222222ull) - 0x0101010101010101ull;
          backslash = (v ^ 0x5c5c5c5c5c5c5c5cull) - 0x0101010101010101ull;
          if ((v | below_space | quote | backslash) & 0x8080808080808080ull)
            break;
          p += 8;
        }
      while (p < end && string_plain[*p])
        p++;
      *column += p - start;

      if (p < end && *p >= 0x80 && (n = utf8_sequence_length (p, end - p)) != 0)
        {
          p += n;
          (*column)++;
        }
      else
        return p;
    }
}

/* Reads the string whose opening quote is at pos. Most strings have no
 * escapes and lie within the buffer: those are used in place, terminated by
 * overwriting their closing quote. */
static gboolean
read_string (SpJsonReader *self)
{
  const guchar *start = self->buf + self->pos + 1;
  const guchar *end = self->buf + self->end;
  guint column = self->column + 1;
  const guchar *p = scan_plain (start, end, &column);

  if (p < end && *p == '"')
    {
      *(guchar *) p = '\0';
      self->string = (const char *) start;
      self->string_length = p - start;
      self->string_in_buf = TRUE;
      self->pos = p + 1 - self->buf;
      self->column = column + 1;
      return TRUE;
    }

  self->text_length = 0;

  for (;;)
    {
      guint n;
      guchar c;

      text_append (self, start, p - start);
      self->pos = p - self->buf;
      self->column = column;

      if (p == end)
        {
          if (!fill (self, 1))
            return FALSE;
          if (self->pos == self->end)
            {
              fail_unterminated (self);
              return FALSE;
            }
        }
      else if ((c = *p) == '"')
        {
          self->pos++;
          self->column++;
          text_finish (self);
          return TRUE;
        }
      else if (c == '\\')
        {
          if (!read_escape (self))
            return FALSE;
        }
      else if (c < 0x20)
        {
          fail (self, self->line, self->column, SP_JSON_ERROR_SYNTAX,
                _("control character U+%04X in string"), c);
          return FALSE;
        }
      else
        {
          /* Either malformed, or cut by the end of the buffer. */
          if (!fill (self, utf8_expected_length (c)))
            return FALSE;
          n = utf8_sequence_length (self->buf + self->pos, self->end - self->pos);
          if (n == 0)
            {
              fail_encoding (self);
              return FALSE;
            }
          text_append (self, self->buf + self->pos, n);
          self->pos += n;
          self->column++;
        }

      start = self->buf + self->pos;
      end = self->buf + self->end;
      column = self->column;
      p = scan_plain (start, end, &column);
    }
}

static gboolean
read_word (SpJsonReader *self)
{
  self->text_length = 0;

  for (;;)
    {
      const guchar *start = self->buf + self->pos;
      const guchar *end = self->buf + self->end;
      const guchar *p = start;

      while (p < end && word_char[*p])
        p++;

      text_append (self, start, p - start);
      self->pos = p - self->buf;
      self->column += p - start;

      if (p < end || (fill (self, 1) && self->pos == self->end))
        {
          text_finish (self);
          return TRUE;
        }
      if (self->error != NULL)
        return FALSE;
    }
}

static gboolean
check_number (SpJsonReader *self)
{
  const char *s = self->string;
  const char *end = s + self->string_length;
  const char *p = s;
  const char *message = N_("invalid number");
  gboolean integer = TRUE;
  gboolean nonzero = FALSE;

  if (p < end && *p == '-')
    p++;

  if (p < end && *p == '0')
    {
      p++;
      if (p < end && g_ascii_isdigit (*p))
        {
          message = N_("leading zeros are not allowed in numbers");
          goto invalid;
        }
    }
  else if (p < end && *p >= '1' && *p <= '9')
    {
      nonzero = TRUE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  else
    goto invalid;

  if (p < end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p == end || !g_ascii_isdigit (*p))
        {
          message = N_("expected a digit after the decimal point");
          goto invalid;
        }
      for (; p < end && g_ascii_isdigit (*p); p++)
        if (*p != '0')
          nonzero = TRUE;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p == end || !g_ascii_isdigit (*p))
        {
          message = N_("expected a digit in the exponent");
          goto invalid;
        }
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  if (p != end)
    goto invalid;

  errno = 0;
  if (integer)
    {
      g_ascii_strtoll (s, NULL, 10);
      if (errno == ERANGE)
        {
          fail (self, self->token_line, self->token_column, SP_JSON_ERROR_SYNTAX,
                "%s", _("integer out of range"));
          return FALSE;
        }
    }
  else
    {
      double d = g_ascii_strtod (s, NULL);

      if (!isfinite (d) || (d == 0.0 && nonzero))
        {
          fail (self, self->token_line, self->token_column, SP_JSON_ERROR_SYNTAX,
                "%s", _("number out of range"));
          return FALSE;
        }
    }

  return TRUE;

invalid:
  fail (self, self->token_line, self->token_column, SP_JSON_ERROR_SYNTAX, "%s", _(message));
  return FALSE;
}

static void
value_done (SpJsonReader *self)
{
  if (self->depth == 0)
    self->state = STATE_END;
  else if (self->in_object[self->depth - 1])
    self->state = STATE_OBJECT_NEXT;
  else
    self->state = STATE_ARRAY_NEXT;
}

static SpJsonToken
begin_container (SpJsonReader *self,
                 gboolean      object)
{
  if (self->depth == SP_JSON_MAX_DEPTH)
    {
      fail (self, self->line, self->column, SP_JSON_ERROR_DEPTH,
            _("nesting deeper than %d levels"), SP_JSON_MAX_DEPTH);
      return SP_JSON_TOKEN_EOF;
    }

  self->in_object[self->depth++] = object;
  self->pos++;
  self->column++;
  self->state = object ? STATE_OBJECT_FIRST : STATE_ARRAY_FIRST;

  return object ? SP_JSON_TOKEN_BEGIN_OBJECT : SP_JSON_TOKEN_BEGIN_ARRAY;
}

static SpJsonToken
end_container (SpJsonReader *self)
{
  gboolean object = self->in_object[--self->depth];

  self->pos++;
  self->column++;
  value_done (self);

  return object ? SP_JSON_TOKEN_END_OBJECT : SP_JSON_TOKEN_END_ARRAY;
}

static SpJsonToken
read_member (SpJsonReader *self)
{
  if (!read_string (self) || !skip_whitespace (self))
    return SP_JSON_TOKEN_EOF;

  if (self->pos == self->end || self->buf[self->pos] != ':')
    {
      fail_unexpected (self, N_("expected ':' after member name"));
      return SP_JSON_TOKEN_EOF;
    }

  self->pos++;
  self->column++;
  self->state = STATE_MEMBER_VALUE;

  return SP_JSON_TOKEN_MEMBER;
}

static SpJsonToken
read_scalar (SpJsonReader *self,
             guchar        c)
{
  SpJsonToken token;

  if (c == '"')
    {
      if (!read_string (self))
        return SP_JSON_TOKEN_EOF;
      token = SP_JSON_TOKEN_STRING;
    }
  else
    {
      if (!read_word (self))
        return SP_JSON_TOKEN_EOF;

      if (g_ascii_isalpha (c))
        {
          if (strcmp (self->string, "true") == 0)
            token = SP_JSON_TOKEN_TRUE;
          else if (strcmp (self->string, "false") == 0)
            token = SP_JSON_TOKEN_FALSE;
          else if (strcmp (self->string, "null") == 0)
            token = SP_JSON_TOKEN_NULL;
          else
            {
              fail (self, self->token_line, self->token_column, SP_JSON_ERROR_SYNTAX,
                    "%s", _("invalid literal, expected true, false or null"));
              return SP_JSON_TOKEN_EOF;
            }
        }
      else
        {
          if (!check_number (self))
            return SP_JSON_TOKEN_EOF;
          token = SP_JSON_TOKEN_NUMBER;
        }
    }

  value_done (self);
  return token;
}

/* Reads a value's first token at pos, or reports @expected. */
static SpJsonToken
read_value_start (SpJsonReader *self,
                  const char   *expected)
{
  guchar c;

  if (self->pos == self->end)
    {
      fail_unexpected (self, expected);
      return SP_JSON_TOKEN_EOF;
    }

  c = self->buf[self->pos];
  switch (c)
    {
    case '{':
      return begin_container (self, TRUE);
    case '[':
      return begin_container (self, FALSE);
    case '"':
    case '-': case '+': case '.':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return read_scalar (self, c);
    default:
      if (g_ascii_isalpha (c))
        return read_scalar (self, c);
      fail_unexpected (self, expected);
      return SP_JSON_TOKEN_EOF;
    }
}

static SpJsonToken
read_token (SpJsonReader *self)
{
  self->string_in_buf = FALSE;

  for (;;)
    {
      int c;

      if (!skip_whitespace (self))
        return SP_JSON_TOKEN_EOF;

      self->token_line = self->line;
      self->token_column = self->column;
      c = self->pos < self->end ? self->buf[self->pos] : -1;

      switch (self->state)
        {
        case STATE_START:
        case STATE_MEMBER_VALUE:
          return read_value_start (self, N_("expected a value"));

        case STATE_ARRAY_FIRST:
          if (c == ']')
            return end_container (self);
          return read_value_start (self, N_("expected a value or ']'"));

        case STATE_ARRAY_COMMA:
        case STATE_OBJECT_COMMA:
          if ((c == ']' && self->state == STATE_ARRAY_COMMA) ||
              (c == '}' && self->state == STATE_OBJECT_COMMA))
            {
              fail (self, self->comma_line, self->comma_column, SP_JSON_ERROR_SYNTAX,
                    "%s", _("trailing comma is not allowed"));
              return SP_JSON_TOKEN_EOF;
            }
          if (self->state == STATE_ARRAY_COMMA)
            return read_value_start (self, N_("expected a value"));
          if (c == '"')
            return read_member (self);
          fail_unexpected (self, N_("expected a member name in double quotes"));
          return SP_JSON_TOKEN_EOF;

        case STATE_ARRAY_NEXT:
        case STATE_OBJECT_NEXT:
          if (c == ',')
            {
              self->comma_line = self->line;
              self->comma_column = self->column;
              self->pos++;
              self->column++;
              self->state = self->state == STATE_ARRAY_NEXT ? STATE_ARRAY_COMMA : STATE_OBJECT_COMMA;
              continue;
            }
          if (self->state == STATE_ARRAY_NEXT)
            {
              if (c == ']')
                return end_container (self);
              fail_unexpected (self, N_("expected ',' or ']' after array element"));
            }
          else
            {
              if (c == '}')
                return end_container (self);
              fail_unexpected (self, N_("expected ',' or '}' after object member"));
            }
          return SP_JSON_TOKEN_EOF;

        case STATE_OBJECT_FIRST:
          if (c == '}')
            return end_container (self);
          if (c == '"')
            return read_member (self);
          fail_unexpected (self, N_("expected a member name in double quotes or '}'"));
          return SP_JSON_TOKEN_EOF;

        case STATE_END:
          if (c == -1)
            {
              self->state = STATE_DONE;
              return SP_JSON_TOKEN_EOF;
            }
          fail_unexpected (self, N_("unexpected content after the top-level value"));
          return SP_JSON_TOKEN_EOF;

        case STATE_DONE:
          return SP_JSON_TOKEN_EOF;

        default:
          g_assert_not_reached ();
        }
    }
}

static SpJsonToken
advance (SpJsonReader *self)
{
  if (self->error == NULL)
    self->token = read_token (self);
  if (self->error != NULL)
    self->token = SP_JSON_TOKEN_EOF;

  return self->token;
}

/**
 * sp_json_reader_next:
 * @self: a reader
 * @cancellable: (nullable): checked before every block read
 * @error: return location for an error
 *
 * Reads the next token. After a MEMBER token the ':' is consumed and the
 * next token starts the member's value. Once the top-level value is complete
 * and only whitespace remains, returns SP_JSON_TOKEN_EOF from then on.
 *
 * Errors are sticky: after one, every call returns SP_JSON_TOKEN_EOF and sets
 * the same error again, so pass @error to tell the two apart.
 *
 * Returns: the token
 */
SpJsonToken
sp_json_reader_next (SpJsonReader  *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  SpJsonToken token;

  g_return_val_if_fail (SP_IS_JSON_READER (self), SP_JSON_TOKEN_EOF);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), SP_JSON_TOKEN_EOF);
  g_return_val_if_fail (error == NULL || *error == NULL, SP_JSON_TOKEN_EOF);

  self->cancellable = cancellable;
  token = advance (self);
  self->cancellable = NULL;

  if (self->error != NULL)
    g_propagate_error (error, g_error_copy (self->error));

  return token;
}

/**
 * sp_json_reader_get_string:
 * @self: a reader
 * @length: (out) (optional): bytes in the returned string
 *
 * Returns: for MEMBER and STRING tokens the decoded UTF-8 text, for NUMBER
 *   tokens the lexeme as written, else NULL; valid until the next call on @self
 */
const char *
sp_json_reader_get_string (SpJsonReader *self,
                           gsize        *length)
{
  g_return_val_if_fail (SP_IS_JSON_READER (self), NULL);

  if (self->token == SP_JSON_TOKEN_MEMBER ||
      self->token == SP_JSON_TOKEN_STRING ||
      self->token == SP_JSON_TOKEN_NUMBER)
    {
      if (length != NULL)
        *length = self->string_length;
      return self->string;
    }

  if (length != NULL)
    *length = 0;
  return NULL;
}

/**
 * sp_json_reader_get_line:
 * @self: a reader
 *
 * Returns: the 1-based line where the last token starts; a line ends at LF
 */
guint
sp_json_reader_get_line (SpJsonReader *self)
{
  g_return_val_if_fail (SP_IS_JSON_READER (self), 0);

  return self->token_line;
}

/**
 * sp_json_reader_get_column:
 * @self: a reader
 *
 * Returns: the 1-based column, in Unicode characters, where the last token starts
 */
guint
sp_json_reader_get_column (SpJsonReader *self)
{
  g_return_val_if_fail (SP_IS_JSON_READER (self), 0);

  return self->token_column;
}

/**
 * sp_json_reader_get_depth:
 * @self: a reader
 *
 * Returns: the number of containers still open after the last token
 */
guint
sp_json_reader_get_depth (SpJsonReader *self)
{
  g_return_val_if_fail (SP_IS_JSON_READER (self), 0);

  return self->depth;
}

/**
 * sp_json_reader_get_bytes_read:
 * @self: a reader
 *
 * Returns: how many bytes were read from the stream so far, for progress
 */
guint64
sp_json_reader_get_bytes_read (SpJsonReader *self)
{
  g_return_val_if_fail (SP_IS_JSON_READER (self), 0);

  return self->bytes_read;
}

/* Keeps the first standard-sized chunk so that reading one small value after
 * another does not allocate at all. */
static void
arena_reset (SpJsonReader *self)
{
  while (self->arena != NULL &&
         (self->arena->next != NULL || self->arena->size != ARENA_CHUNK_SIZE))
    {
      ArenaChunk *next = self->arena->next;

      g_free (self->arena);
      self->arena = next;
    }

  if (self->arena != NULL)
    self->arena->used = 0;
}

static gpointer
arena_alloc (SpJsonReader *self,
             gsize         size)
{
  ArenaChunk *chunk = self->arena;
  gpointer mem;

  size = (size + 7) & ~(gsize) 7;

  if (chunk == NULL || chunk->size - chunk->used < size)
    {
      gsize chunk_size = MAX (ARENA_CHUNK_SIZE, size);

      chunk = g_malloc (ARENA_HEADER_SIZE + chunk_size);
      chunk->size = chunk_size;
      chunk->used = 0;
      chunk->next = self->arena;
      self->arena = chunk;
    }

  mem = (char *) chunk + ARENA_HEADER_SIZE + chunk->used;
  chunk->used += size;

  return mem;
}

static const char *
arena_strndup (SpJsonReader *self,
               const char   *str,
               gsize         length)
{
  char *copy = arena_alloc (self, length + 1);

  memcpy (copy, str, length);
  copy[length] = '\0';

  return copy;
}

static gboolean
frame_has_member (Frame      *frame,
                  const char *name)
{
  if (frame->names == NULL)
    {
      SpJsonValue *child;

      if (frame->container->n_children < LINEAR_NAME_LIMIT)
        {
          for (child = frame->container->first_child; child != NULL; child = child->next)
            if (child->name[0] == name[0] && strcmp (child->name, name) == 0)
              return TRUE;
          return FALSE;
        }

      frame->names = g_hash_table_new (g_str_hash, g_str_equal);
      for (child = frame->container->first_child; child != NULL; child = child->next)
        g_hash_table_add (frame->names, (gpointer) child->name);
    }

  return !g_hash_table_add (frame->names, (gpointer) name);
}

/* Where sp_json_reader_read_value() stopped, relative to the value it
 * read: each open container, then the member or element being read. */
static char *
frames_path (Frame      *frames,
             guint       n_frames,
             const char *name)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < n_frames; i++)
    {
      SpJsonValue *container = frames[i].container;
      SpJsonValue *child = i + 1 < n_frames ? frames[i + 1].container : NULL;

      if (child == NULL && container->type == SP_JSON_VALUE_OBJECT)
        {
          if (name != NULL)
            g_string_append_printf (path, ".%s", name);
        }
      else if (child == NULL)
        g_string_append_printf (path, "[%u]", container->n_children);
      else if (child->name != NULL)
        g_string_append_printf (path, ".%s", child->name);
      else
        g_string_append_printf (path, "[%u]", container->n_children - 1);
    }

  return g_string_free (path, FALSE);
}

static gboolean
is_value_start (SpJsonToken token)
{
  return token != SP_JSON_TOKEN_EOF &&
         token != SP_JSON_TOKEN_END_OBJECT &&
         token != SP_JSON_TOKEN_END_ARRAY &&
         token != SP_JSON_TOKEN_MEMBER;
}

/**
 * sp_json_reader_read_value:
 * @self: a reader
 * @first: SP_JSON_TOKEN_EOF to read the value that starts at the next token,
 *   or the token that sp_json_reader_next() just returned and that starts it
 * @cancellable: (nullable): checked before every block read
 * @error: return location for an error
 *
 * Reads one whole value into a tree, rejecting duplicate member names. The
 * tree lives in an arena of @self that is reset by the next call of this
 * function, so memory stays bounded by the largest single value.
 *
 * Returns: (transfer none): the value, or NULL with @error set
 */
SpJsonValue *
sp_json_reader_read_value (SpJsonReader  *self,
                           SpJsonToken    first,
                           GCancellable  *cancellable,
                           GError       **error)
{
  Frame frames[SP_JSON_MAX_DEPTH];
  guint n_frames = 0;
  SpJsonValue *root = NULL;
  SpJsonToken token = first;
  const char *name = NULL;
  gboolean failed_before;

  g_return_val_if_fail (SP_IS_JSON_READER (self), NULL);
  g_return_val_if_fail (first == SP_JSON_TOKEN_EOF || (is_value_start (first) && first == self->token), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  arena_reset (self);
  self->cancellable = cancellable;
  failed_before = self->error != NULL;

  if (token == SP_JSON_TOKEN_EOF)
    {
      token = advance (self);
      if (self->error == NULL && !is_value_start (token))
        fail (self, self->token_line, self->token_column, SP_JSON_ERROR_SYNTAX,
              "%s", _("expected a value"));
    }

  while (self->error == NULL)
    {
      SpJsonValue *value;
      Frame *parent = n_frames > 0 ? &frames[n_frames - 1] : NULL;

      switch (token)
        {
        case SP_JSON_TOKEN_MEMBER:
          g_assert (parent != NULL);
          name = arena_strndup (self, self->string, self->string_length);
          if (frame_has_member (parent, name))
            fail (self, self->token_line, self->token_column, SP_JSON_ERROR_DUPLICATE_MEMBER,
                  /* Translators: %s is a member name (a key) of a JSON object */
                  _("duplicate member \"%s\" in object"), name);
          break;

        case SP_JSON_TOKEN_END_OBJECT:
        case SP_JSON_TOKEN_END_ARRAY:
          g_assert (parent != NULL);
          g_clear_pointer (&parent->names, g_hash_table_unref);
          n_frames--;
          break;

        case SP_JSON_TOKEN_EOF:
          g_assert_not_reached ();
          break;

        default:
          value = arena_alloc (self, sizeof *value);
          memset (value, 0, sizeof *value);
          value->line = self->token_line;
          value->column = self->token_column;

          switch (token)
            {
            case SP_JSON_TOKEN_BEGIN_OBJECT:
              value->type = SP_JSON_VALUE_OBJECT;
              break;
            case SP_JSON_TOKEN_BEGIN_ARRAY:
              value->type = SP_JSON_VALUE_ARRAY;
              break;
            case SP_JSON_TOKEN_STRING:
            case SP_JSON_TOKEN_NUMBER:
              value->type = token == SP_JSON_TOKEN_STRING ? SP_JSON_VALUE_STRING : SP_JSON_VALUE_NUMBER;
              value->string = arena_strndup (self, self->string, self->string_length);
              value->length = self->string_length;
              break;
            case SP_JSON_TOKEN_TRUE:
            case SP_JSON_TOKEN_FALSE:
              value->type = SP_JSON_VALUE_BOOLEAN;
              value->boolean = token == SP_JSON_TOKEN_TRUE;
              break;
            case SP_JSON_TOKEN_NULL:
              value->type = SP_JSON_VALUE_NULL;
              break;
            default:
              g_assert_not_reached ();
            }

          if (parent == NULL)
            root = value;
          else
            {
              value->name = name;
              name = NULL;
              if (parent->last != NULL)
                parent->last->next = value;
              else
                parent->container->first_child = value;
              parent->last = value;
              parent->container->n_children++;
            }

          if (value->type == SP_JSON_VALUE_OBJECT || value->type == SP_JSON_VALUE_ARRAY)
            frames[n_frames++] = (Frame) { value, NULL, NULL };
          break;
        }

      if (n_frames == 0)
        break;

      token = advance (self);
    }

  /* Past the depth limit the path would run 64 levels deep, and help no one. */
  if (self->error != NULL && !failed_before &&
      !g_error_matches (self->error, SP_JSON_ERROR, SP_JSON_ERROR_DEPTH))
    self->error_path = frames_path (frames, n_frames, name);

  while (n_frames > 0)
    g_clear_pointer (&frames[--n_frames].names, g_hash_table_unref);

  self->cancellable = NULL;

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return NULL;
    }

  return root;
}

/**
 * sp_json_reader_get_error_path:
 * @self: a reader
 *
 * Tells where in its value sp_json_reader_read_value() met the reader's
 * error, so that the caller can name the place as a JSON path: ".a.b" or
 * "[2].c", relative to the value being read, or "" for the value itself.
 *
 * Returns: (nullable): the path, or NULL when there is no error or it
 *   happened outside sp_json_reader_read_value()
 */
const char *
sp_json_reader_get_error_path (SpJsonReader *self)
{
  g_return_val_if_fail (SP_IS_JSON_READER (self), NULL);

  return self->error_path;
}

/**
 * sp_json_value_get_member:
 * @object: an object value
 * @name: a member name
 *
 * Returns: (transfer none) (nullable): the member's value
 */
SpJsonValue *
sp_json_value_get_member (SpJsonValue *object,
                          const char  *name)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (object->type != SP_JSON_VALUE_OBJECT)
    return NULL;

  for (SpJsonValue *child = object->first_child; child != NULL; child = child->next)
    if (strcmp (child->name, name) == 0)
      return child;

  return NULL;
}

/**
 * sp_json_value_get_int64:
 * @number: a value
 * @out: (out): the integer
 *
 * Returns: TRUE if @number is a number written as an integer (no '.', 'e'
 *   or 'E'); the reader already ensured that it fits
 */
gboolean
sp_json_value_get_int64 (SpJsonValue *number,
                         gint64      *out)
{
  char *end;
  gint64 v;

  g_return_val_if_fail (number != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (number->type != SP_JSON_VALUE_NUMBER || strpbrk (number->string, ".eE") != NULL)
    return FALSE;

  errno = 0;
  v = g_ascii_strtoll (number->string, &end, 10);
  if (errno != 0 || *end != '\0')
    return FALSE;

  *out = v;
  return TRUE;
}

/**
 * sp_json_value_get_double:
 * @number: a value
 * @out: (out): the number, rounded to the nearest double
 *
 * Returns: TRUE if @number is a number
 */
gboolean
sp_json_value_get_double (SpJsonValue *number,
                          double      *out)
{
  g_return_val_if_fail (number != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (number->type != SP_JSON_VALUE_NUMBER)
    return FALSE;

  *out = g_ascii_strtod (number->string, NULL);
  return TRUE;
}
