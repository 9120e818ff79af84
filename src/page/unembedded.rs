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
//! hayro also picks a standard font by name before it asks for a fallback:
//! `NotoSerifCJKjp` or `SourceHanSans` become Times or Helvetica, which have
//! no Chinese glyphs. Unembedded fonts whose names say they are CJK (simple
//! or composite) are renamed so that the CJK face is asked for instead.
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
    if descriptors <= programs {
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
    let composite: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict()
                .is_ok_and(|d| is_unembedded_cjk_composite(&doc, d))
        })
        .map(|(id, _)| *id)
        .collect();
    if fonts.is_empty() && composite.is_empty() {
        return None;
    }
    for id in composite {
        if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&id) {
            d.set("BaseFont", Object::Name(CJK_STAND_IN.to_vec()));
        }
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
        if let Ok(v) = old.get(b"ToUnicode") {
            font.set("ToUnicode", v.clone());
        }
        font.set("BaseFont", base_font(&old));
        doc.objects.insert(id, Object::Dictionary(font));
    }
    let mut out = Vec::with_capacity(bytes.len());
    doc.save_to(&mut out).ok()?;
    Some(out)
}

/// The name hayro's standard-font guess does not match, so that it asks
/// for a fallback (the CJK face, by the declared Adobe-GB1 collection).
const CJK_STAND_IN: &[u8] = b"NianbaoCJKStandIn";

fn name_of(d: &Dictionary) -> Option<String> {
    d.get(b"BaseFont")
        .ok()?
        .as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// The rewritten font's name: its own, unless it says CJK (then the
/// stand-in, or hayro would draw Times for `NotoSerifCJKjp`).
fn base_font(old: &Dictionary) -> Object {
    match name_of(old) {
        Some(name) if !super::fonts::is_cjk_name(&name) => Object::Name(name.into_bytes()),
        _ => Object::Name(CJK_STAND_IN.to_vec()),
    }
}

/// A composite (Type0) font with a CJK name whose descendant embeds no
/// font program.
fn is_unembedded_cjk_composite(doc: &Document, d: &Dictionary) -> bool {
    let name = |o: &Object| o.as_name().ok().map(<[u8]>::to_vec);
    if d.get(b"Subtype").ok().and_then(name).as_deref() != Some(b"Type0")
        || !name_of(d).is_some_and(|n| super::fonts::is_cjk_name(&n))
    {
        return false;
    }
    let descendant = d
        .get(b"DescendantFonts")
        .ok()
        .and_then(|o| match o {
            Object::Reference(id) => doc.get_object(*id).ok(),
            o => Some(o),
        })
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .and_then(|o| match o {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        });
    descendant.is_some_and(|f| !embeds_program(doc, f))
}

/// Whether a font's descriptor holds a font program.
fn embeds_program(doc: &Document, d: &Dictionary) -> bool {
    let descriptor = d.get(b"FontDescriptor").ok().and_then(|o| match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    });
    descriptor.is_some_and(|desc| {
        [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| desc.get(k).is_ok())
    })
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
    cid.set("BaseFont", base_font(old));
    if let Ok(v) = old.get(b"FontDescriptor") {
        cid.set("FontDescriptor", v.clone());
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
