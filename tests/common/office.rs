//! Reading exported office files back: an xlsx through calamine (values,
//! merged cells) and its XML parts (fills, notes); any zip part as text.

#![allow(dead_code)]

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

pub fn workbook(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A sheet's cells.
pub fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    workbook(path).worksheet_range(name).unwrap()
}

/// A sheet's merged areas as ((first row, first col), (last row, last col)), 0-based.
pub fn merges(path: &Path, name: &str) -> Vec<((u32, u32), (u32, u32))> {
    workbook(path)
        .worksheet_merge_cells(name)
        .unwrap()
        .unwrap()
        .into_iter()
        .map(|d| (d.start, d.end))
        .collect()
}

/// The text of a part of a zip file (`word/document.xml`), if there.
pub fn zip_part(path: &Path, part: &str) -> Option<String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut f = zip.by_name(part).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    Some(s)
}

/// Every part whose name starts with `prefix`, as text.
pub fn zip_parts(path: &Path, prefix: &str) -> Vec<(String, String)> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let names: Vec<String> = zip
        .file_names()
        .filter(|n| n.starts_with(prefix))
        .map(String::from)
        .collect();
    names
        .into_iter()
        .map(|n| {
            let mut s = String::new();
            zip.by_name(&n).unwrap().read_to_string(&mut s).unwrap();
            (n, s)
        })
        .collect()
}

/// A1-style name of a 0-based cell.
pub fn a1(row: u32, col: u32) -> String {
    let mut name = String::new();
    let mut c = col + 1;
    while c > 0 {
        let r = (c - 1) % 26;
        name.insert(0, (b'A' + r as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{name}{}", row + 1)
}

/// The value of attribute `attr` in the tag text `tag`.
fn attr<'a>(tag: &'a str, attr: &str) -> Option<&'a str> {
    let key = format!(" {attr}=\"");
    let start = tag.find(&key)? + key.len();
    let end = start + tag[start..].find('"')?;
    Some(&tag[start..end])
}

/// The elements named `name` in `xml`, each as its text up to its end.
fn elements<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        // `<xf` must not match `<xfs`.
        if !after.starts_with([' ', '>', '/']) {
            rest = after;
            continue;
        }
        let close = format!("</{name}>");
        let end = match (after.find("/>"), after.find('>')) {
            (Some(s), Some(g)) if s + 1 == g => s + 2,
            _ => after
                .find(&close)
                .map(|e| e + close.len())
                .unwrap_or(after.len()),
        };
        out.push(&rest[i..i + open.len() + end]);
        rest = &after[end..];
    }
    out
}

/// The fill colour (`FFF2CC`) of a cell of the `sheet_index`-th sheet (1-based), if any.
pub fn fill(path: &Path, sheet_index: usize, row: u32, col: u32) -> Option<String> {
    let sheet = zip_part(path, &format!("xl/worksheets/sheet{sheet_index}.xml"))?;
    let cell_ref = a1(row, col);
    let cell = elements(&sheet, "c")
        .into_iter()
        .find(|c| attr(c, "r") == Some(cell_ref.as_str()))?;
    let style: usize = attr(cell, "s")?.parse().ok()?;
    let styles = zip_part(path, "xl/styles.xml")?;
    let xfs_start = styles.find("<cellXfs")?;
    let xfs_end = styles.find("</cellXfs>")?;
    let xf = elements(&styles[xfs_start..xfs_end], "xf")
        .into_iter()
        .nth(style)?;
    let fill_id: usize = attr(xf, "fillId")?.parse().ok()?;
    let fills_start = styles.find("<fills")?;
    let fills_end = styles.find("</fills>")?;
    let fill = elements(&styles[fills_start..fills_end], "fill")
        .into_iter()
        .nth(fill_id)?;
    let fg = elements(fill, "fgColor").into_iter().next()?;
    attr(fg, "rgb").map(|rgb| rgb.strip_prefix("FF").unwrap_or(rgb).to_string())
}

/// The notes of the `sheet_index`-th sheet: (cell, text).
pub fn notes(path: &Path, sheet_index: usize) -> Vec<(String, String)> {
    let Some(rels) = zip_part(
        path,
        &format!("xl/worksheets/_rels/sheet{sheet_index}.xml.rels"),
    ) else {
        return vec![];
    };
    let Some(target) = elements(&rels, "Relationship")
        .into_iter()
        .filter_map(|r| attr(r, "Target"))
        .find(|t| t.contains("comments"))
    else {
        return vec![];
    };
    let part = format!("xl/{}", target.trim_start_matches("../"));
    let xml = zip_part(path, &part).unwrap();
    elements(&xml, "comment")
        .into_iter()
        .map(|c| {
            let text: String = elements(c, "t")
                .into_iter()
                .map(|t| {
                    let start = t.find('>').unwrap() + 1;
                    let end = t.rfind("</t>").unwrap_or(t.len());
                    t[start..end].to_string()
                })
                .collect();
            (attr(c, "ref").unwrap_or("").to_string(), text)
        })
        .collect()
}
