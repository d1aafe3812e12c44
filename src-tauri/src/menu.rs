//! The native menus. Library and import pickers are handled here; everything else is passed to
//! the UI as a `MenuAction`, because the UI owns the selection and the views it acts on.

use tauri::menu::{Menu, MenuBuilder, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder};
use tauri::{AppHandle, Runtime};
use tauri_specta::Event;

use crate::events::MenuAction;

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let item = |id: &str, label: &str, accel: Option<&str>| {
        let b = MenuItemBuilder::with_id(id, label);
        match accel {
            Some(a) => b.accelerator(a).build(app),
            None => b.build(app),
        }
    };
    let file = SubmenuBuilder::new(app, "File")
        .item(&item("new-library", "New Library…", None)?)
        .item(&item("open-library", "Open Library…", Some("CmdOrCtrl+O"))?)
        .separator()
        .item(&item("import-files", "Import Files…", Some("CmdOrCtrl+I"))?)
        .item(&item(
            "import-folder",
            "Import Folder…",
            Some("CmdOrCtrl+Shift+I"),
        )?)
        .item(&item(
            "paste-clipping",
            "New Clipping from Clipboard",
            None,
        )?)
        .item(&item("add-link", "Add from Link…", Some("CmdOrCtrl+L"))?)
        .separator()
        .item(&item("export", "Export…", Some("CmdOrCtrl+E"))?)
        .separator()
        .item(&PredefinedMenuItem::quit(app, Some("Quit"))?)
        .build()?;
    // Cut, copy and paste must be menu items on macOS for text fields to get them at all.
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&item("undo", "Undo Last Change", None)?)
        .separator()
        .item(&PredefinedMenuItem::cut(app, None)?)
        .item(&PredefinedMenuItem::copy(app, None)?)
        .item(&PredefinedMenuItem::paste(app, None)?)
        .separator()
        .item(&item("select-all", "Select All Clippings", None)?)
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(&item("focus-search", "Search", None)?)
        .item(&item("show-inbox", "Inbox", None)?)
        .item(&item("show-all", "All Clippings", None)?)
        .item(&item("show-trash", "Trash", None)?)
        .separator()
        .item(&item("analysis", "Analysis", Some("CmdOrCtrl+Shift+A"))?)
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&item("shortcuts", "Keyboard Shortcuts", None)?)
        .item(&PredefinedMenuItem::about(
            app,
            Some("About Cuttings"),
            None,
        )?)
        .build()?;
    MenuBuilder::new(app)
        .item(&file)
        .item(&edit)
        .item(&view)
        .item(&help)
        .build()
}

pub fn on_event(app: &AppHandle, id: &str) {
    match id {
        "new-library" => crate::dialogs::choose_library(app, true),
        "open-library" => crate::dialogs::choose_library(app, false),
        "import-files" => crate::dialogs::choose_import(app, false),
        "import-folder" => crate::dialogs::choose_import(app, true),
        other => {
            let _ = MenuAction {
                id: other.to_string(),
            }
            .emit(app);
        }
    }
}
