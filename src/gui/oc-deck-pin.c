/* oc-deck-pin.c — see oc-deck-pin.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "occam/oc-store-deck.h"
#include "oc-deck-pin.h"
#include "oc-window.h"

/* The deck of a store that has never been given another name. */
#define DEFAULT_DECK "Talk"

char *
oc_deck_pin_current_deck (GSettings *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "current-deck");

  if (name == NULL || *name == '\0' || !oc_deck_check_name (name, NULL))
    return g_strdup (DEFAULT_DECK);
  return g_steal_pointer (&name);
}

typedef struct
{
  OcWorkspace *workspace;
  char        *deck;
  guint        position;
} Undo;

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_object_unref (undo->workspace);
  g_free (undo->deck);
  g_free (undo);
}

static void
on_undo (AdwToast *toast, Undo *undo)
{
  OcStore *store = oc_workspace_get_store (undo->workspace);
  g_autoptr (GError) error = NULL;

  if (store == NULL)
    return;
  if (!oc_store_deck_remove (store, undo->deck, undo->position, &error))
    g_message ("%s", error->message);
  oc_workspace_decks_changed (undo->workspace);
}

int
oc_deck_pin_view (OcFigureView *view)
{
  GtkRoot *root;
  OcWorkspace *workspace;
  OcStore *store;
  g_autoptr (OcDeckSlide) slide = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *deck = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  Undo *undo;
  guint position = 0;

  g_return_val_if_fail (OC_IS_FIGURE_VIEW (view), -1);

  root = gtk_widget_get_root (GTK_WIDGET (view));
  if (!OC_IS_WINDOW (root))
    return -1;
  workspace = oc_window_get_workspace (OC_WINDOW (root));
  store = oc_workspace_get_store (workspace);
  if (oc_figure_view_get_figure (view) == NULL)
    {
      oc_window_toast (GTK_WIDGET (view), _("This figure has nothing to show yet"));
      return -1;
    }
  if (oc_figure_view_get_experiment_id (view) == NULL)
    {
      oc_window_toast (GTK_WIDGET (view),
                       _("Only figures of stored experiments can be pinned: this one is drawn "
                         "from the window alone"));
      return -1;
    }
  if (store == NULL)
    {
      oc_window_toast (GTK_WIDGET (view),
                       _("Runs are not being stored, so there is no deck to pin to"));
      return -1;
    }
  deck = oc_deck_pin_current_deck (oc_workspace_get_settings (workspace));
  slide = oc_deck_slide_new (oc_figure_view_get_experiment_id (view),
                             oc_figure_view_get_figure_name (view),
                             oc_figure_view_get_figure_params (view));
  if (!oc_store_deck_insert (store, deck, slide, -1, &position, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not pin the figure: %s"),
                                               error->message);

      oc_window_toast (GTK_WIDGET (view), text);
      return -1;
    }
  oc_workspace_decks_changed (workspace);

  /* “Pinned to Talk · Undo”. */
  title = g_strdup_printf (_("Pinned to “%s”"), deck);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 5);
  adw_toast_set_button_label (toast, _("_Undo"));
  undo = g_new0 (Undo, 1);
  undo->workspace = g_object_ref (workspace);
  undo->deck = g_strdup (deck);
  undo->position = position;
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo), undo,
                         (GClosureNotify) (void (*) (void)) undo_free, 0);
  oc_window_add_toast (GTK_WIDGET (view), toast);
  return (int) position;
}

/* ---- Which figure ---- */

static OcFigureView *
focused_view (GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  if (focus == NULL)
    return NULL;
  if (OC_IS_FIGURE_VIEW (focus))
    return OC_FIGURE_VIEW (focus);
  return OC_FIGURE_VIEW (gtk_widget_get_ancestor (focus, OC_TYPE_FIGURE_VIEW));
}

typedef struct
{
  GPtrArray   *views;
  GtkDropDown *choice;
} Choice;

static void
choice_free (gpointer data)
{
  Choice *c = data;

  g_ptr_array_unref (c->views);
  g_free (c);
}

static void
on_choice_response (AdwMessageDialog *dialog, const char *response, Choice *c)
{
  guint i = gtk_drop_down_get_selected (c->choice);

  if (g_strcmp0 (response, "pin") == 0 && i < c->views->len)
    oc_deck_pin_view (c->views->pdata[i]);
}

void
oc_deck_pin_run (GtkWindow *window, GPtrArray *views)
{
  g_autoptr (GPtrArray) pinnable = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  OcFigureView *focus = focused_view (window);
  GtkWidget *dialog;
  Choice *c;

  if (focus != NULL && oc_figure_view_get_figure (focus) != NULL)
    {
      oc_deck_pin_view (focus);
      return;
    }
  for (guint i = 0; i < views->len; i++)
    if (oc_figure_view_get_experiment_id (views->pdata[i]) != NULL)
      {
        g_ptr_array_add (pinnable, g_object_ref (views->pdata[i]));
        gtk_string_list_append (names, oc_figure_view_get_name (views->pdata[i]));
      }
  if (pinnable->len == 0)
    {
      if (views->len > 0)
        oc_deck_pin_view (views->pdata[0]); /* says why it cannot */
      else
        oc_window_toast (GTK_WIDGET (window), _("This page has no figure to pin yet"));
      return;
    }
  if (pinnable->len == 1)
    {
      oc_deck_pin_view (pinnable->pdata[0]);
      return;
    }
  dialog = adw_message_dialog_new (window, _("Pin a Figure to the Deck"),
                                   _("This page shows several figures. Which one goes on the "
                                     "next slide?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "pin",
                                    _("_Pin"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "pin",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "pin");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  c = g_new0 (Choice, 1);
  c->views = g_ptr_array_ref (pinnable);
  c->choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (c->choice));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_choice_response), c,
                         (GClosureNotify) (void (*) (void)) choice_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
