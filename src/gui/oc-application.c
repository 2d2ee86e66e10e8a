/* oc-application.c — see oc-application.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "occam/oc-dataset.h"
#include "oc-config.h"
#include "oc-application.h"
#include "oc-preferences-window.h"
#include "oc-resources.h"
#include "oc-window.h"

struct _OcApplication
{
  AdwApplication parent_instance;

  GSettings     *settings;
  char          *initial_dataset; /* --dataset, applied to the first window */
};

G_DEFINE_FINAL_TYPE (OcApplication, oc_application, ADW_TYPE_APPLICATION)

void
oc_gui_init_resources (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      oc_register_resource ();
      g_once_init_leave (&done, 1);
    }
}

GSettings *
oc_settings_new (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsSchemaSource) build = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, OC_APP_ID, TRUE);
  if (schema == NULL)
    {
      /* Uninstalled: build-aux/occam-run runs the binary out of the build tree, where the
       * compiled schema sits next to it. Found through the executable's own folder rather than a
       * path compiled in, so that no build-tree path ends up in an installed binary. */
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *dir = exe != NULL ? g_path_get_dirname (exe) : NULL;

      if (dir != NULL)
        build = g_settings_schema_source_new_from_directory (dir, source, FALSE, NULL);
      if (build != NULL)
        schema = g_settings_schema_source_lookup (build, OC_APP_ID, FALSE);
    }
  if (schema == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The settings schema %s is not installed; run “ninja install” or set "
                     "GSETTINGS_SCHEMA_DIR to the folder with gschemas.compiled"), OC_APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
apply_color_scheme (GSettings *settings)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  int i = g_settings_get_enum (settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[CLAMP (i, 0, 2)]);
}

void
oc_application_follow_color_scheme (GSettings *settings)
{
  apply_color_scheme (settings);
  g_signal_connect (settings, "changed::color-scheme", G_CALLBACK (apply_color_scheme), NULL);
}

/* ---- Actions ---- */

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Occam Lab", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "Occam",
                         "application-icon", OC_APP_ID,
                         "version", OC_VERSION,
                         "comments", _("Small networks memorise or find the rule: train them, "
                                       "watch them, and put the figures on a slide."),
                         /* Translators: your names, one per line, for the About window. */
                         "translator-credits", _("translator-credits"),
                         "developers", developers,
                         "website", "https://github.com/occamlab/occam",
                         "issue-url", "https://github.com/occamlab/occam/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", OC_COPYRIGHT,
                         NULL);
}

static void
preferences_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  OcApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *prefs = oc_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing (not destroying) lets each window save its size. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

/* Ctrl-C in the terminal, a polite kill (SIGTERM) or a closed terminal (SIGHUP): quit as the
 * menu does, so a run in progress stops after its step and the store says how it ended. The same
 * signal again quits at once. */
typedef struct
{
  GtkApplication *app;
  int             signum;
} StopSignal;

static StopSignal stop_signals[] = { { NULL, SIGINT }, { NULL, SIGTERM }, { NULL, SIGHUP } };

static gboolean
on_stop_signal (gpointer user_data)
{
  StopSignal *s = user_data;
  static gboolean stopping;

  if (stopping)
    {
      signal (s->signum, SIG_DFL);
      raise (s->signum);
      return G_SOURCE_CONTINUE;
    }
  stopping = TRUE;
  g_printerr (_("occam: %s: stopping what runs, then quitting (again to quit at once)\n"),
              g_strsignal (s->signum));
  quit_action (NULL, NULL, s->app);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

/* ---- GApplication ---- */

static int
oc_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  OcApplication *self = OC_APPLICATION (app);
  const char *name = NULL;

  if (g_variant_dict_lookup (options, "dataset", "&s", &name))
    {
      const char *canonical = oc_dataset_canonical_name (name);

      if (canonical == NULL)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) oc_dataset_names ());

          g_printerr (_("occam: no dataset is called “%s”; choose one of %s\n"), name, list);
          return 2;
        }
      g_free (self->initial_dataset);
      self->initial_dataset = g_strdup (canonical);
    }
  return -1;
}

static void
oc_application_startup (GApplication *app)
{
  OcApplication *self = OC_APPLICATION (app);
  g_autoptr (GError) error = NULL;
  static const char *start[] = { "<Control>Return", NULL };
  static const char *stop[] = { "Escape", NULL };
  static const char *export[] = { "<Control>e", NULL };
  static const char *copy[] = { "<Control><Shift>c", NULL };
  static const char *pin[] = { "<Control>d", NULL };
  static const char *present[] = { "F5", NULL };
  static const char *copy_data[] = { "<Control><Alt>c", NULL };
  static const char *copy_svg[] = { "<Control><Alt><Shift>c", NULL };
  static const char *fullscreen[] = { "F11", NULL };
  static const char *quit[] = { "<Control>q", NULL };
  static const char *prefs[] = { "<Control>comma", NULL };

  oc_gui_init_resources ();
  G_APPLICATION_CLASS (oc_application_parent_class)->startup (app);
  /* The icon is also in the resources (GtkApplication adds their icons/ folder to the icon
   * theme), so an uninstalled build and the About window show it too; X11 window managers take
   * the windows' icon from here. */
  gtk_window_set_default_icon_name (OC_APP_ID);

  self->settings = oc_settings_new (&error);
  if (self->settings == NULL)
    {
      g_printerr ("occam: %s\n", error->message);
      return;
    }
  oc_application_follow_color_scheme (self->settings);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.start", start);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.stop", stop);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.export-figure", export);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.copy-figure", copy);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.pin-figure", pin);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.present", present);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.copy-figure-data",
                                         copy_data);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.copy-figure-svg", copy_svg);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.toggle-fullscreen",
                                         fullscreen);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs);
  for (guint i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    {
      stop_signals[i].app = GTK_APPLICATION (app);
      g_unix_signal_add (stop_signals[i].signum, on_stop_signal, &stop_signals[i]);
    }
}

static void
oc_application_activate (GApplication *app)
{
  OcApplication *self = OC_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (self->settings == NULL)
    return; /* startup said why */
  if (window == NULL)
    {
      OcWindow *win = oc_window_new (ADW_APPLICATION (app), self->settings);

      if (self->initial_dataset != NULL)
        g_settings_set_string (self->settings, "dataset", self->initial_dataset);
      g_clear_pointer (&self->initial_dataset, g_free);
      /* Open on the last dataset (or --dataset) with its samples, as the README promises. */
      oc_workspace_request_data (oc_window_get_workspace (win));
      window = GTK_WINDOW (win);
    }
  gtk_window_present (window);
}

static void
oc_application_finalize (GObject *object)
{
  OcApplication *self = OC_APPLICATION (object);

  g_clear_object (&self->settings);
  g_free (self->initial_dataset);

  G_OBJECT_CLASS (oc_application_parent_class)->finalize (object);
}

static void
oc_application_class_init (OcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = oc_application_finalize;
  app_class->handle_local_options = oc_application_handle_local_options;
  app_class->startup = oc_application_startup;
  app_class->activate = oc_application_activate;
}

static void
oc_application_init (OcApplication *self)
{
  static const GOptionEntry entries[] = {
    { "dataset", 'd', 0, G_OPTION_ARG_STRING, NULL,
      N_("Open on this dataset (fashion-mnist, mnist, csv, addition, modadd, spiral, moons, "
         "circles, xor, blobs)"), "NAME" },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

OcApplication *
oc_application_new (void)
{
  return g_object_new (OC_TYPE_APPLICATION,
                       "application-id", OC_APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/occamlab/Occam",
                       NULL);
}
