//! Reading a format-3 file on every core: the file's top-level fields are found by a scan
//! that knows only RON's brackets, strings and comments, and each part list is cut into runs
//! of whole items that are parsed at once.
//!
//! This is only a faster way to the same result: whenever the scan meets anything it does
//! not expect, or any run fails to parse, [`parse`] gives up and the caller reads the file
//! with the ordinary parser, whose errors carry the exact line and column.

use super::format3::{DesignFile, Specs};
use fiberplan_model::{Note, Rack};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::ops::Range;

/// Parts per run: small enough that both cores stay busy to the end, large enough that
/// starting a parser per run costs nothing.
const RUN: usize = 2048;

/// The file read on every core, or `None` to read it with the ordinary parser.
pub(crate) fn parse(text: &str) -> Option<DesignFile> {
    let fields = top_level_fields(text)?;
    let mut file = DesignFile::default();
    let mut seen: Vec<&str> = Vec::new();
    for (name, value) in fields {
        if seen.contains(&name) {
            return None;
        }
        seen.push(name);
        // Ranges end next to ASCII bytes, so on character boundaries; `get` keeps a scan
        // that is wrong about that from panicking.
        let value = text.get(value)?;
        match name {
            "format_version" => file.format_version = ron::from_str(value).ok()?,
            "name" => file.name = ron::from_str(value).ok()?,
            "specs" => file.specs = ron::from_str::<Specs>(value).ok()?,
            "racks" => file.racks = list::<Rack>(value)?,
            "enclosures" => file.enclosures = list(value)?,
            "modules" => file.modules = list(value)?,
            "equipment" => file.equipment = list(value)?,
            "cables" => file.cables = list(value)?,
            "notes" => file.notes = list::<Note>(value)?,
            _ => return None,
        }
    }
    // Required fields: without them the ordinary parser says which is missing.
    (seen.contains(&"format_version") && seen.contains(&"name")).then_some(file)
}

/// A `[ item, item, ... ]` list, parsed in runs of items on every core.
fn list<T: DeserializeOwned + Send>(value: &str) -> Option<Vec<T>> {
    let items = list_items(value)?;
    let runs: Vec<Vec<T>> = items
        .par_chunks(RUN)
        .map(|run| {
            let (first, last) = (run.first()?, run.last()?);
            let mut text = String::with_capacity(last.end - first.start + 2);
            text.push('[');
            text.push_str(value.get(first.start..last.end)?);
            text.push(']');
            ron::from_str::<Vec<T>>(&text).ok()
        })
        .collect::<Option<_>>()?;
    Some(runs.into_iter().flatten().collect())
}

/// The byte ranges of the items of a `[ ... ]` list.
fn list_items(value: &str) -> Option<Vec<Range<usize>>> {
    let b = value.as_bytes();
    let mut i = skip_blank(b, 0)?;
    if b.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    let mut items = Vec::new();
    loop {
        i = skip_blank(b, i)?;
        match b.get(i)? {
            b']' => break,
            _ => {
                let end = value_end(b, i)?;
                items.push(i..end);
                i = skip_blank(b, end)?;
                match b.get(i)? {
                    b',' => i += 1,
                    b']' => break,
                    _ => return None,
                }
            }
        }
    }
    // Nothing may follow the list but blanks.
    (skip_blank(b, i + 1)? == b.len()).then_some(items)
}

/// The top-level `( name: value, ... )` fields of `text`, each as its name and the byte
/// range of its value.
fn top_level_fields(text: &str) -> Option<Vec<(&str, Range<usize>)>> {
    let b = text.as_bytes();
    let start = usize::from(text.starts_with('\u{feff}')) * 3;
    let mut i = skip_blank(b, start)?;
    if b.get(i) != Some(&b'(') {
        return None;
    }
    i += 1;
    let mut fields = Vec::new();
    loop {
        i = skip_blank(b, i)?;
        if b.get(i)? == &b')' {
            i += 1;
            break;
        }
        let name_start = i;
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            i += 1;
        }
        if i == name_start {
            return None;
        }
        let name = text.get(name_start..i)?;
        i = skip_blank(b, i)?;
        if b.get(i)? != &b':' {
            return None;
        }
        i = skip_blank(b, i + 1)?;
        let end = value_end(b, i)?;
        fields.push((name, i..end));
        i = skip_blank(b, end)?;
        match b.get(i)? {
            b',' => i += 1,
            b')' => {
                i += 1;
                break;
            }
            _ => return None,
        }
    }
    (skip_blank(b, i)? == b.len()).then_some(fields)
}

/// The index of the first byte from `i` that is neither white space nor in a comment.
fn skip_blank(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        match (b.get(i), b.get(i + 1)) {
            (Some(c), _) if c.is_ascii_whitespace() => i += 1,
            (Some(b'/'), Some(b'/')) => {
                while b.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
            }
            (Some(b'/'), Some(b'*')) => {
                // Block comments nest in RON.
                let mut depth = 0usize;
                loop {
                    match (b.get(i)?, b.get(i + 1)) {
                        (b'/', Some(b'*')) => {
                            depth += 1;
                            i += 2;
                        }
                        (b'*', Some(b'/')) => {
                            depth -= 1;
                            i += 2;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => i += 1,
                    }
                }
            }
            _ => return Some(i),
        }
    }
}

/// The end (exclusive) of the value starting at `i`: the first `,` or closing bracket
/// outside brackets, strings and comments, with trailing blanks left out.
fn value_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut last = i;
    loop {
        let Some(&c) = b.get(i) else {
            return (depth == 0).then_some(last);
        };
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return Some(last);
                }
                depth -= 1;
            }
            b',' if depth == 0 => return Some(last),
            b'"' | b'\'' => i = quoted_end(b, i)? - 1,
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) && !ident_before(b, i) => {
                i = raw_string_end(b, i)? - 1;
            }
            b'/' if matches!(b.get(i + 1), Some(b'/' | b'*')) => {
                i = skip_blank(b, i)?;
                continue;
            }
            c if c.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            _ => {}
        }
        i += 1;
        last = i;
    }
}

/// True when the byte before `i` continues an identifier (so `r` there is not a raw string).
fn ident_before(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

/// The index just past the `"..."` string or `'.'` character starting at `i`, which closes
/// with the same quote it opens with.
fn quoted_end(b: &[u8], mut i: usize) -> Option<usize> {
    let quote = *b.get(i)?;
    i += 1;
    loop {
        match b.get(i)? {
            b'\\' => i += 2,
            &c if c == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The index just past the raw string `r#"..."#` starting at `i`.
fn raw_string_end(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
    i += hashes;
    if b.get(i)? != &b'"' {
        return None;
    }
    i += 1;
    loop {
        if b.get(i)? == &b'"'
            && b[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == b'#')
                .count()
                == hashes
        {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_items_are_found_past_brackets_in_strings_and_comments() {
        let text = r##"
            // a comment with ( and "
            (
              format_version: 3,
              name: "a ), [ name \" with , quotes",
              /* block /* nested ) */ ( */
              racks: [ (id: "A,1", label: r#"raw "), ["#), (id: "B") , ],
            )
        "##;
        let fields = top_level_fields(text).expect("fields");
        let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["format_version", "name", "racks"]);
        assert_eq!(
            &text[fields[1].1.clone()],
            r#""a ), [ name \" with , quotes""#
        );
        let racks = &text[fields[2].1.clone()];
        let items: Vec<&str> = list_items(racks)
            .expect("items")
            .into_iter()
            .map(|r| &racks[r])
            .collect();
        assert_eq!(
            items,
            [r##"(id: "A,1", label: r#"raw "), ["#)"##, r#"(id: "B")"#]
        );
    }

    /// The same design from both parsers, for every example design, with comments and
    /// odd spacing that the scan must step over.
    #[test]
    fn both_parsers_read_the_same_design() {
        let examples = [
            include_str!("../../../saved_designs/two-rack-leaf-servers.ron"),
            include_str!("../../../saved_designs/sr4-breakout-4x25g.ron"),
            include_str!("../../../saved_designs/method-b-wrong-cord-error.ron"),
        ];
        for text in examples {
            let edited = text
                .replacen(
                    "  cables: [",
                    "  // cables follow ) ]\n  cables /* here */ : [",
                    1,
                )
                .replacen("),\n  ],\n)", "),\n  ] ,\n) // end\n", 1);
            for t in [text, edited.as_str()] {
                let fast = parse(t).expect("read on every core").into_design();
                let ordinary = ron::from_str::<DesignFile>(t)
                    .expect("ordinary parse")
                    .into_design();
                assert_eq!(fast, ordinary);
                assert!(fast.is_ok_and(|d| !d.cables.is_empty()));
            }
        }
    }

    /// Every cut of a file, and text beyond ASCII in names, ids and comments: the scan never
    /// panics, and whatever it reads the ordinary parser reads the same.
    #[test]
    fn cuts_and_text_beyond_ascii_are_read_alike_or_left_to_the_parser() {
        let text = include_str!("../../../saved_designs/method-b-duplex.ron")
            .replacen("TIA Method B", "Méthode B — Halle Nürnberg", 1)
            .replacen(
                "(id: \"CP1\"",
                "// Rückweg ✓\n    (id: \"CP1\", label: \"Cordon n°1 ä\"",
                1,
            );
        let whole = parse(&text).expect("read on every core").into_design();
        assert!(whole
            .as_ref()
            .is_ok_and(|d| d.name.contains("Nürnberg") && d.cables[1].label.ends_with('ä')));
        for (at, _) in text.char_indices() {
            let cut = &text[..at];
            if let Some(file) = parse(cut) {
                let ordinary = ron::from_str::<DesignFile>(cut).map(DesignFile::into_design);
                assert_eq!(
                    Ok(file.into_design()),
                    ordinary.map_err(|_| ()),
                    "cut at {at}"
                );
            }
        }
    }

    #[test]
    fn anything_unexpected_is_left_to_the_ordinary_parser() {
        for text in [
            "#![enable(implicit_some)]\n(format_version: 3, name: \"x\")",
            "Design(format_version: 3, name: \"x\")",
            "(format_version: 3, name: \"x\", name: \"y\")",
            "(format_version: 3, name: \"x\", colour: 1)",
            "(format_version: 3, name: \"x\") trailing",
            "(format_version: 3, name: \"unterminated)",
            "(format_version: 3)",
            "(format_version: 3, name: \"x\", racks: [(id: 1)])",
        ] {
            assert!(parse(text).is_none(), "{text}");
        }
        assert!(parse("(format_version: 3, name: \"x\")").is_some());
    }
}
