#include "config.h"

#include <string.h>
#include <zlib.h>
#include <glib.h>

#include "sp-deflate.h"

/* sp_deflate_rows() against zlib's inflate: what goes in comes out, in one
 * piece or many joined. */

static GBytes *
inflate_all (const GByteArray *deflated,
             gsize             expected_length)
{
  z_stream stream = { 0 };
  guint8 *out = g_malloc (expected_length + 1);
  int status;

  g_assert_cmpint (inflateInit2 (&stream, -15), ==, Z_OK);
  stream.next_in = deflated->data;
  stream.avail_in = deflated->len;
  stream.next_out = out;
  stream.avail_out = expected_length + 1;
  status = inflate (&stream, Z_FINISH);
  g_assert_cmpint (status, ==, Z_STREAM_END);
  /* Nothing follows the end of the stream. */
  g_assert_cmpuint (stream.avail_in, ==, 0);
  inflateEnd (&stream);

  return g_bytes_new_take (out, stream.total_out);
}

/* Compresses @data in pieces of @piece_rows rows, joined, and checks the
 * round trip. */
static gsize
assert_round_trip (const guint8 *data,
                   gsize         length,
                   gsize         row_length,
                   guint         pixel,
                   gsize         piece_rows)
{
  g_autoptr(GByteArray) deflated = g_byte_array_new ();
  g_autoptr(GBytes) inflated = NULL;
  gsize piece = piece_rows * row_length;
  gsize offset = 0;

  do
    {
      gsize n = MIN (piece, length - offset);

      sp_deflate_rows (data + offset, n, row_length, pixel, offset + n == length, deflated);
      offset += n;
    }
  while (offset < length);

  inflated = inflate_all (deflated, length);
  g_assert_cmpmem (g_bytes_get_data (inflated, NULL), g_bytes_get_size (inflated), data, length);

  return deflated->len;
}

static void
test_empty (void)
{
  assert_round_trip ((const guint8 *) "", 0, 1, 3, 1);
}

/* Random bytes: literals only, both halves of the fixed code. */
static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gsize length = 100003;
  g_autofree guint8 *data = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    data[i] = g_rand_int_range (rand, 0, 256);

  assert_round_trip (data, length, 1001, 3, 17);
  assert_round_trip (data, length, 1001, 4, 1000);
}

/* A picture: flat colour, rows like the one above, grey ramps and letters
 * that repeat; matches of every length up to the longest, at distances
 * near and far.  It must also come out much smaller. */
static void
test_picture (void)
{
  gsize width = 1600;
  gsize row_length = 1 + width * 3;
  gsize height = 300;
  gsize length = row_length * height;
  g_autofree guint8 *data = g_malloc0 (length);
  gsize size;

  for (gsize y = 0; y < height; y++)
    {
      guint8 *row = data + y * row_length;

      for (gsize x = 0; x < width; x++)
        {
          guint8 *p = row + 1 + 3 * x;
          guint8 value = 255;

          if (y % 40 > 10 && y % 40 < 30 && x % 9 < 5 && x < 1200)
            value = (guint8) ((x * 31 + y * 7) % 200);
          if (x > 1400)
            value = (guint8) x;
          p[0] = p[1] = p[2] = value;
          if (y > 250)
            p[0] = 200;
        }
    }

  size = assert_round_trip (data, length, row_length, 3, 128);
  g_assert_cmpuint (size, <, length / 10);
  assert_round_trip (data, length, row_length, 3, 1);
  assert_round_trip (data, length, row_length, 3, height);
}

/* Rows longer than deflate's reach look only within themselves. */
static void
test_wide_rows (void)
{
  gsize row_length = 1 + 12000 * 3;
  gsize length = row_length * 4;
  g_autofree guint8 *data = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    data[i] = (guint8) ((i % row_length) % 251);

  assert_round_trip (data, length, row_length, 3, 2);
}

/* sp_adler32() against zlib's adler32(): every length up to a few blocks
 * at every alignment, long runs of the largest byte, where the sums
 * come nearest to overflowing, and a checksum carried over pieces. */
static void
test_adler32 (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  gsize length = 3 * 5552 + 1000;
  g_autofree guint8 *data = g_malloc (length);
  g_autofree guint8 *full = g_malloc (length);
  guint32 carried = 1;

  for (gsize i = 0; i < length; i++)
    data[i] = g_rand_int_range (rand, 0, 256);
  memset (full, 0xff, length);

  for (gsize offset = 0; offset < 16; offset++)
    for (gsize n = 0; n < 100; n++)
      g_assert_cmphex (sp_adler32 (1, data + offset, n), ==, adler32 (1, data + offset, n));

  for (gsize n = length - 40; n <= length; n++)
    {
      g_assert_cmphex (sp_adler32 (1, data, n), ==, adler32 (1, data, n));
      g_assert_cmphex (sp_adler32 (1, full, n), ==, adler32 (1, full, n));
      g_assert_cmphex (sp_adler32 (0xfff0fff0, full, n), ==, adler32 (0xfff0fff0, full, n));
    }

  for (gsize offset = 0; offset < length; offset += 4801)
    carried = sp_adler32 (carried, data + offset, MIN (4801, length - offset));
  g_assert_cmphex (carried, ==, adler32 (1, data, length));
  g_assert_cmphex (sp_adler32 (1, NULL, 0), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deflate/empty", test_empty);
  g_test_add_func ("/deflate/random", test_random);
  g_test_add_func ("/deflate/picture", test_picture);
  g_test_add_func ("/deflate/wide-rows", test_wide_rows);
  g_test_add_func ("/deflate/adler32", test_adler32);

  return g_test_run ();
}
