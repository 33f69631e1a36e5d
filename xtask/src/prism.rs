//! The Prism contract suite of `cargo xtask test`.
//!
//! [Prism](https://github.com/stoplightio/prism) is Stoplight's mock server: it reads the spec,
//! validates every request against it (violations come back in an `sl-violations` header, and
//! invalid requests get the documented 422) and answers with the documented responses, from the
//! examples (static mode) or randomly generated from the schemas (dynamic mode, `-d`).
//!
//! [`run_contract_suite`] installs Prism into [`PRISM_DIR`] when it is missing (a pinned version,
//! through npm), starts one static and one dynamic instance on free local ports, waits until both
//! answer, runs the contract tests of `generator/tests/contract.rs` with the two base URLs in
//! [`STATIC_URL_ENV`] and [`DYNAMIC_URL_ENV`], and stops both instances whatever the outcome
//! ([`PrismServer`] stops its process when dropped).

use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::codegen::{project_root, SPEC};
use crate::npm;

/// The Prism release the suite runs against (exact: a new Prism can change what it accepts).
/// 5.14.2 is the newest whose packages support Node 20 (5.15 and later declare Node >= 24).
pub const PRISM_VERSION: &str = "5.14.2";
/// The oldest Node.js major version [`PRISM_VERSION`] supports (its `engines`: `>=18.20.1`).
const MIN_NODE_MAJOR: u32 = 18;
/// The npm package of Prism's command-line interface.
const PRISM_PACKAGE: &str = "@stoplight/prism-cli";
/// Where Prism is installed, relative to the workspace root (ignored by git).
pub const PRISM_DIR: &str = ".prism";
/// Base URL of the static-mode Prism, read by the contract tests.
pub const STATIC_URL_ENV: &str = "CONTRACT_PRISM_URL";
/// Base URL of the dynamic-mode Prism (`prism mock -d`), read by the contract tests.
pub const DYNAMIC_URL_ENV: &str = "CONTRACT_PRISM_DYNAMIC_URL";
/// How long Prism may take to load the spec and start listening.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a stopped Prism gets to exit after SIGTERM before it is killed.
const STOP_GRACE: Duration = Duration::from_secs(5);

/// Installs Prism if needed, runs the contract tests against it and stops it.
pub fn run_contract_suite(cargo: &std::ffi::OsStr) -> Result<(), String> {
    let root = project_root();
    let prism = ensure_installed(&root)?;
    let spec = root.join(SPEC);
    let started = Instant::now();
    // Both guards live until the end of this function: Prism is stopped on every return path,
    // including errors and panics.
    let static_mode = PrismServer::start(&prism, &root, &spec, Mode::Static)?;
    let dynamic_mode = PrismServer::start(&prism, &root, &spec, Mode::Dynamic)?;
    eprintln!(
        "prism {PRISM_VERSION}: static mock at {} (pid {}), dynamic mock at {} (pid {}), up in {:.1}s",
        static_mode.url,
        static_mode.pid(),
        dynamic_mode.url,
        dynamic_mode.pid(),
        started.elapsed().as_secs_f64()
    );
    let args = [
        "test",
        "-p",
        "generator",
        "--test",
        "contract",
        "--",
        "--ignored",
        "--nocapture",
    ];
    eprintln!(
        "$ {STATIC_URL_ENV}={} {DYNAMIC_URL_ENV}={} {} {}",
        static_mode.url,
        dynamic_mode.url,
        cargo.to_string_lossy(),
        args.join(" ")
    );
    let status = Command::new(cargo)
        .args(args)
        .env(STATIC_URL_ENV, &static_mode.url)
        .env(DYNAMIC_URL_ENV, &dynamic_mode.url)
        .current_dir(&root)
        .status()
        .map_err(|e| format!("failed to start cargo: {e}"))?;
    if status.success() {
        eprintln!(
            "contract suite took {:.1}s (Prism start included)",
            started.elapsed().as_secs_f64()
        );
        Ok(())
    } else {
        Err(format!(
            "contract tests failed ({status}); Prism logs: {} and {}",
            static_mode.log.display(),
            dynamic_mode.log.display()
        ))
    }
}

/// Checks that Node.js is recent enough and installs the pinned Prism into [`PRISM_DIR`] unless
/// it already is. Returns the path of Prism's entry script.
pub(crate) fn ensure_installed(root: &Path) -> Result<PathBuf, String> {
    const PURPOSE: &str = "the Prism mock server";
    let node = npm::tool_version("node", PURPOSE)?;
    match node_major(&node) {
        Some(major) if major >= MIN_NODE_MAJOR => {}
        _ => {
            return Err(format!(
                "Prism {PRISM_VERSION} needs Node.js {MIN_NODE_MAJOR} or later, found {node:?}; \
                 install Node.js 20 and run `cargo xtask test` again"
            ))
        }
    }
    let package_dir = npm::install(root, PRISM_DIR, PRISM_PACKAGE, PRISM_VERSION, PURPOSE)?;
    let script = package_dir.join("dist").join("index.js");
    if script.is_file() {
        Ok(script)
    } else {
        Err(format!(
            "{PRISM_PACKAGE}@{PRISM_VERSION} is installed but has no {}",
            script.display()
        ))
    }
}

/// The major version of a `node --version` output (`v20.20.2` -> 20).
fn node_major(version: &str) -> Option<u32> {
    version.strip_prefix('v')?.split('.').next()?.parse().ok()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Responses from the spec's examples.
    Static,
    /// Responses generated from the schemas (`-d`).
    Dynamic,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Static => "static",
            Mode::Dynamic => "dynamic",
        }
    }
}

/// A child process that is stopped when the guard is dropped: SIGTERM, then SIGKILL after
/// [`STOP_GRACE`].
///
/// `prism mock` runs as one `node` process (it spawns no children; checked with `ps --ppid`
/// for 5.14.2), started directly, so stopping that PID stops Prism. It deliberately stays in
/// our process group: a Ctrl-C in the terminal then reaches Prism too, even though it
/// kills `cargo xtask` before any `Drop` runs.
struct ProcessGuard {
    child: Child,
    /// How long the process gets to exit after SIGTERM.
    grace: Duration,
}

impl ProcessGuard {
    fn spawn(mut command: Command) -> std::io::Result<ProcessGuard> {
        command.spawn().map(|child| ProcessGuard {
            child,
            grace: STOP_GRACE,
        })
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn try_wait(&mut self) -> Result<Option<std::process::ExitStatus>, String> {
        self.child.try_wait().map_err(|e| e.to_string())
    }

    fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        terminate(&self.child);
        let deadline = Instant::now() + self.grace;
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            thread::sleep(Duration::from_millis(50));
        }
        eprintln!(
            "warning: process {} ignored SIGTERM for {:?}; killing it",
            self.child.id(),
            self.grace
        );
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ProcessGuard {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A running `prism mock`; dropping it stops the process.
pub(crate) struct PrismServer {
    process: ProcessGuard,
    /// Its base URL (`http://127.0.0.1:PORT`).
    pub(crate) url: String,
    /// Where its output goes.
    pub(crate) log: PathBuf,
}

impl PrismServer {
    /// Starts Prism (`script`, its entry script) on `spec` in `mode`, its output in
    /// `.prism/prism-{mode}.log`, and waits until it answers.
    fn start(script: &Path, root: &Path, spec: &Path, mode: Mode) -> Result<PrismServer, String> {
        let log = root
            .join(PRISM_DIR)
            .join(format!("prism-{}.log", mode.name()));
        PrismServer::start_logged(script, root, spec, mode, log)
    }

    /// [`PrismServer::start`], with Prism's output in `log`.
    pub(crate) fn start_logged(
        script: &Path,
        root: &Path,
        spec: &Path,
        mode: Mode,
        log: PathBuf,
    ) -> Result<PrismServer, String> {
        let port = free_port()?;
        let log_file = File::create(&log)
            .map_err(|e| format!("cannot create the Prism log {}: {e}", log.display()))?;
        let log_err = log_file
            .try_clone()
            .map_err(|e| format!("cannot share the Prism log {}: {e}", log.display()))?;
        let mut command = Command::new("node");
        command.arg(script).arg("mock");
        if mode == Mode::Dynamic {
            command.arg("-d");
        }
        command
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .arg(spec)
            .current_dir(root)
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(log_err);
        let process = ProcessGuard::spawn(command)
            .map_err(|e| format!("cannot start Prism (node {}): {e}", script.display()))?;
        let mut server = PrismServer {
            process,
            url: format!("http://127.0.0.1:{port}"),
            log,
        };
        // On failure `server` is dropped here, which stops the process.
        server.wait_until_ready(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
        Ok(server)
    }

    pub(crate) fn pid(&self) -> u32 {
        self.process.pid()
    }

    /// Whether the process has exited (Prism crashed) before it was stopped.
    pub(crate) fn has_exited(&mut self) -> bool {
        matches!(self.process.try_wait(), Ok(Some(_)))
    }

    /// Polls until Prism answers an HTTP request, failing early if it exits.
    fn wait_until_ready(&mut self, addr: SocketAddr) -> Result<(), String> {
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        loop {
            if let Some(status) = self.process.try_wait()? {
                return Err(format!(
                    "Prism exited before it was ready ({status}); its log ({}):\n{}",
                    self.log.display(),
                    log_tail(&self.log)
                ));
            }
            if answers_http(addr) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "Prism did not answer on {addr} within {}s; its log ({}):\n{}",
                    STARTUP_TIMEOUT.as_secs(),
                    self.log.display(),
                    log_tail(&self.log)
                ));
            }
            thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Asks `child` to exit (SIGTERM), so that it can close its sockets.
#[cfg(unix)]
fn terminate(child: &Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

#[cfg(not(unix))]
fn terminate(_child: &Child) {
    // No SIGTERM: `stop` kills the process after the grace period.
}

/// A port that was free a moment ago (bound to port 0, then released for Prism).
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| format!("cannot find a free local port: {e}"))?;
    listener
        .local_addr()
        .map(|addr| addr.port())
        .map_err(|e| format!("cannot find a free local port: {e}"))
}

/// Whether something at `addr` answers a plain HTTP request with an HTTP status line.
fn answers_http(addr: SocketAddr) -> bool {
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(500)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 8];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.")
}

/// The last lines of a log file, for error messages.
fn log_tail(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_version_of_an_npm_manifest() {
        let dir = std::env::temp_dir().join(format!("xtask-prism-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("package.json"),
            "{\n  \"name\": \"@stoplight/prism-cli\",\n  \"version\": \"5.16.0\",\n  \"x\": 1\n}\n",
        )
        .unwrap();
        assert_eq!(npm::installed_version(&dir).as_deref(), Some("5.16.0"));
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(npm::installed_version(&dir), None);
    }

    #[test]
    fn reads_the_node_major_version() {
        assert_eq!(node_major("v20.20.2"), Some(20));
        assert_eq!(node_major("v18.20.1"), Some(18));
        assert_eq!(node_major("20.1.0"), None);
        assert_eq!(node_major("vx"), None);
    }

    #[test]
    fn the_pinned_version_is_exact() {
        assert!(PRISM_VERSION.split('.').count() == 3);
        assert!(PRISM_VERSION
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.'));
    }

    /// Whether a process with this id runs (a zombie, exited but not reaped, does not).
    #[cfg(target_os = "linux")]
    fn alive(pid: &str) -> bool {
        match fs::read_to_string(format!("/proc/{pid}/stat")) {
            // The state follows the parenthesised command name.
            Ok(stat) => !stat[stat.rfind(')').unwrap() + 1..]
                .trim_start()
                .starts_with('Z'),
            Err(_) => false,
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn dropping_the_guard_stops_the_process() {
        let mut command = Command::new("sleep");
        command.arg("300");
        let guard = ProcessGuard::spawn(command).unwrap();
        let pid = guard.pid().to_string();
        assert!(alive(&pid), "the child should run");
        let started = Instant::now();
        drop(guard);
        assert!(!alive(&pid), "the child survived the guard");
        assert!(started.elapsed() < STOP_GRACE, "SIGTERM was enough");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_child_ignoring_sigterm_is_killed() {
        let mut command = Command::new("sh");
        command.args(["-c", "trap '' TERM; while :; do sleep 0.1; done"]);
        let mut guard = ProcessGuard::spawn(command).unwrap();
        guard.grace = Duration::from_millis(300);
        let pid = guard.pid().to_string();
        // Let the shell install its trap before the guard signals it.
        thread::sleep(Duration::from_millis(300));
        drop(guard);
        assert!(!alive(&pid), "the child survived the guard");
    }

    #[test]
    fn a_missing_tool_is_an_error_that_names_node() {
        let error = npm::tool_version("definitely-not-a-real-tool-xtask", "the contract suite")
            .unwrap_err();
        assert!(error.contains("Node.js"), "{error}");
        assert!(
            error.contains("definitely-not-a-real-tool-xtask"),
            "{error}"
        );
    }
}
