//! The stdio transport of `adrgov mcp`: rmcp's, behind a line filter that answers what rmcp
//! would leave unanswered or answer without words. JSON-RPC 2.0 says a line that is not JSON
//! gets a parse error (-32700, id null); rmcp drops such lines in silence. A request of the
//! wrong shape gets rmcp's bare "Invalid request" without its id; here it gets the request's
//! id and what is wrong with it. Everything else passes through to rmcp unchanged, and every
//! line written to stdout is whole, whichever side wrote it.

use super::Server;
use crate::error::{Error, Result};
use rmcp::ServiceExt;
use rmcp::model::ClientJsonRpcMessage;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// Methods whose parameters rmcp reads into a fixed shape: a request to one of them that does
/// not parse has bad params; any other has a bad shape.
const KNOWN: [&str; 8] = [
    "initialize",
    "ping",
    "tools/list",
    "tools/call",
    "resources/list",
    "resources/read",
    "resources/templates/list",
    "prompts/list",
];

/// The answer due to `line` when rmcp cannot take it, `None` when rmcp can (or when it is a
/// notification or response, which get no answer).
pub(super) fn rejection(line: &[u8]) -> Option<Value> {
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    let e = match serde_json::from_slice::<ClientJsonRpcMessage>(line) {
        // rmcp reads a known method with params it cannot use as a request of its own.
        Ok(_) => return missing_param(line),
        Err(e) => e,
    };
    let v = match serde_json::from_slice::<Value>(line) {
        Ok(v) => v,
        Err(p) => {
            return Some(error(
                Value::Null,
                -32700,
                format!("Parse error: not JSON ({p})"),
            ));
        }
    };
    let Some(m) = v.as_object() else {
        return Some(error(
            Value::Null,
            -32600,
            "Invalid request: a message is one JSON object (batches are not supported)".into(),
        ));
    };
    // Notifications and responses are rmcp's to take or drop: nothing answers them.
    let id = m.get("id")?;
    let id = match id {
        Value::String(_) => id.clone(),
        Value::Number(n) if n.is_i64() || n.is_u64() => id.clone(),
        _ => Value::Null,
    };
    match m.get("method").and_then(Value::as_str) {
        Some(method) if KNOWN.contains(&method) && id != Value::Null => Some(error(
            id,
            -32602,
            format!("Invalid params for {method}: {e}"),
        )),
        _ => Some(error(
            id,
            -32600,
            format!("Invalid request: not a JSON-RPC 2.0 request ({e})"),
        )),
    }
}

/// The string parameter each method needs, for [`missing_param`].
const NEEDS: [(&str, &str); 2] = [("tools/call", "name"), ("resources/read", "uri")];

/// The invalid-params answer to a request of a method of [`NEEDS`] without its parameter.
fn missing_param(line: &[u8]) -> Option<Value> {
    let v: Value = serde_json::from_slice(line).ok()?;
    let id = v.get("id")?;
    let method = v.get("method")?.as_str()?;
    let (_, param) = NEEDS.iter().find(|(m, _)| *m == method)?;
    match v.get("params").and_then(|p| p.get(param)) {
        Some(Value::String(_)) => None,
        _ => Some(error(
            id.clone(),
            -32602,
            format!("Invalid params for {method}: `params.{param}` (a string) is missing"),
        )),
    }
}

fn error(id: Value, code: i64, message: String) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// Serves `server` on stdin and stdout until stdin ends or the session does.
pub(super) async fn serve(server: Server) -> Result<()> {
    let (mut to_rmcp, rmcp_in) = tokio::io::duplex(1 << 16);
    let (rmcp_out, from_rmcp) = tokio::io::duplex(1 << 16);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let reader = tokio::spawn(async move {
        let mut input = BufReader::new(tokio::io::stdin());
        let mut line = Vec::new();
        loop {
            line.clear();
            match input.read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            let text = line.strip_suffix(b"\n").unwrap_or(&line);
            let text = text.strip_suffix(b"\r").unwrap_or(text);
            if text.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if let Some(reply) = rejection(text) {
                if tx.send(reply.to_string()).is_err() {
                    break;
                }
            } else if to_rmcp.write_all(&line).await.is_err()
                || (!line.ends_with(b"\n") && to_rmcp.write_all(b"\n").await.is_err())
            {
                break;
            }
        }
        // Dropping `to_rmcp` ends rmcp's input, and so the session.
    });
    let writer = async move {
        let mut out = tokio::io::stdout();
        let mut from = BufReader::new(from_rmcp).lines();
        loop {
            let l = tokio::select! {
                l = from.next_line() => match l {
                    Ok(Some(l)) => l,
                    _ => break,
                },
                Some(r) = rx.recv() => r,
            };
            if out.write_all(format!("{l}\n").as_bytes()).await.is_err()
                || out.flush().await.is_err()
            {
                break;
            }
        }
    };
    let service = async move {
        let running = server
            .serve((rmcp_in, rmcp_out))
            .await
            .map_err(|e| Error::Usage(format!("mcp: the client did not initialize: {e}")))?;
        running
            .waiting()
            .await
            .map_err(|e| Error::Usage(format!("mcp: the session ended with an error: {e}")))?;
        Ok(())
    };
    let (r, ()) = tokio::join!(service, writer);
    reader.abort();
    r
}

#[cfg(test)]
mod tests {
    use super::rejection;
    use serde_json::json;

    #[test]
    fn what_rmcp_takes_passes_and_the_rest_is_answered() {
        let ok = br#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#;
        assert_eq!(rejection(ok), None);
        let note = br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#;
        assert_eq!(rejection(note), None);
        let bad = rejection(b"{nope").expect("answer");
        assert_eq!(bad["id"], json!(null));
        assert_eq!(bad["error"]["code"], json!(-32700));
        let no_name = br#"{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{}}"#;
        assert_eq!(
            rejection(no_name),
            Some(
                json!({"jsonrpc": "2.0", "id": "a", "error": {"code": -32602,
                "message": "Invalid params for tools/call: `params.name` (a string) is missing"}})
            )
        );
        let no_uri = br#"{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":3}}"#;
        assert_eq!(
            rejection(no_uri).expect("answer")["error"]["code"],
            json!(-32602)
        );
        let batch = rejection(b"[1]").expect("answer");
        assert_eq!(batch["error"]["code"], json!(-32600));
        let odd_id = br#"{"jsonrpc":"2.0","id":1.5,"method":"tools/list"}"#;
        let r = rejection(odd_id).expect("answer");
        assert_eq!(
            (r["id"].clone(), r["error"]["code"].clone()),
            (json!(null), json!(-32600))
        );
    }
}
