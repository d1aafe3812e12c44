//! A tiny HTTP server on 127.0.0.1 for tests: each path answers with a fixed response, which a
//! test can change between requests. No external host is ever reached.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

pub type Routes = Arc<Mutex<HashMap<String, (String, Vec<u8>)>>>;

/// Starts the server; returns its base address and the routes (path -> content type, body).
pub fn start() -> (String, Routes) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", l.local_addr().unwrap());
    let routes: Routes = Arc::default();
    let r = routes.clone();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            let mut buf = vec![0u8; 8192];
            let n = s.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]);
            let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
            let path = path.split('?').next().unwrap_or("/").to_string();
            let answer = r.lock().unwrap().get(&path).cloned();
            let resp = match answer {
                Some((ct, body)) => {
                    let mut v = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    v.extend(body);
                    v
                }
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            let _ = s.write_all(&resp);
        }
    });
    (base, routes)
}

pub fn set(routes: &Routes, path: &str, content_type: &str, body: &str) {
    routes
        .lock()
        .unwrap()
        .insert(path.into(), (content_type.into(), body.as_bytes().to_vec()));
}
