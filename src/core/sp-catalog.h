#pragma once

#include <gio/gio.h>

#include "sp-library.h"
#include "sp-model.h"

G_BEGIN_DECLS

/* What a library holds that a user can filter by: its datasets, the actors
 * who made statements and the topics statements are about, each with its
 * count of statements. */

typedef struct _SpCatalogActor SpCatalogActor;

struct _SpCatalogActor
{
  char        *id;
  char        *name;
  SpActorKind  kind;
  char        *country_id;    /* a person's country, or NULL */
  char        *country_name;
  guint        n_statements;  /* the actor's own */
  GPtrArray   *persons;       /* a country's persons who made statements
                               * (SpCatalogActor), by name; NULL for others */
};

typedef struct
{
  char  *id;
  char  *label;
  char  *proposition;
  guint  n_statements;
} SpCatalogTopic;

typedef struct
{
  GPtrArray *datasets;       /* SpDatasetInfo, by title */
  GPtrArray *countries;      /* SpCatalogActor: countries that made statements
                              * or whose persons did, by name */
  GPtrArray *organizations;  /* SpCatalogActor, by name */
  GPtrArray *persons;        /* SpCatalogActor: persons without a country, by name */
  GPtrArray *topics;         /* SpCatalogTopic, by label */
} SpCatalog;

SpCatalog *sp_catalog_load        (SpLibrary            *library,
                                   GError              **error);
/* Whether @library is small enough, or in memory, to be read at once on
 * the main thread rather than with sp_catalog_load_async(). */
gboolean   sp_catalog_loads_quickly (SpLibrary            *library);
/* Reads the catalog in a thread, through a connection of its own, as the
 * caller's stays in use meanwhile. */
void       sp_catalog_load_async  (SpLibrary            *library,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
SpCatalog *sp_catalog_load_finish (GAsyncResult         *result,
                                   GError              **error);
void       sp_catalog_free        (SpCatalog            *catalog);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpCatalog, sp_catalog_free)

G_END_DECLS
