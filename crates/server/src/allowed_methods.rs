//! Which methods each path of the contract answers, so that a known path asked with another
//! method gets 405 with `Allow` (RFC 9110 §15.5.6) instead of 404. Read from the OpenAPI
//! document the routes are described by: the two cannot drift apart.
use std::collections::BTreeSet;

#[derive(Debug, Default)]
pub struct AllowedMethods {
    /// Each path template split in segments (`{id}` matches any one segment), with its methods.
    paths: Vec<(Vec<Segment>, BTreeSet<&'static str>)>,
}

#[derive(Debug, PartialEq, Eq)]
enum Segment {
    Fixed(String),
    Any,
}

impl AllowedMethods {
    pub fn from_document(document: &utoipa::openapi::OpenApi) -> Self {
        let paths = document
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let segments = template
                    .split('/')
                    .map(|segment| {
                        if segment.starts_with('{') {
                            Segment::Any
                        } else {
                            Segment::Fixed(segment.to_owned())
                        }
                    })
                    .collect();
                let methods = [
                    ("GET", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ]
                .into_iter()
                .filter_map(|(method, present)| present.then_some(method))
                .collect();
                (segments, methods)
            })
            .collect();
        Self { paths }
    }

    /// The methods of `path`, if the contract has it: every template it matches counts
    /// (`/declarations/changes` is also `/declarations/{id}`).
    pub fn of(&self, path: &str) -> Option<String> {
        let asked: Vec<&str> = path.split('/').collect();
        let mut methods = BTreeSet::new();
        for (template, allowed) in &self.paths {
            let matches = template.len() == asked.len()
                && template
                    .iter()
                    .zip(&asked)
                    .all(|(segment, asked)| match segment {
                        Segment::Fixed(fixed) => fixed == asked,
                        Segment::Any => !asked.is_empty(),
                    });
            if matches {
                methods.extend(allowed.iter().copied());
            }
        }
        if methods.is_empty() {
            return None;
        }
        Some(methods.into_iter().collect::<Vec<_>>().join(", "))
    }
}
