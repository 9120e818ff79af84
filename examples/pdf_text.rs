//! Prints the text a file renders to (PDF, HTML, DOCX …): `cargo run
//! --example pdf_text FILE`. For looking at what the table reader gets.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        match nianbao::parser::decode::decode_any(&path, &bytes) {
            Ok(d) => print!("{}", d.text),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
