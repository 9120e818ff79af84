//! A lexer for PDF content streams and CMaps: operands and the operator
//! that takes them, one operation at a time, without building the whole
//! operation list. Strings and names borrow from the stream unless they
//! hold escapes. Hostile input cannot recurse without bound (nesting is
//! capped) nor grow the operand list without bound.

use std::borrow::Cow;

/// One operand of an operation.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand<'a> {
    Num(f64),
    Name(Cow<'a, [u8]>),
    Str(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    /// A boolean, null or dictionary: nothing the reader uses.
    Other,
}

impl Operand<'_> {
    pub fn num(&self) -> Option<f64> {
        match self {
            Operand::Num(n) => Some(*n),
            _ => None,
        }
    }
    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Operand::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Arrays and dictionaries nested deeper than this are skipped whole.
const MAX_DEPTH: usize = 32;
/// Operands kept before one operator; more are dropped.
const MAX_OPERANDS: usize = 4096;
/// Elements kept in one array.
const MAX_ARRAY: usize = 1 << 16;

pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

enum Token<'a> {
    Operand(Operand<'a>),
    Keyword(&'a [u8]),
    ArrayEnd,
    DictEnd,
    Eof,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer { data, pos: 0 }
    }

    /// The next operator, with its operands in `operands` (cleared first);
    /// `None` at the end of the stream. An inline image (`BI … ID … EI`) is
    /// skipped and reported as the operator `BI` with no operands.
    pub fn next_op(&mut self, operands: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            match self.token(0) {
                Token::Eof => return None,
                Token::Operand(o) => {
                    if operands.len() < MAX_OPERANDS {
                        operands.push(o);
                    }
                }
                Token::Keyword(b"BI") => {
                    operands.clear();
                    self.skip_inline_image();
                    return Some(b"BI");
                }
                Token::Keyword(k) => return Some(k),
                // Stray closers are ignored.
                Token::ArrayEnd | Token::DictEnd => {}
            }
        }
    }

    fn skip_white(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn regular_run(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.data.get(self.pos).is_some_and(|&b| is_regular(b)) {
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    fn token(&mut self, depth: usize) -> Token<'a> {
        self.skip_white();
        let Some(&b) = self.data.get(self.pos) else {
            return Token::Eof;
        };
        match b {
            b'/' => {
                self.pos += 1;
                let raw = self.regular_run();
                Token::Operand(Operand::Name(unescape_name(raw)))
            }
            b'(' => {
                self.pos += 1;
                Token::Operand(Operand::Str(self.literal()))
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                if depth >= MAX_DEPTH {
                    self.skip_nested(b'<', b'>', 2);
                } else {
                    self.skip_dict(depth);
                }
                Token::Operand(Operand::Other)
            }
            b'<' => {
                self.pos += 1;
                Token::Operand(Operand::Str(Cow::Owned(self.hex())))
            }
            b'>' => {
                self.pos += 1;
                if self.data.get(self.pos) == Some(&b'>') {
                    self.pos += 1;
                }
                Token::DictEnd
            }
            b'[' => {
                self.pos += 1;
                if depth >= MAX_DEPTH {
                    self.skip_nested(b'[', b']', 1);
                    return Token::Operand(Operand::Other);
                }
                Token::Operand(self.array(depth))
            }
            b']' => {
                self.pos += 1;
                Token::ArrayEnd
            }
            b'{' | b'}' | b')' => {
                self.pos += 1;
                Token::Operand(Operand::Other)
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let run = self.regular_run();
                Token::Operand(Operand::Num(parse_number(run)))
            }
            _ => {
                let word = self.regular_run();
                match word {
                    b"true" | b"false" | b"null" => Token::Operand(Operand::Other),
                    _ => Token::Keyword(word),
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Operand<'a> {
        let mut items = Vec::new();
        loop {
            match self.token(depth + 1) {
                Token::Eof | Token::ArrayEnd => break,
                Token::Operand(o) => {
                    if items.len() < MAX_ARRAY {
                        items.push(o);
                    }
                }
                // Keywords inside arrays (malformed) are dropped.
                Token::Keyword(_) | Token::DictEnd => {}
            }
        }
        Operand::Array(items)
    }

    /// Skips a dictionary body up to its `>>`; `depth` bounds the nesting of
    /// its values.
    fn skip_dict(&mut self, depth: usize) {
        loop {
            match self.token(depth + 1) {
                Token::Eof | Token::DictEnd => break,
                Token::Operand(_) | Token::Keyword(_) | Token::ArrayEnd => {}
            }
        }
    }

    /// Past the closer of a structure nested too deep to read, without
    /// recursion: `open` and `close` are counted from `level` (2 after the
    /// `<<` of a dictionary).
    fn skip_nested(&mut self, open: u8, close: u8, mut level: usize) {
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == open {
                level += 1;
            } else if b == close {
                level -= 1;
                if level == 0 {
                    return;
                }
            }
        }
    }

    fn literal(&mut self) -> Cow<'a, [u8]> {
        let start = self.pos;
        let mut depth = 1usize;
        let mut escaped = false;
        // Fast path: find the end; if there is no backslash, borrow.
        let mut i = self.pos;
        while let Some(&b) = self.data.get(i) {
            match b {
                b'\\' => {
                    escaped = true;
                    i += 2;
                    continue;
                }
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let end = i.min(self.data.len());
        self.pos = (end + 1).min(self.data.len());
        let raw = &self.data[start..end];
        if !escaped {
            return Cow::Borrowed(raw);
        }
        let mut out = Vec::with_capacity(raw.len());
        let mut j = 0;
        while j < raw.len() {
            let b = raw[j];
            if b != b'\\' {
                out.push(b);
                j += 1;
                continue;
            }
            j += 1;
            let Some(&e) = raw.get(j) else { break };
            j += 1;
            match e {
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b't' => out.push(b'\t'),
                b'b' => out.push(8),
                b'f' => out.push(12),
                b'0'..=b'7' => {
                    let mut v = u32::from(e - b'0');
                    for _ in 0..2 {
                        match raw.get(j) {
                            Some(&d @ b'0'..=b'7') => {
                                v = v * 8 + u32::from(d - b'0');
                                j += 1;
                            }
                            _ => break,
                        }
                    }
                    out.push(v as u8);
                }
                // A backslash before a line break continues the string.
                b'\r' => {
                    if raw.get(j) == Some(&b'\n') {
                        j += 1;
                    }
                }
                b'\n' => {}
                other => out.push(other),
            }
        }
        Cow::Owned(out)
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(v) = hex_value(b) {
                match high.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => high = Some(v),
                }
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// After `BI`: the image dictionary up to `ID`, then the data up to an
    /// `EI` standing alone between white space.
    fn skip_inline_image(&mut self) {
        loop {
            match self.token(0) {
                Token::Eof => return,
                Token::Keyword(b"ID") => break,
                _ => {}
            }
        }
        // One white-space byte follows ID.
        self.pos += 1;
        let d = self.data;
        while self.pos + 1 < d.len() {
            if d[self.pos] == b'E'
                && d[self.pos + 1] == b'I'
                && self.pos > 0
                && is_white(d[self.pos - 1])
                && d.get(self.pos + 2).is_none_or(|&b| !is_regular(b))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = d.len();
    }
}

fn unescape_name(raw: &[u8]) -> Cow<'_, [u8]> {
    if !raw.contains(&b'#') {
        return Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#'
            && let (Some(h), Some(l)) = (
                raw.get(i + 1).copied().and_then(hex_value),
                raw.get(i + 2).copied().and_then(hex_value),
            )
        {
            out.push(h << 4 | l);
            i += 3;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    Cow::Owned(out)
}

/// A PDF number; malformed ones (`--5`, `1.2.3`) read as far as they make
/// sense, as viewers do.
fn parse_number(run: &[u8]) -> f64 {
    let mut i = 0;
    let mut negative = false;
    while let Some(&b) = run.get(i) {
        match b {
            b'-' => negative = !negative,
            b'+' => {}
            _ => break,
        }
        i += 1;
    }
    let mut value = 0f64;
    let mut any = false;
    while let Some(&b) = run.get(i) {
        if !b.is_ascii_digit() {
            break;
        }
        value = value * 10.0 + f64::from(b - b'0');
        any = true;
        i += 1;
    }
    if run.get(i) == Some(&b'.') {
        i += 1;
        let mut scale = 0.1;
        while let Some(&b) = run.get(i) {
            if !b.is_ascii_digit() {
                break;
            }
            value += f64::from(b - b'0') * scale;
            scale *= 0.1;
            any = true;
            i += 1;
        }
    }
    if !any {
        return 0.0;
    }
    if negative { -value } else { value }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lx = Lexer::new(data);
        let mut v = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lx.next_op(&mut v) {
            out.push((String::from_utf8_lossy(op).into_owned(), v.clone()));
        }
        out
    }

    #[test]
    fn operators_and_operands() {
        let got = ops(b"BT /F1#20a 12 Tf 1 0 0 1 -72.5 .5 Tm [(a\\(b\\)) -250 <4E2D>] TJ ET % c\n");
        assert_eq!(got[0].0, "BT");
        assert_eq!(got[1].0, "Tf");
        assert_eq!(got[1].1[0], Operand::Name(Cow::Borrowed(b"F1 a")));
        assert_eq!(got[1].1[1], Operand::Num(12.0));
        assert_eq!(got[2].1[4], Operand::Num(-72.5));
        assert_eq!(got[2].1[5], Operand::Num(0.5));
        let Operand::Array(items) = &got[3].1[0] else {
            panic!()
        };
        assert_eq!(items[0].bytes(), Some(&b"a(b)"[..]));
        assert_eq!(items[1].num(), Some(-250.0));
        assert_eq!(items[2].bytes(), Some(&[0x4E, 0x2D][..]));
        assert_eq!(got[4].0, "ET");
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn nested_strings_octal_and_inline_images() {
        let got = ops(b"(a(b)c\\101\\\nd) Tj BI /W 2 /H 1 ID \x00EI\xff EI Q");
        assert_eq!(got[0].1[0].bytes(), Some(&b"a(b)cAd"[..]));
        assert_eq!(got[1].0, "BI");
        assert_eq!(got[2].0, "Q");
    }

    #[test]
    fn hostile_nesting_is_bounded() {
        let mut data = vec![b'['; 100_000];
        data.extend(vec![b']'; 100_000]);
        data.extend_from_slice(b" Tj");
        let got = ops(&data);
        assert_eq!(got.len(), 1);
        // Never closed: the rest of the stream is skipped.
        assert!(ops(&[b'['; 100_000]).is_empty());
        let deep = b"<<".repeat(50_000);
        assert!(ops(&deep).is_empty());
    }
}
