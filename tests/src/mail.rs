//! A small SMTP server for the email tests: it accepts (or, while told to, refuses) what the
//! server under test sends and hands each message over parsed.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use mail_parser::MessageParser;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
    sync::{Mutex, mpsc},
};

/// One message as it arrived.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The envelope's recipients (`RCPT TO`).
    pub to: Vec<String>,
    pub raw: Vec<u8>,
}

impl Mail {
    fn parsed(&self) -> mail_parser::Message<'_> {
        MessageParser::default()
            .parse(&self.raw)
            .expect("a parsable message")
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_string()
    }

    pub fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }

    pub fn html(&self) -> String {
        self.parsed()
            .body_html(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }

    /// A header's value as sent, trimmed.
    pub fn header(&self, name: &str) -> Option<String> {
        self.parsed()
            .header_raw(name)
            .map(|value| value.trim().to_string())
    }

    /// The first link in the plain-text part that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> Option<String> {
        self.text()
            .split_whitespace()
            .find(|word| word.starts_with(prefix))
            .map(str::to_string)
    }
}

pub struct SmtpSink {
    pub port: u16,
    refusing: Arc<AtomicBool>,
    received: Mutex<mpsc::UnboundedReceiver<Mail>>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let (sender, received) = mpsc::unbounded_channel();
        let refusing = Arc::new(AtomicBool::new(false));
        let refuse = refusing.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let sender = sender.clone();
                let refuse = refuse.load(Ordering::SeqCst);
                tokio::spawn(async move {
                    let _ = converse(stream, refuse, sender).await;
                });
            }
        });
        Self {
            port,
            refusing,
            received: Mutex::new(received),
        }
    }

    /// `smtp://127.0.0.1:<port>`
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// While true, every connection is greeted with 421 (service not available), as a relay
    /// that is down would.
    pub fn refuse(&self, refusing: bool) {
        self.refusing.store(refusing, Ordering::SeqCst);
    }

    /// The next message to arrive; panics after a minute without one.
    pub async fn next(&self) -> Mail {
        let mut received = self.received.lock().await;
        tokio::time::timeout(Duration::from_secs(60), received.recv())
            .await
            .expect("an email within a minute")
            .expect("the sink is running")
    }

    /// A message that has arrived already, if any, without waiting.
    pub async fn try_next(&self) -> Option<Mail> {
        self.received.lock().await.try_recv().ok()
    }
}

async fn converse(
    stream: TcpStream,
    refuse: bool,
    sender: mpsc::UnboundedSender<Mail>,
) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    if refuse {
        writer
            .write_all(b"421 sink.test Service not available\r\n")
            .await?;
        return Ok(());
    }
    writer.write_all(b"220 sink.test ESMTP\r\n").await?;
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
            b"250 sink.test\r\n"
        } else if command.starts_with("MAIL FROM") {
            to.clear();
            b"250 OK\r\n"
        } else if command.starts_with("RCPT TO") {
            let address = line.trim_end()[8..]
                .trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string();
            to.push(address);
            b"250 OK\r\n"
        } else if command == "DATA" {
            writer.write_all(b"354 go ahead\r\n").await?;
            let mut raw = Vec::new();
            loop {
                line.clear();
                if reader.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" {
                    break;
                }
                // Dot-stuffing (RFC 5321 4.5.2).
                let content = line.strip_prefix('.').unwrap_or(&line);
                raw.extend_from_slice(content.as_bytes());
            }
            let _ = sender.send(Mail {
                to: std::mem::take(&mut to),
                raw,
            });
            b"250 queued\r\n"
        } else if command == "QUIT" {
            writer.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else if command == "RSET" || command == "NOOP" {
            b"250 OK\r\n"
        } else {
            b"502 not implemented\r\n"
        };
        writer.write_all(reply).await?;
    }
}
