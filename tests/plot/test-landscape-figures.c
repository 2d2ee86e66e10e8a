/* test-landscape-figures.c — the landscape's figures from a stored experiment: the catalogue
 * draws what the builders draw, results received from a run equal results read from the store,
 * the trajectory and the replay's ball are where the data says, and every figure renders to PNG,
 * SVG and PDF in every theme.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <time.h>
#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam-figures/oc-figure-catalog.h"
#include "occam-figures/oc-landscape-figures.h"

typedef struct
{
  char               *dir;
  OcStore            *store;
  OcSpec             *spec;
  char                id[OC_SPEC_ID_LEN + 1];
  OcLandscapeResults *received; /* built from the run's events, as a page would */
} Fixture;

static void
on_event (const OcRunEvent *e, gpointer user_data)
{
  Fixture *fx = user_data;
  g_autoptr (GError) error = NULL;

  if (e->kind != OC_RUN_EVENT_POINT)
    return;
  if (fx->received == NULL)
    fx->received = oc_landscape_results_new (oc_run_plan_get_spec (e->plan),
                                             oc_run_plan_get_id (e->plan));
  g_assert_true (oc_landscape_results_add_point (fx->received, e->point, e->artifacts, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  OcRunSummary s;

  fx->dir = g_dir_make_tmp ("oc-landscape-fig-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "s.db", NULL);
  fx->store = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fx->spec = oc_spec_new_from_json ("{\"version\":1,\"kind\":\"landscape\","
                                    "\"data\":{\"name\":\"moons\",\"n_points\":800},"
                                    "\"model\":{\"hidden\":[12]},"
                                    "\"train\":{\"epochs\":3,\"batch\":32},"
                                    "\"landscape\":{\"plane\":\"pca\",\"grid\":7,"
                                    "\"checkpoints\":6,\"line_points\":9,"
                                    "\"eval_examples\":300}}", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (oc_experiment_run (fx->spec, fx->store, NULL, on_event, fx, NULL, &s, &error));
  g_assert_no_error (error);
  g_strlcpy (fx->id, s.id, sizeof fx->id);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  oc_store_close (fx->store);
  dir = g_dir_open (fx->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (fx->dir, name, NULL);

      g_unlink (p);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_clear_pointer (&fx->spec, oc_spec_free);
  g_clear_pointer (&fx->received, oc_landscape_results_free);
}

static OcLandscapeResults *
load (Fixture *fx)
{
  g_autoptr (GError) error = NULL;
  OcLandscapeResults *r = oc_landscape_results_new (fx->spec, fx->id);

  g_assert_true (oc_landscape_results_load (r, fx->store, &error));
  g_assert_no_error (error);
  return r;
}

static GBytes *
render (const OcPlotFigure *f, OcPlotThemeId theme, OcPlotFormat format)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes;

  g_assert_nonnull (f);
  bytes = oc_plot_figure_render (f, oc_plot_theme_get (theme), format, 640, 360, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
  return bytes;
}

static void
assert_same_figure (OcPlotFigure *from_catalog, OcPlotFigure *from_builder)
{
  g_autoptr (OcPlotFigure) a = from_catalog;
  g_autoptr (OcPlotFigure) b = from_builder;
  g_autoptr (GBytes) x = render (a, OC_PLOT_THEME_LIGHT, OC_PLOT_FORMAT_PNG);
  g_autoptr (GBytes) y = render (b, OC_PLOT_THEME_LIGHT, OC_PLOT_FORMAT_PNG);

  g_assert_cmpstr (oc_plot_figure_get_title (a), ==, oc_plot_figure_get_title (b));
  g_assert_true (g_bytes_equal (x, y));
}

/* What a page receives from the run and what the store gives back are the same results. */
static void
test_received_equals_stored (Fixture *fx, gconstpointer data)
{
  g_autoptr (OcLandscapeResults) r = load (fx);
  char *(*tables[]) (const OcLandscapeResults *) = {
    oc_landscape_results_line_csv, oc_landscape_results_plane_csv,
    oc_landscape_results_trajectory_csv,
  };

  g_assert_nonnull (fx->received);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *a = tables[i] (r), *b = tables[i] (fx->received);

      g_assert_nonnull (a);
      g_assert_cmpstr (a, ==, b);
    }
  g_assert_cmpuint (r->nx, ==, 7);
  g_assert_cmpuint (r->n_trajectory, ==, 7);
  g_assert_nonnull (r->training);
  g_assert_cmpuint (r->training->evals->len, ==, 4);
  g_assert_true (isfinite (r->explained[0]) && r->explained[0] > r->explained[1]);
}

/* The catalogue draws the builders' figures, with their parameters. */
static void
test_catalogue (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcFigureCatalog) c = oc_figure_catalog_new (fx->store, fx->id, &error);
  g_autoptr (OcLandscapeResults) r = load (fx);
  const char *const test_error[] = { "field=test-error", NULL };
  const char *const at[] = { "at=2.5", NULL };
  const char *const bad_at[] = { "at=7", NULL };
  const char *const bad_field[] = { "field=val-loss", NULL };
  GPtrArray *listed;

  g_assert_no_error (error);
  listed = oc_figure_catalog_list (c);
  g_assert_cmpuint (listed->len, ==, 3);
  g_assert_cmpstr (((const OcFigureInfo *) listed->pdata[0])->name, ==, "slice");
  g_assert_cmpstr (((const OcFigureInfo *) listed->pdata[1])->name, ==, "profile");
  g_assert_cmpstr (((const OcFigureInfo *) listed->pdata[2])->name, ==, "replay");
  g_assert_cmpstr (oc_figure_catalog_get_main (c), ==, "slice");

  assert_same_figure (oc_figure_catalog_build (c, "slice", NULL, &error),
                      oc_landscape_slice_figure_new (r, OC_LANDSCAPE_TRAIN_LOSS, NAN));
  assert_same_figure (oc_figure_catalog_build (c, "slice", test_error, &error),
                      oc_landscape_slice_figure_new (r, OC_LANDSCAPE_TEST_ERROR, NAN));
  assert_same_figure (oc_figure_catalog_build (c, "profile", NULL, &error),
                      oc_landscape_profile_figure_new (r));
  /* Without at=, the replay shows the end of training. */
  assert_same_figure (oc_figure_catalog_build (c, "replay", NULL, &error),
                      oc_landscape_replay_figure_new (r, 6));
  assert_same_figure (oc_figure_catalog_build (c, "replay", at, &error),
                      oc_landscape_replay_figure_new (r, 2.5));
  g_assert_no_error (error);

  g_assert_null (oc_figure_catalog_build (c, "replay", bad_at, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "parameter at=7: expected a position along the "
                                            "trajectory, 0 (θ₀, iteration 0) to 6"));
  g_clear_error (&error);
  g_assert_null (oc_figure_catalog_build (c, "slice", bad_field, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "train-loss, train-error, test-loss or test-error"));
}

/* The slice's path is the stored trajectory, from θ₀ to θ_T; the replay's ball sits between two
 * checkpoints where the data puts it. */
static void
test_trajectory_and_ball (Fixture *fx, gconstpointer data)
{
  g_autoptr (OcLandscapeResults) r = load (fx);
  g_autoptr (OcPlotFigure) slice = oc_landscape_slice_figure_new (r, OC_LANDSCAPE_TRAIN_LOSS,
                                                                  2.25);
  g_autoptr (OcPlotFigure) random_like = NULL;
  const double *x, *y;
  double a, b, loss, it;
  guint n = r->n_trajectory;

  g_assert_cmpuint (oc_plot_figure_get_n_series (slice), ==, 4);
  g_assert_cmpstr (oc_plot_figure_get_series_name (slice, 0), ==, "training path");
  g_assert_cmpuint (oc_plot_figure_get_series_data (slice, 0, &x, &y), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (x[i], ==, r->trajectory_alpha[i]);
      g_assert_cmpfloat (y[i], ==, r->trajectory_beta[i]);
    }
  g_assert_cmpfloat (x[n - 1], ==, 0);
  g_assert_cmpfloat (y[n - 1], ==, 0);
  g_assert_cmpuint (oc_plot_figure_get_series_data (slice, 2, &x, &y), ==, 1);
  g_assert_cmpfloat (x[0], ==, 0); /* θ_T */
  g_assert_cmpuint (oc_plot_figure_get_series_data (slice, 3, &x, &y), ==, 1);
  g_assert_true (oc_landscape_replay_position (r, 2.25, &a, &b, &loss, &it));
  g_assert_cmpfloat_with_epsilon (a, 0.75 * r->trajectory_alpha[2] + 0.25 * r->trajectory_alpha[3],
                                  1e-6);
  g_assert_cmpfloat_with_epsilon (it, 0.75 * r->trajectory_iteration[2]
                                        + 0.25 * r->trajectory_iteration[3], 1e-9);
  g_assert_cmpfloat (x[0], ==, a);
  g_assert_cmpfloat (y[0], ==, b);
  /* Positions outside the trajectory are its ends. */
  g_assert_true (oc_landscape_replay_position (r, -3, &a, &b, NULL, NULL));
  g_assert_cmpfloat (a, ==, r->trajectory_alpha[0]);
  g_assert_true (oc_landscape_replay_position (r, 100, &a, &b, NULL, NULL));
  g_assert_true (a == 0 && b == 0);

  /* Without a trajectory (a random plane) the slice marks θ_T alone and there is no replay. */
  r->n_trajectory = 0;
  random_like = oc_landscape_slice_figure_new (r, OC_LANDSCAPE_TRAIN_LOSS, 1);
  g_assert_cmpuint (oc_plot_figure_get_n_series (random_like), ==, 1);
  g_assert_null (oc_landscape_replay_figure_new (r, 1));
  r->n_trajectory = n;
}

/* Every figure draws in every format and theme; two slices compare side by side. */
static void
test_render (Fixture *fx, gconstpointer data)
{
  g_autoptr (OcLandscapeResults) r = load (fx);
  g_autoptr (OcPlotFigure) slice = oc_landscape_slice_figure_new (r, OC_LANDSCAPE_TRAIN_LOSS, 1);
  g_autoptr (OcPlotFigure) profile = oc_landscape_profile_figure_new (r);
  g_autoptr (OcPlotFigure) replay = oc_landscape_replay_figure_new (r, 3.5);
  g_autoptr (OcPlotFigure) compare = oc_landscape_compare_figure_new (r, fx->received,
                                                                      OC_LANDSCAPE_TEST_LOSS);
  const OcPlotFigure *figures[] = { slice, profile, replay, compare };
  const OcPlotThemeId themes[] = { OC_PLOT_THEME_LIGHT, OC_PLOT_THEME_DARK,
                                   OC_PLOT_THEME_PRESENTATION };

  g_assert_cmpint (oc_plot_figure_get_kind (replay), ==, OC_PLOT_KIND_PANELS);
  g_assert_cmpint (oc_plot_figure_get_kind (compare), ==, OC_PLOT_KIND_PANELS);
  for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
    for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
      {
        g_autoptr (GBytes) png = render (figures[f], themes[t], OC_PLOT_FORMAT_PNG);
        g_autoptr (GBytes) svg = render (figures[f], themes[t], OC_PLOT_FORMAT_SVG);
        g_autoptr (GBytes) pdf = render (figures[f], themes[t], OC_PLOT_FORMAT_PDF);
        gsize len;
        const char *text = g_bytes_get_data (svg, &len);

        /* Text stays text in SVG, titles included. */
        g_assert_nonnull (g_strstr_len (text, (gssize) len, "<text"));
        g_assert_nonnull (g_strstr_len (text, (gssize) len, "θ"));
        g_assert_true (memcmp (g_bytes_get_data (pdf, NULL), "%PDF", 4) == 0);
      }
  /* A frame is a pure function of t: the same t, the same bytes; another t, other bytes. */
  {
    g_autoptr (OcPlotFigure) again = oc_landscape_replay_figure_new (r, 3.5);
    g_autoptr (OcPlotFigure) later = oc_landscape_replay_figure_new (r, 4.5);
    g_autoptr (GBytes) a = render (replay, OC_PLOT_THEME_LIGHT, OC_PLOT_FORMAT_PNG);
    g_autoptr (GBytes) b = render (again, OC_PLOT_THEME_LIGHT, OC_PLOT_FORMAT_PNG);
    g_autoptr (GBytes) c = render (later, OC_PLOT_THEME_LIGHT, OC_PLOT_FORMAT_PNG);

    g_assert_true (g_bytes_equal (a, b));
    g_assert_false (g_bytes_equal (a, c));
  }
  /* What the window's replay does per frame: build the frame and draw it at 1200 × 660. Reported,
   * not asserted (processor time, so a busy machine does not inflate it). */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 660);
    cairo_t *cr = cairo_create (surface);
    clock_t c0 = clock ();
    const int n = 20;

    for (int i = 0; i < n; i++)
      {
        g_autoptr (OcPlotFigure) frame = oc_landscape_replay_figure_new (r, 0.3 * i);

        oc_plot_figure_draw (frame, cr, 1200, 660, oc_plot_theme_get (OC_PLOT_THEME_LIGHT));
        cairo_surface_flush (surface);
      }
    g_test_message ("replay frame (%ux%u slice) built and drawn at 1200x660: %.1f ms of "
                    "processor time", r->nx, r->ny,
                    (clock () - c0) * 1e3 / CLOCKS_PER_SEC / n);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/landscape-figures/received-equals-stored", Fixture, NULL, fixture_setup,
              test_received_equals_stored, fixture_teardown);
  g_test_add ("/landscape-figures/catalogue", Fixture, NULL, fixture_setup, test_catalogue,
              fixture_teardown);
  g_test_add ("/landscape-figures/trajectory-and-ball", Fixture, NULL, fixture_setup,
              test_trajectory_and_ball, fixture_teardown);
  g_test_add ("/landscape-figures/render", Fixture, NULL, fixture_setup, test_render,
              fixture_teardown);
  return g_test_run ();
}
