#define G_LOG_DOMAIN "standpoint-catalog"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sp-catalog.h"

/* A library this small, with its write-ahead log, is read in well under a
 * millisecond. */
#define SMALL_LIBRARY_BYTES (1024 * 1024)

static void
catalog_actor_free (SpCatalogActor *actor)
{
  g_free (actor->id);
  g_free (actor->name);
  g_free (actor->country_id);
  g_free (actor->country_name);
  g_clear_pointer (&actor->persons, g_ptr_array_unref);
  g_free (actor);
}

static void
catalog_topic_free (SpCatalogTopic *topic)
{
  g_free (topic->id);
  g_free (topic->label);
  g_free (topic->proposition);
  g_free (topic);
}

void
sp_catalog_free (SpCatalog *catalog)
{
  g_return_if_fail (catalog != NULL);

  g_clear_pointer (&catalog->datasets, g_ptr_array_unref);
  g_clear_pointer (&catalog->countries, g_ptr_array_unref);
  g_clear_pointer (&catalog->organizations, g_ptr_array_unref);
  g_clear_pointer (&catalog->persons, g_ptr_array_unref);
  g_clear_pointer (&catalog->topics, g_ptr_array_unref);
  g_free (catalog);
}

static SpCatalogActor *
catalog_actor_new (const char  *id,
                   const char  *name,
                   SpActorKind  kind)
{
  SpCatalogActor *actor = g_new0 (SpCatalogActor, 1);

  actor->id = g_strdup (id);
  actor->name = g_strdup (name);
  actor->kind = kind;
  if (kind == SP_ACTOR_COUNTRY)
    actor->persons = g_ptr_array_new_with_free_func ((GDestroyNotify)catalog_actor_free);

  return actor;
}

static int
compare_actors (gconstpointer a,
                gconstpointer b)
{
  const SpCatalogActor *actor_a = *(SpCatalogActor **)a;
  const SpCatalogActor *actor_b = *(SpCatalogActor **)b;
  int result = g_utf8_collate (actor_a->name, actor_b->name);

  return result != 0 ? result : strcmp (actor_a->id, actor_b->id);
}

static int
compare_topics (gconstpointer a,
                gconstpointer b)
{
  const SpCatalogTopic *topic_a = *(SpCatalogTopic **)a;
  const SpCatalogTopic *topic_b = *(SpCatalogTopic **)b;
  int result = g_utf8_collate (topic_a->label, topic_b->label);

  return result != 0 ? result : strcmp (topic_a->id, topic_b->id);
}

static gboolean
has_actor (GPtrArray  *actors,
           const char *id)
{
  for (guint i = 0; i < actors->len; i++)
    if (strcmp (((SpCatalogActor *)g_ptr_array_index (actors, i))->id, id) == 0)
      return TRUE;

  return FALSE;
}

/* Counting per speaker and per topic walks the covering indexes
 * statements_by_speaker and statements_by_topic; the joins look actors
 * and topics up by their unique ids. */
static gboolean
load_actors (SpCatalog  *catalog,
             SpLibrary  *library,
             GError    **error)
{
  sqlite3 *db = sp_library_get_db (library);
  g_autoptr(GHashTable) countries = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT a.id, a.kind, a.name, a.country_id, c.name, s.n "
                          "FROM (SELECT speaker_id, count(*) AS n FROM statements "
                          "      GROUP BY speaker_id) AS s "
                          "JOIN actors AS a ON a.id = s.speaker_id "
                          "LEFT JOIN actors AS c ON c.id = a.country_id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sp_library_set_error (library, error);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 0);
      SpActorKind kind = sqlite3_column_int (stmt, 1);
      const char *name = (const char *)sqlite3_column_text (stmt, 2);
      const char *country_id = (const char *)sqlite3_column_text (stmt, 3);
      const char *country_name = (const char *)sqlite3_column_text (stmt, 4);
      guint n_statements = sqlite3_column_int (stmt, 5);
      SpCatalogActor *country;
      SpCatalogActor *actor;

      if (kind == SP_ACTOR_COUNTRY)
        {
          country = g_hash_table_lookup (countries, id);
          if (country == NULL)
            {
              country = catalog_actor_new (id, name, kind);
              g_ptr_array_add (catalog->countries, country);
              g_hash_table_insert (countries, country->id, country);
            }
          country->n_statements = n_statements;
          continue;
        }

      actor = catalog_actor_new (id, name, kind);
      actor->n_statements = n_statements;

      if (kind == SP_ACTOR_PERSON && country_id != NULL && country_name != NULL)
        {
          actor->country_id = g_strdup (country_id);
          actor->country_name = g_strdup (country_name);

          country = g_hash_table_lookup (countries, country_id);
          if (country == NULL)
            {
              country = catalog_actor_new (country_id, country_name, SP_ACTOR_COUNTRY);
              g_ptr_array_add (catalog->countries, country);
              g_hash_table_insert (countries, country->id, country);
            }
          g_ptr_array_add (country->persons, actor);
        }
      else if (kind == SP_ACTOR_ORGANIZATION)
        g_ptr_array_add (catalog->organizations, actor);
      else
        g_ptr_array_add (catalog->persons, actor);
    }

  if (rc != SQLITE_DONE)
    {
      sp_library_set_error (library, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  /* A country or organization also speaks through the holders of its
   * offices (NATO through its Secretary General), so it can be a side in
   * a comparison even without statements of its own. */
  if (sqlite3_prepare_v2 (db,
                          "SELECT DISTINCT a.id, a.kind, a.name FROM offices AS o "
                          "JOIN actors AS a ON a.id = o.of_id "
                          "WHERE EXISTS (SELECT 1 FROM statements AS s WHERE s.speaker_id = o.holder_id)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sp_library_set_error (library, error);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 0);
      SpActorKind kind = sqlite3_column_int (stmt, 1);
      const char *name = (const char *)sqlite3_column_text (stmt, 2);
      SpCatalogActor *actor;

      if (kind == SP_ACTOR_COUNTRY && !g_hash_table_contains (countries, id))
        {
          actor = catalog_actor_new (id, name, kind);
          g_ptr_array_add (catalog->countries, actor);
          g_hash_table_insert (countries, actor->id, actor);
        }
      else if (kind == SP_ACTOR_ORGANIZATION && !has_actor (catalog->organizations, id))
        g_ptr_array_add (catalog->organizations, catalog_actor_new (id, name, kind));
    }

  if (rc != SQLITE_DONE)
    {
      sp_library_set_error (library, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  g_ptr_array_sort (catalog->countries, compare_actors);
  g_ptr_array_sort (catalog->organizations, compare_actors);
  g_ptr_array_sort (catalog->persons, compare_actors);
  for (guint i = 0; i < catalog->countries->len; i++)
    {
      SpCatalogActor *country = g_ptr_array_index (catalog->countries, i);

      g_ptr_array_sort (country->persons, compare_actors);
    }

  return TRUE;
}

static gboolean
load_topics (SpCatalog  *catalog,
             SpLibrary  *library,
             GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (sp_library_get_db (library),
                          "SELECT t.id, t.label, t.proposition, s.n "
                          "FROM (SELECT topic_id, count(*) AS n FROM statements "
                          "      GROUP BY topic_id) AS s "
                          "JOIN topics AS t ON t.id = s.topic_id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sp_library_set_error (library, error);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpCatalogTopic *topic = g_new0 (SpCatalogTopic, 1);

      topic->id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      topic->label = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      topic->proposition = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      topic->n_statements = sqlite3_column_int (stmt, 3);
      g_ptr_array_add (catalog->topics, topic);
    }

  if (rc != SQLITE_DONE)
    {
      sp_library_set_error (library, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  g_ptr_array_sort (catalog->topics, compare_topics);

  return TRUE;
}

SpCatalog *
sp_catalog_load (SpLibrary  *library,
                 GError    **error)
{
  g_autoptr(SpCatalog) catalog = NULL;

  g_return_val_if_fail (SP_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  catalog = g_new0 (SpCatalog, 1);
  catalog->countries = g_ptr_array_new_with_free_func ((GDestroyNotify)catalog_actor_free);
  catalog->organizations = g_ptr_array_new_with_free_func ((GDestroyNotify)catalog_actor_free);
  catalog->persons = g_ptr_array_new_with_free_func ((GDestroyNotify)catalog_actor_free);
  catalog->topics = g_ptr_array_new_with_free_func ((GDestroyNotify)catalog_topic_free);

  catalog->datasets = sp_library_list_datasets (library, error);
  if (catalog->datasets == NULL)
    return NULL;

  if (!load_actors (catalog, library, error) || !load_topics (catalog, library, error))
    return NULL;

  return g_steal_pointer (&catalog);
}

gboolean
sp_catalog_loads_quickly (SpLibrary *library)
{
  const char *path;
  g_autofree char *wal = NULL;
  GStatBuf buf;
  goffset size = 0;

  g_return_val_if_fail (SP_IS_LIBRARY (library), TRUE);

  /* An in-memory library exists only in its one connection. */
  path = sp_library_get_path (library);
  if (g_strcmp0 (path, ":memory:") == 0)
    return TRUE;

  wal = g_strconcat (path, "-wal", NULL);
  if (g_stat (path, &buf) == 0)
    size += buf.st_size;
  if (g_stat (wal, &buf) == 0)
    size += buf.st_size;

  return size <= SMALL_LIBRARY_BYTES;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(SpLibrary) library = NULL;
  GError *error = NULL;
  SpCatalog *catalog;

  if (g_task_return_error_if_cancelled (task))
    return;

  library = sp_library_reopen (task_data, &error);
  catalog = library != NULL ? sp_catalog_load (library, &error) : NULL;
  if (catalog != NULL)
    g_task_return_pointer (task, catalog, (GDestroyNotify)sp_catalog_free);
  else
    g_task_return_error (task, error);
}

void
sp_catalog_load_async (SpLibrary           *library,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SP_IS_LIBRARY (library));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_catalog_load_async);
  g_task_set_task_data (task, g_object_ref (library), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

SpCatalog *
sp_catalog_load_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_catalog_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
