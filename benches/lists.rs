//! The report list and the overview over 10,000 open reports: what a change
//! of filter or order costs the window's thread (both lists sorted again),
//! and what one arriving report costs (placed in both). The reports are
//! the test fixtures, each opened many times under another agency, year
//! and region, as a folder's reading delivers them.
//!
//!     cargo bench --no-default-features --bench lists

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::model::Region;
use nianbao::review::document::Document;
use nianbao::review::{
    Column, Command, Effect, ListFilter, OverviewSort, SortKey, State, StatusFilter,
};

const REPORTS: usize = 10_000;

fn fixtures() -> Vec<nianbao::Parsed> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut parsed = Vec::new();
    for dir in ["seeds", "variants"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("fixtures")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            let bytes = std::fs::read(&p).expect("fixture");
            if let Ok(one) = nianbao::parse_bytes(&p.to_string_lossy(), &bytes) {
                parsed.push(one);
            }
        }
    }
    parsed
}

/// A state with `REPORTS` reports opened as one folder's reading.
fn state() -> State {
    let parsed = fixtures();
    let provinces = ["江苏省", "安徽省", "浙江省", "北京市", "四川省"];
    let depts = ["人民政府办公室", "医疗保障局", "教育局", "公安局", "财政局"];
    let mut state = State::new(None);
    let effects = state.apply(Command::OpenFolders(vec![PathBuf::from("/bench")]));
    let batch = effects
        .iter()
        .find_map(|e| match e {
            Effect::ParseBatch { batch, .. } => Some(*batch),
            _ => None,
        })
        .expect("a batch");
    state.apply(Command::BatchStarted {
        batch,
        total: REPORTS,
    });
    for i in 0..REPORTS {
        let mut one = parsed[i % parsed.len()].clone();
        let province = provinces[i % provinces.len()];
        let county = format!("第{}县", i / 30);
        let meta = &mut one.report.meta;
        meta.agency = Some(format!("{county}{}", depts[(i / 6) % depts.len()]));
        meta.year = Some(2019 + (i % 6) as i32);
        meta.region = Some(Region {
            province: Some(province.into()),
            city: Some(format!("{province}{}市", i / 300)),
            county: Some(county),
            code: None,
        });
        let path = PathBuf::from(format!("/bench/{i:05}.txt"));
        let doc = Document::new(0, Some(path.clone()), one);
        state.apply(Command::BatchOpened {
            batch,
            done: i + 1,
            path,
            result: Ok(Box::new(doc)),
        });
    }
    state.apply(Command::BatchFinished {
        batch,
        completed: true,
    });
    state.refresh_lists();
    state
}

fn lists(c: &mut Criterion) {
    let mut state = state();
    let mut group = c.benchmark_group("lists_10k");
    group.sample_size(20);
    for sort in SortKey::ALL {
        group.bench_function(format!("list_order_{sort:?}"), |b| {
            let mut flip = false;
            b.iter(|| {
                // Two filters that differ only in the order asked, so that
                // every iteration is a change.
                flip = !flip;
                state.apply(Command::SetFilter(ListFilter {
                    sort: match (flip, sort) {
                        (true, _) => sort,
                        (false, SortKey::Opened) => SortKey::Problems,
                        (false, _) => SortKey::Opened,
                    },
                    ..Default::default()
                }));
            })
        });
    }
    // The same with the caches emptied first (a large buffer walked), as
    // after a while of typing or reading: the reports' memory is then
    // read from RAM.
    let mut flush = vec![0u8; 64 << 20];
    group.bench_function("list_order_Problems_cold", |b| {
        let mut flip = false;
        b.iter_batched(
            || {
                for (i, x) in flush.iter_mut().enumerate().step_by(64) {
                    *x = x.wrapping_add(i as u8);
                }
            },
            |()| {
                flip = !flip;
                state.apply(Command::SetFilter(ListFilter {
                    sort: if flip {
                        SortKey::Problems
                    } else {
                        SortKey::Agency
                    },
                    ..Default::default()
                }));
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.bench_function("filter_problems", |b| {
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            state.apply(Command::SetFilter(ListFilter {
                status: flip.then_some(StatusFilter::Problems),
                ..Default::default()
            }));
        })
    });
    for column in Column::ALL {
        group.bench_function(format!("overview_{column:?}"), |b| {
            let mut flip = false;
            b.iter(|| {
                flip = !flip;
                state.apply(Command::SetOverviewSort(OverviewSort {
                    column,
                    descending: flip,
                }));
            })
        });
    }
    group.finish();
}

criterion_group!(benches, lists);
criterion_main!(benches);
