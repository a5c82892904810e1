//! The load: a number of clients, each sending its next request as soon as the last one is
//! answered, for a warm-up and then a measured period.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use futures_util::future::join_all;

/// Builds client `c`'s `i`-th request.
pub type Requests = Arc<dyn Fn(usize, u64) -> reqwest::RequestBuilder + Send + Sync>;

/// One measured request.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// When it was sent, from the start of the measured period.
    pub sent: Duration,
    pub latency: Duration,
    pub ok: bool,
}

#[derive(Debug, Default)]
pub struct Run {
    pub samples: Vec<Sample>,
    /// Requests sent in all, warm-up included.
    pub sent: u64,
    /// From the start of the measured period to its last answer.
    pub measured: Duration,
    /// The first failure's answer, to say what went wrong.
    pub first_error: Option<String>,
}

impl Run {
    pub fn requests_per_second(&self) -> f64 {
        self.samples.len() as f64 / self.measured.as_secs_f64().max(1e-9)
    }

    pub fn errors(&self) -> usize {
        self.samples.iter().filter(|s| !s.ok).count()
    }

    /// The `q` quantile of the latencies of the samples `keep` selects, in milliseconds.
    pub fn quantile_ms(&self, q: f64, keep: impl Fn(&Sample) -> bool) -> f64 {
        let mut latencies: Vec<Duration> = self
            .samples
            .iter()
            .filter(|s| keep(s))
            .map(|s| s.latency)
            .collect();
        quantile_ms(&mut latencies, q)
    }
}

pub fn quantile_ms(latencies: &mut [Duration], q: f64) -> f64 {
    if latencies.is_empty() {
        return f64::NAN;
    }
    latencies.sort_unstable();
    let rank = ((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len());
    latencies[rank - 1].as_secs_f64() * 1000.0
}

/// Runs `clients` clients for `warmup` and then `duration`, measuring the latter.
pub async fn drive(
    clients: usize,
    warmup: Duration,
    duration: Duration,
    requests: Requests,
) -> Run {
    let started = Instant::now();
    let measure_from = started + warmup;
    let end = measure_from + duration;
    let tasks = (0..clients).map(|client| {
        let requests = requests.clone();
        tokio::spawn(async move {
            let mut run = Run::default();
            let mut last_answer = measure_from;
            for i in 0u64.. {
                let sent = Instant::now();
                if sent >= end {
                    break;
                }
                let (ok, error) = answer(requests(client, i).send().await).await;
                let answered = Instant::now();
                run.sent += 1;
                if sent >= measure_from {
                    last_answer = answered;
                    run.samples.push(Sample {
                        sent: sent - measure_from,
                        latency: answered - sent,
                        ok,
                    });
                }
                if run.first_error.is_none() {
                    run.first_error = error;
                }
            }
            run.measured = last_answer - measure_from;
            run
        })
    });
    let mut total = Run::default();
    for run in join_all(tasks).await.into_iter().flatten() {
        total.samples.extend(run.samples);
        total.sent += run.sent;
        total.measured = total.measured.max(run.measured);
        if total.first_error.is_none() {
            total.first_error = run.first_error;
        }
    }
    total
}

/// Whether a response is a success with no GraphQL errors; if not, what it said.
pub async fn answer(response: reqwest::Result<reqwest::Response>) -> (bool, Option<String>) {
    let response = match response {
        Ok(response) => response,
        Err(err) => return (false, Some(err.to_string())),
    };
    let status = response.status();
    match response.bytes().await {
        Ok(body) if status.is_success() && !contains(&body, b"\"errors\"") => (true, None),
        Ok(body) => (
            false,
            Some(format!("{status}: {}", String::from_utf8_lossy(&body))),
        ),
        Err(err) => (false, Some(err.to_string())),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_ranks() {
        let mut latencies: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(quantile_ms(&mut latencies, 0.5), 50.0);
        assert_eq!(quantile_ms(&mut latencies, 0.99), 99.0);
        assert_eq!(quantile_ms(&mut latencies, 1.0), 100.0);
        assert!(quantile_ms(&mut [], 0.5).is_nan());
    }

    #[test]
    fn graphql_errors_are_failures() {
        assert!(contains(br#"{"errors":[{"message":"x"}]}"#, b"\"errors\""));
        assert!(!contains(br#"{"data":{"errorsSeen":1}}"#, b"\"errors\""));
    }
}
