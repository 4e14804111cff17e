#define G_LOG_DOMAIN "standpoint-render"

#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sp-deflate.h"

/* Deflate's limits: matches of 3 to 258 bytes, at most 32768 bytes back. */
#define MIN_MATCH 3
#define MAX_MATCH 258
#define MAX_DISTANCE 32768
#define HASH_BITS 12

/* A code ready for the bit stream: its bits in the order they are written
 * (Huffman codes reversed, extra bits after them), and how many. */
typedef struct {
  guint32 bits;
  guint32 n_bits;
} Code;

static Code literal_codes[256];
static Code length_codes[MAX_MATCH + 1];
static guint32 reversed_distances[30];

static const guint16 length_base[] = {
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
  35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
};
static const guint8 length_extra[] = {
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
  3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
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

  for (guint symbol = 0; symbol < G_N_ELEMENTS (reversed_distances); symbol++)
    reversed_distances[symbol] = reverse (symbol, 5);

  return NULL;
}

/* Distance codes are five bits, then the extra bits: distance - 1 of at
 * least 4 has its symbol in its top two bits and its length. */
static inline Code
distance_code (guint distance)
{
  guint v = distance - 1;
  guint log, symbol, n_extra;

  if (v < 4)
    return (Code) { reversed_distances[v], 5 };

  log = 31 - __builtin_clz (v);
  n_extra = log - 1;
  symbol = 2 * log + ((v >> n_extra) & 1);

  return (Code) {
    reversed_distances[symbol] | (v & ((1u << n_extra) - 1)) << 5,
    5 + n_extra,
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

#ifdef __SSE2__
  while (n + 16 <= max)
    {
      __m128i x = _mm_loadu_si128 ((const __m128i *) (a + n));
      __m128i y = _mm_loadu_si128 ((const __m128i *) (b + n));
      guint differ = ~_mm_movemask_epi8 (_mm_cmpeq_epi8 (x, y)) & 0xffff;

      if (differ != 0)
        return n + __builtin_ctz (differ);
      n += 16;
    }
#endif
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

/* Whether the three bytes at @there are the first three of @here, four
 * bytes as they are in memory. */
static inline gboolean
starts_alike (guint32       here,
              const guint8 *there)
{
  guint32 mask = G_BYTE_ORDER == G_LITTLE_ENDIAN ? 0x00ffffff : 0xffffff00;
  guint32 other;

  memcpy (&other, there, 4);

  return ((here ^ other) & mask) == 0;
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
  Code up_code;
  Code left_code;
  Code byte_code;
  /* Positions plus one, so that zero is "never seen"; a table that
   * stays in the processor's first cache finds nearly as much. */
  g_autofree guint32 *table = g_new0 (guint32, 1 << HASH_BITS);
  gsize start = out->len;
  Writer writer = { NULL, 0, 0 };
  gsize i = 0;

  g_return_if_fail (data != NULL || length == 0);
  g_return_if_fail (length < G_MAXUINT32);
  g_return_if_fail (pixel >= 1 && pixel <= 8);
  g_return_if_fail (out != NULL);

  g_once (&once, init_codes, NULL);
  up_code = distance_code (up > 0 ? up : 1);
  left_code = distance_code (pixel);
  byte_code = distance_code (1);

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
      guint32 here;

      /* The last bytes go as they are. */
      if (max < 4)
        {
          put_code (&writer, literal_codes[data[i]]);
          i++;
          continue;
        }

      /* Most places repeat nothing: a look at the first three bytes says
       * so before the match is measured. */
      memcpy (&here, data + i, 4);
      if (up > 0 && i >= up && starts_alike (here, data + i - up))
        {
          best = match_length (data + i, data + i - up, max);
          distance = up_code;
        }
      if (best < max && i >= pixel && starts_alike (here, data + i - pixel))
        {
          gsize left = match_length (data + i, data + i - pixel, max);

          if (left > best)
            {
              best = left;
              distance = left_code;
            }
        }
      /* Grey pixels repeat their own bytes. */
      if (best < MIN_MATCH && i >= 1 && starts_alike (here, data + i - 1))
        {
          best = match_length (data + i, data + i - 1, max);
          distance = byte_code;
        }
      /* Text repeats its letters: the last place the next four bytes
       * were seen, if it is in reach. */
      if (best < MIN_MATCH)
        {
          guint32 slot = (here * 2654435761u) >> (32 - HASH_BITS);
          gsize seen = table[slot];

          table[slot] = i + 1;
          if (seen > 0 && i + 1 - seen <= MAX_DISTANCE && starts_alike (here, data + seen - 1))
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

/* Adler-32 (RFC 1950): s1 sums the bytes, s2 sums s1 after each byte,
 * both modulo ADLER_BASE; ADLER_MAX bytes are the most that can be summed
 * before s2 could overflow 32 bits. */
#define ADLER_BASE 65521
#define ADLER_MAX 5552

guint32
sp_adler32 (guint32       adler,
            const guint8 *data,
            gsize         length)
{
  guint32 s1 = adler & 0xffff;
  guint32 s2 = adler >> 16;

  g_return_val_if_fail (data != NULL || length == 0, adler);

#ifdef __SSE2__
  /* Sixteen bytes at a time: after a block b[0..15], s1 grows by their sum
   * and s2 by 16 times s1 before it plus the sum of (16 - j) * b[j].  The
   * products come from multiplying 16-bit lanes, the sums from the sum of
   * absolute differences with zero. */
  {
    const __m128i zero = _mm_setzero_si128 ();
    const __m128i weights_low = _mm_setr_epi16 (16, 15, 14, 13, 12, 11, 10, 9);
    const __m128i weights_high = _mm_setr_epi16 (8, 7, 6, 5, 4, 3, 2, 1);

    while (length >= 16)
      {
        gsize n_blocks = MIN (length, ADLER_MAX) / 16;
        __m128i sums = zero;       /* s1's growth, in lanes 0 and 2 */
        __m128i earlier = zero;    /* the sum of @sums before each block */
        __m128i weighted = zero;
        guint32 lanes[3][4];

        for (gsize b = 0; b < n_blocks; b++)
          {
            __m128i bytes = _mm_loadu_si128 ((const __m128i *) data);

            earlier = _mm_add_epi32 (earlier, sums);
            sums = _mm_add_epi32 (sums, _mm_sad_epu8 (bytes, zero));
            weighted = _mm_add_epi32 (weighted, _mm_madd_epi16 (_mm_unpacklo_epi8 (bytes, zero), weights_low));
            weighted = _mm_add_epi32 (weighted, _mm_madd_epi16 (_mm_unpackhi_epi8 (bytes, zero), weights_high));
            data += 16;
          }
        length -= n_blocks * 16;

        _mm_storeu_si128 ((__m128i *) lanes[0], sums);
        _mm_storeu_si128 ((__m128i *) lanes[1], earlier);
        _mm_storeu_si128 ((__m128i *) lanes[2], weighted);
        s2 = (s2 + (guint64) s1 * 16 * n_blocks
              + 16 * ((guint64) lanes[1][0] + lanes[1][2])
              + (guint64) lanes[2][0] + lanes[2][1] + lanes[2][2] + lanes[2][3]) % ADLER_BASE;
        s1 = (s1 + lanes[0][0] + lanes[0][2]) % ADLER_BASE;
      }
  }
#endif

  while (length > 0)
    {
      gsize n = MIN (length, ADLER_MAX);

      length -= n;
      while (n-- > 0)
        {
          s1 += *data++;
          s2 += s1;
        }
      s1 %= ADLER_BASE;
      s2 %= ADLER_BASE;
    }

  return s2 << 16 | s1;
}
