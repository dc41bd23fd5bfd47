//! `--site ID` / `--cluster ID`: narrow a report, the KPIs, the vendor table or an
//! export to one site or one cluster. Unknown ids are usage errors with a hint.
use super::CommandError;
use crate::analysis::scope::Scope;
use crate::model::Program;

/// The scope options, flattened into a command's arguments.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ScopeArgs {
    /// Only this site: its clusters and its own work
    #[arg(long, value_name = "ID")]
    pub site: Option<String>,
    /// Only this cluster
    #[arg(long, value_name = "ID")]
    pub cluster: Option<String>,
}

impl ScopeArgs {
    /// Resolves the ids against the program.
    pub fn resolve(&self, p: &Program) -> Result<Scope, CommandError> {
        let site = self
            .site
            .as_deref()
            .map(|s| {
                let ids: Vec<&str> = p.sites.iter().map(|x| x.id.as_str()).collect();
                lookup("site", s, &ids)
            })
            .transpose()?;
        let cluster = self
            .cluster
            .as_deref()
            .map(|c| {
                let ids: Vec<&str> = p.clusters.iter().map(|x| x.id.as_str()).collect();
                lookup("cluster", c, &ids)
            })
            .transpose()?;
        if let (Some(s), Some(c)) = (site, cluster)
            && p.clusters[c].site != s
        {
            return Err(CommandError::usage(format!(
                "cluster `{}` is at site `{}`, not `{}`",
                p.clusters[c].id, p.sites[p.clusters[c].site].id, p.sites[s].id
            )));
        }
        Ok(Scope { site, cluster })
    }
}

/// Resolves an id given on the command line, with a hint on a typo.
pub fn lookup(kind: &str, id: &str, ids: &[&str]) -> Result<usize, CommandError> {
    ids.iter().position(|x| *x == id).ok_or_else(|| {
        let hint = crate::load::de::did_you_mean(id, ids)
            .map(|h| format!(" (did you mean `{h}`?)"))
            .unwrap_or_default();
        CommandError::usage(format!("no {kind} `{id}` in the program{hint}"))
    })
}
