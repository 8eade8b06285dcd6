//! The participant's page (SPEC §11): one self-contained page, rendered by the server so that it
//! works without script (the board, the proposal form, the sender's proposals, the dot buttons
//! as forms), and made live by its own script (`page/page.js`: the event stream, posts by
//! `fetch`, the author remembered), which rebuilds the same markup from the same data.
//!
//! Nothing is loaded from elsewhere. The Content-Security-Policy allows the page's one script
//! and one style sheet by their hashes, computed once. Text from the workspace and from
//! participants goes through the html export's escaper, and the colours are the export's
//! palette (light and dark by `prefers-color-scheme`).

use std::fmt::Write as _;
use std::sync::LazyLock;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::export::escape;
use crate::export::palette::{DARK, LIGHT, Palette};
use crate::model::Column;

use super::public::{Board, PublicGoal, PublicPersona, RoomView};

const SCRIPT: &str = include_str!("page/page.js");
const LAYOUT: &str = include_str!("page/page.css");

/// The style sheet (the layout and the palette's colours) and the policy naming both hashes.
struct Assets {
    style: String,
    csp: String,
}

static ASSETS: LazyLock<Assets> = LazyLock::new(|| {
    let style = format!(
        ":root{{color-scheme:light dark;{}}}@media (prefers-color-scheme:dark){{:root{{{}}}}}\n{LAYOUT}",
        colours(&LIGHT),
        colours(&DARK)
    );
    let csp = format!(
        "default-src 'none'; script-src '{}'; style-src '{}'; connect-src 'self'; \
         img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        hash(SCRIPT),
        hash(&style)
    );
    Assets { style, csp }
});

fn colours(p: &Palette) -> String {
    format!(
        "--page:{};--card:{};--goal:{};--text:{};--muted:{};--warn:{};--border:{};--link:{}",
        p.page, p.card, p.goal, p.text, p.muted, p.warn, p.border, p.link
    )
}

/// `sha256-…` of an inline script or style, as CSP names it.
fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The page's Content-Security-Policy header.
pub fn csp() -> &'static str {
    &ASSETS.csp
}

/// What a plain form post came back to say (`?sent=ID`, `?voted=add`, `?error=KEY`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Sent(u64),
    Voted { added: bool },
    Error(&'static str),
}

impl Notice {
    /// The notice a query asks for; unknown ones are ignored.
    pub fn from_query(query: &str) -> Option<Notice> {
        form_urlencoded::parse(query.as_bytes()).find_map(|(k, v)| match &*k {
            "sent" => v.parse().ok().map(Notice::Sent),
            "voted" => Some(Notice::Voted { added: v == "add" }),
            "error" => ERRORS
                .iter()
                .find(|(k, _)| *k == v)
                .map(|(k, _)| Notice::Error(k)),
            _ => None,
        })
    }

    fn message(&self) -> String {
        match self {
            Notice::Sent(id) => {
                format!("Proposal #{id} sent. The facilitator will take it or set it aside.")
            }
            Notice::Voted { added: true } => "Your dot is placed.".to_string(),
            Notice::Voted { added: false } => "Your dot is taken back.".to_string(),
            Notice::Error(key) => error_message(key).unwrap_or_default().to_string(),
        }
    }
}

/// What each refusal says on the page (the keys of `submit::Refusal`).
const ERRORS: &[(&str, &str)] = &[
    ("text", "The goal is required, at most 300 characters."),
    ("why", "“Why it matters” is at most 300 characters."),
    ("metric", "“How it is measured” is at most 300 characters."),
    ("author", "Your name is at most 60 characters."),
    (
        "persona",
        "That persona is in another column, or the name is longer than 60 characters.",
    ),
    ("column", "Choose a column: users, departments or buyers."),
    (
        "body",
        "The proposal could not be read; please send it again.",
    ),
    (
        "size",
        "That was too long to send (4 KiB at most); shorten the texts.",
    ),
    (
        "rate",
        "At most 30 proposals a minute: wait a little before sending more.",
    ),
    ("full", "The room takes no more proposals (2,000 at most)."),
    ("round", "No vote round is open."),
    ("dots", "You have no dots left: take one back first."),
    ("twice", "You already put a dot on that goal."),
    ("none", "You have no dot on that goal."),
    ("goal", "That goal is no longer on the board."),
    ("dot", "The dot could not be read; please try again."),
];

fn error_message(key: &str) -> Option<&'static str> {
    ERRORS.iter().find(|(k, _)| *k == key).map(|(_, m)| *m)
}

/// The page for one participant.
pub fn render(board: &Board, room: &RoomView, code: &str, notice: Option<&Notice>) -> String {
    let title = if board.title.trim().is_empty() {
        "Personas"
    } else {
        board.title.as_str()
    };
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <link rel=\"icon\" href=\"data:,\">\n<title>{} · room</title>\n<style>{}</style>\n</head>\n\
         <body data-code=\"{}\">\n",
        escape(title),
        ASSETS.style,
        escape(code)
    );
    let _ = write!(
        out,
        "<header class=\"top\">\n<p><span id=\"status\" class=\"status\" role=\"status\">\
         Reload the page for the latest board</span></p>\n\
         <h1 id=\"title\">{}</h1>\n<p id=\"coverage\" class=\"muted\">{}</p>\n</header>\n<main>\n",
        escape(title),
        escape(&board.coverage_sentence())
    );
    match notice {
        Some(n) => {
            let class = if matches!(n, Notice::Error(_)) {
                "notice error"
            } else {
                "notice"
            };
            let _ = writeln!(
                out,
                "<p id=\"notice\" class=\"{class}\" role=\"status\">{}</p>",
                escape(&n.message())
            );
        }
        None => out.push_str("<p id=\"notice\" class=\"notice\" role=\"status\" hidden></p>\n"),
    }
    if room.read_only {
        out.push_str(
            "<p class=\"notice\">A view-only room: the board as it is built, live. \
             No proposals or votes here.</p>\n",
        );
    }
    vote_banner(&mut out, room);
    if !room.read_only {
        out.push_str("<div class=\"act\">\n");
        proposal_form(&mut out, board, code);
        my_proposals(&mut out, room);
        out.push_str("</div>\n");
    }
    out.push_str("<section id=\"board\" aria-labelledby=\"board-h\">\n<h2 id=\"board-h\">The board</h2>\n<div class=\"columns\">\n");
    for (column, public) in Column::ALL.into_iter().zip(&board.columns) {
        let _ = write!(
            out,
            "<section class=\"column\" data-column=\"{}\">\n<h3>{} <span class=\"count\">({})</span></h3>\n<div class=\"personas\">\n",
            column.key(),
            column.title(),
            public.personas.len()
        );
        for persona in &public.personas {
            persona_card(&mut out, persona, column, room, code);
        }
        let _ = writeln!(
            out,
            "</div>\n<p class=\"muted empty\"{}>No personas yet.</p>\n</section>",
            if public.personas.is_empty() {
                ""
            } else {
                " hidden"
            }
        );
    }
    out.push_str("</div>\n</section>\n</main>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

fn vote_banner(out: &mut String, room: &RoomView) {
    let hidden = if room.round_open && !room.read_only {
        ""
    } else {
        " hidden"
    };
    let _ = writeln!(
        out,
        "<section id=\"vote\" class=\"vote\" aria-labelledby=\"vote-h\"{hidden}>\n\
         <h2 id=\"vote-h\">Vote round open</h2>\n<p><strong id=\"dots-left\">{}</strong> of \
         <span id=\"dots-all\">{}</span> dots left. Put a dot on the goals that matter most, \
         one per goal; you can take a dot back until the round closes.</p>\n</section>",
        room.dots_left, room.votes_per_person
    );
}

fn proposal_form(out: &mut String, board: &Board, code: &str) {
    let _ = write!(
        out,
        "<section id=\"propose\" aria-labelledby=\"propose-h\">\n<h2 id=\"propose-h\">Propose a goal</h2>\n\
         <form id=\"propose-form\" class=\"propose\" method=\"post\" action=\"/{}/proposals\">\n\
         <label for=\"f-column\">Column</label>\n<select id=\"f-column\" name=\"column\">\n",
        escape(code)
    );
    for column in Column::ALL {
        let _ = writeln!(
            out,
            "<option value=\"{}\">{}</option>",
            column.key(),
            column.title()
        );
    }
    out.push_str(
        "</select>\n<label for=\"f-persona\">Persona <span class=\"hint\">a name from the \
         column, a new name, or empty</span></label>\n\
         <input id=\"f-persona\" name=\"persona\" list=\"names-users\" maxlength=\"60\" autocomplete=\"off\">\n",
    );
    for (column, public) in Column::ALL.into_iter().zip(&board.columns) {
        let _ = write!(out, "<datalist id=\"names-{}\">", column.key());
        for persona in &public.personas {
            let _ = write!(out, "<option value=\"{}\"></option>", escape(&persona.name));
        }
        out.push_str("</datalist>\n");
    }
    out.push_str(
        "<label for=\"f-text\">Goal <span class=\"hint\">required</span></label>\n\
         <textarea id=\"f-text\" name=\"text\" rows=\"2\" maxlength=\"300\" required></textarea>\n\
         <label for=\"f-why\">Why it matters</label>\n\
         <textarea id=\"f-why\" name=\"why\" rows=\"2\" maxlength=\"300\"></textarea>\n\
         <label for=\"f-metric\">How it is measured</label>\n\
         <input id=\"f-metric\" name=\"metric\" maxlength=\"300\">\n\
         <label for=\"f-author\">Your name <span class=\"hint\">optional</span></label>\n\
         <input id=\"f-author\" name=\"author\" maxlength=\"60\" autocomplete=\"name\">\n\
         <p id=\"form-error\" class=\"error\" role=\"alert\" hidden></p>\n\
         <button type=\"submit\">Send proposal</button>\n</form>\n</section>\n",
    );
}

fn my_proposals(out: &mut String, room: &RoomView) {
    out.push_str(
        "<section id=\"mine\" aria-labelledby=\"mine-h\">\n<h2 id=\"mine-h\">Your proposals</h2>\n\
         <ol id=\"mine-list\" class=\"mine\">\n",
    );
    for p in &room.proposals {
        let column = Column::ALL
            .into_iter()
            .find(|c| c.key() == p.column)
            .map_or("", |c| c.title());
        let persona = match (p.persona.is_empty(), p.new_persona) {
            (true, _) => String::new(),
            (false, true) => format!(" · new persona {}", p.persona),
            (false, false) => format!(" · {}", p.persona),
        };
        let _ = writeln!(
            out,
            "<li><span class=\"state {}\">{}</span> {} <span class=\"muted\">#{} · {}{}</span></li>",
            state_class(p.state_label),
            escape(p.state_label),
            escape(&p.text),
            p.id,
            column,
            escape(&persona)
        );
    }
    let _ = writeln!(
        out,
        "</ol>\n<p id=\"mine-empty\" class=\"muted\"{}>None yet.</p>\n</section>",
        if room.proposals.is_empty() {
            ""
        } else {
            " hidden"
        }
    );
}

fn state_class(label: &str) -> &'static str {
    match label {
        "taken" => "taken",
        "set aside" => "aside",
        _ => "waiting",
    }
}

fn persona_card(
    out: &mut String,
    persona: &PublicPersona,
    column: Column,
    room: &RoomView,
    code: &str,
) {
    let _ = writeln!(
        out,
        "<article class=\"persona\" data-persona=\"{}\">\n<h4>{}</h4>",
        escape(&persona.id),
        escape(&persona.name)
    );
    let about: Vec<&str> = [persona.role.as_str(), persona.kind.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !about.is_empty() {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", escape(&about.join(" · ")));
    }
    if persona.goals.is_empty() {
        out.push_str("<p class=\"muted\">No goals yet.</p>\n");
    } else {
        out.push_str("<ul class=\"goals\">\n");
        for goal in &persona.goals {
            goal_item(out, goal, column, room, code);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</article>\n");
}

fn goal_item(out: &mut String, goal: &PublicGoal, column: Column, room: &RoomView, code: &str) {
    let gap = !goal.reaches_buyer && column != Column::Buyers;
    let _ = writeln!(
        out,
        "<li class=\"goal{}\" id=\"g-{}\" data-goal=\"{}\">\n<p class=\"text\">{}</p>",
        if gap { " gap" } else { "" },
        escape(&goal.id),
        escape(&goal.id),
        escape(&goal.text)
    );
    for (label, value) in [("Why", &goal.why), ("Metric", &goal.metric)] {
        if !value.is_empty() {
            let _ = writeln!(
                out,
                "<p><span class=\"label\">{label}:</span> {}</p>",
                escape(value)
            );
        }
    }
    if !goal.supports.is_empty() {
        let texts: Vec<&str> = goal.supports.iter().map(|s| s.text.as_str()).collect();
        let _ = writeln!(
            out,
            "<p><span class=\"label\">Supports:</span> {}</p>",
            escape(&texts.join("; "))
        );
    }
    if gap {
        out.push_str("<p class=\"warn\">Reaches no buyer goal</p>\n");
    }
    if goal.votes > 0 {
        let _ = writeln!(
            out,
            "<p class=\"votes\" aria-label=\"{n} votes in the last round\">●{n}</p>",
            n = goal.votes
        );
    }
    if room.round_open && !room.read_only {
        let mine = room.dots.contains(&goal.id);
        if mine || room.dots_left > 0 {
            let (dot, class, label) = if mine {
                ("remove", "quiet", "● Your dot: take it back")
            } else {
                ("add", "", "○ Put a dot here")
            };
            let _ = writeln!(
                out,
                "<form class=\"dot\" method=\"post\" action=\"/{}/votes\">\
                 <input type=\"hidden\" name=\"goal\" value=\"{}\">\
                 <button name=\"dot\" value=\"{dot}\"{}>{label}</button></form>",
                escape(code),
                escape(&goal.id),
                if class.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{class}\"")
                }
            );
        }
    }
    out.push_str("</li>\n");
}

#[cfg(test)]
#[path = "page_tests.rs"]
mod tests;
