//! `adrgov mcp`: a Model Context Protocol server over stdio (the official Rust SDK, `rmcp`),
//! so agents read the decisions with the library's own answers: the tools of [`tools`] and
//! every ADR as a resource `adr://<id>`. Read-only unless `--allow-write`. Each request loads
//! the workspace anew, so what a tool wrote (or someone else did) is seen by the next one.
//! Nothing but the protocol goes to stdout; notes and warnings go to stderr.

mod search;
mod stdio;
mod tools;

use crate::error::{Error, Result};
use crate::repo::Workspace;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ErrorData, Implementation,
    ListResourcesResult, ListToolsResult, PaginatedRequestParams, ReadResourceRequestParams,
    ReadResourceResponse, ReadResourceResult, Resource, ResourceContents, ServerCapabilities,
    ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{RoleServer, ServerHandler};
use std::path::PathBuf;

/// Arguments of `adrgov mcp`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  adrgov mcp\n  adrgov mcp --allow-write\n  adrgov -C ~/src/payments mcp\n\n\
Speaks MCP (JSON-RPC) on stdin and stdout; register it in an MCP client as the command\n\
`adrgov` with the arguments `mcp` (see the README). Tools: search_decisions, get_decision,\n\
check, and with --allow-write draft_decision; every ADR is the resource adr://<id>."
)]
pub struct Args {
    /// Let agents create ADRs (the draft_decision tool writes a proposed ADR as `new` does).
    #[arg(long)]
    pub allow_write: bool,
}

/// The URI scheme of the ADR resources.
const SCHEME: &str = "adr://";

/// The server: where to find the workspace, and whether it may write.
#[derive(Debug, Clone)]
struct Server {
    cwd: PathBuf,
    allow_write: bool,
}

/// Serves MCP on stdin and stdout until the client closes them.
pub(super) fn run(cwd: &std::path::Path, a: Args) -> Result<u8> {
    // Refuse a directory without ADRs now, with the CLI's message, not at every call.
    super::workspace(cwd)?.load()?;
    let server = Server {
        cwd: cwd.to_path_buf(),
        allow_write: a.allow_write,
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("<tokio runtime>", e))?;
    let r = rt.block_on(stdio::serve(server));
    // The reader of stdin may still wait in a blocking read: do not wait for it.
    rt.shutdown_background();
    r.map(|()| crate::EXIT_OK)
}

/// An adrgov error as a JSON-RPC error: what the caller asked wrongly (an unknown ADR, a bad
/// argument) is invalid params; the rest (an unreadable file, git) is an internal error. The
/// message is the one the command line prints.
fn rpc_error(e: &Error) -> ErrorData {
    match e {
        Error::Usage(m) => ErrorData::invalid_params(m.clone(), None),
        other => ErrorData::internal_error(other.to_string(), None),
    }
}

impl Server {
    /// The workspace as it is now on disk.
    fn workspace(&self) -> std::result::Result<Workspace, ErrorData> {
        super::workspace(&self.cwd).map_err(|e| rpc_error(&e))
    }
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .build(),
        )
        .with_server_info(Implementation::new("adrgov", env!("CARGO_PKG_VERSION")))
        .with_instructions(
            "The Architecture Decision Records of this repository. search_decisions finds \
             decisions by words; get_decision gives one with its relations, the decision in \
             force in its place and its history; check reports the hygiene findings. Every ADR \
             is also the resource adr://<id>.",
        )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> std::result::Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(tools::list(
            self.allow_write,
        )))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> std::result::Result<CallToolResponse, ErrorData> {
        let args = request.arguments.unwrap_or_default();
        let value = tools::call(self, &request.name, args)?;
        Ok(CallToolResult::structured(value).into())
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> std::result::Result<ListResourcesResult, ErrorData> {
        let ws = self.workspace()?;
        let loaded = ws.load().map_err(|e| rpc_error(&e))?;
        let resources = loaded
            .entries
            .iter()
            .map(|e| {
                let a = e.adr();
                let r = Resource::new(format!("{SCHEME}{}", a.id), a.id.clone())
                    .with_description(format!(
                        "{} ({})",
                        a.path,
                        a.status.as_deref().unwrap_or("no status")
                    ))
                    .with_mime_type("text/markdown");
                match &a.title {
                    Some(t) => r.with_title(t.clone()),
                    None => r,
                }
            })
            .collect();
        Ok(ListResourcesResult::with_all_items(resources))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> std::result::Result<ReadResourceResponse, ErrorData> {
        let Some(id) = request.uri.strip_prefix(SCHEME) else {
            return Err(ErrorData::resource_not_found(
                format!(
                    "`{}` is not an ADR: their URIs are adr://<id>, e.g. adr://0001",
                    request.uri
                ),
                None,
            ));
        };
        let ws = self.workspace()?;
        let loaded = ws.load().map_err(|e| rpc_error(&e))?;
        let Some(e) = loaded.entries.iter().find(|e| e.adr().id == id) else {
            return Err(ErrorData::resource_not_found(
                format!("no ADR has the id `{id}` (resources/list gives their URIs)"),
                None,
            ));
        };
        let contents = ResourceContents::text(e.text.clone(), request.uri.clone())
            .with_mime_type("text/markdown");
        Ok(ReadResourceResult::new(vec![contents]).into())
    }
}
