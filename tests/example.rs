//! The bundled example workspace (assets/example.ron): the personas of SPEC §1, in canonical
//! saved form, with exactly the deliberate gaps it is meant to show.

use personas::model::{Column, FindingCode, Kind, LinkIndex, coverage, findings};
use personas::store::{self, EXAMPLE, parse, to_ron};

fn example() -> personas::model::Workspace {
    parse(EXAMPLE).unwrap_or_else(|e| panic!("example does not load:\n{}", e.render("example")))
}

fn names(ws: &personas::model::Workspace, column: Column) -> Vec<&str> {
    ws.column(column).iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn the_example_parses_without_errors() {
    let ws = example();
    assert_eq!(ws.title, "Acme CRM — B2B personas");
    assert_eq!(store::example(), ws);
}

#[test]
fn each_column_holds_the_personas_of_the_spec() {
    let ws = example();
    assert_eq!(
        names(&ws, Column::Users),
        ["The Employee", "The Manager", "The IT Department"]
    );
    assert_eq!(
        names(&ws, Column::Departments),
        ["Sales", "Marketing", "IT"]
    );
    assert_eq!(
        names(&ws, Column::Buyers),
        [
            "Executive Leadership",
            "IT Director / CTO",
            "Procurement Specialist"
        ]
    );
    assert_eq!(ws.persona_count(), 9);
    assert_eq!(ws.goal_count(), 22);
}

#[test]
fn every_persona_is_filled_in_and_fits_its_column() {
    use personas::model::BuyingRole;
    let ws = example();
    for (column, p) in ws.personas() {
        let kind = p.kind.unwrap_or_else(|| panic!("{} has no kind", p.id));
        assert!(column.kinds().contains(&kind), "{}: {kind:?}", p.id);
        assert!(!p.role.is_empty() && !p.summary.is_empty(), "{}", p.id);
        assert!(!p.quote.is_empty() && !p.notes.is_empty(), "{}", p.id);
        assert!((2..=3).contains(&p.pains.len()), "{} pains", p.id);
        assert!((2..=3).contains(&p.goals.len()), "{} goals", p.id);
        if column == Column::Buyers {
            assert!(p.buying_role.is_some(), "{} has no buying role", p.id);
            assert!(
                !p.objections.is_empty() && !p.criteria.is_empty(),
                "{}",
                p.id
            );
        }
    }
    let buyer_roles: Vec<_> = ws
        .column(Column::Buyers)
        .iter()
        .map(|p| p.buying_role)
        .collect();
    assert_eq!(
        buyer_roles,
        [
            Some(BuyingRole::UltimateBuyer),
            Some(BuyingRole::DecisionMaker),
            Some(BuyingRole::Influencer),
        ]
    );
    assert_eq!(ws.column(Column::Users)[0].kind, Some(Kind::GoalDirected));
}

#[test]
fn re_saving_the_example_is_byte_identical() {
    assert_eq!(to_ron(&example()), EXAMPLE);
}

#[test]
fn every_goal_says_why_it_matters() {
    let ws = example();
    for (_, p, g) in ws.goals() {
        assert!(
            !g.why.trim().is_empty(),
            "goal {} of {} has no why",
            g.id,
            p.id
        );
        assert!(!g.text.trim().is_empty(), "goal {} has no text", g.id);
    }
}

#[test]
fn text_is_ascii_and_short_enough_for_a_card() {
    let ws = example();
    for (_, p, g) in ws.goals() {
        for s in [&g.text, &g.why, &g.metric] {
            assert!(s.is_ascii() && s.chars().count() <= 70, "{}: {s:?}", p.id);
        }
    }
    for (_, p) in ws.personas() {
        let lists = p.pains.iter().chain(&p.objections).chain(&p.criteria);
        for s in [&p.name, &p.role, &p.summary, &p.quote, &p.notes]
            .into_iter()
            .chain(lists)
        {
            assert!(s.is_ascii() && s.chars().count() <= 70, "{}: {s:?}", p.id);
        }
    }
}

#[test]
fn findings_are_exactly_the_deliberate_gaps() {
    let ws = example();
    let index = LinkIndex::build(&ws);
    let found: Vec<_> = findings(&ws, &index)
        .into_iter()
        .map(|f| {
            (
                f.code,
                f.persona.unwrap_or_default(),
                f.goal.unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                FindingCode::UnlinkedUserGoal,
                "employee".to_string(),
                "employee-mobile".to_string()
            ),
            (
                FindingCode::NoMetric,
                "manager".to_string(),
                "manager-coaching".to_string()
            ),
        ]
    );
}

#[test]
fn coverage_is_seven_of_eight_user_goals() {
    let ws = example();
    let c = coverage(&ws, &LinkIndex::build(&ws));
    assert_eq!((c.reached, c.total), (7, 8));
    assert_eq!(c.percent(), 87);
}
