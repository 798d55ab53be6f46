//! Which files a description may make the generator read. A `$ref` to
//! another file is followed only when the file is inside the description's
//! folder or a root the user allows ([`crate::Config::allow_ref_root`], the
//! CLI's `--allow-ref-root`), after symbolic links and `..` are resolved;
//! only regular files are read (no FIFO, device or `/proc` file), and at most
//! [`MAX_FILE_BYTES`] of them. A refusal names the reference and the rule,
//! never anything of the file's contents.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest file read: the description or a file a `$ref` names.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// Pseudo-file systems whose files are never read, whatever the roots.
const NEVER: &[&str] = &["/proc", "/sys", "/dev"];

/// The folders references may read files in (canonical paths).
#[derive(Debug, Clone, Default)]
pub struct Roots {
    dirs: Vec<PathBuf>,
}

impl Roots {
    /// The folder of the description at `spec` and the `extra` roots the user
    /// allows; a root that does not exist allows nothing.
    pub fn new(spec: &Path, extra: &[PathBuf]) -> Roots {
        let folder = match spec.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let dirs = std::iter::once(&folder)
            .chain(extra)
            .filter_map(|d| std::fs::canonicalize(d).ok())
            .collect();
        Roots { dirs }
    }

    /// `Err(rule)` when the canonical `path` is outside every root or in a
    /// pseudo-file system.
    pub fn admit(&self, canonical: &Path) -> Result<(), String> {
        if NEVER.iter().any(|p| canonical.starts_with(p)) {
            return Err(format!("files under {} are never read", NEVER.join(", ")));
        }
        if self.dirs.iter().any(|d| canonical.starts_with(d)) {
            return Ok(());
        }
        Err("a reference may only name files inside the description's folder or a root allowed with `--allow-ref-root` (`Config::allow_ref_root`)".to_string())
    }
}

/// Where a path would lead: its longest existing ancestor made canonical
/// (symbolic links and `..` resolved), the rest applied to it as written
/// (`..` taking off a component). Defined for missing files too, so that a
/// path outside the roots is refused whether or not it exists.
pub fn canonical_parent(path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let mut existing = path;
    let mut rest = Vec::new();
    let mut base = loop {
        match std::fs::canonicalize(existing) {
            Ok(c) => break c,
            Err(_) if existing == Path::new(".") => return None,
            Err(_) => {
                rest.push(existing.file_name().map(PathBuf::from).unwrap_or_else(|| {
                    existing
                        .components()
                        .next_back()
                        .map(|c| PathBuf::from(c.as_os_str()))
                        .unwrap_or_default()
                }));
                existing = match existing.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    Some(_) => Path::new("."),
                    None => return None,
                };
            }
        }
    };
    for part in rest.iter().rev() {
        for c in part.components() {
            match c {
                Component::ParentDir => {
                    base.pop();
                }
                Component::Normal(n) => base.push(n),
                _ => {}
            }
        }
    }
    Some(base)
}

/// `Err(rule)` when the file part of a reference, as written, hides a path
/// separator or a NUL in percent-encoding (`..%2F..%2Fetc%2Fpasswd`).
pub fn check_written(file: &str) -> Result<(), String> {
    let lower = file.to_ascii_lowercase();
    for encoded in ["%2f", "%5c", "%00"] {
        if lower.contains(encoded) {
            return Err(format!(
                "a percent-encoded separator or NUL (`{}`) is not allowed in a file reference",
                encoded.to_ascii_uppercase()
            ));
        }
    }
    Ok(())
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`]; `Err(rule)` for
/// anything else (a FIFO, a device, a directory, a larger file).
pub fn read_regular(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err(
            "only regular files are read (not a directory, FIFO, socket or device)".to_string(),
        );
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    // The file as opened, in case it changed since it was looked at.
    let opened = file
        .metadata()
        .map_err(|e| format!("cannot be read: {e}"))?;
    if !opened.is_file() {
        return Err(
            "only regular files are read (not a directory, FIFO, socket or device)".to_string(),
        );
    }
    let mut bytes = Vec::with_capacity(opened.len().min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

fn too_large() -> String {
    format!(
        "files larger than {} MiB are not read",
        MAX_FILE_BYTES >> 20
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_separators_are_refused() {
        assert!(check_written("..%2F..%2Fetc%2Fpasswd").is_err());
        assert!(check_written("a%5cb").is_err());
        assert!(check_written("x%00.json").is_err());
        assert!(check_written("pet%20store.json").is_ok());
    }

    #[test]
    fn only_files_in_roots_are_admitted() {
        let dir = std::env::temp_dir();
        let roots = Roots::new(&dir.join("spec.yaml"), &[]);
        let inside = std::fs::canonicalize(&dir)
            .expect("temp dir")
            .join("a.json");
        assert!(roots.admit(&inside).is_ok());
        assert!(roots.admit(Path::new("/etc/passwd")).is_err());
        assert!(roots.admit(Path::new("/proc/self/environ")).is_err());
        let everything = Roots::new(&dir.join("spec.yaml"), &[PathBuf::from("/")]);
        assert!(everything.admit(Path::new("/etc/passwd")).is_ok());
        assert!(everything.admit(Path::new("/proc/self/environ")).is_err());
    }

    #[test]
    fn devices_and_directories_are_not_read() {
        assert!(read_regular(Path::new("/dev/zero")).is_err());
        assert!(read_regular(&std::env::temp_dir()).is_err());
    }
}
