//! Comparing two workspaces: how much differs (the recovery question says it).

use super::Workspace;

/// How many personas and goals differ between two workspaces (added, removed or changed).
pub fn differences(a: &Workspace, b: &Workspace) -> (usize, usize) {
    use std::collections::HashMap;
    let personas = |ws: &Workspace| -> HashMap<String, super::Persona> {
        ws.personas()
            .map(|(_, p)| {
                let mut p = p.clone();
                p.goals.clear();
                (p.id.clone(), p)
            })
            .collect()
    };
    let goals = |ws: &Workspace| -> HashMap<String, super::Goal> {
        ws.goals()
            .map(|(_, _, g)| (g.id.clone(), g.clone()))
            .collect()
    };
    fn count<T: PartialEq>(a: &HashMap<String, T>, b: &HashMap<String, T>) -> usize {
        a.iter().filter(|(k, v)| b.get(*k) != Some(v)).count()
            + b.keys().filter(|k| !a.contains_key(*k)).count()
    }
    (
        count(&personas(a), &personas(b)),
        count(&goals(a), &goals(b)),
    )
}
