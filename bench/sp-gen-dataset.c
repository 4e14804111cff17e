#define G_LOG_DOMAIN "standpoint-bench"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

/* Writes a synthetic standpoint-dataset v1 for benchmarks: the proportions
 * per 200,000 statements are about 2,000 actors, 200 topics, 5,000 sources,
 * 1,000 offices and 10,000 events.  The same N and seed always give the same
 * bytes, so a cached file can be reused. */

#define DEFAULT_SEED G_GUINT64_CONSTANT (0x5eed5eed5eed5eed)

typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z;

  /* splitmix64: small, fast, and the same on every platform. */
  rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  z = rng->state;
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static guint
rng_below (Rng   *rng,
           guint  n)
{
  g_assert (n > 0);
  return (guint)(rng_next (rng) % n);
}

static guint
rng_between (Rng   *rng,
             guint  lo,
             guint  hi)
{
  return lo + rng_below (rng, hi - lo + 1);
}

/* Percent chance. */
static gboolean
rng_chance (Rng   *rng,
            guint  percent)
{
  return rng_below (rng, 100) < percent;
}

/* Skewed towards low indexes, as a few speakers and topics dominate
 * real coverage. */
static guint
rng_skewed (Rng   *rng,
            guint  n)
{
  double u = (double)(rng_next (rng) >> 11) / (double)(G_GUINT64_CONSTANT (1) << 53);

  return MIN ((guint)(u * u * n), n - 1);
}

#define PICK(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])

/* Writing JSON */

typedef struct
{
  FILE    *out;
  guint    depth;
  gboolean first[16];
  gboolean inline_level[16];
} Writer;

static void
put (Writer     *w,
     const char *text)
{
  fputs (text, w->out);
}

static void
write_escaped (Writer     *w,
               const char *text)
{
  const char *run = text;
  const guchar *p;

  fputc ('"', w->out);
  for (p = (const guchar *)text; *p != '\0'; p++)
    {
      const char *escape = NULL;
      char buffer[8];

      if (*p == '"')
        escape = "\\\"";
      else if (*p == '\\')
        escape = "\\\\";
      else if (*p == '\n')
        escape = "\\n";
      else if (*p == '\t')
        escape = "\\t";
      else if (*p < 0x20)
        {
          g_snprintf (buffer, sizeof buffer, "\\u%04x", *p);
          escape = buffer;
        }
      else if (p[0] == 0xc2 && p[1] == 0xa0)
        {
          /* Writers that escape non-ASCII produce these; the reader must
           * count the escape as one code point. */
          fwrite (run, 1, (const char *)p - run, w->out);
          fputs ("\\u00a0", w->out);
          p++;
          run = (const char *)p + 1;
          continue;
        }

      if (escape != NULL)
        {
          fwrite (run, 1, (const char *)p - run, w->out);
          fputs (escape, w->out);
          run = (const char *)p + 1;
        }
    }
  fwrite (run, 1, (const char *)p - run, w->out);
  fputc ('"', w->out);
}

static void
next_item (Writer     *w,
           const char *name)
{
  guint d = w->depth;

  if (!w->first[d])
    put (w, w->inline_level[d] ? ", " : ",");
  w->first[d] = FALSE;

  if (!w->inline_level[d])
    {
      fputc ('\n', w->out);
      for (guint i = 0; i < d; i++)
        put (w, "  ");
    }

  if (name != NULL)
    {
      write_escaped (w, name);
      put (w, ": ");
    }
}

static void
open_container (Writer     *w,
                const char *name,
                char        bracket,
                gboolean    is_inline)
{
  if (w->depth > 0)
    next_item (w, name);
  fputc (bracket, w->out);

  w->depth++;
  g_assert (w->depth < G_N_ELEMENTS (w->first));
  w->first[w->depth] = TRUE;
  w->inline_level[w->depth] = is_inline || w->inline_level[w->depth - 1];
  if (is_inline && bracket == '{')
    fputc (' ', w->out);
}

static void
close_container (Writer *w,
                 char    bracket)
{
  gboolean was_inline = w->inline_level[w->depth];
  gboolean was_empty = w->first[w->depth];

  w->depth--;

  if (was_inline)
    {
      if (bracket == '}')
        fputc (' ', w->out);
    }
  else if (!was_empty)
    {
      fputc ('\n', w->out);
      for (guint i = 0; i < w->depth; i++)
        put (w, "  ");
    }
  fputc (bracket, w->out);
}

static void
begin_object (Writer     *w,
              const char *name,
              gboolean    is_inline)
{
  open_container (w, name, '{', is_inline);
}

static void
end_object (Writer *w)
{
  close_container (w, '}');
}

static void
begin_array (Writer     *w,
             const char *name,
             gboolean    is_inline)
{
  open_container (w, name, '[', is_inline);
}

static void
end_array (Writer *w)
{
  close_container (w, ']');
}

static void
member_string (Writer     *w,
               const char *name,
               const char *value)
{
  next_item (w, name);
  write_escaped (w, value);
}

static void
member_raw (Writer     *w,
            const char *name,
            const char *value)
{
  next_item (w, name);
  put (w, value);
}

static void
member_uint (Writer     *w,
             const char *name,
             guint       value)
{
  next_item (w, name);
  fprintf (w->out, "%u", value);
}

/* Words and names */

typedef struct
{
  const char *display;
  const char *slug;
} Name;

static const Name first_names[] = {
  { "Anna", "anna" }, { "José", "jose" }, { "Zoë", "zoe" }, { "Łukasz", "lukasz" },
  { "Søren", "soren" }, { "Chloé", "chloe" }, { "Jürgen", "jurgen" }, { "Ngozi", "ngozi" },
  { "Aiko", "aiko" }, { "Olena", "olena" }, { "Mark", "mark" }, { "Fatima", "fatima" },
  { "Dmytro", "dmytro" }, { "Ingrid", "ingrid" }, { "Mehmet", "mehmet" }, { "Priya", "priya" },
  { "Kwame", "kwame" }, { "Elif", "elif" }, { "Tomáš", "tomas" }, { "Björn", "bjorn" },
  { "Marta", "marta" }, { "Pete", "pete" }, { "Kaja", "kaja" }, { "Rustem", "rustem" },
  { "Giorgia", "giorgia" }, { "Emmanuel", "emmanuel" }, { "Olaf", "olaf" }, { "Ursula", "ursula" },
  { "Hakan", "hakan" }, { "Mette", "mette" }, { "Antti", "antti" }, { "Radosław", "radoslaw" },
};

static const Name last_names[] = {
  { "Ostrova", "ostrova" }, { "Vell", "vell" }, { "Müller", "muller" }, { "Álvarez", "alvarez" },
  { "Wróbel", "wrobel" }, { "Kowalczyk", "kowalczyk" }, { "Okafor", "okafor" }, { "Tanaka", "tanaka" },
  { "Shevchenko", "shevchenko" }, { "Lindqvist", "lindqvist" }, { "Yılmaz", "yilmaz" },
  { "Dubois", "dubois" }, { "Novák", "novak" }, { "Rossi", "rossi" }, { "Andersen", "andersen" },
  { "Mensah", "mensah" }, { "Sharma", "sharma" }, { "Kallas", "kallas" }, { "Fernández", "fernandez" },
  { "Hegström", "hegstrom" }, { "Papadopoulos", "papadopoulos" }, { "Nowak", "nowak" },
  { "Børresen", "borresen" }, { "Ivanova", "ivanova" }, { "Costa", "costa" }, { "Sato", "sato" },
};

static const Name country_stems[] = {
  { "Nor", "nor" }, { "Val", "val" }, { "East", "east" }, { "Ør", "or" }, { "Bel", "bel" },
  { "Kar", "kar" }, { "Sel", "sel" }, { "Tav", "tav" }, { "Mir", "mir" }, { "Ald", "ald" },
  { "Rú", "ru" }, { "Cas", "cas" }, { "Dun", "dun" }, { "Esk", "esk" }, { "Fel", "fel" },
};

static const Name country_endings[] = {
  { "land", "land" }, { "doria", "doria" }, { "mark", "mark" }, { "avia", "avia" },
  { "istan", "istan" }, { "onia", "onia" }, { "ésia", "esia" }, { "ovia", "ovia" },
};

static const char * const organization_kinds[] = {
  "Alliance", "Union", "Council", "Organization", "Commission", "Assembly", "Bank", "Forum",
};

static const char * const organization_topics[] = {
  "Atlantic", "Northern", "Economic", "Defence", "Energy", "Maritime", "Trade", "Climate",
  "Development", "Security", "Baltic", "Pacific",
};

static const char * const office_titles[] = {
  "Foreign Minister", "Prime Minister", "President", "Secretary of Defense", "Minister of Finance",
  "Ambassador to the United Nations", "Secretary General", "Chancellor", "High Representative",
  "Minister of Energy", "Deputy Prime Minister", "Spokesperson",
};

static const char * const publishers[] = {
  "Example Daily", "The Northern Times", "Agence Exemple", "Le Monde d’Exemple", "Die Beispiel-Zeitung",
  "Wire Service", "Ministry Press Office", "Parliament Record", "Radio Exemplo", "Global Monitor",
};

static const char * const locations[] = {
  "Brussels, Belgium", "Geneva, Switzerland", "Kyiv, Ukraine", "Zürich, Switzerland",
  "São Paulo, Brazil", "Gdańsk, Poland", "New York, United States", "Ramstein Air Base, Germany",
  "Tōkyō, Japan", "Reykjavík, Iceland", "Vilnius, Lithuania", "Nairobi, Kenya",
};

static const char * const event_kinds[] = {
  "Summit", "Ministerial meeting", "Conference", "Press conference", "Parliamentary debate",
  "State visit", "Working group session", "Round of talks", "Donor conference",
};

static const char * const issues[] = {
  "defence spending", "sanctions", "energy imports", "membership talks", "the harbour treaty",
  "arms deliveries", "climate targets", "the trade agreement", "border controls", "reconstruction aid",
  "nuclear power", "the grain corridor", "peace negotiations", "the common budget", "visa rules",
  "air defence", "refugee protection", "the data-sharing pact", "fisheries quotas", "debt relief",
};

static const char * const proposition_verbs[] = {
  "should increase", "should end", "should support", "should reject", "should accelerate",
  "should renegotiate", "should pause", "should expand", "should fund", "should join",
};

static const char * const words[] = {
  "the", "government", "will", "not", "accept", "any", "agreement", "that", "leaves", "our",
  "partners", "without", "guarantees", "we", "need", "a", "clear", "timetable", "and", "a",
  "credible", "budget", "for", "this", "is", "about", "security", "of", "the", "whole", "region",
  "it", "would", "be", "unrealistic", "to", "expect", "progress", "before", "elections", "our",
  "position", "has", "not", "changed", "since", "last", "year", "talks", "must", "continue",
  "with", "all", "parties", "at", "the", "table", "there", "is", "no", "alternative", "to",
  "dialogue", "ministers", "agreed", "on", "principles", "but", "details", "remain", "open",
  "naïve", "coöperation", "café", "déjà", "vu", "Zürich", "Kyiv", "Київ", "Gdańsk", "Ελλάδα",
  "Türkiye", "北京", "€40 billion", "5%", "—", "long overdue", "step", "forward", "backward",
  "responsibility", "commitment", "partners’", "concerns", "serious", "urgent", "“red lines”",
  "\"a mistake\"", "inflation", "costs", "citizens", "expect", "results", "now", "soon",
};

static const char * const paraphrase_openers[] = {
  "Said that", "Argued that", "Warned that", "Stated that", "Suggested that", "Insisted that",
  "Told reporters that", "Wrote that",
};

static const char * const stances[] = {
  "support", "support", "support", "support", "support", "support", "support",
  "oppose", "oppose", "oppose", "oppose", "oppose", "oppose",
  "neutral", "neutral",
  "mixed", "mixed", "mixed",
  "unclear", "unclear",
};

static const char * const roles[] = {
  "host", "attendee", "attendee", "attendee", "speaker", "speaker", "organizer",
};

typedef struct
{
  const char *unit;
  guint       lo;
  guint       hi;
  gboolean    decimal;
} Unit;

static const Unit units[] = {
  { "% of GDP", 1, 6, TRUE },
  { "billion USD", 1, 120, FALSE },
  { "million EUR", 5, 900, FALSE },
  { "troops", 500, 40000, FALSE },
  { "tanks", 4, 300, FALSE },
  { "% cut in emissions", 10, 80, FALSE },
};

/* Appends words until the sentence has between min and max code points;
 * returns its length in code points. */
static guint
append_sentence (GString *text,
                 Rng     *rng,
                 guint    min,
                 guint    max)
{
  gsize start = text->len;
  guint target = rng_between (rng, min, max);
  guint length = 0;
  gboolean first = TRUE;

  while (TRUE)
    {
      const char *word = PICK (rng, words);
      guint word_length = g_utf8_strlen (word, -1);
      const char *separator = "";
      guint separator_length = 0;

      if (!first)
        {
          /* Some no-break spaces: they are written as a \u escape. */
          if (rng_chance (rng, 2))
            separator = "\u00a0";
          else if (rng_chance (rng, 6))
            separator = ", ";
          else
            separator = " ";
          separator_length = g_utf8_strlen (separator, -1);

          /* Room for the final period and a possible emoji. */
          if (length + separator_length + word_length + 3 > max)
            break;
        }

      g_string_append (text, separator);
      if (first && g_ascii_islower (word[0]))
        {
          g_string_append_c (text, g_ascii_toupper (word[0]));
          g_string_append (text, word + 1);
        }
      else
        g_string_append (text, word);
      length += separator_length + word_length;
      first = FALSE;

      if (length + 1 >= target)
        break;
    }

  if (rng_chance (rng, 1))
    {
      /* An emoji: one code point, four bytes, two UTF-16 units. */
      g_string_append (text, " 🙂");
      length += 2;
    }
  g_string_append_c (text, '.');
  length++;

  g_assert (g_utf8_strlen (text->str + start, -1) == length);
  return length;
}

/* Dates */

typedef struct
{
  guint year;
  guint month;
  guint day;
} Day;

static Day
random_day (Rng   *rng,
            guint  first_year,
            guint  last_year)
{
  Day d;

  d.year = rng_between (rng, first_year, last_year);
  d.month = rng_between (rng, 1, 12);
  d.day = rng_between (rng, 1, g_date_get_days_in_month (d.month, d.year));
  return d;
}

static Day
add_days (Day   d,
          guint n)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d.day, d.month, d.year);
  g_date_add_days (&date, n);
  d.year = g_date_get_year (&date);
  d.month = g_date_get_month (&date);
  d.day = g_date_get_day (&date);
  return d;
}

typedef enum
{
  PREC_YEAR,
  PREC_MONTH,
  PREC_DAY,
  PREC_MINUTE,
  PREC_SECOND,
} Precision;

static void
format_date (char       *buffer,
             gsize       size,
             Rng        *rng,
             Day         d,
             Precision   precision,
             gboolean    allow_qualifier)
{
  static const char * const zones[] = { "", "", "Z", "Z", "+01:00", "+02:00", "-05:00", "+03:00" };
  static const char * const qualifiers[] = { "~", "~", "~", "?", "?", "%" };
  const char *qualifier = "";

  if (allow_qualifier && precision <= PREC_DAY && rng_chance (rng, 4))
    qualifier = PICK (rng, qualifiers);

  switch (precision)
    {
    case PREC_YEAR:
      g_snprintf (buffer, size, "%04u%s", d.year, qualifier);
      break;
    case PREC_MONTH:
      g_snprintf (buffer, size, "%04u-%02u%s", d.year, d.month, qualifier);
      break;
    case PREC_DAY:
      g_snprintf (buffer, size, "%04u-%02u-%02u%s", d.year, d.month, d.day, qualifier);
      break;
    case PREC_MINUTE:
      g_snprintf (buffer, size, "%04u-%02u-%02uT%02u:%02u%s", d.year, d.month, d.day,
                  rng_between (rng, 6, 22), rng_below (rng, 60), PICK (rng, zones));
      break;
    case PREC_SECOND:
      g_snprintf (buffer, size, "%04u-%02u-%02uT%02u:%02u:%02u%s", d.year, d.month, d.day,
                  rng_between (rng, 6, 22), rng_below (rng, 60), rng_below (rng, 60),
                  PICK (rng, zones));
      break;
    default:
      g_assert_not_reached ();
    }
}

static Precision
random_precision (Rng *rng)
{
  guint r = rng_below (rng, 100);

  if (r < 8)
    return PREC_YEAR;
  if (r < 23)
    return PREC_MONTH;
  if (r < 80)
    return PREC_DAY;
  if (r < 95)
    return PREC_MINUTE;
  return PREC_SECOND;
}

/* Records kept in memory for references */

typedef enum
{
  KIND_PERSON,
  KIND_COUNTRY,
  KIND_ORGANIZATION,
} ActorKind;

typedef struct
{
  char     *id;
  char     *name;
  ActorKind kind;
} Actor;

typedef struct
{
  guint cp_start;
  guint cp_length;
  gsize byte_start;
  gsize byte_length;
} Passage;

typedef struct
{
  char    *id;
  GString *text;
  GArray  *passages;
} Source;

typedef struct
{
  char *id;
  char  date[40];
  guint n_sources;
  guint sources[3];
} Event;

typedef struct
{
  guint64 n_statements;
  Rng     rng;
  Writer  w;

  GPtrArray *actors;
  GArray    *persons;
  GArray    *countries;
  GArray    *holders_of;
  GPtrArray *sources;
  GArray    *text_sources;
  GPtrArray *topics;
  GPtrArray *events;
} Gen;

static void
actor_free (gpointer data)
{
  Actor *actor = data;

  g_free (actor->id);
  g_free (actor->name);
  g_free (actor);
}

static void
source_free (gpointer data)
{
  Source *source = data;

  g_free (source->id);
  if (source->text != NULL)
    g_string_free (source->text, TRUE);
  if (source->passages != NULL)
    g_array_unref (source->passages);
  g_free (source);
}

static void
event_free (gpointer data)
{
  Event *event = data;

  g_free (event->id);
  g_free (event);
}

static guint
scaled (guint64 n_statements,
        guint   per_200k,
        guint   minimum)
{
  guint64 value = (n_statements * per_200k + 100000) / 200000;

  return MAX ((guint)value, minimum);
}

/* Picks n distinct indexes below limit into out. */
static guint
pick_distinct (Rng   *rng,
               guint  n,
               guint  limit,
               guint *out)
{
  guint count = 0;

  n = MIN (n, limit);
  while (count < n)
    {
      guint candidate = rng_below (rng, limit);
      gboolean seen = FALSE;

      for (guint i = 0; i < count; i++)
        seen = seen || out[i] == candidate;
      if (!seen)
        out[count++] = candidate;
    }

  return count;
}

static void
write_header (Gen *gen)
{
  Writer *w = &gen->w;
  g_autofree char *id = g_strdup_printf ("synthetic-%" G_GUINT64_FORMAT, gen->n_statements);
  g_autofree char *title = g_strdup_printf ("Synthetic benchmark dataset (%" G_GUINT64_FORMAT " statements)",
                                            gen->n_statements);

  begin_object (w, NULL, FALSE);
  member_string (w, "format", "standpoint-dataset");
  member_raw (w, "version", "1");
  begin_object (w, "dataset", FALSE);
  member_string (w, "id", id);
  member_string (w, "title", title);
  member_string (w, "description",
                 "Generated by sp-gen-dataset: invented people, places and sources, "
                 "for measuring imports. Nothing in it is true.");
  member_string (w, "language", "en");
  member_string (w, "license", "CC0-1.0");
  end_object (w);
}

static void
write_sources (Gen *gen)
{
  Writer *w = &gen->w;
  Rng *rng = &gen->rng;
  guint n = scaled (gen->n_statements, 5000, 5);
  char date[40];

  begin_array (w, "sources", FALSE);
  for (guint i = 0; i < n; i++)
    {
      Source *source = g_new0 (Source, 1);
      const char *publisher = PICK (rng, publishers);
      Day published = random_day (rng, 1990, 2025);
      g_autofree char *title = NULL;
      g_autofree char *url = NULL;

      source->id = g_strdup_printf ("src-%04u-%02u-%02u-%u", published.year, published.month,
                                    published.day, i);
      title = g_strdup_printf ("%s: ministers discuss %s", publisher, PICK (rng, issues));
      title[0] = g_ascii_toupper (title[0]);

      begin_object (w, NULL, FALSE);
      member_string (w, "id", source->id);
      member_string (w, "title", title);
      if (rng_chance (rng, 85))
        member_string (w, "publisher", publisher);
      if (rng_chance (rng, 80))
        {
          url = g_strdup_printf ("https://example.org/news/%04u/%02u/%s", published.year,
                                 published.month, source->id);
          member_string (w, "url", url);
        }
      if (rng_chance (rng, 90))
        {
          format_date (date, sizeof date, rng, published,
                       rng_chance (rng, 85) ? PREC_DAY : PREC_MINUTE, FALSE);
          member_string (w, "published", date);
        }
      if (rng_chance (rng, 30))
        {
          format_date (date, sizeof date, rng, add_days (published, rng_between (rng, 1, 400)),
                       PREC_DAY, FALSE);
          member_string (w, "accessed", date);
        }
      if (rng_chance (rng, 70))
        member_string (w, "language", rng_chance (rng, 80) ? "en" : "fr");

      if (rng_chance (rng, 40))
        {
          guint target = rng_between (rng, 1500, 6000);
          guint cp = 0;

          source->text = g_string_sized_new (target + 256);
          source->passages = g_array_new (FALSE, FALSE, sizeof (Passage));

          while (source->text->len < target)
            {
              Passage passage;

              if (source->passages->len > 0)
                {
                  if (rng_chance (rng, 20))
                    {
                      g_string_append (source->text, "\n\n");
                      cp += 2;
                    }
                  else
                    {
                      g_string_append_c (source->text, ' ');
                      cp++;
                    }
                }

              passage.cp_start = cp;
              passage.byte_start = source->text->len;
              passage.cp_length = append_sentence (source->text, rng, 50, 300);
              passage.byte_length = source->text->len - passage.byte_start;
              cp += passage.cp_length;
              g_array_append_val (source->passages, passage);
            }

          member_string (w, "text", source->text->str);
          g_array_append_val (gen->text_sources, i);
        }
      end_object (w);

      g_ptr_array_add (gen->sources, source);
    }
  end_array (w);
}

static void
write_actors (Gen *gen)
{
  Writer *w = &gen->w;
  Rng *rng = &gen->rng;
  guint n = scaled (gen->n_statements, 2000, 12);
  guint n_countries = MAX (n / 20, 2);
  guint n_organizations = MAX (n * 3 / 40, 2);

  begin_array (w, "actors", FALSE);
  for (guint i = 0; i < n; i++)
    {
      Actor *actor = g_new0 (Actor, 1);
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;

      begin_object (w, NULL, FALSE);
      if (i < n_countries)
        {
          const Name *stem = &country_stems[i % G_N_ELEMENTS (country_stems)];
          const Name *ending = &country_endings[(i / G_N_ELEMENTS (country_stems)) % G_N_ELEMENTS (country_endings)];
          guint round = i / (G_N_ELEMENTS (country_stems) * G_N_ELEMENTS (country_endings));

          actor->kind = KIND_COUNTRY;
          if (round == 0)
            {
              name = g_strdup_printf ("%s%s", stem->display, ending->display);
              actor->id = g_strdup_printf ("%s%s", stem->slug, ending->slug);
            }
          else
            {
              name = g_strdup_printf ("%s%s %u", stem->display, ending->display, round + 1);
              actor->id = g_strdup_printf ("%s%s-%u", stem->slug, ending->slug, round + 1);
            }
          member_string (w, "id", actor->id);
          member_string (w, "kind", "country");
          member_string (w, "name", name);
          g_array_append_val (gen->countries, i);
          g_array_append_val (gen->holders_of, i);
        }
      else if (i < n_countries + n_organizations)
        {
          const char *topic = PICK (rng, organization_topics);
          const char *kind = PICK (rng, organization_kinds);
          g_autofree char *slug = NULL;

          actor->kind = KIND_ORGANIZATION;
          name = g_strdup_printf ("%s %s", topic, kind);
          slug = g_ascii_strdown (name, -1);
          g_strdelimit (slug, " ", '-');
          actor->id = g_strdup_printf ("%s-%u", slug, i);
          member_string (w, "id", actor->id);
          member_string (w, "kind", "organization");
          member_string (w, "name", name);
          if (rng_chance (rng, 40))
            {
              description = g_strdup_printf ("An intergovernmental body on %s matters.", topic);
              member_string (w, "description", description);
            }
          g_array_append_val (gen->holders_of, i);
        }
      else
        {
          const Name *first = &PICK (rng, first_names);
          const Name *last = &PICK (rng, last_names);
          guint country = g_array_index (gen->countries, guint, rng_skewed (rng, gen->countries->len));

          actor->kind = KIND_PERSON;
          name = g_strdup_printf ("%s %s", first->display, last->display);
          actor->id = g_strdup_printf ("%s-%s-%u", first->slug, last->slug, i);
          member_string (w, "id", actor->id);
          member_string (w, "kind", "person");
          member_string (w, "name", name);
          if (rng_chance (rng, 90))
            member_string (w, "country", ((Actor *)g_ptr_array_index (gen->actors, country))->id);
          if (rng_chance (rng, 30))
            {
              description = g_strdup_printf ("Politician from %s.",
                                             ((Actor *)g_ptr_array_index (gen->actors, country))->name);
              member_string (w, "description", description);
            }
          g_array_append_val (gen->persons, i);
        }
      end_object (w);

      actor->name = g_steal_pointer (&name);
      g_ptr_array_add (gen->actors, actor);
    }
  end_array (w);
}

static void
write_source_list (Gen   *gen,
                   guint  n,
                   guint *indexes)
{
  Writer *w = &gen->w;

  begin_array (w, "sources", TRUE);
  for (guint i = 0; i < n; i++)
    member_string (w, NULL, ((Source *)g_ptr_array_index (gen->sources, indexes[i]))->id);
  end_array (w);
}

static void
write_offices (Gen *gen)
{
  Writer *w = &gen->w;
  Rng *rng = &gen->rng;
  guint n = scaled (gen->n_statements, 1000, 3);
  char date[40];

  begin_array (w, "offices", FALSE);
  for (guint i = 0; i < n; i++)
    {
      const char *title = PICK (rng, office_titles);
      guint holder = g_array_index (gen->persons, guint, rng_below (rng, gen->persons->len));
      guint of = g_array_index (gen->holders_of, guint, rng_skewed (rng, gen->holders_of->len));
      Day start = random_day (rng, 1990, 2023);
      g_autofree char *id = NULL;
      g_autofree char *slug = g_ascii_strdown (title, -1);
      guint indexes[3];
      guint n_sources;

      g_strdelimit (slug, " ", '-');
      id = g_strdup_printf ("%s-%s-%u", ((Actor *)g_ptr_array_index (gen->actors, holder))->id, slug, i);

      begin_object (w, NULL, FALSE);
      member_string (w, "id", id);
      member_string (w, "holder", ((Actor *)g_ptr_array_index (gen->actors, holder))->id);
      member_string (w, "title", title);
      member_string (w, "of", ((Actor *)g_ptr_array_index (gen->actors, of))->id);
      format_date (date, sizeof date, rng, start,
                   rng_chance (rng, 80) ? PREC_DAY : rng_chance (rng, 50) ? PREC_MONTH : PREC_YEAR,
                   TRUE);
      member_string (w, "start", date);
      if (rng_chance (rng, 70))
        {
          /* A later year, so the end is after the start at any precision. */
          Day end = random_day (rng, start.year + 1, MIN (start.year + 8, 2025));

          format_date (date, sizeof date, rng, end, rng_chance (rng, 85) ? PREC_DAY : PREC_MONTH, TRUE);
          member_string (w, "end", date);
        }
      n_sources = pick_distinct (rng, rng_below (rng, 4), gen->sources->len, indexes);
      if (n_sources > 0)
        write_source_list (gen, n_sources, indexes);
      end_object (w);
    }
  end_array (w);
}

static void
write_topics (Gen *gen)
{
  Writer *w = &gen->w;
  Rng *rng = &gen->rng;
  guint n = scaled (gen->n_statements, 200, 3);

  begin_array (w, "topics", FALSE);
  for (guint i = 0; i < n; i++)
    {
      const char *issue = issues[i % G_N_ELEMENTS (issues)];
      const char *verb = proposition_verbs[(i / G_N_ELEMENTS (issues)) % G_N_ELEMENTS (proposition_verbs)];
      Actor *country = g_ptr_array_index (gen->actors, g_array_index (gen->countries, guint,
                                                                       i % gen->countries->len));
      g_autofree char *id = NULL;
      g_autofree char *slug = g_ascii_strdown (issue, -1);
      g_autofree char *label = NULL;
      g_autofree char *proposition = NULL;

      g_strdelimit (slug, " ", '-');
      id = g_strdup_printf ("%s-%s-%u", country->id, slug, i);
      label = g_strdup_printf ("%s: %s", country->name, issue);
      proposition = g_strdup_printf ("The government of %s %s %s", country->name, verb, issue);

      begin_object (w, NULL, FALSE);
      member_string (w, "id", id);
      member_string (w, "label", label);
      member_string (w, "proposition", proposition);
      if (rng_chance (rng, 50))
        {
          GString *description = g_string_new ("Covers ");

          append_sentence (description, rng, 40, 160);
          member_string (w, "description", description->str);
          g_string_free (description, TRUE);
        }
      end_object (w);

      g_ptr_array_add (gen->topics, g_steal_pointer (&id));
    }
  end_array (w);
}

static void
write_events (Gen *gen)
{
  Writer *w = &gen->w;
  Rng *rng = &gen->rng;
  guint n = scaled (gen->n_statements, 10000, 5);
  char end_date[40];

  begin_array (w, "events", FALSE);
  for (guint i = 0; i < n; i++)
    {
      Event *event = g_new0 (Event, 1);
      const char *kind = PICK (rng, event_kinds);
      const char *issue = PICK (rng, issues);
      Day day = random_day (rng, 1995, 2025);
      g_autofree char *title = g_strdup_printf ("%s on %s", kind, issue);
      guint participants[6];
      guint n_participants;

      event->id = g_strdup_printf ("ev-%04u-%02u-%02u-%u", day.year, day.month, day.day, i);

      begin_object (w, NULL, FALSE);
      member_string (w, "id", event->id);
      member_string (w, "title", title);
      if (rng_chance (rng, 60))
        {
          GString *description = g_string_new (NULL);

          append_sentence (description, rng, 50, 250);
          member_string (w, "description", description->str);
          g_string_free (description, TRUE);
        }
      if (rng_chance (rng, 70))
        member_string (w, "location", PICK (rng, locations));

      if (rng_chance (rng, 75))
        {
          Precision precision = rng_chance (rng, 80) ? PREC_DAY
                                : rng_chance (rng, 60) ? PREC_MINUTE : PREC_MONTH;

          format_date (event->date, sizeof event->date, rng, day, precision, TRUE);
          member_string (w, "date", event->date);
        }
      else if (rng_chance (rng, 80))
        {
          format_date (event->date, sizeof event->date, rng, day, PREC_DAY, FALSE);
          format_date (end_date, sizeof end_date, rng, add_days (day, rng_between (rng, 1, 5)),
                       PREC_DAY, FALSE);
          member_string (w, "start", event->date);
          member_string (w, "end", end_date);
        }
      else
        {
          format_date (event->date, sizeof event->date, rng, day, PREC_MONTH, FALSE);
          format_date (end_date, sizeof end_date, rng, add_days (day, rng_between (rng, 35, 200)),
                       PREC_DAY, FALSE);
          member_string (w, "start", event->date);
          member_string (w, "end", end_date);
        }

      n_participants = pick_distinct (rng, rng_between (rng, 2, 6), gen->actors->len, participants);
      begin_array (w, "participants", FALSE);
      for (guint p = 0; p < n_participants; p++)
        {
          begin_object (w, NULL, TRUE);
          member_string (w, "actor", ((Actor *)g_ptr_array_index (gen->actors, participants[p]))->id);
          member_string (w, "role", p == 0 && rng_chance (rng, 60) ? "chair" : PICK (rng, roles));
          end_object (w);
        }
      end_array (w);

      event->n_sources = pick_distinct (rng, rng_between (rng, 1, 3), gen->sources->len, event->sources);
      write_source_list (gen, event->n_sources, event->sources);
      end_object (w);

      g_ptr_array_add (gen->events, event);
    }
  end_array (w);
}

static void
write_statements (Gen *gen)
{
  Writer *w = &gen->w;
  Rng *rng = &gen->rng;
  GString *quote = g_string_new (NULL);
  GString *paraphrase = g_string_new (NULL);
  char date[40];
  char buffer[64];

  begin_array (w, "statements", FALSE);
  for (guint64 i = 0; i < gen->n_statements; i++)
    {
      guint speaker_index;
      Actor *speaker;
      Event *event = NULL;
      Source *source;
      Passage *passage = NULL;
      gboolean has_quote, has_paraphrase;
      guint r;

      /* Countries and organizations come first among the actors. */
      if (rng_chance (rng, 90))
        speaker_index = g_array_index (gen->persons, guint, rng_skewed (rng, gen->persons->len));
      else
        speaker_index = rng_below (rng, gen->actors->len - gen->persons->len);
      speaker = g_ptr_array_index (gen->actors, speaker_index);

      if (rng_chance (rng, 30))
        event = g_ptr_array_index (gen->events, rng_below (rng, gen->events->len));

      if (event != NULL && rng_chance (rng, 60))
        source = g_ptr_array_index (gen->sources, event->sources[rng_below (rng, event->n_sources)]);
      else if (gen->text_sources->len > 0 && rng_chance (rng, 30))
        source = g_ptr_array_index (gen->sources, g_array_index (gen->text_sources, guint,
                                                                 rng_below (rng, gen->text_sources->len)));
      else
        source = g_ptr_array_index (gen->sources, rng_skewed (rng, gen->sources->len));

      if (source->text != NULL && rng_chance (rng, 75))
        passage = &g_array_index (source->passages, Passage, rng_below (rng, source->passages->len));

      r = rng_below (rng, 100);
      has_quote = r < 75;
      has_paraphrase = r >= 30;

      g_string_truncate (quote, 0);
      g_string_truncate (paraphrase, 0);
      if (has_quote)
        {
          if (passage != NULL)
            g_string_append_len (quote, source->text->str + passage->byte_start, passage->byte_length);
          else
            append_sentence (quote, rng, 50, 300);
        }
      if (has_paraphrase)
        {
          g_string_append (paraphrase, PICK (rng, paraphrase_openers));
          g_string_append_c (paraphrase, ' ');
          gsize sentence_start = paraphrase->len;

          append_sentence (paraphrase, rng, 50 - paraphrase->len, 300 - paraphrase->len);
          paraphrase->str[sentence_start] = g_ascii_tolower (paraphrase->str[sentence_start]);
        }

      g_snprintf (buffer, sizeof buffer, "st-%s-%" G_GUINT64_FORMAT, speaker->id, i);

      begin_object (w, NULL, FALSE);
      member_string (w, "id", buffer);
      member_string (w, "speaker", speaker->id);
      member_string (w, "topic", g_ptr_array_index (gen->topics, rng_skewed (rng, gen->topics->len)));
      member_string (w, "stance", PICK (rng, stances));

      if (rng_chance (rng, 8))
        {
          const Unit *unit = &PICK (rng, units);
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          begin_object (w, "quantity", TRUE);
          if (unit->decimal)
            g_ascii_formatd (number, sizeof number, "%.1f",
                             rng_between (rng, unit->lo * 10, unit->hi * 10) / 10.0);
          else
            g_snprintf (number, sizeof number, "%u", rng_between (rng, unit->lo, unit->hi));
          member_raw (w, "value", number);
          member_string (w, "unit", unit->unit);
          end_object (w);
        }

      if (has_quote)
        member_string (w, "quote", quote->str);
      if (has_paraphrase)
        member_string (w, "paraphrase", paraphrase->str);

      if (event != NULL)
        member_string (w, "said", event->date);
      else
        {
          format_date (date, sizeof date, rng, random_day (rng, 1995, 2025), random_precision (rng), TRUE);
          member_string (w, "said", date);
        }

      member_string (w, "source", source->id);
      if (passage != NULL)
        {
          begin_array (w, "offsets", TRUE);
          member_uint (w, NULL, passage->cp_start);
          member_uint (w, NULL, passage->cp_start + passage->cp_length);
          end_array (w);
        }
      if (event != NULL)
        member_string (w, "event", event->id);
      end_object (w);
    }
  end_array (w);

  g_string_free (quote, TRUE);
  g_string_free (paraphrase, TRUE);
}

static gboolean
generate (Gen         *gen,
          const char  *path,
          GError     **error)
{
  FILE *out;
  gboolean to_stdout = g_strcmp0 (path, "-") == 0;

  out = to_stdout ? stdout : fopen (path, "wb");
  if (out == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot write %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  setvbuf (out, NULL, _IOFBF, 1 << 20);

  gen->w.out = out;
  write_header (gen);
  write_sources (gen);
  write_actors (gen);
  write_offices (gen);
  write_topics (gen);
  write_events (gen);
  write_statements (gen);
  end_object (&gen->w);
  fputc ('\n', out);

  if (ferror (out) || (to_stdout ? fflush (out) : fclose (out)) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot write %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  Gen gen = { 0 };
  guint64 n;
  gboolean ok;

  if (argc < 2 || argc > 4 ||
      !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXUINT32, &n, NULL))
    {
      /* Translators: usage of a benchmark tool; N is a number, OUT.json a file or "-" for stdout */
      g_printerr (_("Usage: %s N [OUT.json|-] [SEED]\n"
                    "Writes a synthetic standpoint-dataset with N statements.\n"), argv[0]);
      return 2;
    }

  gen.n_statements = n;
  gen.rng.state = DEFAULT_SEED;
  if (argc == 4)
    {
      guint64 seed;

      if (!g_ascii_string_to_unsigned (argv[3], 10, 0, G_MAXUINT64, &seed, &error))
        {
          g_printerr ("%s: %s\n", argv[0], error->message);
          return 2;
        }
      gen.rng.state = seed;
    }

  gen.actors = g_ptr_array_new_with_free_func (actor_free);
  gen.persons = g_array_new (FALSE, FALSE, sizeof (guint));
  gen.countries = g_array_new (FALSE, FALSE, sizeof (guint));
  gen.holders_of = g_array_new (FALSE, FALSE, sizeof (guint));
  gen.sources = g_ptr_array_new_with_free_func (source_free);
  gen.text_sources = g_array_new (FALSE, FALSE, sizeof (guint));
  gen.topics = g_ptr_array_new_with_free_func (g_free);
  gen.events = g_ptr_array_new_with_free_func (event_free);

  ok = generate (&gen, argc >= 3 ? argv[2] : "-", &error);
  if (!ok)
    g_printerr ("%s: %s\n", argv[0], error->message);

  g_ptr_array_unref (gen.actors);
  g_array_unref (gen.persons);
  g_array_unref (gen.countries);
  g_array_unref (gen.holders_of);
  g_ptr_array_unref (gen.sources);
  g_array_unref (gen.text_sources);
  g_ptr_array_unref (gen.topics);
  g_ptr_array_unref (gen.events);

  return ok ? 0 : 1;
}
