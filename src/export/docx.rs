//! A Word document (OOXML) of headings, paragraphs and ruled tables, written
//! with the `zip` crate: the four parts Word needs and nothing else. Enough
//! for a review sheet; no images, no styles part (formatting is direct).

use std::io::Write;

use zip::write::SimpleFileOptions;

use super::ExportError;

/// The East Asian and Latin font of the document: present on every Chinese
/// Windows and in WPS; Word substitutes when it is not.
const FONT: &str = "宋体";

#[derive(Default)]
pub struct Docx {
    body: String,
}

impl Docx {
    pub fn new() -> Docx {
        Docx::default()
    }

    /// A centred title.
    pub fn title(&mut self, text: &str) {
        self.paragraph_with(text, true, 36, Some("center"));
    }

    /// A bold heading.
    pub fn heading(&mut self, text: &str) {
        self.paragraph_with(text, true, 28, None);
    }

    /// A paragraph; line breaks in `text` stay line breaks.
    pub fn paragraph(&mut self, text: &str) {
        self.paragraph_with(text, false, 24, None);
    }

    fn paragraph_with(&mut self, text: &str, bold: bool, half_points: u32, align: Option<&str>) {
        self.body.push_str("<w:p>");
        if let Some(a) = align {
            self.body
                .push_str(&format!("<w:pPr><w:jc w:val=\"{a}\"/></w:pPr>"));
        }
        self.run(text, bold, half_points);
        self.body.push_str("</w:p>");
    }

    fn run(&mut self, text: &str, bold: bool, half_points: u32) {
        self.body.push_str("<w:r><w:rPr>");
        self.body.push_str(&format!(
            "<w:rFonts w:ascii=\"{FONT}\" w:hAnsi=\"{FONT}\" w:eastAsia=\"{FONT}\"/>"
        ));
        if bold {
            self.body.push_str("<w:b/>");
        }
        self.body.push_str(&format!(
            "<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/></w:rPr>"
        ));
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.body.push_str("<w:br/>");
            }
            self.body.push_str("<w:t xml:space=\"preserve\">");
            self.body.push_str(&escape(line));
            self.body.push_str("</w:t>");
        }
        self.body.push_str("</w:r>");
    }

    /// A table with ruled borders; the first row is the header (bold).
    /// `widths` are the columns' shares of the page width.
    pub fn table(&mut self, rows: &[Vec<String>], widths: &[u32]) {
        // The text width of an A4 page with 2.5 cm margins, in twentieths of a point.
        const PAGE: u32 = 9000;
        let total: u32 = widths.iter().sum::<u32>().max(1);
        self.body
            .push_str("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            self.body.push_str(&format!(
                "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            ));
        }
        self.body.push_str("</w:tblBorders></w:tblPr><w:tblGrid>");
        for w in widths {
            self.body
                .push_str(&format!("<w:gridCol w:w=\"{}\"/>", PAGE * w / total));
        }
        self.body.push_str("</w:tblGrid>");
        for (i, row) in rows.iter().enumerate() {
            self.body.push_str("<w:tr>");
            for (c, cell) in row.iter().enumerate() {
                let w = PAGE * widths.get(c).copied().unwrap_or(1) / total;
                self.body.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr><w:p>"
                ));
                self.run(cell, i == 0, 21);
                self.body.push_str("</w:p></w:tc>");
            }
            self.body.push_str("</w:tr>");
        }
        self.body.push_str("</w:tbl>");
        // Word needs a paragraph between two tables and after the last.
        self.body.push_str("<w:p/>");
    }

    /// The document's bytes.
    pub fn finish(self) -> Result<Vec<u8>, ExportError> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default();
        let parts: [(&str, String); 4] = [
            ("[Content_Types].xml", CONTENT_TYPES.to_string()),
            ("_rels/.rels", RELS.to_string()),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
            (
                "word/document.xml",
                format!(
                    "{DOCUMENT_HEAD}{}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
                     <w:pgMar w:top=\"1440\" w:right=\"1417\" w:bottom=\"1440\" w:left=\"1417\" \
                     w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
                    self.body
                ),
            ),
        ];
        for (name, text) in parts {
            zip.start_file(name, options)?;
            zip.write_all(text.as_bytes())?;
        }
        Ok(zip.finish()?.into_inner())
    }
}

/// Text as XML character data: the five special characters escaped, and
/// the control characters XML 1.0 cannot hold dropped (tabs kept).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#;

const DOCUMENT_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_controls() {
        assert_eq!(
            escape("a<b>&\"'\u{1}c\td"),
            "a&lt;b&gt;&amp;&quot;&apos;c\td"
        );
    }
}
