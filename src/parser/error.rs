//! Why a file could not be read as a report.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ParseError {
    #[error("无法读取文件 (cannot read file): {0}")]
    Io(#[from] std::io::Error),
    #[error("是文件夹，不是文件 (is a directory)")]
    IsDirectory,
    #[error("文件为空 (empty file)")]
    Empty,
    #[error("文件过大：{size} 字节，上限 {limit} 字节 (file too large)")]
    TooLarge { size: u64, limit: u64 },
    #[error("不是文本文件，像是二进制数据 (binary, not a text file)")]
    Binary,
    #[error("{0} 文件暂不支持，请另存为文本后再打开 ({0} files are not read yet; save as text)")]
    UnsupportedFormat(&'static str),
    #[error("无法识别文字编码 (cannot tell the text encoding)")]
    UnknownEncoding,
    #[error("DOCX 文件已损坏或不完整：{0} (damaged or truncated DOCX/ZIP file)")]
    BadArchive(String),
    #[error(
        "DOCX 正文解压后超过 {limit} 字节，拒绝读取 (DOCX content unpacks beyond {limit} bytes; refused)"
    )]
    Unpacked { limit: u64 },
    #[error(
        "网页标签嵌套过深或过多（{found}，上限 {limit}），不像年度报告 (HTML nested too deeply or too many tags; refused)"
    )]
    TooDeep { found: usize, limit: usize },
    #[error("DOCX 正文 XML 有误：{0} (malformed word/document.xml)")]
    BadDocument(String),
    #[error(
        "{0} 文件需要 LibreOffice 转换，未找到 soffice；请安装：apt-get install libreoffice-writer-nogui (DOC/WPS files need LibreOffice; install it)"
    )]
    NeedsLibreOffice(&'static str),
    #[error("LibreOffice 转换 {0} 文件失败：{1} ({0} conversion failed)")]
    ConversionFailed(&'static str, String),
    #[error(
        "PDF 是扫描图像，没有文字层，需先做文字识别（OCR）后再读取 (scanned PDF: images only, no text layer; needs OCR first)"
    )]
    ScannedPdf,
    #[error("PDF 文件已损坏或无法读取：{0} (damaged or unreadable PDF)")]
    BadPdf(String),
    #[error("PDF 页数过多：{found} 页，上限 {limit} 页 (PDF has too many pages; refused)")]
    TooManyPages { found: usize, limit: usize },
    #[error("PDF 读取超过 {0} 秒，已放弃 (PDF took too long to read; refused)")]
    PdfTimeout(u64),
    #[error(
        "图像需要文字识别（OCR），{0}；请安装：sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim (images need OCR: install Tesseract with its Chinese model)"
    )]
    NeedsTesseract(String),
    #[error("文字识别（OCR）失败：{0} (OCR failed)")]
    OcrFailed(String),
    #[error("图像文件已损坏或无法读取：{0} (damaged or unreadable image)")]
    BadImage(String),
    /// The caller stopped the parse (`ParseOptions::cancel`): nothing was
    /// read, not a partial report.
    #[error("已取消读取 (reading cancelled)")]
    Cancelled,
}

impl ParseError {
    /// Why, in one language: the window shows this. (`Display` gives both,
    /// as the JSON's `error.reason` always has.)
    pub fn text(&self, lang: crate::text::Lang) -> String {
        use crate::text::Lang::{En, Zh};
        use ParseError::*;
        match (self, lang) {
            (Io(e), Zh) => format!("无法读取文件：{e}"),
            (Io(e), En) => format!("cannot read the file: {e}"),
            (IsDirectory, Zh) => "是文件夹，不是文件".into(),
            (IsDirectory, En) => "is a folder, not a file".into(),
            (Empty, Zh) => "文件为空".into(),
            (Empty, En) => "the file is empty".into(),
            (TooLarge { size, limit }, Zh) => format!("文件过大：{size} 字节，上限 {limit} 字节"),
            (TooLarge { size, limit }, En) => {
                format!("the file is too large: {size} bytes, at most {limit}")
            }
            (Binary, Zh) => "不是文本文件，像是二进制数据".into(),
            (Binary, En) => "not a text file: it looks like binary data".into(),
            (UnsupportedFormat(f), Zh) => format!("{f} 文件暂不支持，请另存为文本后再打开"),
            (UnsupportedFormat(f), En) => {
                format!("{f} files are not read yet; save it as text and open that")
            }
            (UnknownEncoding, Zh) => "无法识别文字编码".into(),
            (UnknownEncoding, En) => "cannot tell the text encoding".into(),
            (BadArchive(why), Zh) => format!("DOCX 文件已损坏或不完整：{why}"),
            (BadArchive(why), En) => format!("damaged or truncated DOCX (ZIP) file: {why}"),
            (Unpacked { limit }, Zh) => format!("DOCX 正文解压后超过 {limit} 字节，拒绝读取"),
            (Unpacked { limit }, En) => {
                format!("the DOCX content unpacks beyond {limit} bytes; refused")
            }
            (TooDeep { found, limit }, Zh) => {
                format!("网页标签嵌套过深或过多（{found}，上限 {limit}），不像年度报告")
            }
            (TooDeep { found, limit }, En) => format!(
                "the web page's tags nest too deeply or are too many ({found}, at most {limit}); not an annual report"
            ),
            (BadDocument(why), Zh) => format!("DOCX 正文 XML 有误：{why}"),
            (BadDocument(why), En) => format!("malformed word/document.xml: {why}"),
            (NeedsLibreOffice(f), Zh) => format!(
                "{f} 文件需要 LibreOffice 转换，未找到 soffice；请安装：apt-get install libreoffice-writer-nogui"
            ),
            (NeedsLibreOffice(f), En) => format!(
                "{f} files need LibreOffice to convert them and soffice was not found; install it: apt-get install libreoffice-writer-nogui"
            ),
            (ConversionFailed(f, why), Zh) => format!("LibreOffice 转换 {f} 文件失败：{why}"),
            (ConversionFailed(f, why), En) => {
                format!("LibreOffice could not convert the {f} file: {why}")
            }
            (ScannedPdf, Zh) => "PDF 是扫描图像，没有文字层，需先做文字识别（OCR）后再读取".into(),
            (ScannedPdf, En) => {
                "scanned PDF: images only, no text layer; it needs OCR first".into()
            }
            (BadPdf(why), Zh) => format!("PDF 文件已损坏或无法读取：{why}"),
            (BadPdf(why), En) => format!("damaged or unreadable PDF: {why}"),
            (TooManyPages { found, limit }, Zh) => {
                format!("PDF 页数过多：{found} 页，上限 {limit} 页")
            }
            (TooManyPages { found, limit }, En) => {
                format!("the PDF has too many pages: {found}, at most {limit}; refused")
            }
            (PdfTimeout(s), Zh) => format!("PDF 读取超过 {s} 秒，已放弃"),
            (PdfTimeout(s), En) => format!("reading the PDF took over {s} s; refused"),
            (NeedsTesseract(why), Zh) => format!(
                "图像需要文字识别（OCR），{why}；请安装：sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim"
            ),
            (NeedsTesseract(why), En) => format!(
                "images need OCR ({why}); install Tesseract with its Chinese model: sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim"
            ),
            (OcrFailed(why), Zh) => format!("文字识别（OCR）失败：{why}"),
            (OcrFailed(why), En) => format!("OCR failed: {why}"),
            (BadImage(why), Zh) => format!("图像文件已损坏或无法读取：{why}"),
            (BadImage(why), En) => format!("damaged or unreadable image: {why}"),
            (Cancelled, Zh) => "已取消读取，可重新开始".into(),
            (Cancelled, En) => "reading was cancelled; it can be started again".into(),
        }
    }

    /// Both renderings.
    pub fn both(&self) -> crate::text::Text {
        use crate::text::Lang;
        crate::text::Text::new(self.text(Lang::Zh), self.text(Lang::En))
    }
}
