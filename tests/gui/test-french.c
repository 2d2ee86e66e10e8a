/* test-french.c — the window in French, under Xvfb: started through tests/i18n/in-french.sh
 * (fr_FR.UTF-8 made at test time, the build tree's catalogues), it must show the translation of
 * po/fr.po — page titles from the window's table, labels and buttons from the .ui templates — and
 * none of their English. Snapshots of every page in light and dark are left as artefacts
 * (french-PAGE-light.png, french-PAGE-dark.png) to look at whether the longer French fits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "occam/oc-i18n.h"
#include "gui-test-util.h"

static GSettings *settings;

/* Every label's text under @widget, one a line. */
static void
collect_labels (GtkWidget *widget, GString *texts)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c))
        g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (c)));
      collect_labels (c, texts);
    }
}

/* Labels under @widget that Pango had to shorten with an ellipsis, one a line, except inside a
 * combo row (its value is shortened by design: a long protocol name) and the figure panes. */
static void
collect_ellipsized (GtkWidget *widget, GString *texts)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_get_mapped (c) || ADW_IS_COMBO_ROW (c))
        continue;
      if (GTK_IS_LABEL (c) && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (c))))
        g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (c)));
      collect_ellipsized (c, texts);
    }
}

static gboolean
shows_line (const char *texts, const char *line)
{
  g_autofree char *needle = g_strdup_printf ("\n%s\n", line);
  g_autofree char *haystack = g_strdup_printf ("\n%s", texts);

  return strstr (haystack, needle) != NULL;
}

static void
test_window_in_french (void)
{
  OcWindow *window;
  g_autoptr (GString) texts = g_string_new (NULL);
  static const char *const french[] = {
    "Entraînement", /* the Train page's title, from oc-window.c's table */
    "Exécuter",     /* the run bar's button, oc-run-bar.ui (via the page's N_() label) */
    "Aucun dossier choisi", /* the Dataset page's folder row, from oc-dataset-page.c */
  };
  static const char *const english[] = { "Train", "Run", "No folder chosen" };

  /* The catalogue itself: a message the window's table marks with N_(). */
  g_assert_cmpstr (_("_Train"), ==, "_Entraînement");

  window = gui_test_window_new (settings);
  oc_window_show_page (window, "train");
  gui_test_spin_for (0.3);
  collect_labels (GTK_WIDGET (window), texts);
  for (guint i = 0; i < G_N_ELEMENTS (french); i++)
    {
      if (!shows_line (texts->str, french[i]))
        g_error ("“%s” is not shown; the labels are:\n%s", french[i], texts->str);
      g_assert_false (shows_line (texts->str, english[i]));
    }

  /* Every page, light and dark, for the eye: French is about a fifth longer than English. */
  for (guint dark = 0; dark <= 1; dark++)
    {
      static const char *const names[] = { "dataset", "train", "sweep", "prune", "landscape",
                                           "grok", "history" };

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *shot = g_strdup_printf ("french-%s-%s", names[i],
                                                   dark ? "dark" : "light");

          g_autoptr (GString) cut = g_string_new (NULL);

          oc_window_show_page (window, names[i]);
          gui_test_save_snapshot (window, shot);
          /* French runs about a fifth longer than English: nothing may be cut short. */
          collect_ellipsized (GTK_WIDGET (window), cut);
          if (cut->len > 0)
            g_error ("page %s: labels cut short in French:\n%s", names[i], cut->str);
        }
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  gui_test_window_finish (window);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* As occam's main() does; in-french.sh has set the locale's variables. */
  oc_i18n_init ();
  if (g_strcmp0 (setlocale (LC_MESSAGES, NULL), "fr_FR.UTF-8") != 0)
    g_error ("not started in French (LC_MESSAGES is %s): run through in-french.sh",
             setlocale (LC_MESSAGES, NULL));
  settings = gui_test_init ("french");
  g_test_add_func ("/french/window", test_window_in_french);
  return g_test_run ();
}
