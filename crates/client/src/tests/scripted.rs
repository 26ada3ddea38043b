//! The scripted server: one connection per request, each answered by the next step of the
//! script. Once the script is spent the socket closes, so a request the test did not expect
//! fails instead of hanging.
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

pub(super) enum Step {
    /// Read the request, then close without answering: the server crashed, or the network
    /// failed, after the request arrived.
    Drop,
    Answer(String),
}

#[derive(Debug)]
pub(super) struct Seen {
    pub(super) request_line: String,
    headers: Vec<(String, String)>,
    pub(super) body: String,
}

impl Seen {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

pub(super) fn answer(status: &str, headers: &[(&str, &str)], body: &str) -> Step {
    let mut text = format!("HTTP/1.1 {status}\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    ));
    Step::Answer(text)
}

pub(super) fn json(status: &str, body: &str) -> Step {
    answer(status, &[("content-type", "application/json")], body)
}

pub(super) fn problem(
    status: u16,
    kind: &str,
    extra_headers: &[(&str, &str)],
    errors: &str,
) -> Step {
    let mut headers = vec![("content-type", "application/problem+json")];
    headers.extend_from_slice(extra_headers);
    let body =
        format!(r#"{{"type":"{kind}","title":"Refusé","status":{status},"errors":{errors}}}"#);
    answer(&format!("{status} Whatever"), &headers, &body)
}

pub(super) async fn serve(script: Vec<Step>) -> (String, JoinHandle<Vec<Seen>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let mut seen = Vec::new();
        for step in script {
            let (mut stream, _) = listener.accept().await.unwrap();
            seen.push(read_request(&mut stream).await);
            if let Step::Answer(text) = step {
                stream.write_all(text.as_bytes()).await.unwrap();
                stream.shutdown().await.unwrap();
            }
        }
        seen
    });
    (base, server)
}

async fn read_request(stream: &mut TcpStream) -> Seen {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = bytes.windows(4).position(|window| window == b"\r\n\r\n") {
            break at;
        }
        let read = stream.read(&mut chunk).await.unwrap();
        assert!(read > 0, "the client closed before the end of its request");
        bytes.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8(bytes[..head_end].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, value)| value.parse().unwrap());
    while bytes.len() < head_end + 4 + length {
        let read = stream.read(&mut chunk).await.unwrap();
        assert!(read > 0, "the client closed before the end of its body");
        bytes.extend_from_slice(&chunk[..read]);
    }
    Seen {
        request_line,
        headers,
        body: String::from_utf8(bytes[head_end + 4..].to_vec()).unwrap(),
    }
}
