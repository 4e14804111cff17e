#define G_LOG_DOMAIN "standpoint-render"

#include "config.h"

#include <string.h>

#include "sp-deflate.h"

/* Deflate's limits: matches of 3 to 258 bytes, at most 32768 bytes back. */
#define MIN_MATCH 3
#define MAX_MATCH 258
#define MAX_DISTANCE 32768
#define HASH_BITS 14

/* A code ready for the bit stream: its bits in the order they are written
 * (Huffman codes reversed, extra bits after them), and how many. */
typedef struct {
  guint32 bits;
  guint32 n_bits;
} Code;

static Code literal_codes[256];
static Code length_codes[MAX_MATCH + 1];

static const guint16 length_base[] = {
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
  35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
};
static const guint8 length_extra[] = {
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
  3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
};
static const guint16 distance_base[] = {
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
  257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
};
static const guint8 distance_extra[] = {
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
  7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
};

static guint32
reverse (guint32 code,
         guint   n_bits)
{
  guint32 reversed = 0;

  for (guint i = 0; i < n_bits; i++)
    reversed |= ((code >> i) & 1) << (n_bits - 1 - i);

  return reversed;
}

/* The fixed Huffman code of literal/length symbol @symbol (RFC 1951,
 * 3.2.6). */
static Code
fixed_code (guint symbol)
{
  if (symbol < 144)
    return (Code) { reverse (0x30 + symbol, 8), 8 };
  if (symbol < 256)
    return (Code) { reverse (0x190 + symbol - 144, 9), 9 };
  if (symbol < 280)
    return (Code) { reverse (symbol - 256, 7), 7 };
  return (Code) { reverse (0xc0 + symbol - 280, 8), 8 };
}

static gpointer
init_codes (gpointer data)
{
  for (guint literal = 0; literal < 256; literal++)
    literal_codes[literal] = fixed_code (literal);

  for (guint length = MIN_MATCH; length <= MAX_MATCH; length++)
    {
      guint i = G_N_ELEMENTS (length_base) - 1;
      Code code;

      while (length_base[i] > length)
        i--;
      code = fixed_code (257 + i);
      code.bits |= (guint32) (length - length_base[i]) << code.n_bits;
      code.n_bits += length_extra[i];
      length_codes[length] = code;
    }

  return NULL;
}

static Code
distance_code (guint distance)
{
  guint i = G_N_ELEMENTS (distance_base) - 1;

  while (distance_base[i] > distance)
    i--;

  /* Distance codes are five bits, then the extra bits. */
  return (Code) {
    reverse (i, 5) | (guint32) (distance - distance_base[i]) << 5,
    5 + distance_extra[i],
  };
}

typedef struct {
  guint8  *out;      /* where the next byte goes; room was made */
  guint64  buffer;   /* bits not yet written, the first in the lowest */
  guint    n_bits;
} Writer;

/* At most 32 bits at a time, which keeps @buffer from overflowing. */
static inline void
put (Writer  *writer,
     guint32  bits,
     guint    n_bits)
{
  writer->buffer |= (guint64) bits << writer->n_bits;
  writer->n_bits += n_bits;
  if (writer->n_bits >= 32)
    {
      guint32 word = GUINT32_TO_LE ((guint32) writer->buffer);

      memcpy (writer->out, &word, 4);
      writer->out += 4;
      writer->buffer >>= 32;
      writer->n_bits -= 32;
    }
}

static inline void
put_code (Writer *writer,
          Code    code)
{
  put (writer, code.bits, code.n_bits);
}

/* Pads with zeros to the next byte and writes out what is left. */
static void
align (Writer *writer)
{
  while (writer->n_bits > 0)
    {
      *writer->out++ = writer->buffer & 0xff;
      writer->buffer >>= 8;
      writer->n_bits = writer->n_bits > 8 ? writer->n_bits - 8 : 0;
    }
  writer->buffer = 0;
}

/* How many bytes from @a on repeat those from @b on, up to @max. */
static inline gsize
match_length (const guint8 *a,
              const guint8 *b,
              gsize         max)
{
  gsize n = 0;

  while (n + 8 <= max)
    {
      guint64 x, y;

      memcpy (&x, a + n, 8);
      memcpy (&y, b + n, 8);
      if (x != y)
        return n + (G_BYTE_ORDER == G_LITTLE_ENDIAN ? __builtin_ctzll (x ^ y) : __builtin_clzll (x ^ y)) / 8;
      n += 8;
    }
  while (n < max && a[n] == b[n])
    n++;

  return n;
}

void
sp_deflate_rows (const guint8 *data,
                 gsize         length,
                 gsize         row_length,
                 guint         pixel,
                 gboolean      last,
                 GByteArray   *out)
{
  static GOnce once = G_ONCE_INIT;
  /* The row above is out of reach in very wide pictures. */
  gsize up = row_length <= MAX_DISTANCE ? row_length : 0;
  Code up_code = distance_code (up > 0 ? up : 1);
  Code left_code = distance_code (pixel);
  Code byte_code = distance_code (1);
  /* Positions plus one, so that zero is "never seen". */
  g_autofree gsize *table = g_new0 (gsize, 1 << HASH_BITS);
  gsize start = out->len;
  Writer writer = { NULL, 0, 0 };
  gsize i = 0;

  g_return_if_fail (data != NULL || length == 0);
  g_return_if_fail (pixel >= 1 && pixel <= 8);
  g_return_if_fail (out != NULL);

  g_once (&once, init_codes, NULL);

  /* A literal takes at most 9 bits; a block's header, end and the empty
   * stored block after it fit in a few bytes. */
  g_byte_array_set_size (out, start + length / 8 * 9 + 32);
  writer.out = out->data + start;

  put (&writer, last ? 1 : 0, 1);
  put (&writer, 1, 2);  /* fixed Huffman codes */

  while (i < length)
    {
      gsize max = MIN (MAX_MATCH, length - i);
      gsize best = 0;
      Code distance = left_code;

      if (up > 0 && i >= up)
        {
          best = match_length (data + i, data + i - up, max);
          distance = up_code;
        }
      if (best < max && i >= pixel)
        {
          gsize left = match_length (data + i, data + i - pixel, max);

          if (left > best)
            {
              best = left;
              distance = left_code;
            }
        }
      /* Grey pixels repeat their own bytes. */
      if (best < MIN_MATCH && i >= 1)
        {
          gsize same = match_length (data + i, data + i - 1, max);

          if (same > best)
            {
              best = same;
              distance = byte_code;
            }
        }
      /* Text repeats its letters: the last place the next four bytes
       * were seen, if it is in reach. */
      if (best < MIN_MATCH && max >= 4)
        {
          guint32 key;
          guint32 slot;
          gsize seen;

          memcpy (&key, data + i, 4);
          slot = (key * 2654435761u) >> (32 - HASH_BITS);
          seen = table[slot];
          table[slot] = i + 1;
          if (seen > 0 && i + 1 - seen <= MAX_DISTANCE)
            {
              gsize found = match_length (data + i, data + seen - 1, max);

              if (found >= 4)
                {
                  best = found;
                  distance = distance_code (i + 1 - seen);
                }
            }
        }

      if (best >= MIN_MATCH)
        {
          put_code (&writer, length_codes[best]);
          put_code (&writer, distance);
          i += best;
        }
      else
        {
          put_code (&writer, literal_codes[data[i]]);
          i++;
        }
    }

  put (&writer, 0, 7);  /* end of block */
  if (!last)
    {
      /* An empty stored block brings the stream to a byte boundary, as
       * zlib's Z_SYNC_FLUSH does. */
      put (&writer, 0, 3);
      align (&writer);
      memcpy (writer.out, "\x00\x00\xff\xff", 4);
      writer.out += 4;
    }
  align (&writer);

  g_byte_array_set_size (out, writer.out - out->data);
}
