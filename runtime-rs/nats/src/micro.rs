//! The NATS service protocol ("micro", ADR-32; docs/nats.md §3): the
//! identity of a served instance, its per-endpoint statistics, the
//! discovery subjects and the standard PING / INFO / STATS JSON.

use crate::SetupError;
use kkrpc_runtime::descriptor::ServiceDescriptor;
use serde_json::{json, Map, Value};
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A discovery verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// `$SRV.PING`.
    Ping,
    /// `$SRV.INFO`.
    Info,
    /// `$SRV.STATS`.
    Stats,
}

impl Verb {
    /// Every verb.
    pub const ALL: [Verb; 3] = [Verb::Ping, Verb::Info, Verb::Stats];

    fn as_str(self) -> &'static str {
        match self {
            Verb::Ping => "PING",
            Verb::Info => "INFO",
            Verb::Stats => "STATS",
        }
    }
}

/// One endpoint (one op) and its statistics.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The op name.
    pub name: String,
    /// The op's subject.
    pub subject: String,
    /// The op's wire id.
    pub op_id: u32,
    /// Requests answered.
    pub num_requests: u64,
    /// Requests answered with an error frame.
    pub num_errors: u64,
    /// The last error's `Nats-Service-Error` text ("" before any).
    pub last_error: String,
    /// Time spent answering, in total.
    pub processing_time: Duration,
}

impl Endpoint {
    /// Counts one answer that took `took`; `error` is its micro error text, if any.
    pub fn record(&mut self, took: Duration, error: Option<&str>) {
        self.num_requests += 1;
        self.processing_time += took;
        if let Some(e) = error {
            self.num_errors += 1;
            self.last_error.clear();
            self.last_error.push_str(e);
        }
    }
}

/// A served instance: what PING / INFO / STATS report.
#[derive(Debug, Clone)]
pub struct Instance {
    /// The micro service name.
    pub name: String,
    /// A unique id of this instance (22 base-62 characters).
    pub id: String,
    /// The SemVer version.
    pub version: String,
    /// The description (the service's doc line).
    pub description: String,
    /// `kk.package` and `kk.wire`.
    pub metadata: Map<String, Value>,
    /// The queue group of every endpoint, or none.
    pub queue_group: Option<String>,
    /// When serving started (RFC 3339, UTC).
    pub started: String,
    /// One per op.
    pub endpoints: Vec<Endpoint>,
}

impl Instance {
    /// The instance serving `service`'s ops on `subjects` (`(op id, subject)`,
    /// in descriptor order); `name` and `version` override the derived ones.
    pub fn new(
        service: &ServiceDescriptor,
        subjects: &[(u32, String)],
        name: Option<&str>,
        version: Option<&str>,
        queue_group: Option<String>,
    ) -> Result<Self, SetupError> {
        let name = name.unwrap_or(service.name).to_string();
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(SetupError::new(format!(
                "bad service name {name:?}: [A-Za-z0-9_-]+"
            )));
        }
        let version = match version {
            Some(v) if is_semver(v) => v.to_string(),
            Some(v) => return Err(SetupError::new(format!("bad version {v:?}: not SemVer"))),
            None => version_of(service.package),
        };
        let mut metadata = Map::new();
        metadata.insert("kk.package".into(), service.package.into());
        metadata.insert("kk.wire".into(), "1".into());
        let endpoints = service
            .ops
            .iter()
            .zip(subjects)
            .map(|(op, (_, subject))| Endpoint {
                name: op.name.to_string(),
                subject: subject.clone(),
                op_id: op.id,
                num_requests: 0,
                num_errors: 0,
                last_error: String::new(),
                processing_time: Duration::ZERO,
            })
            .collect();
        Ok(Instance {
            name,
            id: instance_id(),
            version,
            description: service.doc.to_string(),
            metadata,
            queue_group,
            started: rfc3339(SystemTime::now()),
            endpoints,
        })
    }

    /// The subjects this instance answers `verb` on, in all three forms.
    pub fn discovery_subjects(&self, verb: Verb) -> [String; 3] {
        let v = verb.as_str();
        [
            format!("$SRV.{v}"),
            format!("$SRV.{v}.{}", self.name),
            format!("$SRV.{v}.{}.{}", self.name, self.id),
        ]
    }

    /// The JSON answering `verb`.
    pub fn answer(&self, verb: Verb) -> Vec<u8> {
        let mut v = json!({
            "name": self.name,
            "id": self.id,
            "version": self.version,
            "metadata": self.metadata,
        });
        let o = v.as_object_mut().expect("an object");
        match verb {
            Verb::Ping => {
                o.insert("type".into(), "io.nats.micro.v1.ping_response".into());
            }
            Verb::Info => {
                o.insert("type".into(), "io.nats.micro.v1.info_response".into());
                o.insert("description".into(), self.description.clone().into());
                let endpoints = self.endpoints.iter().map(|e| {
                    let mut ep = self.endpoint_base(e);
                    ep.insert(
                        "metadata".into(),
                        json!({ "kk.op_id": e.op_id.to_string() }),
                    );
                    Value::Object(ep)
                });
                o.insert("endpoints".into(), endpoints.collect());
            }
            Verb::Stats => {
                o.insert("type".into(), "io.nats.micro.v1.stats_response".into());
                o.insert("started".into(), self.started.clone().into());
                let endpoints = self.endpoints.iter().map(|e| {
                    let mut ep = self.endpoint_base(e);
                    let average = if e.num_requests == 0 {
                        0
                    } else {
                        e.processing_time.as_nanos() / u128::from(e.num_requests)
                    };
                    ep.insert("num_requests".into(), e.num_requests.into());
                    ep.insert("num_errors".into(), e.num_errors.into());
                    ep.insert("last_error".into(), e.last_error.clone().into());
                    ep.insert(
                        "processing_time".into(),
                        json!(e.processing_time.as_nanos() as u64),
                    );
                    ep.insert("average_processing_time".into(), json!(average as u64));
                    Value::Object(ep)
                });
                o.insert("endpoints".into(), endpoints.collect());
            }
        }
        serde_json::to_vec(&v).expect("JSON of strings and numbers")
    }

    /// `name`, `subject` and (when there is one) `queue_group` of an endpoint.
    fn endpoint_base(&self, e: &Endpoint) -> Map<String, Value> {
        let mut ep = Map::new();
        ep.insert("name".into(), e.name.clone().into());
        ep.insert("subject".into(), e.subject.clone().into());
        if let Some(q) = &self.queue_group {
            ep.insert("queue_group".into(), q.clone().into());
        }
        ep
    }
}

/// `N.0.0` for a package whose last token is `vN`, else `0.0.0`.
pub fn version_of(package: &str) -> String {
    let last = package.rsplit('.').next().unwrap_or("");
    match last.strip_prefix('v').and_then(|n| n.parse::<u64>().ok()) {
        Some(n) => format!("{n}.0.0"),
        None => "0.0.0".into(),
    }
}

/// Whether `v` is SemVer 2.0 (`MAJOR.MINOR.PATCH[-pre][+build]`).
fn is_semver(v: &str) -> bool {
    let ident_ok = |s: &str| {
        !s.is_empty()
            && s.split('.')
                .all(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    };
    let (rest, build) = match v.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (v, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let numbers: Vec<&str> = core.split('.').collect();
    numbers.len() == 3
        && numbers.iter().all(|n| {
            !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
                && (n.len() == 1 || !n.starts_with('0'))
        })
        && pre.is_none_or(ident_ok)
        && build.is_none_or(ident_ok)
}

/// 22 random base-62 characters (the length of a NUID), from the process's
/// random hasher keys, the time and a counter.
fn instance_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos() as u64;
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut words = [0u64; 2];
    for (i, w) in words.iter_mut().enumerate() {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(nanos);
        h.write_u64(count);
        h.write_usize(i);
        *w = h.finish();
    }
    let mut n = (u128::from(words[0]) << 64) | u128::from(words[1]);
    (0..22)
        .map(|_| {
            let d = DIGITS[(n % 62) as usize] as char;
            n /= 62;
            d
        })
        .collect()
}

/// `t` as RFC 3339 in UTC with nanoseconds, e.g. `2026-12-01T11:38:59.123456789Z`.
fn rfc3339(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil from days (H. Hinnant's algorithm), for days since 1970-01-01.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:09}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        d.subsec_nanos()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_names() {
        assert_eq!(version_of("kk.geo.v1"), "1.0.0");
        assert_eq!(version_of("geo.v12"), "12.0.0");
        assert_eq!(version_of("geo"), "0.0.0");
        assert_eq!(version_of("geo.vx"), "0.0.0");
        for good in ["1.0.0", "0.10.2-rc.1+build-5", "1.2.3+x"] {
            assert!(is_semver(good), "{good}");
        }
        for bad in ["1.0", "01.0.0", "1.0.0-", "1.0.0+", "a.b.c", "1.0.0-a..b"] {
            assert!(!is_semver(bad), "{bad}");
        }
        let id = instance_id();
        assert_eq!(id.len(), 22);
        assert_ne!(id, instance_id());
    }

    #[test]
    fn rfc3339_dates() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000000000Z");
        let t = UNIX_EPOCH + Duration::new(1_709_251_199, 5);
        assert_eq!(rfc3339(t), "2024-02-29T23:59:59.000000005Z");
    }
}
