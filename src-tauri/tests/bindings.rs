//! The TypeScript bindings in `ui/src/lib/bindings.ts` are generated from the commands and
//! types here; this fails when someone changes the Rust side without regenerating them.
//! Regenerate with `UPDATE_BINDINGS=1 cargo test -p cuttings-app --test bindings`.

use std::path::PathBuf;

#[test]
fn committed_typescript_bindings_match_the_rust_commands() {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    cuttings_app::export_bindings(&fresh).unwrap();
    let fresh_text = std::fs::read_to_string(&fresh).unwrap();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed, &fresh_text).unwrap();
        return;
    }
    let old = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        old == fresh_text,
        "ui/src/lib/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p cuttings-app --test bindings` and commit it"
    );
}
