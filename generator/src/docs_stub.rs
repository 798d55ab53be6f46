pub fn rustdoc(text: &str) -> Option<String> { let t = text.trim(); if t.is_empty() { None } else { Some(t.to_string()) } }
