//! The `--authors` file: bios, emails, avatars and links by author name, in TOML
//! (`[[authors]]` tables) or JSON (a list, or `{"authors": [...]}`).

use crate::model::AuthorInfo;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileAuthor {
    name: String,
    url: Option<String>,
    avatar: Option<String>,
    bio: Option<String>,
    email: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
struct AuthorsFile {
    authors: Vec<FileAuthor>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonAuthors {
    List(Vec<FileAuthor>),
    Table(AuthorsFile),
}

/// Reads an authors file. Errors name the file, line and column.
pub fn load(path: &Path) -> Result<Vec<AuthorInfo>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read the authors file: {e}", path.display()))?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    let start = text.trim_start();
    let is_json = extension == "json"
        || (extension != "toml"
            && (start.starts_with('{') || (start.starts_with('[') && !start.starts_with("[["))));
    let authors = if is_json {
        match serde_json::from_str::<JsonAuthors>(&text) {
            Ok(JsonAuthors::List(list)) => list,
            Ok(JsonAuthors::Table(table)) => table.authors,
            Err(e) => {
                return Err(format!(
                    "{}:{}:{}: {} (expected a list of {{\"name\": …, \"bio\": …}} objects, or {{\"authors\": [...]}})",
                    path.display(),
                    e.line(),
                    e.column(),
                    crate::feeds::strip_position(&e)
                ))
            }
        }
    } else {
        toml::from_str::<AuthorsFile>(&text)
            .map_err(|e| {
                let start = e.span().map_or(0, |s| s.start);
                let before = &text[..start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                format!(
                    "{}:{line}:{column}: {} (expected [[authors]] tables with name, and any of url, avatar, bio, email, aliases)",
                    path.display(),
                    e.message().trim()
                )
            })?
            .authors
    };
    Ok(authors
        .into_iter()
        .filter(|a| !a.name.trim().is_empty())
        .map(|a| {
            let clean =
                |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
            AuthorInfo {
                name: a.name.trim().to_owned(),
                url: clean(a.url),
                avatar: clean(a.avatar),
                bio: clean(a.bio),
                email: clean(a.email).map(|e| e.trim_start_matches("mailto:").to_owned()),
                aliases: a.aliases,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::load;

    #[test]
    fn toml_and_json_files_give_the_same_authors() {
        let dir = tempfile::tempdir().expect("temp dir");
        let toml = dir.path().join("a.toml");
        std::fs::write(&toml, "[[authors]]\nname = \"Ana\"\nbio = \"Writes.\"\nemail = \"mailto:ana@example.org\"\naliases = [\"ana1\"]\n").expect("write");
        let json = dir.path().join("a.json");
        std::fs::write(&json, r#"[{"name": "Ana", "bio": "Writes.", "email": "ana@example.org", "aliases": ["ana1"]}]"#).expect("write");
        let a = load(&toml).expect("toml");
        assert_eq!(a, load(&json).expect("json"));
        assert_eq!(a[0].email.as_deref(), Some("ana@example.org"));
    }

    #[test]
    fn mistakes_are_located() {
        let dir = tempfile::tempdir().expect("temp dir");
        let toml = dir.path().join("a.toml");
        std::fs::write(&toml, "[[authors]]\nname = \"Ana\"\nbiography = \"x\"\n").expect("write");
        let err = load(&toml).expect_err("unknown key");
        assert!(err.contains("a.toml:3:"), "{err}");
        assert!(err.contains("biography"), "{err}");
    }
}
