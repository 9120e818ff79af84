//! Any bytes give a report or a clear error, never a panic; a report's output
//! does not depend on how its text was encoded.

use proptest::prelude::*;

fn seeds() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    v.sort();
    v
}

#[derive(Debug, Clone)]
enum Damage {
    Truncate(usize),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    ShuffleLines(u64),
    DuplicateLine(usize),
    FlipByte(usize, u8),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::Truncate),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..16)
        )
            .prop_map(|(a, b)| Damage::Insert(a, b)),
        (any::<usize>(), 1usize..64).prop_map(|(a, b)| Damage::Delete(a, b)),
        any::<u64>().prop_map(Damage::ShuffleLines),
        any::<usize>().prop_map(Damage::DuplicateLine),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Damage::FlipByte(a, b)),
    ]
}

fn apply(mut bytes: Vec<u8>, d: &Damage) -> Vec<u8> {
    let n = bytes.len().max(1);
    match d {
        Damage::Truncate(at) => bytes.truncate(at % n),
        Damage::Insert(at, b) => {
            let at = at % n;
            bytes.splice(at..at, b.iter().copied());
        }
        Damage::Delete(at, len) => {
            let at = at % n;
            let end = (at + len).min(bytes.len());
            bytes.drain(at..end);
        }
        Damage::ShuffleLines(seed) => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(|l| l.to_vec()).collect();
            let mut s = *seed | 1;
            for i in (1..lines.len()).rev() {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                lines.swap(i, (s % (i as u64 + 1)) as usize);
            }
            bytes = lines.join(&b'\n');
        }
        Damage::DuplicateLine(k) => {
            let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            let k = k % lines.len();
            let mut out: Vec<Vec<u8>> = lines.iter().map(|l| l.to_vec()).collect();
            out.insert(k, lines[k].to_vec());
            bytes = out.join(&b'\n');
        }
        Damage::FlipByte(at, b) => {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = *b;
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn damaged_reports_never_panic(which in 0usize..5, damages in proptest::collection::vec(damage(), 1..4)) {
        let mut bytes = seeds()[which].clone();
        for d in &damages {
            bytes = apply(bytes, d);
        }
        if let Ok(parsed) = nianbao::parse_bytes("damaged.txt", &bytes) {
            // Every span still points inside the text it came from.
            for id in nianbao::TableId::ALL {
                if let Some(t) = parsed.report.tables.get(id) {
                    for cell in t.cells.iter().flatten() {
                        if let Some(s) = cell.source {
                            prop_assert!(s.start <= s.end && s.end <= parsed.text.len());
                            prop_assert!(parsed.text.is_char_boundary(s.start) && parsed.text.is_char_boundary(s.end));
                        }
                    }
                }
            }
            serde_json::to_string(&parsed.report).unwrap();
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = nianbao::parse_bytes("noise.bin", &bytes);
    }
}

/// The same report in UTF-8, GB18030 and UTF-16 gives the same values.
#[test]
fn output_is_stable_across_encodings() {
    for bytes in seeds() {
        let text = String::from_utf8(bytes.clone()).unwrap();
        let base = nianbao::parse_bytes("r.txt", &bytes).unwrap().report;
        let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
        let mut utf16le = vec![0xFF, 0xFE];
        let mut utf16be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            utf16le.extend_from_slice(&u.to_le_bytes());
            utf16be.extend_from_slice(&u.to_be_bytes());
        }
        for other in [gbk.into_owned(), utf16le, utf16be] {
            let r = nianbao::parse_bytes("r.txt", &other).unwrap().report;
            assert_eq!(r.meta, base.meta);
            assert_eq!(
                serde_json::to_value(&r.tables).unwrap(),
                serde_json::to_value(&base.tables).unwrap()
            );
            assert_eq!(r.failures().count(), base.failures().count());
            assert_eq!(r.warnings, base.warnings);
        }
    }
}

/// Pathological shapes stay fast: one 4 MB line, and 4 MB of narrative with
/// a few numbers inside a table region.
#[test]
fn huge_lines_and_long_labels_stay_linear() {
    let start = std::time::Instant::now();
    let one_line = "规章 1 ".repeat(500_000);
    let _ = nianbao::parse_bytes("line.txt", one_line.as_bytes());
    let mut narrative = String::from("三、收到和处理政府信息公开申请情况\n");
    for i in 0..40_000 {
        narrative.push_str("这是一段很长的说明文字没有表格内容但是偶尔出现数字");
        if i % 1000 == 0 {
            narrative.push_str(" 3 ");
        }
    }
    narrative.push_str("\n四、政府信息公开行政复议、行政诉讼情况\n");
    let _ = nianbao::parse_bytes("narrative.txt", narrative.as_bytes());
    // Generous for a debug build on a loaded 2-core machine; quadratic
    // behaviour takes minutes.
    assert!(
        start.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
}

/// Inputs the fuzzers found (`fuzz/`): run-together text whose inserted
/// line breaks mapped back off a character boundary of the source, which
/// panicked slicing section 一's text. Every span must slice the source.
#[test]
fn fuzz_findings_parse_and_every_span_slices_the_source() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    for (name, as_html) in [
        ("flat_breaks_off_char_boundary.txt", false),
        ("flat_breaks_off_char_boundary_html.bin", true),
    ] {
        let data = std::fs::read(dir.join(name)).unwrap();
        let bytes = if as_html {
            [b"<html><body><table><tr><td>".as_slice(), &data].concat()
        } else {
            data
        };
        let Ok(parsed) = nianbao::parse_bytes(name, &bytes) else {
            continue;
        };
        let report = &parsed.report;
        let spans = nianbao::TableId::ALL
            .into_iter()
            .filter_map(|id| report.tables.get(id))
            .flat_map(|t| t.cells.iter().flatten().filter_map(|c| c.source))
            .chain(
                report
                    .unread_rows
                    .iter()
                    .flat_map(|u| u.sources.iter().copied()),
            )
            .chain(
                [
                    report.meta_sources.agency,
                    report.meta_sources.year,
                    report.meta_sources.published,
                ]
                .into_iter()
                .flatten(),
            );
        for s in spans {
            assert!(parsed.text.get(s.start..s.end).is_some(), "{name}: {s:?}");
        }
    }
}
