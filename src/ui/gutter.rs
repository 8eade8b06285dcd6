//! The link lines in a gutter between two columns, as a pure function from the rows the links
//! join (a line on screen, or above or below it) to the cells to draw. Each cell collects the
//! directions lines leave it in (north, south, east, west), so where several lines meet the
//! right junction (`├ ┤ ┬ ┴ ┼`) falls out; in ASCII every junction is `+`. A link to a row off
//! screen runs to the gutter's edge, where an arrow with a count says how many go that way.

/// Where one end of a link is, relative to the gutter's top line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    At(u16),
    Above,
    Below,
}

/// A link from a goal in the left column (it supports) to one in the right (it is supported).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub left: End,
    pub right: End,
    /// Part of the selected chain (drawn in the chain's style); else drawn by `a`.
    pub chain: bool,
}

const N: u8 = 1;
const S: u8 = 2;
const E: u8 = 4;
const W: u8 = 8;

/// A drawn cell: its character and whether a line of the selected chain passes through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub ch: char,
    pub chain: bool,
}

/// The gutter's cells, `height` rows of `width`, `None` where nothing is drawn.
pub type Grid = Vec<Vec<Option<Cell>>>;

fn glyph(dirs: u8, ascii: bool) -> char {
    if ascii {
        return match dirs {
            0 => ' ',
            d if d & (E | W) == 0 => '|',
            d if d & (N | S) == 0 => '-',
            _ => '+',
        };
    }
    match dirs {
        d if d == N | S => '│',
        d if d == E | W => '─',
        d if d == S | E => '┌',
        d if d == S | W => '┐',
        d if d == N | E => '└',
        d if d == N | W => '┘',
        d if d == N | S | E => '├',
        d if d == N | S | W => '┤',
        d if d == S | E | W => '┬',
        d if d == N | E | W => '┴',
        d if d == N | S | E | W => '┼',
        N => '╵',
        S => '╷',
        E => '╶',
        W => '╴',
        _ => ' ',
    }
}

/// Draws `links` into a gutter `width` × `height`. Lines take tracks (columns inside the
/// gutter); links sharing an end share a track, so a fan-out or fan-in is one branching line.
pub fn draw(width: u16, height: u16, links: &[Link], ascii: bool) -> Grid {
    let (w, h) = (usize::from(width), usize::from(height));
    let mut dirs = vec![vec![0u8; w]; h];
    let mut chain = vec![vec![false; w]; h];
    if w == 0 || h == 0 {
        return vec![vec![None; w]; h];
    }
    let last = h - 1;
    let y_of = |e: End| match e {
        End::At(y) => usize::from(y).min(last),
        End::Above => 0,
        End::Below => last,
    };
    let (mut above, mut below) = (0usize, 0usize);
    // The links to draw, with their span; a link with both ends off the same edge is only counted.
    let mut drawn: Vec<(usize, usize, &Link)> = Vec::new();
    for link in links {
        let ends = [link.left, link.right];
        above += usize::from(ends.contains(&End::Above));
        below += usize::from(ends.contains(&End::Below));
        let off = |e: End| !matches!(e, End::At(_));
        if off(link.left) && link.left == link.right {
            continue;
        }
        let (a, b) = (y_of(link.left), y_of(link.right));
        drawn.push((a.min(b), a.max(b), link));
    }
    drawn.sort_by_key(|(lo, hi, _)| (*lo, *hi));
    let tracks = w.saturating_sub(2).max(1);
    let track_x = |t: usize| if w >= 3 { 1 + t } else { 0 };
    // Per track: the ends already on it and the lowest line it is busy to.
    let mut busy: Vec<(Vec<End>, Vec<End>, Option<usize>)> = vec![(vec![], vec![], None); tracks];
    for (lo, hi, link) in drawn {
        let shares = |t: &(Vec<End>, Vec<End>, Option<usize>)| {
            matches!(link.left, End::At(_)) && t.0.contains(&link.left)
                || matches!(link.right, End::At(_)) && t.1.contains(&link.right)
        };
        let t = busy
            .iter()
            .position(shares)
            .or_else(|| busy.iter().position(|t| t.2.is_none_or(|end| end < lo)))
            .or_else(|| (0..tracks).min_by_key(|&t| busy[t].2.unwrap_or(0)))
            .unwrap_or(0);
        busy[t].0.push(link.left);
        busy[t].1.push(link.right);
        busy[t].2 = Some(busy[t].2.map_or(hi, |e| e.max(hi)));
        let x = track_x(t);
        let mut add = |x: usize, y: usize, d: u8| {
            if let Some(cell) = dirs.get_mut(y).and_then(|r| r.get_mut(x)) {
                *cell |= d;
                chain[y][x] |= link.chain;
            }
        };
        if let End::At(y) = link.left {
            let y = usize::from(y).min(last);
            for cx in 0..x {
                add(cx, y, E | W);
            }
            add(x, y, W);
        }
        if let End::At(y) = link.right {
            let y = usize::from(y).min(last);
            for cx in x + 1..w {
                add(cx, y, E | W);
            }
            add(x, y, E);
        }
        for y in lo..=hi {
            let mut d = 0;
            if y > lo {
                d |= N;
            }
            if y < hi {
                d |= S;
            }
            add(x, y, d);
        }
        // A line to a row off screen runs on past the edge.
        for (end, y, d) in [(End::Above, 0, N), (End::Below, last, S)] {
            if link.left == end || link.right == end {
                add(x, y, d);
            }
        }
    }
    let mut grid: Grid = dirs
        .iter()
        .zip(&chain)
        .map(|(row, chain)| {
            row.iter()
                .zip(chain)
                .map(|(&d, &c)| {
                    (d != 0).then(|| Cell {
                        ch: glyph(d, ascii),
                        chain: c,
                    })
                })
                .collect()
        })
        .collect();
    let (up, down) = if ascii { ('^', 'v') } else { ('↑', '↓') };
    for (count, arrow, y) in [(above, up, 0), (below, down, last)] {
        if count == 0 {
            continue;
        }
        let label: Vec<char> = std::iter::once(arrow)
            .chain(count.to_string().chars())
            .take(w)
            .collect();
        let chain_here = grid[y].iter().flatten().any(|c| c.chain);
        for (x, ch) in label.into_iter().enumerate() {
            grid[y][x] = Some(Cell {
                ch,
                chain: chain_here,
            });
        }
    }
    grid
}

#[cfg(test)]
#[path = "gutter_tests.rs"]
mod tests;
