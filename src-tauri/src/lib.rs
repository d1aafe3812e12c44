//! The Cuttings desktop app: a Tauri shell whose commands call `cuttings-core`.

mod commands;
mod config;
mod dialogs;
mod error;
mod events;
mod import_job;
mod library_switch;
mod menu;
mod seeds;
mod state;

use cuttings_core::Library;
use tauri::Manager;

pub use error::IpcError;

/// Every command and event the UI can use; also the source of `ui/src/lib/bindings.ts`.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    use commands::{
        capture, clippings, coverage, export, import, library, rules, stories, suggest, tags,
    };
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(tauri_specta::collect_commands![
            library::library_path,
            library::stats,
            library::sources,
            library::saved_searches,
            library::save_search,
            library::delete_saved_search,
            library::timeline,
            library::choose_library,
            clippings::search,
            clippings::matching_ids,
            clippings::clipping,
            clippings::update_clipping,
            clippings::update_clippings,
            clippings::trash,
            clippings::restore,
            clippings::add_note,
            clippings::edit_note,
            clippings::delete_note,
            tags::tags,
            tags::tag_clippings,
            tags::untag_clippings,
            tags::rename_tag,
            tags::merge_tags,
            tags::delete_tag,
            tags::set_tag_colour,
            import::start_import,
            import::cancel_import,
            import::choose_import,
            import::import_samples,
            import::parse_text,
            import::insert_clipping,
            capture::add_link,
            export::start_export,
            export::cancel_export,
            export::choose_export_path,
            export::open_export,
            rules::apply_bulk,
            rules::undo_bulk,
            rules::filter_query,
            rules::save_filter,
            rules::render_note,
            rules::date_label,
            stories::story_of,
            stories::split_copy,
            stories::merge_stories,
            stories::keep_copy,
            stories::undo_merge,
            stories::unkeep_copy,
            stories::related,
            stories::group_copies,
            stories::set_group_copies,
            stories::story_counts,
            suggest::suggest_topics,
            suggest::accept_suggestions,
            suggest::topic_model_status,
            suggest::files_on_arrival,
            suggest::set_files_on_arrival,
            suggest::keep_auto_tags,
            suggest::learn_topics,
            coverage::coverage,
            coverage::coverage_csv,
            coverage::spread,
            coverage::save_chart,
        ])
        .events(tauri_specta::collect_events![
            events::ImportProgress,
            events::ImportFinished,
            events::LibraryChanged,
            events::MenuAction,
            events::AppError,
            events::ExportProgress,
            events::ExportFinished,
        ])
        // Clipping ids and counts stay far below 2^53, so plain numbers are exact.
        .dangerously_cast_bigints_to_number()
        // A failed command rejects its promise with the `IpcError`, so UI code reads as plain
        // `await` and one catch shows the message.
        .error_handling(tauri_specta::ErrorHandlingMode::Throw)
}

/// Writes the TypeScript bindings to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    let ts = specta_typescript::Typescript::default()
        .header("// Generated from src-tauri by tauri-specta; do not edit. Regenerate with\n// `UPDATE_BINDINGS=1 cargo test -p cuttings-app bindings`.\n// @ts-nocheck");
    specta_builder().export(ts, path).map_err(|e| e.to_string())
}

pub fn run() {
    let builder = specta_builder();
    let explicit = config::library_arg(std::env::args().skip(1));
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .invoke_handler(builder.invoke_handler())
        .menu(menu::build)
        .on_menu_event(|app, event| menu::on_event(app, event.id().as_ref()))
        .setup(move |app| {
            builder.mount_events(app);
            let config_dir = app.path().app_config_dir().ok();
            let path = config::startup_library(explicit.as_deref(), config_dir.as_deref())?;
            let library = Library::open(&path)?;
            app.manage(state::AppState::new(library));
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the Cuttings window could not be started");
}
