//! The comparison of two reports: repeated text with known overlap, cells
//! and cross-year rules of a real report against a year written from it.

use nianbao::compare::{CellStatus, Side, TextPart, compare, repeated};
use nianbao::{Status, parse_bytes};

fn seed(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/seeds/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

/// Random CJK text from `alphabet` (a range of code points), `n` characters,
/// with a comma every so often: a deterministic generator, no crate needed.
fn random_text(seed: u64, alphabet: std::ops::Range<u32>, n: usize) -> String {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut s = String::new();
    for i in 0..n {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let span = alphabet.end - alphabet.start;
        let c = alphabet.start + ((x >> 33) as u32 % span);
        s.push(char::from_u32(c).unwrap());
        if i % 17 == 16 {
            s.push('，');
        }
    }
    s
}

#[test]
fn a_text_repeats_itself_entirely() {
    for name in ["000_f28bdb7c4ee4bcba", "002_1e2618f252abd06d"] {
        let text = seed(name);
        let sim = repeated(&text, &text);
        assert!(sim.this_units > 1000);
        assert_eq!(sim.repeated_units, sim.this_units);
        assert_eq!(sim.share, 1.0);
        assert_eq!(sim.passages.len(), 1, "one passage spans the whole text");
    }
}

#[test]
fn disjoint_texts_share_nothing() {
    let a = random_text(1, 0x4E00..0x5E00, 3000);
    let b = random_text(2, 0x5E00..0x6E00, 3000);
    let sim = repeated(&a, &b);
    assert_eq!(sim.share, 0.0);
    assert!(sim.passages.is_empty());
    // Two texts from the same alphabet agree on no run of ten by chance either.
    let c = random_text(3, 0x4E00..0x5E00, 3000);
    assert_eq!(repeated(&a, &c).share, 0.0);
    assert_eq!(repeated("", &a).share, 0.0);
    assert_eq!(repeated(&a, "").share, 0.0);
}

#[test]
fn a_copied_paragraph_gives_its_share() {
    let last = random_text(10, 0x4E00..0x6000, 4000);
    // Last year's characters 1000..1600 copied into new text.
    let copied: String = last.chars().skip(1000).take(600).collect();
    let fresh1 = random_text(11, 0x4E00..0x6000, 1200);
    let fresh2 = random_text(12, 0x4E00..0x6000, 1200);
    let this = format!("{fresh1}\n\n{copied}\n\n{fresh2}");
    let sim = repeated(&this, &last);
    let units = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count() as f64;
    let expected = units(&copied) / units(&this);
    assert!(
        (sim.share - expected).abs() < 0.005,
        "{} vs {expected}",
        sim.share
    );
    assert_eq!(sim.passages.len(), 1);
    let p = &sim.passages[0];
    // The offsets slice the originals on character boundaries, both sides.
    let a = this.get(p.this.clone()).expect("char boundaries");
    let b = last.get(p.last.clone()).expect("char boundaries");
    assert_eq!(a.trim_matches('，'), b.trim_matches('，'));
    assert!(copied.contains(a.trim_matches('，')));
}

#[test]
fn numbers_typed_over_last_years_text_still_repeat() {
    let last = seed("000_f28bdb7c4ee4bcba");
    let this: String = last
        .chars()
        .map(|c| match c {
            '1' => '7',
            '2' => '9',
            c => c,
        })
        .collect();
    assert!(this != last);
    assert_eq!(repeated(&this, &last).share, 1.0);
}

#[test]
fn every_passage_slices_both_texts() {
    let a = seed("000_f28bdb7c4ee4bcba");
    let b = seed("003_e18be9a397c96df8");
    let sim = repeated(&a, &b);
    // Two agencies' reports share the template's labels and the law's name.
    assert!(sim.share > 0.0 && sim.share < 0.9, "{}", sim.share);
    for p in &sim.passages {
        assert!(a.get(p.this.clone()).is_some() && b.get(p.last.clone()).is_some());
        assert!(p.units >= nianbao::compare::SHINGLE);
    }
    // Passages do not overlap in this year's text.
    for w in sim.passages.windows(2) {
        assert!(w[0].this.end <= w[1].this.start);
    }
}

/// Seed 000 (舒城县医疗保障局 2023) and a 2024 report written from it with a
/// changed 上年结转 row and a rewritten problems section.
#[test]
fn two_years_of_one_agency() {
    let y2023 = seed("000_f28bdb7c4ee4bcba");
    let y2024 = y2023
        .replacen(
            "舒城县医疗保障局\n2023 年政府信息公开工作年度报告",
            "舒城县医保局\n2024 年政府信息公开工作年度报告",
            1,
        )
        .replace(
            "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
            "二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2",
        );
    assert_ne!(y2023, y2024);
    let a = parse_bytes("2024.txt", y2024.as_bytes()).unwrap();
    let b = parse_bytes("2023.txt", y2023.as_bytes()).unwrap();
    let (this, last) = nianbao::compare::by_year(
        Side {
            report: &b.report,
            text: &b.text,
        },
        Side {
            report: &a.report,
            text: &a.text,
        },
    );
    assert_eq!(this.report.meta.year, Some(2024));
    let cmp = compare(this, last);
    let changed: Vec<String> = cmp
        .cells
        .iter()
        .filter(|c| c.status == CellStatus::Changed)
        .map(|c| c.key.path())
        .collect();
    assert_eq!(
        changed,
        [
            "applications.carried_over.natural_person",
            "applications.carried_over.total"
        ]
    );
    let c = cmp
        .cell(
            cmp.cells
                .iter()
                .find(|c| c.status == CellStatus::Changed)
                .unwrap()
                .key,
        )
        .unwrap();
    assert_eq!(
        (c.this, c.last, c.delta()),
        (Some(2.0), Some(0.0), Some(2.0))
    );
    assert!(cmp.count(CellStatus::Unchanged) > 100);
    let carried = cmp
        .cross_year
        .iter()
        .find(|c| c.rule == "cross_year.carried_over")
        .unwrap();
    assert_eq!(carried.status, Status::Warn);
    // The narrative is last year's word for word.
    let overview = cmp.repeat(TextPart::Overview).unwrap();
    assert!(overview.similarity.this_units > 100);
    assert_eq!(overview.similarity.share, 1.0);
    assert!(cmp.repeat(TextPart::Whole).unwrap().similarity.share > 0.99);
    // The JSON keeps its keys.
    let json = serde_json::to_value(&cmp).unwrap();
    assert_eq!(json["this"]["year"], 2024);
    assert_eq!(json["counts"]["changed"], 2);
    assert_eq!(json["repeats"][0]["section"], "overview");
    assert!(
        json["cells"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["status"] == "changed" && c["change"] == 2)
    );
}
