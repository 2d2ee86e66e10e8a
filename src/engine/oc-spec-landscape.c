/* oc-spec-landscape.c — the `landscape` spec kind: the loss around a trained network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A landscape spec is a train spec plus the settings of OcLandscapeSpec. Settings the chosen line
 * or plane cannot use take their defaults in the canonical form (a PCA plane has no direction
 * seed, a random one no checkpoints), so that equal experiments share one ID. A stored network
 * (from_experiment) is named by ID, which only the store can resolve: oc_landscape_spec_resolve()
 * turns it into the experiment's own training settings before the spec runs.
 */
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-landscape-spec.h"
#include "oc-spec-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

#define LS(member) offsetof (OcLandscapeSpec, member)

G_STATIC_ASSERT (offsetof (OcLandscapeSpec, base) == 0);
G_STATIC_ASSERT (sizeof (OcLandscapePlane) == sizeof (int));

/* Index = OcLandscapePlane. */
static const char *const plane_names[] = { "random", "pca", "none", NULL };

static const OcSpecField landscape_fields[] = {
  OC_SPEC_DATA_FIELDS
  OC_SPEC_MODEL_TRAIN_FIELDS
  { "landscape", "from_experiment", OC_SPEC_STRING,
    OC_SPEC_FIELD_NULLABLE | OC_SPEC_FIELD_NOT_HASHED, -OC_SPEC_INF, OC_SPEC_INF, NULL, NULL,
    LS (from_experiment), 0, "from-experiment", "landscape",
    N_("Use the trained network of a stored train (or landscape) experiment, by ID or unique "
    "prefix, instead of training one; its settings replace the data and training flags"), "ID" },
  { "landscape", "line", OC_SPEC_STRING, 0, -OC_SPEC_INF, OC_SPEC_INF, NULL, NULL, LS (line), 0,
    "line", "landscape",
    N_("The 1-D profile: init-final (θ₀ → θ_T, default), seeds:A,B (networks trained with seeds A "
    "and B), experiments:ID,ID (two stored runs) or none"), "LINE" },
  { "landscape", "alpha_min", OC_SPEC_DOUBLE, 0, -100, 0, NULL, NULL, LS (alpha_min), 0,
    "alpha-min", "landscape", N_("Where the line starts, α ≤ 0 (−0.5)"), "A" },
  { "landscape", "alpha_max", OC_SPEC_DOUBLE, 0, 1, 100, NULL, NULL, LS (alpha_max), 0,
    "alpha-max", "landscape", N_("Where the line ends, α ≥ 1 (1.5)"), "A" },
  { "landscape", "line_points", OC_SPEC_UINT, 0, 3, 10001, NULL, NULL, LS (line_points), 0,
    "line-points", "landscape", N_("Values of α along the line, plus 0 and 1 (41)"), "N" },
  { "landscape", "plane", OC_SPEC_CHOICE, 0, -OC_SPEC_INF, OC_SPEC_INF, plane_names, NULL,
    LS (plane), 0, "plane", "landscape",
    N_("The 2-D slice through θ_T: random (filter-normalised random directions, default), pca (the "
    "training trajectory's top two principal directions) or none"), "KIND" },
  { "landscape", "grid", OC_SPEC_UINT, 0, 3, 401, NULL, NULL, LS (grid), 0,
    "grid", "landscape", N_("Points per side of the slice, odd so that θ_T is on it (41)"), "N" },
  { "landscape", "span", OC_SPEC_DOUBLE, OC_SPEC_FIELD_MIN_OPEN, 0, 100, NULL, NULL, LS (span),
    0, "span", "landscape",
    N_("Half-width of the slice: random, in units of the directions (1: [−1, 1]²); pca, a multiple "
    "of how far the trajectory reaches along each direction (1.2)"), "S" },
  { "landscape", "direction_seed", OC_SPEC_UINT64, 0, 0, OC_SPEC_MAX_I64, NULL, NULL,
    LS (direction_seed), 0, "direction-seed", "landscape",
    N_("random: seed of the two directions (0)"), "SEED" },
  { "landscape", "checkpoints", OC_SPEC_UINT, 0, 2, 1000, NULL, NULL, LS (checkpoints), 0,
    "checkpoints", "landscape",
    N_("pca: snapshots of the weights along the training, denser early (50)"), "N" },
  { "landscape", "eval_examples", OC_SPEC_UINT, 0, 1, 10000000, NULL, NULL, LS (eval_examples),
    0, "eval-examples", "landscape",
    N_("Training examples evaluated at every point, and as many test examples (2000)"), "N" },
  OC_SPEC_THREADS_FIELD (OC_SPEC_T (threads)),
};

/* ---- Lines ---- */

/* An experiment ID or prefix: 4 to 64 hex digits, kept lowercase and at most OC_SPEC_ID_LEN
 * long (an ID is the first 16 digits of the hash `runs show` prints). */
static gboolean
parse_id (const char *text, char *out)
{
  gsize len = strlen (text);

  if (len < 4 || len > 64 || strspn (text, "0123456789abcdefABCDEF") != len)
    return FALSE;
  for (gsize i = 0; i < MIN (len, OC_SPEC_ID_LEN); i++)
    out[i] = g_ascii_tolower (text[i]);
  out[MIN (len, OC_SPEC_ID_LEN)] = '\0';
  return TRUE;
}

gboolean
oc_landscape_line_parse (const char *text, OcLandscapeLine *line, char **why)
{
  g_auto (GStrv) parts = NULL;
  const char *colon;

  g_return_val_if_fail (text != NULL && line != NULL && why != NULL, FALSE);

  memset (line, 0, sizeof *line);
  *why = NULL;
  if (strcmp (text, "init-final") == 0)
    {
      line->kind = OC_LANDSCAPE_LINE_INIT_FINAL;
      return TRUE;
    }
  if (strcmp (text, "none") == 0)
    {
      line->kind = OC_LANDSCAPE_LINE_NONE;
      return TRUE;
    }
  colon = strchr (text, ':');
  if (colon != NULL)
    parts = g_strsplit (colon + 1, ",", -1);
  if (colon != NULL && strncmp (text, "seeds:", 6) == 0)
    {
      line->kind = OC_LANDSCAPE_LINE_SEEDS;
      if (g_strv_length (parts) != 2
          || !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64, &line->seeds[0], NULL)
          || !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, &line->seeds[1], NULL))
        *why = g_strdup_printf ("\"%s\": seeds:A,B takes two seeds, whole numbers ≥ 0, such as "
                                "seeds:0,1", text);
      else if (line->seeds[0] == line->seeds[1])
        *why = g_strdup_printf ("\"%s\": the two seeds must differ", text);
      return *why == NULL;
    }
  if (colon != NULL && strncmp (text, "experiments:", 12) == 0)
    {
      line->kind = OC_LANDSCAPE_LINE_EXPERIMENTS;
      if (g_strv_length (parts) != 2 || !parse_id (parts[0], line->experiments[0])
          || !parse_id (parts[1], line->experiments[1]))
        *why = g_strdup_printf ("\"%s\": experiments:ID,ID takes two experiment IDs (4 hex "
                                "digits or more each, as occam-cli runs list shows them)", text);
      else if (strcmp (line->experiments[0], line->experiments[1]) == 0)
        *why = g_strdup_printf ("\"%s\": the two experiments must differ", text);
      return *why == NULL;
    }
  *why = g_strdup_printf ("\"%s\" is not init-final, seeds:A,B, experiments:ID,ID or none", text);
  return FALSE;
}

char *
oc_landscape_line_format (const OcLandscapeLine *line)
{
  g_return_val_if_fail (line != NULL, NULL);

  switch (line->kind)
    {
    case OC_LANDSCAPE_LINE_SEEDS:
      return g_strdup_printf ("seeds:%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT, line->seeds[0],
                              line->seeds[1]);
    case OC_LANDSCAPE_LINE_EXPERIMENTS:
      return g_strdup_printf ("experiments:%s,%s", line->experiments[0], line->experiments[1]);
    case OC_LANDSCAPE_LINE_NONE:
      return g_strdup ("none");
    case OC_LANDSCAPE_LINE_INIT_FINAL:
    default:
      return g_strdup ("init-final");
    }
}

char *
oc_landscape_train_key (guint64 seed)
{
  return g_strdup_printf ("{\"part\":\"train\",\"seed\":%" G_GUINT64_FORMAT "}", seed);
}

/* ---- The kind ---- */

static void
landscape_init (gpointer values)
{
  OcLandscapeSpec *v = values;

  memset (v, 0, sizeof *v);
  oc_spec_train_init (&v->base);
  v->from_experiment = NULL;
  v->line = "init-final";
  v->alpha_min = -0.5;
  v->alpha_max = 1.5;
  v->line_points = 41;
  v->plane = OC_LANDSCAPE_PLANE_RANDOM;
  v->grid = 41;
  v->span = 1;
  v->direction_seed = 0;
  v->checkpoints = 50;
  v->eval_examples = 2000;
}

static const OcSpecField *
field (OcSpec *spec, const char *name, gboolean *given)
{
  int i = oc_spec_field_index (spec, "landscape", name);

  g_assert (i >= 0);
  if (given != NULL)
    *given = spec->given[i];
  return &spec->kind->fields[i];
}

static void
replace_string (const char **slot, char *text)
{
  g_free ((char *) *slot);
  *slot = text;
}

static gboolean
landscape_finish (OcSpec *spec, gboolean for_cli, GError **error)
{
  OcLandscapeSpec *v = spec->values;
  OcLandscapeSpec defaults;
  OcLandscapeLine line;
  g_autofree char *why = NULL;
  gboolean g_span;

  if (!oc_spec_train_finish (spec, for_cli, error))
    return FALSE;
  landscape_init (&defaults);

  if (!oc_landscape_line_parse (v->line, &line, &why))
    return oc_spec_field_error (error, field (spec, "line", NULL), for_cli, _("%s; e.g. "
                                "init-final or seeds:0,1"), why);
  replace_string (&v->line, oc_landscape_line_format (&line));
  if (v->from_experiment != NULL)
    {
      char id[OC_SPEC_ID_LEN + 1];

      if (!parse_id (v->from_experiment, id))
        return oc_spec_field_error (error, field (spec, "from_experiment", NULL), for_cli,
                                    _("\"%s\" is not an experiment ID (4 hex digits or more, as "
                                    "occam-cli runs list shows them)"), v->from_experiment);
      replace_string (&v->from_experiment, g_strdup (id));
    }
  if (v->plane != OC_LANDSCAPE_PLANE_NONE && v->grid % 2 == 0)
    return oc_spec_field_error (error, field (spec, "grid", NULL), for_cli,
                                _("must be odd so that the trained weights (the centre) are on the "
                                "grid, got %u; try %u"), v->grid, v->grid + 1);
  if (line.kind == OC_LANDSCAPE_LINE_NONE && v->plane == OC_LANDSCAPE_PLANE_NONE)
    return oc_spec_field_error (error, field (spec, "plane", NULL), for_cli,
                                _("the line and the plane are both none: there is nothing to "
                                "compute"));

  /* The PCA span is relative to the trajectory, so its default is another number. */
  field (spec, "span", &g_span);
  if (!g_span)
    v->span = v->plane == OC_LANDSCAPE_PLANE_PCA ? 1.2 : defaults.span;

  /* What the chosen line and plane cannot use does not split one experiment into several IDs. */
  if (line.kind == OC_LANDSCAPE_LINE_NONE)
    {
      v->alpha_min = defaults.alpha_min;
      v->alpha_max = defaults.alpha_max;
      v->line_points = defaults.line_points;
    }
  if (v->plane == OC_LANDSCAPE_PLANE_NONE)
    {
      v->grid = defaults.grid;
      v->span = defaults.span;
    }
  if (v->plane != OC_LANDSCAPE_PLANE_RANDOM)
    v->direction_seed = defaults.direction_seed;
  if (v->plane != OC_LANDSCAPE_PLANE_PCA)
    v->checkpoints = defaults.checkpoints;
  return TRUE;
}

static char *
landscape_describe (const OcSpec *spec)
{
  const OcLandscapeSpec *v = spec->values;
  g_autofree char *base = oc_spec_train_describe (spec);
  GString *s = g_string_new (NULL);

  if (strcmp (v->line, "none") != 0)
    g_string_append_printf (s, "line %s · ", v->line);
  if (v->plane != OC_LANDSCAPE_PLANE_NONE)
    g_string_append_printf (s, "%s plane %u×%u · ", plane_names[v->plane], v->grid, v->grid);
  if (v->from_experiment != NULL)
    g_string_append_printf (s, "from %s · ", v->from_experiment);
  g_string_append (s, base);
  return g_string_free (s, FALSE);
}

const OcSpecKindInfo oc_spec_kind_landscape = {
  .name = "landscape",
  .fields = landscape_fields,
  .n_fields = G_N_ELEMENTS (landscape_fields),
  .values_size = sizeof (OcLandscapeSpec),
  .has_train = TRUE,
  .has_data = TRUE,
  .init = landscape_init,
  .finish = landscape_finish,
  .describe = landscape_describe,
  .runner = &oc_run_kind_landscape,
};

gboolean
oc_landscape_config_from_spec (const OcSpec *spec, OcLandscapeConfig *cfg, GError **error)
{
  g_autofree char *why = NULL;
  guint64 seed;

  g_return_val_if_fail (spec != NULL && cfg != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (oc_spec_get_kind (spec), "landscape") == 0, FALSE);

  memset (cfg, 0, sizeof *cfg);
  cfg->values = spec->values;
  if (!oc_landscape_line_parse (cfg->values->line, &cfg->line, &why))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("$.landscape.line: %s"), why);
      return FALSE;
    }
  cfg->plane = (OcLandscapePlane) cfg->values->plane;
  cfg->base = cfg->plane != OC_LANDSCAPE_PLANE_NONE
              || cfg->line.kind == OC_LANDSCAPE_LINE_INIT_FINAL;
  cfg->seeds = g_array_new (FALSE, FALSE, sizeof (guint64));
  seed = cfg->values->base.train.seed;
  if (cfg->base)
    g_array_append_val (cfg->seeds, seed);
  if (cfg->line.kind == OC_LANDSCAPE_LINE_SEEDS)
    for (int i = 0; i < 2; i++)
      if (!cfg->base || cfg->line.seeds[i] != seed)
        g_array_append_val (cfg->seeds, cfg->line.seeds[i]);
  return TRUE;
}

void
oc_landscape_config_clear (OcLandscapeConfig *cfg)
{
  g_clear_pointer (&cfg->seeds, g_array_unref);
}

/* ---- What comes from the store ---- */

void
oc_landscape_source_free (OcLandscapeSource *s)
{
  if (s == NULL)
    return;
  g_clear_pointer (&s->experiment, oc_store_experiment_free);
  g_clear_pointer (&s->train_spec, oc_spec_free);
  g_clear_pointer (&s->point, oc_store_point_free);
  g_clear_pointer (&s->theta_final, oc_npy_array_free);
  g_clear_pointer (&s->theta_init, oc_npy_array_free);
  g_clear_pointer (&s->checkpoints, oc_npy_array_free);
  g_clear_pointer (&s->checkpoint_iterations, oc_npy_array_free);
  g_free (s);
}

/* An optional artifact: NULL without an error when the point has none. */
static gboolean
optional_artifact (OcStore *store, const char *id, const char *key, const char *name,
                   OcNpyArray **out, GError **error)
{
  g_autoptr (GError) local = NULL;

  *out = oc_store_get_artifact (store, id, key, name, &local);
  if (*out == NULL && !g_error_matches (local, OC_ERROR, OC_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

OcLandscapeSource *
oc_landscape_source_load (OcStore *store, const char *id_or_prefix, GError **error)
{
  g_autoptr (OcLandscapeSource) s = g_new0 (OcLandscapeSource, 1);
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *key = NULL;
  const char *id;

  g_return_val_if_fail (store != NULL && id_or_prefix != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  s->experiment = oc_store_find_experiment (store, id_or_prefix, error);
  if (s->experiment == NULL)
    return NULL;
  id = s->experiment->id;
  if (g_strcmp0 (s->experiment->kind, "train") != 0
      && g_strcmp0 (s->experiment->kind, "landscape") != 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("experiment %s is a %s experiment; a landscape needs one trained network, "
                   "from a train experiment (or another landscape)"), id, s->experiment->kind);
      return NULL;
    }
  spec = oc_spec_new_from_json (s->experiment->spec, -1, NULL, error);
  if (spec == NULL)
    {
      g_prefix_error (error, _("experiment %s: "), id);
      return NULL;
    }
  if (g_strcmp0 (s->experiment->kind, "train") == 0)
    {
      key = g_strdup (OC_TRAIN_POINT_KEY);
      s->train_spec = g_steal_pointer (&spec);
    }
  else
    {
      const OcLandscapeSpec *v = oc_spec_get_values (spec);

      key = oc_landscape_train_key (v->base.train.seed);
      s->train_spec = oc_spec_new_from_base ("train", spec, error);
      if (s->train_spec == NULL)
        return NULL;
    }
  s->point = oc_store_get_point (store, id, key, TRUE, &local);
  if (s->point == NULL && !g_error_matches (local, OC_ERROR, OC_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (s->point == NULL && s->experiment->status == OC_STATUS_FINISHED)
    {
      /* A landscape whose line joins two other seeds never trained its own network. */
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("experiment %s has no network of its own seed (its line joins two other "
                   "seeds' networks); take a train experiment, or a landscape with a plane or "
                   "an init-final line"), id);
      return NULL;
    }
  if (s->point == NULL || s->point->status != OC_STATUS_FINISHED)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("experiment %s has no finished network yet (it is %s): run it to the end "
                   "first"), id, oc_status_to_string (s->experiment->status));
      return NULL;
    }
  s->theta_final = oc_store_get_artifact (store, id, key, "theta_final", &local);
  if (s->theta_final == NULL)
    {
      if (!g_error_matches (local, OC_ERROR, OC_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("experiment %s was stored without its trained weights (theta_final); train "
                   "it again to keep them (occam-cli run --rerun)"), id);
      return NULL;
    }
  if (!optional_artifact (store, id, key, "theta_init", &s->theta_init, error)
      || !optional_artifact (store, id, key, "checkpoints", &s->checkpoints, error)
      || !optional_artifact (store, id, key, "checkpoint_iterations",
                             &s->checkpoint_iterations, error))
    return NULL;
  if ((s->checkpoints == NULL) != (s->checkpoint_iterations == NULL))
    g_clear_pointer (&s->checkpoints, oc_npy_array_free);
  return g_steal_pointer (&s);
}

/* Makes @spec's data and training settings those of @source; a setting given that differs is
 * an error naming it. */
static gboolean
take_settings (OcSpec *spec, const OcLandscapeSource *source, const OcSpecField *from,
               gboolean for_cli, GError **error)
{
  guint n;
  const OcSpecField *fields = oc_spec_kind_fields ("train", &n);

  for (guint i = 0; i < n; i++)
    {
      const OcSpecField *f = &fields[i];
      int index = oc_spec_field_index (spec, f->section, f->name);
      g_autofree char *theirs = NULL, *ours = NULL;

      /* Threads are how, not what. */
      if (index < 0 || strcmp (f->section, "run") == 0)
        continue;
      theirs = oc_spec_get_field_text (source->train_spec, f->section, f->name);
      ours = oc_spec_get_field_text (spec, f->section, f->name);
      /* Equal values stay as they are: "given" would change how finish treats some (a given
       * eval_every of 0 is refused on the command line). */
      if (strcmp (ours, theirs) == 0)
        continue;
      if (spec->given[index])
        {
          g_autofree char *label = oc_spec_field_label (&spec->kind->fields[index], for_cli);
          g_autofree char *from_label = oc_spec_field_label (from, for_cli);

          g_set_error (error, OC_ERROR, OC_ERROR_SPEC,
                       _("%s: %s differs from experiment %s's %s; leave it out, the network and "
                       "its settings come from %s %s"), label, ours[0] != '\0' ? ours : "(none)",
                       source->experiment->id, theirs[0] != '\0' ? theirs : "(none)",
                       from_label, source->experiment->id);
          return FALSE;
        }
      if (!oc_spec_set_field (spec, f->section, f->name, theirs, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
oc_landscape_spec_resolve (OcSpec *spec, OcStore *store, gboolean for_cli, GError **error)
{
  OcLandscapeSpec *v;
  OcLandscapeLine line;
  g_autofree char *why = NULL;
  g_autofree char *from = NULL;
  const OcSpecField *f_from, *f_line;

  g_return_val_if_fail (spec != NULL && store != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (oc_spec_get_kind (spec), "landscape") == 0, FALSE);

  v = spec->values;
  f_from = field (spec, "from_experiment", NULL);
  f_line = field (spec, "line", NULL);
  if (!oc_landscape_line_parse (v->line, &line, &why))
    return oc_spec_field_error (error, f_line, for_cli, "%s", why);

  if (line.kind == OC_LANDSCAPE_LINE_EXPERIMENTS)
    for (int i = 0; i < 2; i++)
      {
        g_autoptr (OcLandscapeSource) s = oc_landscape_source_load (store, line.experiments[i],
                                                                    error);

        if (s == NULL)
          {
            g_autofree char *label = oc_spec_field_label (f_line, for_cli);

            g_prefix_error (error, _("%s: "), label);
            return FALSE;
          }
        g_strlcpy (line.experiments[i], s->experiment->id, sizeof line.experiments[i]);
      }
  from = g_strdup (v->from_experiment != NULL ? v->from_experiment
                   : line.kind == OC_LANDSCAPE_LINE_EXPERIMENTS ? line.experiments[0]
                                                                : NULL);
  if (from != NULL)
    {
      g_autoptr (OcLandscapeSource) s = oc_landscape_source_load (store, from, error);
      g_autofree char *label = oc_spec_field_label (v->from_experiment != NULL ? f_from : f_line,
                                                    for_cli);

      if (s == NULL)
        {
          g_prefix_error (error, _("%s: "), label);
          return FALSE;
        }
      if (!take_settings (spec, s, v->from_experiment != NULL ? f_from : f_line, for_cli, error))
        return FALSE;
      if (v->plane == OC_LANDSCAPE_PLANE_PCA)
        {
          g_autoptr (OcSpec) theirs = NULL;
          g_autofree char *k = NULL;

          if (s->checkpoints == NULL)
            {
              g_set_error (error, OC_ERROR, OC_ERROR_SPEC,
                           _("%s: experiment %s stored no checkpoints of its training (a train "
                           "experiment never does), and the PCA plane is made of them; leave "
                           "out %s to train the network here with its checkpoints, or use "
                           "%s random"), label, s->experiment->id, label,
                           for_cli ? "--plane" : "\"plane\":");
              return FALSE;
            }
          /* The trajectory is theirs: so is its number of checkpoints. */
          theirs = oc_spec_new_from_json (s->experiment->spec, -1, NULL, error);
          if (theirs == NULL)
            return FALSE;
          k = oc_spec_get_field_text (theirs, "landscape", "checkpoints");
          if (!oc_spec_set_field (spec, "landscape", "checkpoints", k, error))
            return FALSE;
        }
      if (!oc_spec_set_field (spec, "landscape", "from_experiment", s->experiment->id, error))
        return FALSE;
    }
  replace_string (&v->line, oc_landscape_line_format (&line));
  return oc_spec_finish (spec, for_cli, error);
}
