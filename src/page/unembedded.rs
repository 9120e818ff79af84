//! Simple fonts (Type1, TrueType) that a PDF names but does not embed, made
//! drawable before hayro sees the file.
//!
//! hayro draws such a font with a standard font picked by its flags, by
//! character code. That is right for a plain WinAnsi font, and wrong for a
//! subset font (`BAAAAA+NotoSerifCJKjp`, LibreOffice's output when the font
//! program is dropped, as in our fixtures) whose codes 1, 2, 3… mean
//! whatever characters the subset took: the page shows Latin junk, and
//! digits vanish. Such a font usually keeps its `/ToUnicode` map, and hayro
//! does draw a composite font through that map when it falls back. So each
//! unembedded simple font with a `/ToUnicode` map is rewritten as a
//! one-byte composite font (codes 0–255 are CIDs 0–255, widths kept,
//! Adobe-GB1 declared so that the CJK face stands in): the same content
//! streams then draw the right characters.
//!
//! Anything unexpected leaves the file as it was.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

/// Files above this are drawn as they are (the rewrite holds the whole
/// document in memory twice).
const MAX_BYTES: usize = 40 * 1024 * 1024;

/// A CMap mapping each single byte to the CID of the same number.
const ONE_BYTE_CMAP: &str = "/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def
/CMapName /Nianbao-OneByte-Identity def
/CMapType 1 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 begincidrange
<00> <FF> 0
endcidrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
";

/// The file with its unembedded simple fonts rewritten, or `None` when it
/// has none (or cannot be rewritten): then the original is drawn.
pub fn rewrite(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() > MAX_BYTES {
        return None;
    }
    // Cheap test first: every font embedded, nothing to do. (Fonts inside
    // object streams are not seen here; such files are drawn as they are.)
    let count = |needle: &[u8]| memchr::memmem::find_iter(bytes, needle).count();
    let descriptors = count(b"/FontDescriptor");
    let programs = count(b"/FontFile");
    if descriptors <= programs || count(b"/ToUnicode") == 0 {
        return None;
    }
    let mut doc = Document::load_mem(bytes).ok()?;
    if doc.is_encrypted() {
        return None;
    }
    let fonts: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| o.as_dict().is_ok_and(|d| is_unembedded_simple(&doc, d)))
        .map(|(id, _)| *id)
        .collect();
    if fonts.is_empty() {
        return None;
    }
    let cmap = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "CMap",
            "CMapName" => "Nianbao-OneByte-Identity",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
        },
        ONE_BYTE_CMAP.as_bytes().to_vec(),
    ));
    for id in fonts {
        let old = doc.objects.get(&id)?.as_dict().ok()?.clone();
        let descendant = doc.add_object(descendant_of(&doc, &old));
        let mut font = dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "Encoding" => cmap,
            "DescendantFonts" => vec![Object::Reference(descendant)],
        };
        for key in [b"BaseFont".as_slice(), b"ToUnicode"] {
            if let Ok(v) = old.get(key) {
                font.set(key, v.clone());
            }
        }
        doc.objects.insert(id, Object::Dictionary(font));
    }
    let mut out = Vec::with_capacity(bytes.len());
    doc.save_to(&mut out).ok()?;
    Some(out)
}

/// A Type1 or TrueType font with a `/ToUnicode` map and no font program.
fn is_unembedded_simple(doc: &Document, d: &Dictionary) -> bool {
    let name = |o: &Object| o.as_name().ok().map(<[u8]>::to_vec);
    let is_font = d.get(b"Type").ok().and_then(name).as_deref() == Some(b"Font");
    let simple = matches!(
        d.get(b"Subtype").ok().and_then(name).as_deref(),
        Some(b"Type1" | b"TrueType" | b"MMType1")
    );
    if !is_font || !simple || d.get(b"ToUnicode").is_err() {
        return false;
    }
    let descriptor = d.get(b"FontDescriptor").ok().and_then(|o| match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    });
    match descriptor {
        Some(desc) => [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
            .iter()
            .all(|k| desc.get(k).is_err()),
        // No descriptor: one of the 14 standard fonts, which hayro has.
        None => false,
    }
}

/// The CID font standing for a simple font: its name, descriptor and
/// widths; Adobe-GB1 so that a Chinese face is asked for.
fn descendant_of(doc: &Document, old: &Dictionary) -> Dictionary {
    let first = old
        .get(b"FirstChar")
        .ok()
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    let mut cid = dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"),
            "Supplement" => 2,
        },
        "DW" => 1000,
    };
    for key in [b"BaseFont".as_slice(), b"FontDescriptor"] {
        if let Ok(v) = old.get(key) {
            cid.set(key, v.clone());
        }
    }
    let widths = match old.get(b"Widths") {
        Ok(Object::Reference(id)) => doc.get_object(*id).ok(),
        Ok(w) => Some(w),
        Err(_) => None,
    };
    if let Some(w @ Object::Array(_)) = widths {
        cid.set("W", vec![Object::Integer(first), w.clone()]);
    }
    cid
}
