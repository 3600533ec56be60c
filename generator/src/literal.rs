//! String literals of schema text (package, names, doc lines) in generated Go and TypeScript:
//! ASCII only, every other character escaped, so no text of the user's can end the literal or
//! the line it is on. (Rust literals come from `proc_macro2::Literal::string`.)

/// A Go interpreted string literal (`"..."`): `\\`, `\"`, `\n`, `\r`, `\t`, printable ASCII as
/// is, everything else `\uXXXX` or `\UXXXXXXXX`.
pub fn go_string(text: &str) -> String {
    quoted(text, |c, out| {
        if (c as u32) < 0x10000 {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push_str(&format!("\\U{:08x}", c as u32));
        }
    })
}

/// A TypeScript string literal (`"..."`): the same escapes, with characters beyond the BMP as
/// UTF-16 surrogate pairs (`\uD83D\uDE00`).
pub fn ts_string(text: &str) -> String {
    quoted(text, |c, out| {
        let mut units = [0u16; 2];
        for u in c.encode_utf16(&mut units) {
            out.push_str(&format!("\\u{:04x}", u));
        }
    })
}

/// `text` in double quotes: the escapes both languages share, printable ASCII as is, and every
/// other character as `escape_other` writes it.
fn quoted(text: &str, escape_other: impl Fn(char, &mut String)) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match escape_common(c) {
            Some(e) => out.push_str(e),
            None if is_plain(c) => out.push(c),
            None => escape_other(c, &mut out),
        }
    }
    out.push('"');
    out
}

fn escape_common(c: char) -> Option<&'static str> {
    Some(match c {
        '\\' => "\\\\",
        '"' => "\\\"",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => return None,
    })
}

fn is_plain(c: char) -> bool {
    (' '..='~').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_could_end_the_literal_or_line() {
        let text = "a\"b\\c\nd\u{2028}e\u{202e}f😀*/";
        assert_eq!(go_string(text), r#""a\"b\\c\nd\u2028e\u202ef\U0001f600*/""#);
        assert_eq!(
            ts_string(text),
            r#""a\"b\\c\nd\u2028e\u202ef\ud83d\ude00*/""#
        );
    }
}
