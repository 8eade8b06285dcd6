//! Where the app keeps its files: the config and data directories from the `directories` crate
//! (application name `personas`), following `XDG_CONFIG_HOME` / `XDG_DATA_HOME` on Linux.

use std::path::PathBuf;

/// The app's directories. Tests build one on a temp dir; nothing here touches the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirs {
    pub config: PathBuf,
    pub data: PathBuf,
}

impl Dirs {
    /// The platform's directories, or `None` when no home directory can be found.
    pub fn from_env() -> Option<Dirs> {
        let dirs = directories::ProjectDirs::from("", "", "personas")?;
        Some(Dirs {
            config: dirs.config_dir().to_path_buf(),
            data: dirs.data_dir().to_path_buf(),
        })
    }

    pub fn config_file(&self) -> PathBuf {
        self.config.join("config.ron")
    }

    /// The workspace `personas` opens when no file is given.
    pub fn default_workspace(&self) -> PathBuf {
        self.data.join("workspace.ron")
    }

    pub fn recovery_dir(&self) -> PathBuf {
        self.data.join("recovery")
    }

    pub fn backups_dir(&self) -> PathBuf {
        self.data.join("backups")
    }

    pub fn locks_dir(&self) -> PathBuf {
        self.data.join("locks")
    }
}
