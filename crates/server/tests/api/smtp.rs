//! R-OTP-1 through a real SMTP server on loopback: python's aiosmtpd (installed by the
//! Makefile in the test virtualenv, named by `AIOSMTPD_PYTHON`) prints what it receives; the
//! test reads the code back from there and signs in with it.
use crate::flows::outcome;
use crate::helpers::spawn_app_with;
use bailleur_api_types::auth::{SignInOutcome, Step};
use bailleur_core::mail::{Mailer, SmtpSettings, SmtpTls};
use mail_parser::MessageParser;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

struct SmtpServer {
    child: Child,
    port: u16,
    messages: mpsc::Receiver<String>,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_smtp_server() -> SmtpServer {
    let python = std::env::var("AIOSMTPD_PYTHON")
        .expect("AIOSMTPD_PYTHON must name a python with aiosmtpd: run the tests with `make test`");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let mut child = Command::new(python)
        .args([
            "-u",
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start aiosmtpd");
    let stdout = child.stdout.take().expect("aiosmtpd's output");
    let (sender, messages) = mpsc::channel();
    // The Debugging handler prints each message between two marker lines.
    std::thread::spawn(move || {
        let mut current: Option<String> = None;
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains("MESSAGE FOLLOWS") {
                current = Some(String::new());
            } else if line.contains("END MESSAGE") {
                if let Some(message) = current.take() {
                    let _ = sender.send(message);
                }
            } else if let Some(message) = current.as_mut() {
                message.push_str(&line);
                message.push_str("\r\n");
            }
        }
    });
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return SmtpServer {
                child,
                port,
                messages,
            };
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("aiosmtpd did not start on port {port}");
}

#[tokio::test]
async fn r_otp_1_code_mailed_through_a_real_smtp_server() {
    let server = start_smtp_server();
    let mailer = Mailer::smtp(
        "Espace Bailleur <ne-pas-repondre@caf.example>",
        &SmtpSettings {
            host: "127.0.0.1".to_owned(),
            port: server.port,
            tls: SmtpTls::None,
            username: None,
            password: None,
        },
    )
    .expect("SMTP mailer");
    let app = spawn_app_with(mailer, Default::default()).await;
    let flow = app.sign_in_to_step("FLH0000001", Step::Otp).await;
    let raw = server
        .messages
        .recv_timeout(Duration::from_secs(20))
        .expect("the SMTP server received the mail");
    let message = MessageParser::default()
        .parse(raw.as_bytes())
        .expect("a MIME message");
    assert_eq!(
        message
            .to()
            .and_then(|to| to.first())
            .and_then(|a| a.address()),
        Some("admin@flh.example")
    );
    let subject = message.subject().expect("a subject");
    assert!(
        subject.starts_with("Espace Bailleur : votre code"),
        "{subject}"
    );
    let text = message.body_text(0).expect("a text part");
    let html = message.body_html(0).expect("an HTML part");
    let code = crate::flows::code_in(&text);
    assert!(html.contains(&code));
    let SignInOutcome::SignedIn { session } = outcome(app.submit_code(&flow, &code).await).await
    else {
        panic!("the code read from SMTP signs in");
    };
    assert_eq!(session.account.identifier, "FLH0000001");
}
