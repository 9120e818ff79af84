//! A saved web page → text: paragraphs and headings as lines, each data
//! table as tab-separated grid rows (rowspan and colspan resolved).
//!
//! Government pages wrap the report in navigation, scripts and layout
//! tables. Furniture elements are skipped; a table that contains another
//! table is taken for layout and read as ordinary blocks, so the report's
//! own tables (which never nest) come out as grids wherever they sit.

use std::collections::HashSet;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};
use scraper::{Html, Node};

use super::grid::{self, SpanCell};
use crate::parser::decode::{Decoded, SourceFormat, check_size};
use crate::parser::error::ParseError;

/// Renders an HTML page to the pipeline's text.
pub fn render(bytes: &[u8]) -> Result<Decoded, ParseError> {
    check_size(bytes.len() as u64)?;
    let (source, encoding) = decode_page(bytes);
    check_shape(source.as_bytes())?;
    let page = Html::parse_document(&source);
    drop(source);
    let mut text = page_text(&page);
    if let Some(title) = title_only_in_head(&page, &text) {
        text.insert_str(0, &format!("{title}\n"));
    }
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(Decoded {
        text,
        encoding,
        format: SourceFormat::Html,
        places: Vec::new(),
        ocr: Default::default(),
    })
}

/// The page's `<title>`, when it names the annual report and no line of
/// the page's body does (a page whose heading is an image, or a template
/// that prints the name only in the head): it then opens the text, so the
/// title (agency, year) is read from it.
fn title_only_in_head(page: &Html, body: &str) -> Option<String> {
    let names_report = |line: &str| {
        let line: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        line.contains("信息公开")
            && (line.contains("年度报告") || line.contains("年报") || line.contains("工作报告"))
    };
    let title = page
        .tree
        .root()
        .descendants()
        .find_map(|n| match n.value() {
            Node::Element(el) if el.name() == "title" => Some(
                n.descendants()
                    .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                    .collect::<String>(),
            ),
            _ => None,
        })?;
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (names_report(&title) && !body.lines().take(60).any(names_report)).then_some(title)
}

/// The HTML parser spends time in proportion to the depth of open
/// elements for each tag, so hostile nesting would take minutes; no real
/// page comes near these limits.
const MAX_DEPTH: usize = 512;
const MAX_TAGS: usize = 1_000_000;

/// Refuses pages nested deeper than [`MAX_DEPTH`] or with more than
/// [`MAX_TAGS`] tags, by a quick scan before the real parse. Elements whose
/// end tag may be left out (`p`, `td`, `li` …) and void ones (`br`, `img`)
/// are not counted as nesting, and script and style bodies are skipped.
fn check_shape(page: &[u8]) -> Result<(), ParseError> {
    let (mut depth, mut max, mut tags) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(at) = page[i..].iter().position(|&b| b == b'<') {
        i += at + 1;
        let closing = page.get(i) == Some(&b'/');
        let name_start = i + usize::from(closing);
        let name_len = page[name_start..]
            .iter()
            .take(16)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !page[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = page[name_start..name_start + name_len].to_ascii_lowercase();
        tags += 1;
        if tags > MAX_TAGS {
            return Err(ParseError::TooDeep {
                found: tags,
                limit: MAX_TAGS,
            });
        }
        if !closing && matches!(name.as_slice(), b"script" | b"style") {
            let end: &[u8] = if name == b"script" {
                b"</script"
            } else {
                b"</style"
            };
            let rest = &page[name_start..];
            let lower_end = rest
                .windows(end.len())
                .position(|w| w.eq_ignore_ascii_case(end));
            i = lower_end.map_or(page.len(), |e| name_start + e + 1);
            continue;
        }
        if optional_end(&name) {
            continue;
        }
        let tag_end = page[name_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(page.len(), |e| name_start + e);
        if closing {
            depth = depth.saturating_sub(1);
        } else if page.get(tag_end.wrapping_sub(1)) != Some(&b'/') {
            depth += 1;
            max = max.max(depth);
            if max > MAX_DEPTH {
                return Err(ParseError::TooDeep {
                    found: max,
                    limit: MAX_DEPTH,
                });
            }
        }
        i = tag_end.min(page.len());
    }
    Ok(())
}

/// Void elements and those whose end tag HTML lets a page leave out.
fn optional_end(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"li"
            | b"td"
            | b"th"
            | b"tr"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"html"
            | b"head"
            | b"body"
            | b"br"
            | b"img"
            | b"meta"
            | b"link"
            | b"input"
            | b"hr"
            | b"col"
            | b"area"
            | b"base"
            | b"wbr"
            | b"source"
            | b"param"
            | b"embed"
            | b"track"
    )
}

/// The page's characters: by BOM, else by the encoding the page declares
/// (when its bytes agree), else by detection.
fn decode_page(bytes: &[u8]) -> (String, &'static str) {
    let (enc, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None => (declared_or_detected(bytes), bytes),
    };
    // GBK pages are read as GB18030, its superset, so no character is lost.
    let enc = if enc == GBK { GB18030 } else { enc };
    let (text, _) = enc.decode_without_bom_handling(body);
    (text.into_owned(), encoding_name(enc))
}

fn declared_or_detected(bytes: &[u8]) -> &'static Encoding {
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    if let Some(enc) = declared_charset(bytes) {
        // Pages re-saved as UTF-8 often keep their old `gb2312` meta; bytes
        // that are valid UTF-8 with Chinese in them are UTF-8 whatever the
        // meta says. A page declaring UTF-8 whose bytes are not falls
        // through to detection.
        let utf16 = enc == UTF_16LE || enc == UTF_16BE;
        if enc == UTF_8 || utf16 {
            if valid_utf8 {
                return UTF_8;
            }
        } else if !valid_utf8 || bytes.is_ascii() {
            return enc;
        }
    }
    if valid_utf8 {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow)
}

/// The `charset` of a `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="text/html; charset=…">` near the start of the page.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + b"charset".len()..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
                let rest = rest.strip_prefix(b"'").unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':')))
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..len]) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn encoding_name(enc: &'static Encoding) -> &'static str {
    match enc {
        e if e == UTF_8 => "utf-8",
        e if e == UTF_16LE => "utf-16le",
        e if e == UTF_16BE => "utf-16be",
        e if e == GB18030 => "gb18030",
        e => e.name(),
    }
}

/// Elements that are never part of the report: code, page furniture, forms.
fn is_furniture(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "footer"
            | "aside"
            | "iframe"
            | "object"
            | "embed"
            | "select"
            | "button"
            | "textarea"
            | "svg"
            | "canvas"
            | "map"
    )
}

/// Elements that start a new line of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "section"
            | "article"
            | "main"
            | "header"
            | "blockquote"
            | "pre"
            | "center"
            | "hr"
            | "form"
            | "fieldset"
            | "address"
            | "figure"
            | "figcaption"
            | "body"
    )
}

/// Hidden with an inline style: share widgets, print-only copies and the like.
fn is_hidden(el: &scraper::node::Element) -> bool {
    el.attr("hidden").is_some()
        || el.attr("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Tables that contain another table: layout, not data.
fn layout_tables(page: &Html) -> HashSet<NodeId> {
    let mut layout = HashSet::new();
    let mut open: Vec<NodeId> = Vec::new();
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if is_table(node.value()) {
                    if let Some(&outer) = open.last() {
                        layout.insert(outer);
                    }
                    open.push(node.id());
                }
            }
            Edge::Close(node) => {
                if is_table(node.value()) {
                    open.pop();
                }
            }
        }
    }
    layout
}

fn is_table(node: &Node) -> bool {
    matches!(node, Node::Element(e) if e.name() == "table")
}

/// A data table being read.
#[derive(Default)]
struct TableState {
    id: Option<NodeId>,
    rows: Vec<Vec<SpanCell>>,
    /// The cell being read, if any.
    cell: Option<SpanCell>,
}

/// Text outside tables, with HTML's whitespace rules: runs of white space
/// are one space, block elements break lines.
#[derive(Default)]
struct Flow {
    out: String,
    line: String,
    space: bool,
}

impl Flow {
    fn text(&mut self, s: &str) {
        for ch in s.chars() {
            if ch.is_whitespace() || ch == '\u{a0}' {
                self.space = true;
            } else {
                if self.space && !self.line.is_empty() {
                    self.line.push(' ');
                }
                self.space = false;
                self.line.push(ch);
            }
        }
    }

    fn break_line(&mut self) {
        let line = self
            .line
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        if !line.is_empty() {
            self.out.push_str(line);
            self.out.push('\n');
        }
        self.line.clear();
        self.space = false;
    }

    fn raw(&mut self, s: &str) {
        self.break_line();
        self.out.push_str(s);
    }
}

/// The page in reading order: one pass over the tree without recursion, so
/// deeply nested markup cannot exhaust the stack.
fn page_text(page: &Html) -> String {
    let layout = layout_tables(page);
    let mut flow = Flow::default();
    let mut skip: Option<NodeId> = None;
    let mut table: Option<TableState> = None;
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        let name = el.name();
                        if is_furniture(name) || is_hidden(el) {
                            skip = Some(node.id());
                            continue;
                        }
                        if let Some(t) = table.as_mut() {
                            open_in_table(t, el);
                        } else if name == "table" && !layout.contains(&node.id()) {
                            flow.break_line();
                            table = Some(TableState {
                                id: Some(node.id()),
                                ..TableState::default()
                            });
                        } else if is_block(name) {
                            flow.break_line();
                        }
                    }
                    Node::Text(t) => match table.as_mut() {
                        Some(TableState {
                            cell: Some(cell), ..
                        }) => cell.text.push_str(t),
                        // Text between a table's cells is not part of any cell.
                        Some(_) => {}
                        None => flow.text(t),
                    },
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                    }
                    continue;
                }
                let Node::Element(el) = node.value() else {
                    continue;
                };
                let name = el.name();
                if let Some(t) = table.as_mut() {
                    if t.id == Some(node.id()) {
                        finish_cell(t);
                        let mut tsv = String::new();
                        grid::write_tsv(&grid::resolve(&t.rows), &mut tsv);
                        flow.raw(&tsv);
                        table = None;
                    } else if matches!(name, "td" | "th") {
                        finish_cell(t);
                    } else if matches!(name, "br" | "p" | "div" | "li") {
                        if let Some(cell) = t.cell.as_mut() {
                            cell.text.push(' ');
                        }
                    }
                } else if is_block(name) {
                    flow.break_line();
                }
            }
        }
    }
    flow.break_line();
    flow.out
}

fn open_in_table(t: &mut TableState, el: &scraper::node::Element) {
    match el.name() {
        "tr" => {
            finish_cell(t);
            t.rows.push(Vec::new());
        }
        "td" | "th" => {
            finish_cell(t);
            if t.rows.is_empty() {
                t.rows.push(Vec::new());
            }
            let span = |attr: &str| {
                el.attr(attr)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
            };
            t.cell = Some(SpanCell::new(
                String::new(),
                span("rowspan"),
                span("colspan"),
            ));
        }
        // A line break inside a cell (`结果<br>维持`) separates words.
        "br" | "p" | "div" | "li" => {
            if let Some(cell) = t.cell.as_mut() {
                cell.text.push(' ');
            }
        }
        _ => {}
    }
}

fn finish_cell(t: &mut TableState) {
    if let Some(cell) = t.cell.take() {
        if let Some(row) = t.rows.last_mut() {
            row.push(cell);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        page_text(&Html::parse_document(html))
    }

    #[test]
    fn furniture_is_skipped_and_tables_become_tsv() {
        let t = text(
            "<html><head><title>x</title><script>var a=1;</script></head><body>\
             <nav>首页 | 通知</nav><h1>某局2023年报告</h1><p>一、总体情况</p>\
             <table><tr><td rowspan=2>三、本年度办理结果</td><td>（一）予以公开</td><td>12</td></tr>\
             <tr><td>（二）部分公开</td><td></td></tr></table><p>完</p></body></html>",
        );
        assert_eq!(
            t,
            "某局2023年报告\n一、总体情况\n三、本年度办理结果\t（一）予以公开\t12\n\t（二）部分公开\t\n完\n"
        );
    }

    #[test]
    fn layout_tables_are_read_as_blocks() {
        let t = text(
            "<table><tr><td>标题</td></tr><tr><td>\
             <table><tr><td>规章</td><td>3</td></tr></table></td></tr></table>",
        );
        assert_eq!(t, "标题\n规章\t3\n");
    }

    #[test]
    fn charset_from_meta() {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>收到申请</body></html>";
        let (bytes, _, _) = GBK.encode(html);
        let (s, name) = decode_page(&bytes);
        assert!(s.contains("收到申请"));
        assert_eq!(name, "gb18030");
        // Re-saved as UTF-8 with the old meta left in: the bytes win.
        let (s, name) = decode_page(html.as_bytes());
        assert!(s.contains("收到申请"));
        assert_eq!(name, "utf-8");
    }
}
