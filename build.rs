//! Turns the template description `assets/template.tsv` into the static row
//! and column tables that `src/template.rs` includes. Keeping the template as
//! data means a new label variant or a new layout is a one-line change to a
//! file a non-programmer can read, while the parser still gets `&'static`
//! tables with no start-up cost.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn main() {
    let src = "assets/template.tsv";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = fs::read_to_string(src).expect("read assets/template.tsv");
    let out = generate(&text).unwrap_or_else(|e| panic!("{src}: {e}"));
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("template_tables.rs");
    fs::write(dest, out).expect("write generated template tables");
    regions();
}

/// `assets/regions/regions.tsv` (code, name; sorted by code) → two static
/// tables for `src/parser/region.rs`: the divisions by code, and their
/// indices sorted by name, so a look-up is a binary search with no
/// start-up cost.
fn regions() {
    let src = "assets/regions/regions.tsv";
    println!("cargo:rerun-if-changed={src}");
    let text = fs::read_to_string(src).expect("read assets/regions/regions.tsv");
    let mut rows: Vec<(&str, &str)> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .collect();
    rows.sort_unstable();
    let mut by_name: Vec<usize> = (0..rows.len()).collect();
    by_name.sort_by(|&a, &b| rows[a].1.cmp(rows[b].1).then(a.cmp(&b)));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "pub static DIVISIONS: [(&str, &str); {}] = [",
        rows.len()
    );
    for (code, name) in &rows {
        let _ = writeln!(out, "(\"{code}\", \"{name}\"),");
    }
    out.push_str("];\n");
    let _ = writeln!(out, "pub static BY_NAME: [u32; {}] = [", rows.len());
    for i in by_name {
        let _ = write!(out, "{i},");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("regions.rs");
    fs::write(dest, out).expect("write generated regions");
}

struct Table {
    table: String,
    layout: String,
    title: String,
    rows: Vec<String>,
}

fn generate(text: &str) -> Result<String, String> {
    let mut column_sets: HashMap<String, String> = HashMap::new();
    let mut tables: Vec<Table> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let lineno = n + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "columns" if f.len() == 3 => {
                let mut cols = String::from("&[");
                for col in f[2].split(',') {
                    let parts: Vec<&str> = col.splitn(3, ':').collect();
                    if parts.len() != 3 {
                        return Err(format!(
                            "line {lineno}: column `{col}` is not key:label:kind"
                        ));
                    }
                    let kind = match parts[2] {
                        "count" => "ValueKind::Count",
                        "signed" => "ValueKind::Signed",
                        "amount" => "ValueKind::Amount",
                        k => return Err(format!("line {lineno}: unknown kind `{k}`")),
                    };
                    write!(
                        cols,
                        "ColumnSpec {{ key: {:?}, label: {:?}, kind: {kind} }},",
                        parts[0], parts[1]
                    )
                    .unwrap();
                }
                cols.push(']');
                column_sets.insert(f[1].to_string(), cols);
            }
            "table" if f.len() == 4 => tables.push(Table {
                table: f[1].to_string(),
                layout: f[2].to_string(),
                title: f[3].to_string(),
                rows: Vec::new(),
            }),
            "row" if f.len() == 7 => {
                let cols = column_sets
                    .get(f[2])
                    .ok_or_else(|| format!("line {lineno}: unknown column set `{}`", f[2]))?;
                let phrases: Vec<String> = f[6].split('|').map(|p| format!("{p:?}")).collect();
                let table = tables
                    .last_mut()
                    .ok_or_else(|| format!("line {lineno}: row before any table"))?;
                table.rows.push(format!(
                    "RowSpec {{ key: {:?}, label: {:?}, name: {:?}, group: {:?}, phrases: &[{}], columns: {cols} }}",
                    f[1],
                    f[3],
                    f[4],
                    f[5],
                    phrases.join(", ")
                ));
            }
            _ => return Err(format!("line {lineno}: cannot read `{line}`")),
        }
    }
    let mut out = String::from("// Generated by build.rs from assets/template.tsv. Do not edit.\n");
    out.push_str("pub static LAYOUTS: &[TableSpec] = &[\n");
    for t in &tables {
        let table = match t.table.as_str() {
            "active_disclosure" => "TableId::ActiveDisclosure",
            "applications" => "TableId::Applications",
            "review_litigation" => "TableId::ReviewLitigation",
            other => return Err(format!("unknown table `{other}`")),
        };
        let layout = match t.layout.as_str() {
            "2021" => "Layout::Y2021",
            "2019" => "Layout::Y2019",
            other => return Err(format!("unknown layout `{other}`")),
        };
        writeln!(
            out,
            "TableSpec {{ id: {table}, layout: {layout}, title: {:?}, rows: &[",
            t.title
        )
        .unwrap();
        for r in &t.rows {
            writeln!(out, "    {r},").unwrap();
        }
        out.push_str("]},\n");
    }
    out.push_str("];\n");
    Ok(out)
}
